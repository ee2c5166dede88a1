"""Word pieces of the report: a report table (merged cells, header rows repeated on every page,
numbers right-aligned), page fields, a table of contents field, section orientation, and the
writer of paragraphs, sentences, staff texts, tables and figures that docx_export lays out."""

from __future__ import annotations

import base64
import io
import re
from html import unescape
from typing import TYPE_CHECKING

from django.utils.html import strip_tags
from django.utils.text import normalize_newlines
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from reports.pp39.tables.base import placed

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph

    from reports.pp39.tables.base import Cell, Figure, Table

FONT_SIZES = {"": 8.5, "small": 7.5, "tiny": 6.5}
HEAD_SHADE = "DCE6F1"
GROUP_SHADE = "F2F2F2"
A4 = (Cm(21.0), Cm(29.7))


def _shade(cell, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties.append(shading)


def repeat_header(row) -> None:
    """Marks a table row as a header row, repeated at the top of every page it spans."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _keep_row_whole(row) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def add_table(document: WordDocument, table: Table, usable_width) -> None:
    """The report table as a Word table, split by columns where the PDF splits it."""
    size = Pt(FONT_SIZES.get(table.size, 8.5))
    for index, part in enumerate(table.parts()):
        caption = table.caption if index == 0 else f"{table.caption} (lanjutan)"
        document.add_paragraph(caption, style="Caption").paragraph_format.keep_with_next = True
        rows = [*part.head, *(row.cells for row in part.rows)]
        styles = ["head"] * len(part.head) + [row.cls for row in part.rows]
        word = document.add_table(rows=len(rows), cols=part.ncols)
        word.style = "Table Grid"
        word.alignment = WD_TABLE_ALIGNMENT.CENTER
        total = sum(part.widths) or 1
        set_widths(word, [int(usable_width * w / total) for w in part.widths])
        # the plain grid once (python-docx recomputes it on every table.cell call); spans are
        # merged after filling, the cells they cover being empty
        grid = word._cells
        spans = []
        for r, c, cell in placed(rows):
            if c >= part.ncols:
                continue
            _fill(grid[r * part.ncols + c], cell, styles[r], size)
            if cell.rowspan > 1 or cell.colspan > 1:
                end = (min(r + cell.rowspan, len(rows)) - 1, min(c + cell.colspan, part.ncols) - 1)
                spans.append(((r, c), end))
        for (r, c), (r2, c2) in spans:  # spans never overlap: the grid's cells stay valid
            grid[r * part.ncols + c].merge(grid[r2 * part.ncols + c2])
        for r, row in enumerate(word.rows):
            if r < len(part.head):
                repeat_header(row)
            _keep_row_whole(row)


def set_widths(word_table, widths: list) -> None:
    word_table.autofit = False
    for column, width in zip(word_table.columns, widths, strict=True):
        column.width = width  # the table grid, which LibreOffice reads
    for i, cell in enumerate(word_table._cells):
        cell.width = widths[i % len(widths)]  # each cell's own width, which Word reads


def _fill(target, cell: Cell, style: str, size) -> None:
    paragraph = target.paragraphs[0]
    lines = cell.text.split("\n")
    run = paragraph.add_run(lines[0])
    for line in lines[1:]:
        run.add_break()
        run = paragraph.add_run(line)
    for r in paragraph.runs:
        r.font.size = size
        r.font.bold = style in ("head", "total", "group", "self")
    if style == "head":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _shade(target, HEAD_SHADE)
    elif cell.is_number:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif "center" in cell.cls:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if style == "group":
        _shade(target, GROUP_SHADE)
    paragraph.paragraph_format.space_after = Pt(0)


def add_field(paragraph: Paragraph, code: str, shown: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC ...) with `shown` as its current result."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run._r.append(begin)
    run = paragraph.add_run()
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    run._r.append(instruction)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    paragraph.add_run(shown)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def update_fields_on_open(document: WordDocument) -> None:
    """Asks Word to refresh the fields (table of contents, page count) when the file opens."""
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def set_orientation(section, landscape: bool) -> None:
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))


def new_section(document: WordDocument, landscape: bool):
    section = document.add_section(WD_SECTION.NEW_PAGE)
    set_orientation(section, landscape)
    return section


def usable_width(section):
    return section.page_width - section.left_margin - section.right_margin


DRAFT_RED = RGBColor(0xC0, 0x00, 0x00)


BOLD = re.compile(r"(<strong>.*?</strong>)", re.S)


def png_of(data_uri: str) -> bytes | None:
    """A figure or logo data URI as PNG bytes for Word (SVG drawn with CairoSVG)."""
    if not data_uri or "," not in data_uri:
        return None
    head, payload = data_uri.split(",", 1)
    data = base64.b64decode(payload)
    if "image/png" in head:
        return data
    if "image/svg" in head:
        import cairosvg  # imported on first use, like WeasyPrint

        return cairosvg.svg2png(bytestring=data, scale=2)
    return None


class WordWriter:
    """Adds the document's pieces to a python-docx Document, keeping track of the current
    section's orientation (a landscape table gets a landscape section of its own)."""

    def __init__(self) -> None:
        self.word = Document()
        self.landscape = False

    def orientation(self, landscape: bool) -> None:
        if landscape != self.landscape:
            new_section(self.word, landscape)
            self.landscape = landscape

    def page_break(self) -> None:
        self.word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def heading(self, text: str, level: int) -> None:
        self.word.add_heading(text, level=level)

    def sentence(self, html: str, style: str | None = None) -> None:
        """A generated sentence (may hold <strong>) as one paragraph."""
        if not html:
            return
        paragraph = self.word.add_paragraph(style=style)
        for part in BOLD.split(str(html)):
            if not part:
                continue
            bold = part.startswith("<strong>")
            paragraph.add_run(unescape(strip_tags(part))).bold = bold

    def text(self, value: str | None, *, placeholder: str = "") -> None:
        """A staff text: paragraphs at blank lines, line breaks kept."""
        value = normalize_newlines(value or "").strip()
        if not value:
            if placeholder:
                self.word.add_paragraph(placeholder).runs[0].italic = True
            return
        for block in value.split("\n\n"):
            lines = block.strip().split("\n")
            paragraph = self.word.add_paragraph(lines[0])
            for line in lines[1:]:
                paragraph.add_run().add_break()
                paragraph.add_run(line)

    def table(self, table: Table) -> None:
        turn = table.landscape and not self.landscape
        if turn:
            self.orientation(True)
        add_table(self.word, table, usable_width(self.word.sections[-1]))
        self.word.add_paragraph()
        if turn:
            self.orientation(False)

    def figure(self, figure: Figure) -> None:
        png = png_of(figure.svg_data_uri)
        if png:
            self.word.add_picture(io.BytesIO(png), width=Cm(15))
        self.word.add_paragraph(figure.caption, style="Caption")
