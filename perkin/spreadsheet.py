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
