"""The report workbook prints readably: row heights fit wrapped text, numbers (row numbers
included) are numbers, A4 with a fit to width that takes effect and repeated header rows."""

import pytest

from reports.checks import build_quarterly_report
from reports.exporters.xlsx_export import build_workbook

pytestmark = pytest.mark.django_db


def test_report_workbook_rows_fit_their_text_and_numbers_are_numbers(demo_unit):
    wb = build_workbook(build_quarterly_report(demo_unit, 2024, 4))
    ws = wb["Tabel 3.2"]
    column_numbers = next(r for r in range(3, 10) if ws.cell(row=r, column=1).value == "1")
    first_body = column_numbers + 1
    assert ws.cell(row=first_body, column=1).value == 1  # "No" is a number, not text
    longest = max(len(str(c.value)) for c in ws[first_body] if isinstance(c.value, str))
    assert longest > 200 and ws.row_dimensions[first_body].height > 60
    for sheet in wb.worksheets[1:]:
        assert int(sheet.page_setup.paperSize) == 9
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows and sheet.print_title_rows.startswith("$3:")
    revisions = wb["Tabel 2.1"]
    numbers = [revisions.cell(row=r, column=1).value for r in range(4, revisions.max_row + 1)]
    assert numbers == list(range(1, len(numbers) + 1))  # row numbers as numbers
    assert all(isinstance(c.value, int) for c in revisions["C"][3:])  # pagu as numbers


def test_entry_workbook_prints_on_a4_and_checks_every_number_column(client, planner):
    import io

    import openpyxl

    client.force_login(planner)
    wb = openpyxl.load_workbook(io.BytesIO(client.get("/u/BSPJI-PLG/isi/2024/unduh.xlsx").content))
    for ws in wb.worksheets:
        assert int(ws.page_setup.paperSize) == 9 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert wb["Petunjuk"].row_dimensions[4].height > 15  # a wrapped instruction gets its lines
    for sheet, header in (
        ("Realisasi", "Nilai s.d. bulan ini"),
        ("Realisasi", "Realisasi fisik (%)"),
        ("PNBP", "Jumlah (Rp)"),
        ("Output", "Realisasi keuangan bulan ini (Rp)"),
        ("Layanan", "Jumlah"),
    ):
        ws = wb[sheet]
        letter = openpyxl.utils.get_column_letter([c.value for c in ws[1]].index(header) + 1)
        checks = [
            dv for dv in ws.data_validations.dataValidation if str(dv.sqref).startswith(letter)
        ]
        assert checks and checks[0].type in ("decimal", "whole"), (sheet, header)


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("", 1),
        ("a" * 11, 1),  # a column 10 wide holds 11 characters a line
        ("a" * 22, 2),  # a word longer than a line breaks over several
        ("aaaa bbbbbb", 1),
        ("aaaaa bbbbbb", 2),
        ("aaaaaa bbbbbb cccccc", 3),  # 20 characters fit 2 lines by count; wrapped at spaces, 3
        ("x\ny", 2),
    ],
)
def test_row_heights_count_lines_wrapped_at_spaces(text, lines):
    """A spreadsheet moves a word that does not fit to the next line; counting characters alone
    left the last line of table 3.1's long cells clipped in LibreOffice's print."""
    from perkin.spreadsheet import text_lines

    assert text_lines(text, 10) == lines


def test_annex_names_every_section_so_its_letters_run_a_b_c(demo_unit):
    """The Q4 2024 draft has open errors and warnings but nothing acknowledged: section B is
    printed as empty rather than left out (the annex read 'A.' then 'C.')."""
    import re

    from reports.exporters.html_export import render_report_html

    report = build_quarterly_report(demo_unit, 2024, 4)
    assert report.open_errors and not report.acknowledged_findings
    annex = render_report_html(report).split('id="lampiran"', 1)[1]
    headings = re.findall(r"<h2>([ABC])\. ", annex)
    assert headings == ["A", "B", "C"]
    assert "Temuan yang diterima oleh kepala unit kerja</h2><p>Tidak ada.</p>" in annex
    wb = build_workbook(report)
    titles = [c.value for c in wb["Lampiran"]["A"] if isinstance(c.value, str)]
    assert [t[0] for t in titles if re.match(r"[ABC]\. ", t)] == ["A", "B", "C"]
