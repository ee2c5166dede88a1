"""Workbook imports read numbers the Indonesian way and refuse hostile or broken files with a
clear message before parsing them (the bomb and broken files of tests/fixtures/hostile.py);
exports never turn stored text into a live formula."""

import html as htmllib
import io
from decimal import Decimal

import openpyxl
import pytest

from budget.models import ServiceOutput
from perkin.formatting import NumberParseError, parse_number
from perkin.models import Indicator, MonthlyRealisation
from tests.fixtures.hostile import (
    FORMULA_TEXTS,
    bomb_xlsx,
    many_rows_xlsx,
    truncated_xlsx,
)
from tests.helpers import quarters_opened

DOWNLOAD = "/u/BSPJI-PLG/isi/2024/11/unduh.xlsx"
IMPORT = "/u/BSPJI-PLG/impor/2024/"


@pytest.mark.parametrize(
    "typed,number",
    [
        ("95,5%", "95.5"),
        ("95,5", "95.5"),
        ("100%", "100"),
        ("1.234.000", "1234000"),
        ("Rp 1.234.000", "1234000"),
        ("Rp. 1.234.000,50", "1234000.50"),
        ("-500.000", "-500000"),
        ("95.5", "95.5"),
        ("1,234.5", "1234.5"),
        (" 7 ", "7"),
        (3.5, "3.5"),
    ],
)
def test_numbers_read_the_same_everywhere(typed, number):
    assert parse_number(typed) == Decimal(number)


@pytest.mark.parametrize("typed", ["abc", "NaN", "Infinity", "1e5", "", "%", "1.2.3", "12-11-2024"])
def test_what_is_not_a_number_is_refused(typed):
    with pytest.raises(NumberParseError):
        parse_number(typed)


def _download(client):
    return openpyxl.load_workbook(io.BytesIO(client.get(DOWNLOAD).content))


def _upload(client, content: bytes, name="isian.xlsx", url=IMPORT):
    buffer = io.BytesIO(content)
    buffer.name = name
    return client.post(url, {"file": buffer})


def _save(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _row(ws, key, month=11):
    return next(r for r in ws.iter_rows(min_row=2) if r[0].value == key and r[1].value == month)


def _column(ws, header):
    return [c.value for c in ws[1]].index(header)


@pytest.mark.django_db
def test_percent_cells_and_percent_text_are_read_as_shown(client, planner):
    client.force_login(planner)
    wb = _download(client)
    ws = wb["Realisasi"]
    physical = _column(ws, "Realisasi fisik (%)")
    cell = _row(ws, "I.1")[physical]
    cell.value, cell.number_format = 0.955, "0.0%"  # typed "95,5%": the cell holds 0,955
    _row(ws, "II.1")[physical].value = "100%"
    _row(ws, "II.2")[physical].value = "95,5%"
    response = _upload(client, _save(wb))
    page = htmllib.unescape(response.content.decode())
    assert response.status_code == 200, page[-2000:]
    assert "Realisasi fisik (%)</span>: 90 → <strong>95,5</strong>" in page
    assert "<strong>100</strong>" in page
    assert "physical_pct" not in page  # the column header's words, not the code's


@pytest.mark.django_db
def test_a_value_beyond_the_database_range_is_refused_at_preview(client, planner):
    client.force_login(planner)
    wb = _download(client)
    services = wb["Layanan"]
    _row(services, "PENGUJIAN")[_column(services, "Jumlah")].value = "3.000.000.000"
    pnbp = wb["PNBP"]
    _row(pnbp, "PELATIHAN")[_column(pnbp, "Jumlah (Rp)")].value = "10%"
    response = _upload(client, _save(wb))
    page = htmllib.unescape(response.content.decode())
    assert response.status_code == 400
    assert "Jumlah harus antara 0 dan 2.147.483.647; yang diisi 3.000.000.000." in page
    assert "Jumlah (Rp) tidak boleh berupa persen" in page
    assert not ServiceOutput.objects.filter(kind__code="PENGUJIAN", month=11).exists()


@pytest.mark.django_db
def test_a_zip_bomb_is_refused_before_it_is_unpacked(client, planner):
    client.force_login(planner)
    bomb = bomb_xlsx()
    assert len(bomb) < 5 * 1024 * 1024
    for url in (IMPORT, "/u/BSPJI-PLG/atur/2024/impor/"):
        response = _upload(client, bomb, url=url)
        assert response.status_code == 400
        page = htmllib.unescape(response.content.decode())
        assert "bila dibuka berukuran 4.300,0 MB, melebihi batas 20 MB" in page


@pytest.mark.django_db
def test_a_truncated_sheet_and_a_huge_sheet_get_a_short_clear_message(client, planner):
    client.force_login(planner)
    content = client.get(DOWNLOAD).content
    response = _upload(client, truncated_xlsx(content))
    assert response.status_code == 400
    assert "Berkas rusak atau terpotong" in response.content.decode()
    before = MonthlyRealisation.history.count()
    response = _upload(client, many_rows_xlsx(content))
    assert response.status_code == 400
    page = htmllib.unescape(response.content.decode())
    assert "melewati baris 5.000" in page and len(response.content) < 30_000
    assert MonthlyRealisation.history.count() == before


@pytest.mark.django_db
def test_stored_text_is_exported_as_text_never_a_formula(client, planner, demo_unit):
    from reports.checks import build_quarterly_report
    from reports.exporters.xlsx_export import build_workbook

    indicators = list(
        Indicator.objects.filter(goal__agreement__unit=demo_unit, goal__agreement__year=2024)
    )
    with quarters_opened(demo_unit, 2024):
        for ind, text in zip(indicators, FORMULA_TEXTS, strict=False):
            ind.name = text
            ind.save(update_fields=["name"])
    client.force_login(planner)
    ws = _download(client)["Realisasi"]
    names = [r[2] for r in ws.iter_rows(min_row=2) if r[2].value in FORMULA_TEXTS]
    assert {c.value for c in names} == set(FORMULA_TEXTS)
    assert all(c.data_type == "s" for c in names)
    book = build_workbook(build_quarterly_report(demo_unit, 2024, 4))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    found = [c for c in cells if c.value in FORMULA_TEXTS]
    assert {c.value for c in found} == set(FORMULA_TEXTS)
    assert all(c.data_type == "s" for c in found)
    assert not any(c.data_type == "f" for c in cells)
