"""Downloads of the dashboard tables and of the view across units, as files a spreadsheet opens
and computes with:

- XLSX: numbers as numbers with Indonesian-displayed number formats (a percentage is the number
  95,5 shown as 95,50%; rupiah as 20.535.869.000 in an Indonesian-locale spreadsheet), text as
  text (never a formula), plain words instead of the page's HTML, A4 landscape fit to width.
- CSV in the Indonesian convention: ';' between cells, a decimal comma, no thousands separator,
  UTF-8 with a byte-order mark and CRLF line ends. Excel with Indonesian regional settings
  (whose list separator is ';') opens it with a double click into numeric columns; LibreOffice
  shows its import dialog with ';' ticked. Text starting with = + - @ is neutralised.

Every link carries the selected year and quarter, and so does every file name.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

import django_tables2 as tables
from django.http import HttpRequest, HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from perkin.spreadsheet import as_text, csv_text
from reports.dashboard.tables import NumberColumn

FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NUMBER_FORMATS = {"pct": '0.00"%"', "rp": "#,##0", "int": "#,##0", "number": "#,##0.00"}
UNITS = {"pct": " (%)", "rp": " (Rp)"}


def download_links(request: HttpRequest, *, year: int, quarter: int, name: str = "") -> dict:
    """{'csv': '?year=..&q=..&_export=csv[&t=name]', 'xlsx': ...}, keeping the page's other
    parameters (the table's sort order) and always the selected period."""
    out = {}
    for fmt in FORMATS:
        params = {k: v for k, v in request.GET.items() if k not in ("year", "q", "_export", "t")}
        params.update({"year": year, "q": quarter, "_export": fmt})
        if name:
            params["t"] = name
        out[fmt] = "?" + urlencode(params)
    return out


def _columns(table: tables.Table) -> list[tuple[str, str, str]]:
    """(accessor, header, kind) of the visible columns in their shown order."""
    out = []
    for column in table.columns:
        kind = column.column.fmt if isinstance(column.column, NumberColumn) else "text"
        out.append((column.accessor, str(column.header) + UNITS.get(kind, ""), kind))
    return out


def _rows(table: tables.Table, columns) -> list[list[Any]]:
    """Each shown row's raw values (sorted as on the page), not the page's rendered HTML."""
    out = []
    for row in table.rows:
        values = []
        for accessor, _header, kind in columns:
            value = accessor.resolve(row.record, quiet=True)
            if kind != "text" and value is not None:
                value = Decimal(str(value))
            values.append(value)
        out.append(values)
    return out


def _csv_cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.replace(".", ",")
    return csv_text(str(value))


def render_csv(table: tables.Table) -> bytes:
    columns = _columns(table)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_text(header) for _a, header, _k in columns])
    for values in _rows(table, columns):
        writer.writerow([_csv_cell(v, k) for v, (_a, _h, k) in zip(values, columns, strict=True)])
    return buffer.getvalue().encode("utf-8-sig")


def render_xlsx(table: tables.Table, title: str) -> bytes:
    columns = _columns(table)
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    for c, (_a, header, _k) in enumerate(columns, start=1):
        cell = as_text(ws.cell(row=1, column=c, value=header))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [len(header) for _a, header, _k in columns]
    for r, values in enumerate(_rows(table, columns), start=2):
        for c, (value, (_a, _h, kind)) in enumerate(zip(values, columns, strict=True), start=1):
            cell = as_text(ws.cell(row=r, column=c, value=value))
            if kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[kind]
            elif kind == "smart":
                cell.number_format = "General"
            widths[c - 1] = max(widths[c - 1], len(str(value)) if value is not None else 0)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(60, max(8, width + 2))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def table_download(table: tables.Table, fmt: str, filename: str, title: str) -> HttpResponse:
    """The table as a CSV or XLSX attachment named filename + '.' + fmt."""
    if fmt == "csv":
        response = HttpResponse(render_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(render_xlsx(table, title), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
