"""The quarterly report as an Excel workbook: one sheet per report table ("Tabel 3.7"), the same
cells as the PDF with numbers as numbers (number formats, not text), frozen header rows,
column widths fitted to the content, and A4 print settings (landscape for wide tables, header
rows repeated on every printed page)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from perkin.spreadsheet import DEFAULT_HEIGHT, as_text, height_for, print_a4, text_lines
from reports.exporters.base import Exporter, register
from reports.exporters.html_export import REPORT_LANGUAGE
from reports.exporters.xlsx_draft import add_draft_and_annex
from reports.pp39.document import build_document
from reports.pp39.tables.base import placed

if TYPE_CHECKING:
    from reports.engine.report import QuarterlyReport
    from reports.pp39.tables.base import Cell, Table

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="DCE6F1")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
BOLD = Font(bold=True)
MAX_WIDTH, MIN_WIDTH = 60, 6
PORTRAIT_LINE, LANDSCAPE_LINE = 110, 190  # characters across a printed A4 page


def _place(ws: Worksheet, rows: list[tuple[list[Cell], Any]], first_row: int) -> int:
    """Writes rows of (cells, style) with their spans (merged cells) from first_row; returns
    the next free row."""
    styles = [style for _, style in rows]
    for r, c, cell in placed([cells for cells, _ in rows], first_column=1):
        row = first_row + r
        styles[r](as_text(ws.cell(row=row, column=c, value=_value(cell))), cell)
        if cell.rowspan > 1 or cell.colspan > 1:
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if dr or dc:
                        ws.cell(row=row + dr, column=c + dc).border = BORDER
            ws.merge_cells(
                start_row=row,
                start_column=c,
                end_row=row + cell.rowspan - 1,
                end_column=c + cell.colspan - 1,
            )
    return first_row + len(rows)


def _value(cell: Cell) -> Any:
    """The cell's value for Excel: numbers as numbers, including a row number written as a
    text cell ("No"); text stays text."""
    if cell.kind == "text" and isinstance(cell.value, int) and not isinstance(cell.value, bool):
        return cell.value
    return cell.xlsx_value


def _fit_heights(ws: Worksheet, table: Table, widths: list[float], first_row: int) -> None:
    """Row heights that show every wrapped text whole: Excel and LibreOffice keep the default
    height for rows written by a program, so long texts would overlap the rows below."""
    heights: dict[int, float] = {}
    rows = [*table.head, *(row.cells for row in table.rows)]
    for r, c, cell in placed(rows, first_column=1):
        if cell.is_number or not cell.text:
            continue
        width = sum(widths[c - 1 : c - 1 + cell.colspan]) or MIN_WIDTH
        needed = height_for(text_lines(cell.text, width))
        per_row = needed / cell.rowspan
        for dr in range(cell.rowspan):
            row = first_row + r + dr
            heights[row] = max(heights.get(row, DEFAULT_HEIGHT), per_row)
    for row, height in heights.items():
        if height > DEFAULT_HEIGHT:
            ws.row_dimensions[row].height = round(height, 1)


def _head_style(target, cell: Cell) -> None:
    target.font = BOLD
    target.fill = HEAD_FILL
    target.border = BORDER
    target.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _body_style(row_cls: str):
    def style(target, cell: Cell) -> None:
        target.border = BORDER
        if cell.xlsx_format and cell.value is not None:
            target.number_format = cell.xlsx_format
        horizontal = "right" if cell.is_number else ("center" if "center" in cell.cls else None)
        target.alignment = Alignment(
            vertical="top", wrap_text=not cell.is_number, horizontal=horizontal
        )
        if row_cls in ("total", "group", "self"):
            target.font = BOLD
        if row_cls == "group":
            target.fill = GROUP_FILL

    return style


def _widths(table: Table) -> list[float]:
    """Column widths in characters: a number column fits its longest number; a text column
    fits its content up to its share of a printable line (the table's relative widths), and
    wraps beyond that. Headers only need their longest word."""
    n = table.ncols
    longest, words, numeric = [0] * n, [0] * n, [False] * n
    head = len(table.head)
    for r, c, cell in placed([*table.head, *(row.cells for row in table.rows)], first_column=1):
        if cell.colspan > 1 or c > n:
            continue
        i, text = c - 1, cell.text
        words[i] = max(words[i], *(len(w) for w in text.split()), 0)
        if r >= head:
            longest[i] = max(longest[i], len(text))
            numeric[i] = numeric[i] or cell.is_number
    line = LANDSCAPE_LINE if _is_wide(table) else PORTRAIT_LINE
    total = sum(table.widths) or 1
    out = []
    for i in range(n):
        share = table.widths[i] / total * line
        if numeric[i]:
            width = max(longest[i], words[i])
        else:
            width = min(max(longest[i], words[i]), max(share, words[i]))
        out.append(max(MIN_WIDTH, min(MAX_WIDTH, width + 2)))
    return out


def _is_wide(table: Table) -> bool:
    return table.landscape or table.ncols > 6


def write_table(ws: Worksheet, table: Table) -> None:
    as_text(ws.cell(row=1, column=1, value=table.caption)).font = Font(bold=True, size=12)
    body_row = _place(ws, [(cells, _head_style) for cells in table.head], 3)
    for group in table.groups:  # row spans stay within a group
        body_row = _place(ws, [(row.cells, _body_style(row.cls)) for row in group], body_row)
    widths = _widths(table)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    _fit_heights(ws, table, widths, 3)
    head_end = 2 + len(table.head)
    ws.freeze_panes = ws.cell(row=head_end + 1, column=1)
    ws.print_title_rows = f"3:{head_end}"
    print_a4(ws, landscape=_is_wide(table))
    ws.print_options.gridLines = False
    ws.oddFooter.center.text = "Halaman &P dari &N"


def build_workbook(report: QuarterlyReport) -> Workbook:
    with translation.override(REPORT_LANGUAGE):
        doc = build_document(report)
    wb = Workbook()
    info = wb.active
    info.title = "Laporan"
    lines = [
        ("Laporan PP 39", report.unit.name),
        ("Kode unit", report.unit.code),
        ("Tahun anggaran", report.year),
        ("Triwulan", f"{doc.words['quarter']} ({doc.words['months']})"),
    ]
    for r, (label, value) in enumerate(lines, start=1):
        as_text(info.cell(row=r, column=1, value=label)).font = BOLD
        as_text(info.cell(row=r, column=2, value=value))
    info.cell(row=len(lines) + 2, column=1, value="Daftar tabel").font = BOLD
    for r, table in enumerate(doc.tables, start=len(lines) + 3):
        as_text(info.cell(row=r, column=1, value=table.sheet_name))
        as_text(info.cell(row=r, column=2, value=table.title))
    info.column_dimensions["A"].width = 18
    info.column_dimensions["B"].width = 90
    print_a4(info)
    for table in doc.tables:
        write_table(wb.create_sheet(table.sheet_name), table)
    add_draft_and_annex(wb, doc.annex)
    return wb


@register
class XlsxExporter(Exporter):
    identifier = "xlsx"
    verbose_name = "Excel"
    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def render_bytes(self, report: QuarterlyReport) -> bytes:
        buf = io.BytesIO()
        build_workbook(report).save(buf)
        return buf.getvalue()
