"""The product's files opened by a real office suite (LibreOffice, Indonesian locale): the
report workbook and the Word report print with the JSON's numbers, a table download computes,
and a month workbook re-saved and edited in LibreOffice (also as .ods) imports correctly.

Conversions are shared through module-scoped fixtures (each costs seconds)."""

from __future__ import annotations

import csv
import io
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from budget.models import RevenueReceipt
from perkin.formatting import number, parse_number, percent
from perkin.models import MonthlyRealisation
from reports.exporters.json_export import report_as_dict

pytestmark = pytest.mark.django_db
A4 = (595, 842)


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def printed(libreoffice, tmp_path_factory, seed_report):
    """The report workbook and the Word report, printed to PDF by LibreOffice, with the JSON."""
    folder = tmp_path_factory.mktemp("printed")
    report = seed_report.report
    data = report_as_dict(report)
    (folder / "workbook.xlsx").write_bytes(seed_report.file("xlsx"))
    (folder / "word.docx").write_bytes(seed_report.file("docx"))
    workbook_pdf, word_pdf = libreoffice.convert(
        [folder / "workbook.xlsx", folder / "word.docx"], "pdf", outdir=folder / "pdf"
    )
    return report, data, workbook_pdf, word_pdf


def _key_numbers(data: dict) -> list[str]:
    """The JSON's key figures as an Indonesian reader sees them printed."""
    out = [percent(Decimal(i["achievement_pct"])) for i in data["indicators"]]
    out += [
        number(Decimal(data["budget"]["pagu"]), 0),
        number(Decimal(data["revenue"]["realisation"]), 0),
        number(Decimal(data["service_outputs"]["current"]), 0),
    ]
    return out


def test_printed_report_workbook_shows_the_jsons_numbers_on_a4(printed):
    _report, data, workbook_pdf, _word = printed
    text = _pdf_text(workbook_pdf)
    for figure in _key_numbers(data):
        assert figure in text, figure
    assert "20.535.869.000" in text and "123,33%" in text and "3.801" in text
    pages = PdfReader(workbook_pdf).pages
    for page in pages:
        size = sorted((round(float(page.mediabox.width)), round(float(page.mediabox.height))))
        assert size == sorted(A4)
    # every table fits the page width: no page holds only columns cut off another page
    assert len(pages) < 60


def test_word_report_converts_with_headings_numbers_and_the_draft_mark(printed):
    report, data, _workbook, word_pdf = printed
    reader = PdfReader(word_pdf)
    text = _pdf_text(word_pdf)
    for figure in _key_numbers(data):
        assert figure in text, figure
    print(f"\nWord report converted by LibreOffice: {len(reader.pages)} pages")
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert "BAB I PENDAHULUAN" in titles and "BAB IV PENUTUP" in titles  # Word heading styles
    assert report.is_draft
    pages = text.split("\f")[: len(reader.pages)]
    assert len(pages) == len(reader.pages) and all("DRAF" in page for page in pages)
    landscape = [p for p in reader.pages if float(p.mediabox.width) > float(p.mediabox.height)]
    assert landscape and len(landscape) < len(reader.pages)


@pytest.fixture(scope="module")
def table_downloads(libreoffice, tmp_path_factory, seed_report, django_db_blocker):
    """The services table as CSV opened with ';' and the Indonesian locale, and the PNBP table
    as XLSX re-saved as CSV by LibreOffice."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    folder = tmp_path_factory.mktemp("tables")
    with django_db_blocker.unblock():
        client = Client()
        client.force_login(get_user_model().objects.get(username="kepala"))
        url = "/u/BSPJI-PLG/?year=2024&q=4&_export="
        (folder / "layanan.csv").write_bytes(client.get(url + "csv&t=layanan").content)
        (folder / "pnbp.xlsx").write_bytes(client.get(url + "xlsx&t=pnbp").content)
    data = report_as_dict(seed_report.report)
    # CSV import options: ';' separator, '"' quotes, UTF-8, from line 1, Indonesian (1057)
    (services,) = libreoffice.convert(
        [folder / "layanan.csv"], "xlsx", infilter="CSV:59,34,76,1,,1057", outdir=folder / "x"
    )
    (pnbp,) = libreoffice.convert([folder / "pnbp.xlsx"], "csv", outdir=folder / "c")
    return data, services, pnbp


def test_table_downloads_compute_in_libreoffice(table_downloads):
    data, services_xlsx, pnbp_csv = table_downloads
    sheet = openpyxl.load_workbook(services_xlsx).active
    header = [c.value for c in sheet[1]]
    current = [
        sheet.cell(row=r, column=header.index("Tahun ini") + 1).value
        for r in range(2, sheet.max_row + 1)
    ]
    assert all(isinstance(v, (int, float)) for v in current)  # numbers, not text
    assert sum(current) == int(data["service_outputs"]["current"]) == 3801
    growth = sheet.cell(row=2, column=header.index("Pertumbuhan (%)") + 1).value
    assert isinstance(growth, float)
    rows = list(csv.reader(io.StringIO(pnbp_csv.read_text(encoding="utf-8-sig"))))
    column = rows[0].index("Realisasi (Rp)")
    shown = [parse_number(r[column]) for r in rows[1:] if r[column]]
    assert sum(shown) == Decimal(data["revenue"]["realisation"])  # shown as 1.234.000 in id-ID


@pytest.fixture(scope="module")
def month_workbook(libreoffice, tmp_path_factory, django_db_setup, django_db_blocker):
    """November's workbook re-saved by LibreOffice, edited (openpyxl on the re-saved file),
    and the edited file saved again by LibreOffice as .ods."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    folder = tmp_path_factory.mktemp("month")
    with django_db_blocker.unblock():
        client = Client()
        client.force_login(get_user_model().objects.get(username="perencana"))
        (folder / "isian.xlsx").write_bytes(
            client.get("/u/BSPJI-PLG/isi/2024/11/unduh.xlsx").content
        )
    (resaved,) = libreoffice.convert([folder / "isian.xlsx"], "xlsx", outdir=folder / "resaved")
    wb = openpyxl.load_workbook(resaved)
    protected = wb["Realisasi"].protection.sheet
    validations = {ws.title: len(ws.data_validations.dataValidation) for ws in wb.worksheets}
    realisations = wb["Realisasi"]
    headers = [c.value for c in realisations[1]]
    for row in realisations.iter_rows(min_row=2):
        if row[0].value == "I.1" and row[1].value == 11:
            row[headers.index("Realisasi fisik (%)")].value = "95,5%"
    pnbp = wb["PNBP"]
    headers = [c.value for c in pnbp[1]]
    for row in pnbp.iter_rows(min_row=2):
        if row[0].value == "PELATIHAN" and row[1].value == 11:
            row[headers.index("Jumlah (Rp)")].value = "48.700.000"
    edited = folder / "edited" / "isian-diubah.xlsx"
    edited.parent.mkdir()
    wb.save(edited)
    (ods,) = libreoffice.convert([edited], "ods", outdir=folder / "ods")
    return edited, ods, protected, validations


def _import(client, path: Path):
    with path.open("rb") as handle:
        return client.post("/u/BSPJI-PLG/impor/2024/", {"file": handle})


@pytest.mark.parametrize("which", ["xlsx", "ods"])
def test_month_workbook_resaved_and_edited_in_libreoffice_imports(
    client, planner, month_workbook, which
):
    edited, ods, protected, validations = month_workbook
    # the refund mark is the line's (shown, not entered): PNBP keeps one checked column, the amount
    assert protected and validations["PNBP"] >= 1 and validations["Realisasi"] >= 2
    client.force_login(planner)
    response = _import(client, edited if which == "xlsx" else ods)
    page = response.content.decode()
    assert response.status_code == 200, page[-3000:]
    assert "2 baris akan diperbarui" in page
    assert "Realisasi fisik (%)</span>: 90 → <strong>95,5</strong>" in page
    assert "Jumlah (Rp)</span>: 48.680.000 → <strong>48.700.000</strong>" in page
    token = page.split('name="token" value="')[1].split('"')[0]
    assert client.post("/u/BSPJI-PLG/impor/2024/terapkan/", {"token": token}).status_code == 302
    i11 = MonthlyRealisation.objects.get(
        indicator__goal__agreement__unit__code="BSPJI-PLG",
        indicator__goal__agreement__year=2024,
        indicator__goal__number=1,
        indicator__number=1,
        month=11,
    )
    assert i11.physical_pct == Decimal("95.5")
    receipt = RevenueReceipt.objects.get(line__code="PELATIHAN", year=2024, month=11)
    assert receipt.amount == Decimal("48700000")
