"""The report as a Word document: built from the same document as the PDF, with heading styles
Word's table of contents reads, repeated table headers, landscape sections for the wide tables,
the same numbers as the JSON, and the DRAF mark with its annex while errors are open."""

import io
from decimal import Decimal

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from perkin.formatting import percent
from reports.checks import build_quarterly_report
from reports.exporters import get_exporter
from reports.exporters.json_export import report_as_dict
from tests.factories import IndicatorFactory, MonthlyRealisationFactory, WorkUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seed_docx(seed_report):
    exporter = get_exporter("docx")
    report = seed_report.report
    document = Document(io.BytesIO(seed_report.file("docx")))
    return report, exporter.filename(report), exporter.content_type, document


def _table_after(doc, start, style="Caption"):
    """The table that follows the paragraph (of the style) whose text starts with start."""
    from docx.text.paragraph import Paragraph

    body = doc.element.body
    found = False
    for child in body.iterchildren():
        if found and child.tag == qn("w:tbl"):
            from docx.table import Table

            return Table(child, doc)
        if child.tag == qn("w:p"):
            p = Paragraph(child, doc)
            if p.text.startswith(start) and (style is None or p.style.name == style):
                found = True
    raise AssertionError(start)


def test_word_report_numbers_equal_the_json(seed_docx, demo_unit):
    report, filename, content_type, doc = seed_docx
    assert filename == "laporan-pp39-bspji-plg-2024-tw4.docx"
    assert content_type.endswith("wordprocessingml.document")
    data = report_as_dict(report)
    table = _table_after(doc, "Tabel 4.1 ")
    rows = {r.cells[2].text: [c.text for c in r.cells] for r in table.rows}
    for ind in data["indicators"]:
        assert percent(Decimal(ind["achievement_pct"])) in rows[ind["code"]], ind["code"]
    assert percent(Decimal("123.33")) in rows["I.1"] and "501,00%" in rows["III.2"]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "20.535.869.000" in text or any(
        "20.535.869.000" in c.text for t in doc.tables for r in t.rows for c in r.cells
    )


def test_word_report_has_headings_toc_repeated_headers_and_landscape_tables(seed_docx):
    report, _name, _type, doc = seed_docx
    headings = [
        (p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")
    ]
    assert ("Heading 1", "BAB I PENDAHULUAN") in headings
    assert ("Heading 2", "1.1. Tugas dan Fungsi Organisasi") in headings
    assert sum(1 for style, _t in headings if style == "Heading 5") == len(report.indicators)
    instructions = " ".join(e.text for e in doc.element.body.iter(qn("w:instrText")))
    assert "TOC" in instructions
    assert doc.settings.element.find(qn("w:updateFields")) is not None
    action_plan = _table_after(doc, "Tabel 3.1 ")
    header = action_plan.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None
    landscape = [s for s in doc.sections if s.orientation == WD_ORIENT.LANDSCAPE]
    assert landscape and all(s.page_width > s.page_height for s in landscape)
    # the action plan (12 months) lies in a landscape section: the section break after it
    body = list(doc.element.body.iterchildren())
    after = body[body.index(action_plan._tbl) :]
    next_break = next(
        e.find(qn("w:pPr")).find(qn("w:sectPr"))
        for e in after
        if e.tag == qn("w:p")
        and e.find(qn("w:pPr")) is not None
        and e.find(qn("w:pPr")).find(qn("w:sectPr")) is not None
    )
    size = next_break.find(qn("w:pgSz"))
    assert size.get(qn("w:orient")) == "landscape"


def test_word_report_is_marked_draft_with_the_open_findings(seed_docx):
    report, _name, _type, doc = seed_docx
    assert report.is_draft
    header = doc.sections[0].header.paragraphs[0].text
    assert header.startswith("DRAF") and str(len(report.open_errors)) in header
    annex = _table_after(doc, "Laporan ini masih DRAF", style=None)
    messages = [r.cells[2].text for r in annex.rows[1:]]
    assert messages == [f.message for f in report.open_errors]
    # the same annex as the PDF and the workbook: A open errors, B acknowledged, C warnings
    sections = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"][-3:]
    assert sections == [
        "A. Temuan kesalahan yang belum diselesaikan",
        "B. Temuan yang diterima oleh kepala unit kerja",
        "C. Peringatan",
    ]
    warnings = _table_after(doc, "C. Peringatan", style=None)
    expected = [f.message for f in report.checks if f.severity == "warning"]
    assert expected and [r.cells[2].text for r in warnings.rows[1:]] == expected


def test_a_report_without_open_errors_is_not_a_draft(db):
    unit = WorkUnitFactory()
    ind = IndicatorFactory(goal__agreement__unit=unit, target=Decimal("80"))
    MonthlyRealisationFactory(indicator=ind, month=3, physical_pct=25, value_to_date=100)
    report = build_quarterly_report(unit, 2025, 1)
    assert not report.is_draft
    doc = Document(io.BytesIO(get_exporter("docx").render_bytes(report)))
    assert "DRAF" not in doc.sections[0].header.paragraphs[0].text
    assert not any("LAMPIRAN" in p.text for p in doc.paragraphs)
    assert any("125,00%" in c.text for t in doc.tables for r in t.rows for c in r.cells)
