"""The head opens the dashboard, sees charts and warnings, and follows a warning; a reviewer
compares units; another unit's planner is refused."""

import pytest

from tests.zz_browser.conftest import ARTIFACTS, draw_every_chart, login

pytestmark = pytest.mark.browser


def test_head_reads_the_dashboard_and_follows_a_warning(live_demo, page):
    base = live_demo.url
    login(page, base, "kepala")
    page.goto(f"{base}/u/BSPJI-PLG/?year=2024&q=4")
    draw_every_chart(page)
    page.wait_for_selector("[data-chart='budget-scurve'] .main-svg", timeout=20000)
    assert page.locator(".main-svg").count() >= 20  # indicator minis + budget, revenue, services
    assert page.locator("#peringatan").is_visible()
    findings = page.locator("#findings li")
    assert findings.count() >= 10
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    if not page.locator("#temuan").get_attribute("open"):
        page.click("#temuan summary")
    link = page.locator("#findings a[href*='/indikator/']").first
    code = link.inner_text().split()[-1]
    link.click()
    page.wait_for_selector("h1")
    assert code in page.locator("h1").inner_text()
    assert page.locator("text=Temuan pemeriksaan konsistensi").is_visible()
    draw_every_chart(page)
    page.screenshot(path=str(ARTIFACTS / "indicator.png"), full_page=True)


def test_reviewer_sees_units_side_by_side(live_demo, page):
    base = live_demo.url
    login(page, base, "reviewer")
    assert page.url.endswith("/unit/")
    rows = page.locator("table tbody tr")
    assert rows.count() == 29
    page.click("text=Nilai SAKIP")  # sort by SAKIP score
    page.wait_for_load_state("networkidle")
    first_sorted = page.locator("table tbody tr").first.inner_text()
    page.click("text=Nilai SAKIP")
    page.wait_for_load_state("networkidle")
    assert page.locator("table tbody tr").first.inner_text() != first_sorted
    page.screenshot(path=str(ARTIFACTS / "units.png"), full_page=True)
    page.click("text=BSPJI Palembang")
    page.wait_for_selector("h1")
    assert "BSPJI Palembang" in page.locator("h1").inner_text()


def test_other_units_planner_cannot_open_the_dashboard(live_demo, page):
    base = live_demo.url
    login(page, base, "perencana_lain")
    response = page.goto(f"{base}/u/BSPJI-PLG/")
    assert response.status == 404
