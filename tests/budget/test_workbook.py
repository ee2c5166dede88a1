"""The month's workbook: prepared for entry, and imported all or nothing with a per-row
error report, a preview and an apply that records history."""

import html as htmllib
import io
import re
from decimal import Decimal

import openpyxl
import pytest

from budget.models import RevenueReceipt, ServiceOutput
from perkin.models import MonthlyRealisation
from reports.checks import build_quarterly_report

pytestmark = pytest.mark.django_db

DOWNLOAD = "/u/BSPJI-PLG/isi/2024/11/unduh.xlsx"
IMPORT = "/u/BSPJI-PLG/impor/2024/"


def download(client, url=DOWNLOAD):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def upload(client, wb, name="isian.xlsx", url=IMPORT):
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return client.post(url, {"file": buffer})


def find_row(ws, first, month):
    for row in ws.iter_rows(min_row=2):
        if row[0].value == first and row[1].value == month:
            return row
    raise AssertionError(f"{first} {month} not in {ws.title}")


def col(ws, header):
    return [c.value for c in ws[1]].index(header)


def test_workbook_is_prepared_for_entry(client, planner):
    client.force_login(planner)
    wb = download(client)
    assert wb.sheetnames == ["Petunjuk", "Realisasi", "Output", "PNBP", "Layanan"]
    ws = wb["Realisasi"]
    assert ws.freeze_panes == "A2" and ws.protection.sheet
    row = find_row(ws, "III.3", 11)
    assert row[0].protection.locked and row[1].protection.locked
    assert not row[col(ws, "Realisasi fisik (%)")].protection.locked
    assert row[col(ws, "Realisasi fisik (%)")].value == 90
    assert ws.max_row == 1 + 15  # one row per indicator for November
    pnbp = wb["PNBP"]
    # the refund mark follows the line: shown, locked, not entered
    refund = find_row(pnbp, "PENGEMBALIAN", 11)[col(pnbp, "Pengembalian")]
    assert refund.value == "Ya" and refund.protection.locked
    assert not find_row(pnbp, "KALIBRASI", 11)[col(pnbp, "Jumlah (Rp)")].protection.locked
    assert (
        find_row(wb["Output"], "6077.AEC", 11)[
            col(wb["Output"], "Realisasi keuangan bulan ini (Rp)")
        ].number_format
        == "#,##0"
    )
    assert "Cara mengisi" in " ".join(str(c.value) for c in wb["Petunjuk"]["A"])


def test_pic_gets_only_their_teams_realisations(client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="pic"))
    wb = download(client)
    assert wb.sheetnames == ["Petunjuk", "Realisasi"]
    codes = {r[0].value for r in wb["Realisasi"].iter_rows(min_row=2)}
    assert codes == {"I.1", "II.1", "II.2", "III.1"}


def test_unchanged_workbook_changes_nothing(client, planner):
    client.force_login(planner)
    response = upload(client, download(client))
    assert response.status_code == 200
    assert "tidak ada perubahan" in response.content.decode()


def test_one_bad_row_imports_nothing_and_shows_that_row(client, planner):
    client.force_login(planner)
    wb = download(client)
    ws = wb["Realisasi"]
    good = find_row(ws, "I.1", 11)
    good[col(ws, "Realisasi kegiatan")].value = "Diubah lewat Excel"
    bad = find_row(ws, "II.3", 11)
    bad[col(ws, "Realisasi fisik (%)")].value = 140
    bad_row = bad[0].row
    services = wb["Layanan"]
    find_row(services, "PENGUJIAN", 11)[col(services, "Jumlah")].value = 200
    before = MonthlyRealisation.history.count(), ServiceOutput.objects.count()
    response = upload(client, wb)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Impor ditolak" in html
    assert f"<td>Realisasi</td><td>{bad_row}</td><td>Realisasi fisik (%)</td>" in html
    assert "harus antara 0 dan 100" in html
    assert (MonthlyRealisation.history.count(), ServiceOutput.objects.count()) == before
    assert (
        MonthlyRealisation.objects.get(indicator__goal__number=1, month=11).activities_done
        != "Diubah lewat Excel"
    )


def test_corrected_workbook_previews_applies_and_the_report_shows_it(client, planner, demo_unit):
    client.force_login(planner)
    wb = download(client)
    ws = wb["Realisasi"]
    find_row(ws, "I.1", 11)[col(ws, "Realisasi kegiatan")].value = "Diubah lewat Excel"
    services = wb["Layanan"]
    find_row(services, "PENGUJIAN", 11)[col(services, "Jumlah")].value = 200
    pnbp = wb["PNBP"]
    row = find_row(pnbp, "KALIBRASI", 11)
    row[col(pnbp, "Jumlah (Rp)")].value = "10.000.000"
    response = upload(client, wb)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pratinjau perubahan" in html and "3 baris akan diperbarui" in html
    assert RevenueReceipt.objects.get(
        line__code="KALIBRASI", year=2024, month=11
    ).amount == Decimal("9275000")
    token = html.split('name="token" value="')[1].split('"')[0]
    response = client.post(IMPORT + "terapkan/", {"token": token})
    assert response.status_code == 302
    receipt = RevenueReceipt.objects.get(line__code="KALIBRASI", year=2024, month=11)
    assert (
        receipt.amount == Decimal("10000000")
        and receipt.version == 2
        and receipt.updated_by == planner
    )
    assert receipt.history.first().history_user == planner
    assert ServiceOutput.objects.get(kind__code="PENGUJIAN", year=2024, month=11).count == 200
    report = build_quarterly_report(demo_unit, 2024, 4)
    assert report.revenue.realisation == Decimal("5186827000") + Decimal("10000000") - Decimal(
        "9275000"
    )
    assert report.services.current == 3801 + 200
    # the token is single use
    assert client.post(IMPORT + "terapkan/", {"token": token}).status_code == 404


@pytest.mark.parametrize(
    "mutate,message",
    [
        (lambda wb: wb.create_sheet("Catatan"), "Lembar 'Catatan' ditolak: lembar tidak dikenal."),
        (
            lambda wb: wb["Layanan"].cell(row=1, column=8, value="Keterangan"),
            "Kolom tidak dikenal.",
        ),
        (lambda wb: setattr(wb["Layanan"]["E2"], "value", "banyak"), "Jumlah harus berupa angka"),
        (lambda wb: wb["Layanan"].append([c.value for c in wb["Layanan"][2]]), "Baris ganda"),
        (
            lambda wb: setattr(wb["PNBP"]["D2"], "value", -5),
            "tidak boleh negatif untuk",
        ),
        (
            lambda wb: setattr(wb["Realisasi"]["A2"], "value", "IX.9"),
            "Kode indikator 'IX.9' tidak dikenal",
        ),
    ],
)
def test_bad_workbooks_are_refused_with_sheet_row_and_column(client, planner, mutate, message):
    client.force_login(planner)
    wb = download(client)
    mutate(wb)
    before = ServiceOutput.objects.count(), RevenueReceipt.objects.count()
    response = upload(client, wb)
    assert response.status_code == 400
    assert message in htmllib.unescape(response.content.decode())
    assert (ServiceOutput.objects.count(), RevenueReceipt.objects.count()) == before


def test_not_an_xlsx_or_too_large_is_refused(client, planner):
    client.force_login(planner)
    fake = io.BytesIO(b"name,value\n1,2\n")
    fake.name = "isian.xlsx"
    assert "bukan workbook Excel" in client.post(IMPORT, {"file": fake}).content.decode()
    for name in ("isian.csv", "isian.xls", "isian.pdf"):  # each refused with how to save as .xlsx
        other = io.BytesIO(b"a,b")
        other.name = name
        page = htmllib.unescape(client.post(IMPORT, {"file": other}).content.decode())
        assert "Simpan Sebagai (Save As)" in page and "Excel Workbook (.xlsx)" in page, name
    big = io.BytesIO(b"PK\x03\x04" + b"0" * (5 * 1024 * 1024 + 10))
    big.name = "besar.xlsx"
    assert "melebihi batas 5 MB" in client.post(IMPORT, {"file": big}).content.decode()


def test_rows_of_a_locked_month_and_stale_versions_are_refused(client, planner):
    client.force_login(planner)
    wb = download(client, "/u/BSPJI-PLG/isi/2024/09/unduh.xlsx")
    ws = wb["Realisasi"]
    find_row(ws, "I.1", 9)[col(ws, "Realisasi kegiatan")].value = "Koreksi"
    response = upload(client, wb)
    assert "September 2024 sudah dikunci" in response.content.decode()
    wb = download(client)
    MonthlyRealisation.objects.filter(indicator__goal__number=1, month=11).update(version=7)
    ws = wb["Realisasi"]
    find_row(ws, "I.1", 11)[col(ws, "Realisasi kegiatan")].value = "Koreksi"
    response = upload(client, wb)
    assert "sejak lembar diunduh (versi 1, sekarang 7)" in response.content.decode()


def test_cumulative_rule_applies_to_imports(client, planner):
    client.force_login(planner)
    wb = download(client)
    ws = wb["Realisasi"]
    find_row(ws, "I.1", 11)[col(ws, "Realisasi fisik (%)")].value = "70,5"
    response = upload(client, wb)
    assert (
        "Realisasi fisik kumulatif I.1 November (70,50) lebih rendah dari Oktober (80,00)"
        in response.content.decode()
    )


def test_workbook_urls_are_scoped_to_the_unit_and_role(client, other_planner, head):
    client.force_login(other_planner)
    for url in (DOWNLOAD, "/u/BSPJI-PLG/isi/2024/unduh.xlsx", IMPORT):
        assert client.get(url).status_code == 404
    client.force_login(head)
    assert client.get(DOWNLOAD).status_code == 403


def test_money_page_saves_and_every_row_shows_its_history(client, planner, other_planner):
    client.force_login(planner)
    url = "/u/BSPJI-PLG/keuangan/2024/11/"
    page = client.get(url)
    assert page.status_code == 200
    data = {"csrfmiddlewaretoken": "x"}
    for slug, rows in page.context["rows"].items():
        for r in rows:
            data[f"{slug}|{r['key']}|version"] = str(r["version"])
            for name in ("spent", "physical_pct", "amount", "count"):
                if name in r and r[name] is not None:
                    data[f"{slug}|{r['key']}|{name}"] = str(r[name])
    data["pnbp|PELATIHAN|amount"] = "-5"  # negative without being a refund: refused, nothing saved
    data["layanan|SAMPLING|count"] = "120"
    response = client.post(url, data)
    assert response.status_code == 400
    assert "tidak boleh negatif untuk" in response.content.decode()
    assert "PELATIHAN · Jumlah (Rp)" in response.content.decode()  # the row named by its code
    assert not ServiceOutput.objects.filter(kind__code="SAMPLING", year=2024, month=11).exists()
    data["pnbp|PELATIHAN|amount"] = "50.000.000"
    assert client.post(url, data).status_code == 302
    receipt = RevenueReceipt.objects.get(line__code="PELATIHAN", year=2024, month=11)
    assert receipt.amount == Decimal("50000000")
    history = client.get(f"/u/BSPJI-PLG/riwayat/pnbp/{receipt.pk}/").content.decode()
    assert "perencana" in history
    # in the sheet's words and Indonesian numbers, changed fields only
    assert "Jumlah (Rp)</span>: 48.680.000 → 50.000.000" in history
    assert "amount" not in history and "is_refund" not in history
    client.force_login(other_planner)
    assert client.get(f"/u/BSPJI-PLG/riwayat/pnbp/{receipt.pk}/").status_code == 404
    assert client.get(f"/u/BSPJI-MDN/riwayat/pnbp/{receipt.pk}/").status_code == 404
    assert client.get(url).status_code == 404


def _money_page_post(page) -> dict[str, str]:
    """The money page's form as the browser sends it, unchanged."""
    data = {"csrfmiddlewaretoken": "x"}
    for slug, rows in page.context["rows"].items():
        for r in rows:
            data[f"{slug}|{r['key']}|version"] = str(r["version"])
            for name in ("spent", "physical_pct", "amount", "count"):
                if r.get(name) is not None:
                    data[f"{slug}|{r['key']}|{name}"] = str(r[name])
    return data


def test_a_refund_is_its_own_row_and_never_replaces_a_receipt(client, planner, demo_unit):
    """The issue's case: a refund of Rp 500.000 typed on Kalibrasi November replaced that
    month's receipt of Rp 9.275.000. Now it is refused there, naming the refund line, and
    entered on the refund line it is a row of its own."""
    client.force_login(planner)
    url = "/u/BSPJI-PLG/keuangan/2024/11/"
    before = build_quarterly_report(demo_unit, 2024, 4).revenue.realisation
    data = _money_page_post(client.get(url))
    data["pnbp|KALIBRASI|amount"] = "-500.000"
    data["pnbp|KALIBRASI|is_refund"] = "Ya"  # an old form's field: ignored, the line decides
    response = client.post(url, data)
    assert response.status_code == 400
    html = htmllib.unescape(response.content.decode())
    assert "KALIBRASI · Jumlah (Rp)" in html and "baris 'Pengembalian'" in html
    kalibrasi = RevenueReceipt.objects.get(line__code="KALIBRASI", year=2024, month=11)
    assert kalibrasi.amount == Decimal("9275000") and not kalibrasi.is_refund

    data = _money_page_post(client.get(url))
    data["pnbp|PENGEMBALIAN|amount"] = "500.000"  # a refund is never positive
    response = client.post(url, data)
    assert response.status_code == 400
    assert "diisi sebagai angka negatif atau nol" in response.content.decode()

    data["pnbp|PENGEMBALIAN|amount"] = "-500.000"
    assert client.post(url, data).status_code == 302
    refund = RevenueReceipt.objects.get(line__code="PENGEMBALIAN", year=2024, month=11)
    assert refund.amount == Decimal("-500000") and refund.is_refund
    kalibrasi.refresh_from_db()
    assert kalibrasi.amount == Decimal("9275000") and kalibrasi.version == 1
    after = build_quarterly_report(demo_unit, 2024, 4).revenue.realisation
    assert after == before - Decimal("500000")


def test_the_workbook_takes_the_refund_mark_from_the_line(client, planner):
    client.force_login(planner)
    wb = download(client)
    pnbp = wb["PNBP"]
    refund_column = col(pnbp, "Pengembalian")
    assert find_row(pnbp, "PENGEMBALIAN", 11)[refund_column].value == "Ya"
    row = find_row(pnbp, "KALIBRASI", 11)
    assert row[refund_column].value == "Tidak"
    row[refund_column].value = "Ya"  # marking a receipt as a refund in the sheet changes nothing
    row[col(pnbp, "Jumlah (Rp)")].value = -500000
    response = upload(client, wb)
    assert response.status_code == 400
    assert "baris 'Pengembalian'" in htmllib.unescape(response.content.decode())
    assert RevenueReceipt.objects.get(
        line__code="KALIBRASI", year=2024, month=11
    ).amount == Decimal("9275000")


def test_the_admin_refuses_a_refund_mark_on_a_receipt_line(demo_unit):
    from django.core.exceptions import ValidationError

    from budget.models import RevenueLine

    receipt = RevenueReceipt.objects.get(line__code="KALIBRASI", year=2024, month=11)
    receipt.is_refund, receipt.amount = True, Decimal("-500000")
    with pytest.raises(ValidationError) as refused:
        receipt.full_clean()
    assert "is_refund" in refused.value.message_dict
    line = RevenueLine.objects.get(unit=demo_unit, code="KALIBRASI")
    line.is_refund_line = True  # it has receipts: their sign would no longer hold
    with pytest.raises(ValidationError):
        line.full_clean()


def test_money_page_shows_rupiah_with_thousands_dots_and_reads_them_back(client, planner):
    """The inputs show 48.680.000 (as the target and DIPA grids do), not 48680000; the form
    sent back as shown changes nothing, and a refund hint names the refund line."""
    client.force_login(planner)
    url = "/u/BSPJI-PLG/keuangan/2024/11/"
    html = client.get(url).content.decode()
    assert 'name="pnbp|PELATIHAN|amount" value="48.680.000"' in html
    assert "pada baris pengembalian" in html
    shown = dict(re.findall(r'<input[^>]*?name="([^"]+)" value="([^"]*)"', html))
    data = {"csrfmiddlewaretoken": "x", **{k: v for k, v in shown.items() if "|" in k}}
    before = {r.pk: r.version for r in RevenueReceipt.objects.filter(year=2024, month=11)}
    assert client.post(url, data).status_code == 302
    after = {r.pk: r.version for r in RevenueReceipt.objects.filter(year=2024, month=11)}
    assert after == before
