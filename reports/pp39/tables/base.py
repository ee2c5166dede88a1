"""The tables of the PP 39 report as data: header rows, body rows of typed cells, relative
column widths. The HTML/PDF templates and the Excel workbook both render these objects, so a
table has one definition and its numbers cannot differ between formats.

A cell keeps the engine's value (Decimal, int, date or text) and its kind; formatting to the
Indonesian display happens at render time (``Cell.text`` for HTML, number formats for Excel).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from perkin.formatting import DASH, number, percent, smart

KEEP_ROWS = 12
NUMERIC_KINDS = {"money", "int", "pct", "dec2", "smart"}
# Excel number formats per kind (displayed with the reader's locale separators).
XLSX_FORMATS = {
    "money": "#,##0",
    "int": "#,##0",
    "pct": '0.00"%"',
    "dec2": "0.00",
    "smart": "General",
    "date": "dd-mm-yyyy",
}


@dataclass
class Cell:
    value: Any = None
    kind: str = "text"  # text | money | int | pct | dec2 | smart | date
    colspan: int = 1
    rowspan: int = 1
    cls: str = ""
    suffix: str = ""  # unit printed after a number: "30 Persen"

    @property
    def is_number(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def text(self) -> str:
        """The value as the report prints it (Indonesian separators, '-' when missing)."""
        v = self.value
        if self.kind == "text":
            return "" if v is None else str(v)
        if v is None:
            return DASH
        if self.kind == "money" or self.kind == "int":
            out = number(v, 0)
        elif self.kind == "pct":
            out = percent(v)
        elif self.kind == "dec2":
            out = number(v, 2)
        elif self.kind == "smart":
            out = smart(v)
        elif self.kind == "date":
            from reports.pp39.narrative import date_id

            out = date_id(v)
        else:  # pragma: no cover - guarded by the kinds above
            out = str(v)
        if not self.suffix:
            return out
        return out + self.suffix if self.suffix == "%" else f"{out} {self.suffix}"

    @property
    def css(self) -> str:
        classes = [self.cls] if self.cls else []
        if self.is_number:
            classes.append("num")
            if self.suffix and self.suffix != "%":
                classes.append("wrap")  # "1 Perusahaan" may take two lines
        return " ".join(classes)

    @property
    def xlsx_value(self) -> Any:
        v = self.value
        if v is None:
            return None if self.is_number else (self.text or None)
        if self.kind in ("money", "int"):
            return int(v)
        if self.kind in NUMERIC_KINDS:
            return Decimal(v)
        if isinstance(v, date):
            return v
        return str(v)

    @property
    def xlsx_format(self) -> str | None:
        fmt = XLSX_FORMATS.get(self.kind)
        if fmt and self.suffix and self.value is not None:
            space = "" if self.suffix == "%" else " "
            return f'{fmt}"{space}{self.suffix}"'
        return fmt


def placed(rows: list[list[Cell]], first_column: int = 0):
    """(row offset, column, cell) of each cell placed with its spans as an HTML table lays
    it out: a cell goes to the first column not taken by a span from a row above. Columns
    count from first_column (0 for Word, 1 for a worksheet)."""
    taken: set[tuple[int, int]] = set()
    for r, cells in enumerate(rows):
        c = first_column
        for cell in cells:
            while (r, c) in taken:
                c += 1
            taken.update(
                (r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)
            )
            yield r, c, cell
            c += cell.colspan


def text(value: Any, **kw) -> Cell:
    return Cell(value, "text", **kw)


def money(value: Decimal | None, **kw) -> Cell:
    return Cell(value, "money", **kw)


def pct(value: Decimal | None, **kw) -> Cell:
    return Cell(value, "pct", **kw)


def integer(value: int | None, **kw) -> Cell:
    return Cell(value, "int", **kw)


def dec2(value: Decimal | None, **kw) -> Cell:
    return Cell(value, "dec2", **kw)


def smart_cell(value: Decimal | None, **kw) -> Cell:
    return Cell(value, "smart", **kw)


@dataclass
class Row:
    cells: list[Cell]
    cls: str = ""  # "group" | "total" | "self"


@dataclass
class Table:
    key: str
    title: str
    head: list[list[Cell]]
    groups: list[list[Row]]  # each group is printed as one <tbody>, kept on one page if it fits
    widths: list[float]  # relative column widths, summing to 100
    landscape: bool = False
    size: str = ""  # "" | "small" | "tiny": font size class of report.css
    number: str = ""  # assigned by the document: "3.7"
    column_parts: int = 0  # >0: the PDF prints the columns after the first two in parts of n
    chapter: int = 0

    @property
    def caption(self) -> str:
        return f"Tabel {self.number} {self.title}"

    @property
    def anchor(self) -> str:
        return "tabel-" + self.number.replace(".", "-")

    @property
    def sheet_name(self) -> str:
        return f"Tabel {self.number}"

    @property
    def keep(self) -> bool:
        """Short tables are printed on one page when they fit (report.css: .keep); tiny-print
        tables carry long texts per row and may be taller than a page, so they break."""
        return len(self.rows) <= KEEP_ROWS and not self.landscape and self.size != "tiny"

    @property
    def has_values(self) -> bool:
        """False when no number cell of the body has a value (the table would print only
        dashes: the document says in a sentence what is not yet available instead)."""
        cells = [c for row in self.rows for c in row.cells if c.is_number]
        return not cells or any(c.value is not None for c in cells)

    @property
    def ncols(self) -> int:
        return len(self.widths)

    @property
    def rows(self) -> list[Row]:
        return [row for group in self.groups for row in group]

    def parts(self) -> list[Table]:
        """The table as printed: whole, or split by columns (the first two columns repeated) when
        its many value columns cannot fit one landscape page (table 2.2, one per revision)."""
        if not self.column_parts or self.ncols - 2 <= self.column_parts:
            return [self]
        out = []
        for start in range(2, self.ncols, self.column_parts):
            cols = [0, 1, *range(start, min(start + self.column_parts, self.ncols))]
            widths = [self.widths[i] for i in cols]
            scale = 100 / sum(widths)
            out.append(
                replace(
                    self,
                    head=[_pick(row, cols) for row in self.head],
                    groups=[
                        [Row(_pick(r.cells, cols), r.cls) for r in group] for group in self.groups
                    ],
                    widths=[w * scale for w in widths],
                    column_parts=0,
                )
            )
        return out


def _pick(cells: list[Cell], cols: list[int]) -> list[Cell]:
    """The cells of a span-free row at the given column indexes."""
    return [cells[i] for i in cols]


def column_numbers(n: int) -> list[Cell]:
    """The header row '1 2 3 ... n' the seed's tables carry under their titles."""
    return [text(str(i), cls="colno") for i in range(1, n + 1)]


@dataclass
class Figure:
    key: str
    title: str
    svg_data_uri: str
    number: str = ""
    chapter: int = 0

    @property
    def caption(self) -> str:
        return f"Gambar {self.number} {self.title}"

    @property
    def anchor(self) -> str:
        return "gambar-" + self.number.replace(".", "-")


@dataclass
class Numbering:
    """Numbers tables and figures per chapter in the order the document presents them."""

    tables: list[Table] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def table(self, chapter: int, table: Table) -> Table:
        table.chapter = chapter
        table.number = f"{chapter}.{sum(1 for t in self.tables if t.chapter == chapter) + 1}"
        self.tables.append(table)
        return table

    def figure(self, chapter: int, figure: Figure) -> Figure:
        figure.chapter = chapter
        n = sum(1 for f in self.figures if f.chapter == chapter) + 1
        figure.number = f"{chapter}.{n}"
        self.figures.append(figure)
        return figure
