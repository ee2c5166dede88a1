"""Planning staff enter a month in the browser; the head returns, approves and locks it;
the Excel round-trip refuses a bad row and imports the corrected workbook."""

import io
import re

import openpyxl
import pytest

from tests.zz_browser.conftest import ARTIFACTS, login

pytestmark = pytest.mark.browser
NOV = "/u/BSPJI-PLG/isi/2024/11/"


def _row_id(code):
    from perkin.models import Indicator

    goal, number = code.split(".")
    roman = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII"].index(goal)
    return Indicator.objects.get(
        goal__agreement__unit__code="BSPJI-PLG", goal__number=roman, number=number
    ).pk


def test_enter_submit_return_approve_lock(live_demo, browser):
    from perkin.models import MonthlyRealisation

    base = live_demo.url
    pk = _row_id("II.3")
    planner = browser.new_context(viewport={"width": 1280, "height": 900})
    page = planner.new_page()
    login(page, base, "perencana")
    page.goto(base + NOV)
    field = page.locator(f"#id_r{pk}-physical_pct")
    field.fill("150")
    page.click("button[value=save]")
    page.wait_for_load_state("networkidle")
    error = page.locator(f"#id_r{pk}-physical_pct-err")
    assert "Realisasi fisik (%) harus antara 0 dan 100" in error.inner_text()
    assert page.locator(f"#id_r{pk}-physical_pct").input_value() == "150"  # input kept
    assert MonthlyRealisation.objects.get(indicator_id=pk, month=11).physical_pct == 90
    page.screenshot(path=str(ARTIFACTS / "entry-error.png"))
    page.locator(f"#id_r{pk}-physical_pct").fill("95")
    page.locator(f"#id_r{pk}-activities_done").fill("Finalisasi fasilitasi 8 perusahaan")
    page.locator(f"#id_r{pk}-physical_pct").press("Enter")  # the keyboard saves the draft
    page.wait_for_load_state("networkidle")
    assert (
        "Tersimpan 1 indikator (II.3) untuk November 2024" in page.locator(".messages").inner_text()
    )
    assert MonthlyRealisation.objects.get(indicator_id=pk, month=11).physical_pct == 95
    page.click("button[value=submit]")
    page.wait_for_load_state("networkidle")
    assert "November 2024 diajukan untuk persetujuan" in page.locator(".messages").inner_text()

    head_ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    head = head_ctx.new_page()
    login(head, base, "kepala")
    head.goto(base + NOV)
    head.fill("#id_reason", "Lengkapi bukti dukung II.3")
    head.click("#return-btn")
    head.wait_for_load_state("networkidle")
    assert "dikembalikan ke perencana" in head.locator(".messages").inner_text()

    page.goto(base + NOV)
    assert "Lengkapi bukti dukung II.3" in page.locator(".returned").inner_text()
    page.click("button[value=submit]")  # corrected and submitted again: the quarter can lock
    page.wait_for_load_state("networkidle")

    head.goto(base + "/u/BSPJI-PLG/isi/2024/12/")
    head.click("#approve-btn")
    head.wait_for_load_state("networkidle")
    assert "Triwulan 4 2024 kini dikunci" in head.locator(".messages").inner_text()
    head.screenshot(path=str(ARTIFACTS / "entry-approved.png"))

    page.goto(base + "/u/BSPJI-PLG/isi/2024/10/")
    assert "sudah disetujui dan dikunci" in page.locator(".lock").inner_text()
    assert page.locator("input[name$=physical_pct]").count() == 0
    token = next(c["value"] for c in planner.cookies() if c["name"] == "csrftoken")
    forced = page.request.post(
        base + "/u/BSPJI-PLG/isi/2024/10/",
        form={f"r{pk}-physical_pct": "85", "action": "save"},
        headers={"X-CSRFToken": token, "Referer": base + "/u/BSPJI-PLG/isi/2024/10/"},
    )
    assert forced.status == 409
    assert MonthlyRealisation.objects.get(indicator_id=pk, month=10).physical_pct == 80

    other = browser.new_context().new_page()
    login(other, base, "perencana_lain")
    for url in (
        NOV,
        "/u/BSPJI-PLG/isi/2024/10/",
        "/u/BSPJI-PLG/isi/2024/12/",
        "/u/BSPJI-PLG/impor/2024/",
        "/u/BSPJI-PLG/isi/2024/11/unduh.xlsx",
        "/u/BSPJI-PLG/keuangan/2024/11/",
    ):
        assert other.goto(base + url).status == 404, url
    planner.close()
    head_ctx.close()


def test_workbook_with_a_bad_row_then_corrected(live_demo, page):
    base = live_demo.url
    login(page, base, "perencana")
    page.goto(base + NOV)
    with page.expect_download() as info:
        page.click("text=Unduh lembar isian Excel bulan ini")
    wb = openpyxl.load_workbook(io.BytesIO(info.value.path().read_bytes()))
    services = wb["Layanan"]
    headers = [c.value for c in services[1]]
    target = next(r for r in services.iter_rows(min_row=2) if r[0].value == "SAMPLING")
    target[headers.index("Jumlah")].value = 300
    bad = next(r for r in services.iter_rows(min_row=2) if r[0].value == "KALIBRASI")
    bad[headers.index("Jumlah")].value = -4
    bad_row = bad[0].row

    def upload(book, name):
        path = ARTIFACTS / name
        book.save(path)
        page.goto(base + "/u/BSPJI-PLG/impor/2024/")
        page.set_input_files("#id_file", str(path))
        page.click("text=Periksa berkas")
        page.wait_for_load_state("networkidle")

    upload(wb, "isian-salah.xlsx")
    errors = page.locator("#import-errors")
    assert errors.is_visible()
    text = errors.inner_text()
    assert re.search(
        rf"Layanan\s+{bad_row}\s+Jumlah\s+Jumlah harus antara 0 dan 2\.147\.483\.647", text
    )
    page.screenshot(path=str(ARTIFACTS / "import-errors.png"), full_page=True)
    page.goto(base + "/u/BSPJI-PLG/?year=2024&q=4")
    assert "3.801" in page.locator(".summary").inner_text()  # nothing was imported

    bad[headers.index("Jumlah")].value = 12
    upload(wb, "isian-benar.xlsx")
    assert "Pratinjau perubahan" in page.locator("#import-preview").inner_text()
    page.click("#apply-btn")
    page.wait_for_load_state("networkidle")
    assert "Impor selesai: 2 baris diperbarui" in page.locator(".messages").inner_text()
    page.goto(base + "/u/BSPJI-PLG/?year=2024&q=4")
    assert "4.113" in page.locator(".summary").inner_text()  # 3.801 + 300 + 12
    from perkin.models import WorkUnit
    from reports.checks import build_quarterly_report
    from reports.exporters.json_export import report_as_dict

    data = report_as_dict(build_quarterly_report(WorkUnit.objects.get(code="BSPJI-PLG"), 2024, 4))
    assert data["service_outputs"]["current"] == 4113
