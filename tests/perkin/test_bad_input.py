"""Bad input answers 400/404/409 with an Indonesian message naming the field and its range,
and saves nothing: the fourteen cases of issue 10 that were a bare HTTP 500, and the two 500s
the fuzz (tests/perkin/test_fuzz.py) found."""

import html as htmllib
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from budget.models import OutputRealisation, RevenueReceipt
from perkin.models import MonthlyRealisation
from tests.fixtures.hostile import many_rows_xlsx, truncated_xlsx
from tests.perkin.test_fuzz import _money_post, snapshot

pytestmark = pytest.mark.django_db
UNIT = "/u/BSPJI-PLG"
IMPORT = f"{UNIT}/impor/2024/"
SETUP_IMPORT = f"{UNIT}/atur/2024/impor/"


def _page(response) -> str:
    return htmllib.unescape(response.content.decode())


def _upload(client, url: str, content: bytes):
    return client.post(url, {"file": SimpleUploadedFile("berkas.xlsx", content)})


def _book(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))


def _save(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(ws, key, header, month=None):
    column = [c.value for c in ws[1]].index(header)
    row = next(
        r
        for r in ws.iter_rows(min_row=2)
        if r[0].value == key and (month is None or r[1].value == month)
    )
    return row[column]


@pytest.mark.parametrize("month", ["0", "13", "14", "15", "99"])
@pytest.mark.parametrize("action", ["setujui", "kembalikan"])
def test_approve_or_return_of_a_month_out_of_range_is_404(client, head, month, action):
    client.force_login(head)
    before = snapshot()
    response = client.post(f"{UNIT}/isi/2024/{month}/{action}/", {"reason": "koreksi"})
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("year", ["1", "99999999999999999999"])
@pytest.mark.parametrize("page", ["indikator/", "target/", "pagu/", "impor/", ""])
def test_setup_of_year_1_or_a_huge_year_is_404(client, planner, year, page):
    client.force_login(planner)
    before = snapshot()
    response = client.post(f"{UNIT}/atur/{year}/{page}", {"t-TOTAL_FORMS": "1"})
    assert response.status_code == 404
    assert snapshot() == before


def test_a_truncated_sheet_in_the_annual_import_is_refused_with_a_message(client, planner):
    client.force_login(planner)
    content = client.get(f"{UNIT}/atur/2024/unduh.xlsx").content
    before = snapshot()
    response = _upload(client, SETUP_IMPORT, truncated_xlsx(content, sheet="sheet4.xml"))
    assert response.status_code == 400
    assert "Berkas rusak atau terpotong" in _page(response)
    assert snapshot() == before


def test_100_000_rows_in_the_annual_import_get_a_short_message(client, planner):
    client.force_login(planner)
    content = client.get(f"{UNIT}/atur/2024/unduh.xlsx").content
    before = snapshot()
    response = _upload(client, SETUP_IMPORT, many_rows_xlsx(content, sheet="sheet3.xml"))
    assert response.status_code == 400
    assert "melewati baris 5.000" in _page(response)
    assert len(response.content) < 30_000
    assert snapshot() == before


def _money(unit, month, **changes) -> dict:
    data, _rows = _money_post(unit, month)
    data.update({k.replace("__", "|"): v for k, v in changes.items()})
    return data


def test_spent_10_18_on_the_money_page_is_refused_naming_the_field(client, planner, demo_unit):
    client.force_login(planner)
    before = snapshot()
    data = _money(demo_unit, 11, **{"output__6077.AEC__spent": "1" + "0" * 18})
    response = client.post(f"{UNIT}/keuangan/2024/11/", data)
    assert response.status_code == 400
    assert (
        "Realisasi keuangan bulan ini (Rp) harus antara 0 dan 999.999.999.999.999.999; "
        "yang diisi 1.000.000.000.000.000.000." in _page(response)
    )
    assert snapshot() == before


def test_a_service_count_of_3_billion_is_refused_on_the_money_page(client, planner, demo_unit):
    client.force_login(planner)
    before = snapshot()
    data = _money(demo_unit, 11, **{"layanan__PENGUJIAN__count": "3.000.000.000"})
    response = client.post(f"{UNIT}/keuangan/2024/11/", data)
    assert response.status_code == 400
    assert "Jumlah harus antara 0 dan 2.147.483.647; yang diisi 3.000.000.000." in _page(response)
    assert snapshot() == before


def test_a_pnbp_amount_of_3_billion_is_a_valid_amount_from_preview_to_apply(client, planner):
    """PNBP amounts are rupiah up to 18 digits: 3.000.000.000 is an amount a unit receives,
    so the preview accepts it and the apply stores it (it no longer fails at apply)."""
    client.force_login(planner)
    book = _book(client.get(f"{UNIT}/isi/2024/11/unduh.xlsx").content)
    _cell(book["PNBP"], "PELATIHAN", "Jumlah (Rp)", 11).value = "3.000.000.000"
    preview = _upload(client, IMPORT, _save(book))
    assert preview.status_code == 200, _page(preview)[-2000:]
    assert "3.000.000.000" in _page(preview)
    applied = client.post(IMPORT + "terapkan/", {"token": preview.context["token"]})
    assert applied.status_code == 302
    stored = RevenueReceipt.objects.get(
        line__code="PELATIHAN", line__unit__code="BSPJI-PLG", month=11
    )
    assert stored.amount == Decimal(3_000_000_000)


# --- found by the fuzz -----------------------------------------------------------------------


def _entry_data(month=11, **changes) -> dict:
    rows = MonthlyRealisation.objects.filter(
        indicator__goal__agreement__unit__code="BSPJI-PLG",
        indicator__goal__agreement__year=2024,
        month=month,
    )
    data = {"action": "save"}
    for r in rows:
        p = f"r{r.indicator_id}-"
        data[p + "physical_pct"] = format(r.physical_pct, "f").replace(".", ",")
        data[p + "activities_done"] = r.activities_done
        data[p + "value_to_date"] = (
            "" if r.value_to_date is None else format(r.value_to_date, "f").replace(".", ",")
        )
        data[p + "version"] = str(r.version)
    first = rows.order_by("indicator_id").first()
    for name, value in changes.items():
        data[f"r{first.indicator_id}-{name}"] = value
    return data


@pytest.mark.parametrize(
    "name,typed,message",
    [
        ("physical_pct", "85,555", "Realisasi fisik paling banyak 2 angka desimal."),
        ("physical_pct", "123456", "Realisasi fisik harus antara 0 dan 100."),
        ("physical_pct", "NaN", "Realisasi fisik harus berupa angka antara 0 dan 100"),
        ("value_to_date", "3,12345", "Nilai indikator paling banyak 4 angka desimal."),
        ("value_to_date", "1234567890123", "Nilai indikator paling banyak 12 angka sebelum koma."),
    ],
)
def test_too_many_digits_on_the_entry_page_are_refused_naming_the_field(
    client, planner, name, typed, message
):
    """Django fills these messages with the limit; a bare '%' in them was a 500."""
    client.force_login(planner)
    before = snapshot()
    response = client.post(f"{UNIT}/isi/2024/11/", _entry_data(**{name: typed}))
    assert response.status_code == 400
    assert message in _page(response)
    assert snapshot() == before


def test_a_stored_total_covering_a_locked_month_is_refused_before_saving(
    client, planner, demo_unit
):
    """The demo's December spending is the year's total (it covers January, shown by the locked
    Q1 report): changing it on the money page or in the workbook is refused with the months
    named, where it used to pass validation and fail at save with a 500."""
    row = OutputRealisation.objects.get(item__full_code="EC.6077.AEC", month=12)
    assert row.period_start_month == 1
    client.force_login(planner)
    before = snapshot()
    data = _money(demo_unit, 12, **{"output__6077.AEC__spent": "0"})
    response = client.post(f"{UNIT}/keuangan/2024/12/", data)
    assert response.status_code == 400
    page = _page(response)
    assert "6077.AEC Desember mencakup Januari sampai Desember." in page
    assert "Januari 2024 sudah dikunci" in page
    book = _book(client.get(f"{UNIT}/isi/2024/12/unduh.xlsx").content)
    _cell(book["Output"], "6077.AEC", "Realisasi keuangan bulan ini (Rp)").value = 1
    preview = _upload(client, IMPORT, _save(book))
    assert preview.status_code == 400
    assert "6077.AEC Desember mencakup Januari sampai Desember." in _page(preview)
    assert snapshot() == before
