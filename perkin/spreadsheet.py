"""Writing cells that spreadsheets read back safely: stored text never becomes a live formula.

openpyxl turns any string starting with '=' into a formula; a name such as "=HYPERLINK(...)"
or "=cmd|' /C calc'!A0" typed into Perkin would then run in the reader's Excel. Every
workbook Perkin writes puts its values through ``put``/``append`` so text is typed as text;
every CSV cell goes through ``csv_text``, which neutralises the characters that start a
formula in Excel and LibreOffice (= + - @, tab, carriage return).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(cell: Cell) -> Cell:
    """Types a cell holding a string as text (never a formula)."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def put(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """ws.cell(row, column, value) with text typed as text."""
    return as_text(ws.cell(row=row, column=column, value=value))


def append(ws: Worksheet, values: Iterable[Any]) -> None:
    """ws.append(values) with text typed as text."""
    ws.append(list(values))
    for cell in ws[ws.max_row]:
        as_text(cell)


def csv_text(value: str) -> str:
    """Text for a CSV cell that no spreadsheet reads as a formula: a leading = + - @ tab or
    carriage return gets an apostrophe in front (OWASP's CSV injection advice)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


# Row heights: Excel and LibreOffice keep the default height of rows a program wrote, so wrapped
# text would overlap the rows below; rows are given the height their longest text needs.
CHARS_PER_WIDTH = 1.1  # characters of an 11 pt text per unit of column width (a little under
# Excel's 'width of a 0', so a line never overflows in LibreOffice's wider fallback font)
LINE_HEIGHT, PADDING, DEFAULT_HEIGHT = 14.5, 2.0, 15.0  # points


def text_lines(text: str, width: float) -> int:
    """How many lines a wrapped text takes in a column `width` characters wide. Spreadsheets
    wrap at spaces, so a word that does not fit moves whole to the next line (a word longer
    than a line is broken); counting characters alone would leave the last line clipped."""
    per_line = max(1, int(width * CHARS_PER_WIDTH))
    total = 0
    for paragraph in (text or "").split("\n"):
        lines, used = 1, 0
        for word in paragraph.split():
            if used and used + 1 + len(word) <= per_line:
                used += 1 + len(word)
                continue
            if used:
                lines += 1
            # the word starts a line; one longer than a line breaks over several
            full, rest = divmod(len(word), per_line)
            lines, used = (lines + full, rest) if rest else (lines + full - 1, per_line)
        total += lines
    return total


def height_for(lines: int) -> float:
    return lines * LINE_HEIGHT + PADDING


def fit_row_heights(ws: Worksheet, first_row: int = 1) -> None:
    """Gives each row from first_row the height its wrapped text cells need (merged cells are
    left to the caller)."""
    widths = {
        letter: (dim.width or 8.43) for letter, dim in ws.column_dimensions.items() if dim.width
    }
    for row in ws.iter_rows(min_row=first_row):
        lines = 1
        for cell in row:
            if isinstance(cell.value, str) and cell.alignment and cell.alignment.wrap_text:
                lines = max(lines, text_lines(cell.value, widths.get(cell.column_letter, 8.43)))
        if height_for(lines) > DEFAULT_HEIGHT:
            ws.row_dimensions[row[0].row].height = height_for(lines)


def print_a4(ws: Worksheet, *, landscape: bool = False) -> None:
    """A4, as wide as one page (fit-to-width switched on, so it takes effect), any height."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
