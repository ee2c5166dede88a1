"""The year around the monthly entry, as people do it in Chromium: a planner prepares next year
and adjusts its targets and DIPA in a few saves (counted and timed, the time recorded, not
asserted); month navigation at the year's ends; the head's quarter status board, a deadline
set on it and the reminder e-mail it leads to; the main pages in English and on a phone."""

import time
from datetime import date

import pytest
from django.core import mail

from tests.zz_browser.conftest import ARTIFACTS, login

pytestmark = pytest.mark.browser
BASE = "/u/BSPJI-PLG"


def _messages(page) -> str:
    return page.locator(".messages").inner_text() if page.locator(".messages").count() else ""


def test_a_new_year_in_a_few_saves_then_the_quarter_board_and_a_reminder(live_demo, browser):
    from budget.models import BudgetRevision
    from perkin.models import Agreement, Indicator

    base = live_demo.url
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    page = ctx.new_page()
    login(page, base, "perencana")
    saves = 0
    started = time.perf_counter()

    # December 2024 offers to prepare 2025 instead of a dead end
    page.goto(f"{base}{BASE}/isi/2024/12/")
    prepare = page.locator("a.prepare-next")
    assert prepare.inner_text().startswith("Siapkan tahun 2025")
    page.goto(f"{base}{BASE}/isi/2024/1/")  # January: no earlier year in Perkin, no link
    assert page.locator("a[rel=prev]").count() == 0
    assert page.locator("text=bulan sebelumnya").count() == 1
    page.goto(f"{base}{BASE}/isi/2024/12/")
    page.locator("a.prepare-next").click()
    page.wait_for_load_state()
    assert "15 indikator" in page.locator("main").inner_text()
    page.click("#rollover-btn")
    page.wait_for_load_state()
    saves += 1
    assert page.url.endswith(f"{BASE}/atur/2025/target/")
    assert "Tahun 2025 disiapkan" in _messages(page)

    # every target in one grid: three indicator targets and one PNBP target change, one save
    targets = {"I.1": "32", "II.3": "3", "VIII.2": "92"}
    for code, value in targets.items():
        page.get_by_label(f"Target {code}", exact=True).fill(value)
    page.get_by_label("Target PNBP PELATIHAN", exact=True).fill("200.000.000")
    assert page.locator("[data-total-of=pnbp]").inner_text() == "Rp 3.330.600.000"
    page.screenshot(path=str(ARTIFACTS / "year-targets.png"))
    page.click("button.primary:has-text('Simpan semua target')")
    page.wait_for_load_state()
    saves += 1
    assert "Target 2025 tersimpan: 4 baris berubah." in _messages(page)

    # the DIPA in one grid: a new ceiling and the allocation that closes the gap, one save
    page.click("text=Berikutnya: pagu DIPA")
    page.wait_for_load_state()
    page.fill("#id_stated_pagu", "21.000.000.000")
    assert page.locator("[data-difference-of=pagu]").inner_text() == "Rp 464.131.000"
    page.get_by_label("Pagu EBA.994", exact=True).fill("13.408.772.000")
    assert page.locator("[data-difference-of=pagu]").inner_text() == "Rp 0"
    page.screenshot(path=str(ARTIFACTS / "year-dipa.png"))
    page.click("button.primary:has-text('Simpan alokasi')")
    page.wait_for_load_state()
    saves += 1
    assert "DIPA awal tersimpan" in _messages(page)

    # the agreement's signing date
    page.goto(f"{base}{BASE}/atur/2025/perjanjian/")
    page.fill("#id_t-0-signed_on", "2025-01-31")
    page.click("button.primary")
    page.wait_for_load_state()
    saves += 1
    elapsed = time.perf_counter() - started
    (ARTIFACTS / "rollover-timing.txt").write_text(
        f"Tahun 2025 siap dalam {saves} simpan, {elapsed:.1f} detik (browser, tanpa waktu berpikir)\n"
    )
    print(f"\nrollover: {saves} saves, {elapsed:.1f} s")
    assert saves <= 10
    i11 = Indicator.objects.get(goal__agreement__year=2025, goal__number=1, number=1)
    assert i11.target == 32
    assert BudgetRevision.objects.get(budget__year=2025).stated_pagu == 21_000_000_000
    assert str(Agreement.objects.get(year=2025).signed_on) == "2025-01-31"

    # now December 2024 leads into January 2025, and 2025 ends at "2026 belum disiapkan"
    page.goto(f"{base}{BASE}/isi/2024/12/")
    page.locator("a[rel=next]").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{BASE}/isi/2025/1/")
    assert "Realisasi Januari 2025" in page.locator("h1").inner_text()
    page.locator("a[rel=prev]").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{BASE}/isi/2024/12/")
    page.goto(f"{base}{BASE}/isi/2026/1/")
    assert "Tahun 2026 belum disiapkan" in page.locator("h1").inner_text()
    page.screenshot(path=str(ARTIFACTS / "year-missing.png"))

    head = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    login(head, base, "kepala")
    head.goto(f"{base}{BASE}/isi/2025/12/")
    assert "2026 belum disiapkan" in head.locator("nav.month-nav").inner_text()
    assert head.locator("a.prepare-next").count() == 0  # a head does not prepare years
    head.goto(f"{base}{BASE}/?year=2026&q=1")
    assert "Belum ada perjanjian kinerja untuk tahun 2026" in head.locator("main").inner_text()
    assert "Tidak ada peringatan" not in head.locator("main").inner_text()
    ctx.close()
    _board_deadline_and_reminder(head, base)


def _board_deadline_and_reminder(page, base):
    """The head's quarter status board, a deadline set there and the reminder e-mail (locmem)
    the reminder job then sends to whoever still has a row not submitted."""
    from perkin.entry.reminders import send_reminders
    from perkin.models import MonthlyRealisation

    row = MonthlyRealisation.objects.get(
        indicator__goal__agreement__year=2024, indicator__goal__number=1, month=11
    )
    row.status = MonthlyRealisation.Status.DRAFT
    row.save()
    page.goto(f"{base}{BASE}/")
    page.click("nav.mainnav >> text=Status triwulan")
    page.wait_for_load_state()
    page.goto(f"{base}{BASE}/status/2024/4/")
    board = page.locator("#board")
    assert board.locator("tbody tr").count() == 15
    assert "Draf" in board.locator("tbody tr").first.inner_text()
    assert "Belum dapat dikunci: 1 isian" in page.locator("#lock").inner_text()
    assert "I.1 November: Draf" in page.locator("#lock").inner_text()
    page.screenshot(path=str(ARTIFACTS / "board.png"))

    page.click("#deadline summary")
    page.fill("#id_due_on", "2025-01-15")
    page.fill("#id_note", "Surat Sekretaris BSKJI")
    page.click("#deadline button[value=set]")
    page.wait_for_load_state()
    assert "15 Januari 2025" in page.locator("#deadline").inner_text()
    mail.outbox.clear()
    assert send_reminders(today=date(2025, 1, 12)) == 3  # head's digest, planner, I.1's PIC
    pic = next(m for m in mail.outbox if m.to == ["pic@perkin-demo.example"])
    assert "I.1 November: Draf" in pic.body and "15-01-2025" in pic.body
    assert send_reminders(today=date(2025, 1, 12)) == 0  # once a day

    board.locator("tbody tr").first.locator("td a").nth(1).click()  # a cell leads to its row
    page.wait_for_load_state()
    assert page.url.endswith(f"{BASE}/isi/2024/11/#ind-{row.indicator_id}")


def test_main_pages_in_english_and_on_a_phone(live_demo, browser):
    from tests.test_english import WORDS, _typed_texts, visible_text

    base = live_demo.url
    typed = _typed_texts()
    ctx = browser.new_context(viewport={"width": 1366, "height": 900})
    page = ctx.new_page()
    login(page, base, "perencana")
    page.goto(f"{base}{BASE}/?year=2024&q=4")
    with page.expect_navigation():
        page.select_option("#id_language", "en")  # the switch in the top bar submits itself
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Indicator achievement" in page.locator("main").inner_text()
    page.screenshot(path=str(ARTIFACTS / "english-dashboard.png"))
    found = {}
    for path in [
        "/?year=2024&q=4",
        "/isi/2024/11/",
        "/keuangan/2024/11/",
        "/status/2024/4/",
        "/atur/2024/",
        "/atur/2024/pagu/",
    ]:
        page.goto(f"{base}{BASE}{path}")
        words = set(WORDS.findall(visible_text(page.content(), typed)))
        if words:
            found[path] = sorted(words)
    assert found == {}
    page.goto(f"{base}{BASE}/isi/2024/11/")
    page.screenshot(path=str(ARTIFACTS / "english-entry.png"))
    ctx.close()

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    login(page, base, "perencana")
    widths = {}
    for name, path in [
        ("entry", "/isi/2024/11/"),
        ("money", "/keuangan/2024/11/"),
        ("dashboard", "/?year=2024&q=4"),
        ("board", "/status/2024/4/"),
        ("targets", "/atur/2024/target/"),
        ("dipa", "/atur/2024/pagu/"),
    ]:
        page.goto(f"{base}{BASE}{path}")
        page.wait_for_load_state()
        widths[name] = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(ARTIFACTS / f"phone-{name}.png"))
    assert widths == {name: 390 for name in widths}  # no sideways page scroll
    page.goto(f"{base}{BASE}/isi/2024/11/")
    field = page.locator("input.pct").first
    assert field.bounding_box()["width"] > 250  # inputs span the card on a phone
    phone.close()
