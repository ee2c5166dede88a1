"""The report page and the downloads: who may read them, what the page shows before export,
the SQL it costs, and the cache that serves a file until a fact behind it changes."""

from datetime import date

import pytest
from django.apps import apps

from perkin.models import MonthlyRealisation, WorkUnit
from reports.dashboard.periods import default_period
from reports.engine.versions import FACTS, NOT_FACTS
from reports.exporters.cache import data_version
from reports.models import DataVersion, ReportCache
from tests.helpers import quarters_opened

pytestmark = pytest.mark.django_db

URL = "/u/BSPJI-PLG/laporan/"
# 32 + 7 facts around the report (last year, targets, acknowledgements, chart) + final versions
# + the data version; the report and its document reused while the facts stand: 35 fewer
REPORT_PAGE_QUERIES = 42
REPORT_PAGE_CACHED_QUERIES = 7


@pytest.mark.parametrize("username", ["perencana", "kepala", "reviewer"])
def test_readers_of_the_unit_see_the_report_and_its_findings(client, username, django_user_model):
    client.force_login(django_user_model.objects.get(username=username))
    response = client.get(URL, {"year": 2024, "q": 4})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="temuan"' in html and "FINANCIAL_PCT_DIFFERS" not in html
    assert "Tabel 4.2 menyatakan realisasi keuangan 99,77%" in html  # a finding, shown
    assert "Tabel 3.19 Rincian output" in html
    assert "/u/BSPJI-PLG/laporan/unduh/2024/4.pdf" in html
    assert "/u/BSPJI-PLG/laporan/unduh/2024/4.xlsx" in html


def test_other_units_planner_gets_404(client, django_user_model):
    client.force_login(django_user_model.objects.get(username="perencana_lain"))
    assert client.get(URL).status_code == 404
    assert client.get(URL + "unduh/2024/4.xlsx").status_code == 404


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_report_page_query_count_is_pinned(
    client, django_user_model, demo_unit, django_assert_num_queries
):
    client.force_login(django_user_model.objects.get(username="perencana"))
    client.get("/u/BSPJI-PLG/")  # the first request after login records the session's activity
    with django_assert_num_queries(REPORT_PAGE_QUERIES):
        response = client.get(URL, {"year": 2024, "q": 4})
    assert response.status_code == 200
    with django_assert_num_queries(REPORT_PAGE_CACHED_QUERIES):
        again = client.get(URL, {"year": 2024, "q": 4})
    assert again.context["document_html"] == response.context["document_html"]
    # a fact changed: the document is laid out again from the new facts
    row = MonthlyRealisation.objects.get(
        indicator__goal__agreement__unit=demo_unit,
        indicator__goal__agreement__year=2024,
        indicator__goal__number=1,
        indicator__number=1,
        month=12,
    )
    with quarters_opened(demo_unit, 2024):
        row.activities_done = "Kegiatan Desember yang baru dicatat"
        row.save()
    with django_assert_num_queries(REPORT_PAGE_QUERIES):
        changed = client.get(URL, {"year": 2024, "q": 4}).content.decode()
    assert "Kegiatan Desember yang baru dicatat" in changed
    assert "Kegiatan Desember yang baru dicatat" not in response.content.decode()


def test_default_period_is_the_latest_year_and_quarter_with_data(client, demo_unit, planner):
    assert default_period(demo_unit, today=date(2026, 2, 1)) == (2024, 4)
    with quarters_opened(demo_unit, 2024):
        MonthlyRealisation.objects.filter(
            indicator__goal__agreement__unit=demo_unit, month__gt=7
        ).delete()
    assert default_period(demo_unit, today=date(2026, 2, 1)) == (2024, 3)
    empty = WorkUnit.objects.get(code="BSPJI-MDN")
    assert default_period(empty, today=date(2026, 5, 10)) == (2026, 2)
    client.force_login(planner)
    html = client.get(URL).content.decode()
    assert "Triwulan III (Juli – September) Tahun Anggaran 2024" in html


def test_earlier_quarter_page_uses_its_words(client, planner):
    client.force_login(planner)
    html = client.get(URL, {"year": 2024, "q": 2}).content.decode()
    assert "Triwulan II (April – Juni)" in html
    assert "Capaian Kinerja Berdasarkan Perjanjian Kinerja TW II TA.2024" in html


def test_downloads_have_their_formats_and_names(client, planner):
    client.force_login(planner)
    for fmt, ctype in (("json", "application/json"), ("html", "text/html; charset=utf-8")):
        response = client.get(f"{URL}unduh/2024/3.{fmt}")
        assert response.status_code == 200 and response["Content-Type"] == ctype
        assert f"laporan-pp39-bspji-plg-2024-tw3.{fmt}" in response["Content-Disposition"]
    assert client.get(f"{URL}unduh/2024/5.pdf").status_code == 404
    assert client.get(f"{URL}unduh/2024/4.odt").status_code == 404
    page = client.get(f"{URL}?year=2024&q=4").content.decode()
    assert "/u/BSPJI-PLG/laporan/unduh/2024/4.docx" in page and "Unduh Word" in page


def test_workbook_is_cached_until_a_fact_changes(client, planner, demo_unit):
    client.force_login(planner)
    url = f"{URL}unduh/2024/4.xlsx"
    first = client.get(url)
    assert first["X-Report-Cache"] == "miss"
    again = client.get(url)
    assert again["X-Report-Cache"] == "hit" and again.content == first.content
    row = ReportCache.objects.get(unit_code="BSPJI-PLG", year=2024, quarter=4, fmt="xlsx")
    assert row.data_version == data_version(demo_unit, 2024, 4)

    realisation = MonthlyRealisation.objects.get(
        indicator__goal__agreement__unit=demo_unit,
        indicator__number=1,
        indicator__goal__number=1,
        month=12,
    )
    realisation.activities_done = "Diperbarui"
    realisation.save()
    changed = client.get(url)
    assert changed["X-Report-Cache"] == "miss" and changed.content != first.content
    assert client.get(url)["X-Report-Cache"] == "hit"


def test_a_peer_evaluation_invalidates_sibling_reports(demo_unit):
    from perkin.models import UnitEvaluation

    before = data_version(demo_unit, 2024, 4)
    peer = UnitEvaluation.objects.filter(unit__code="BSPJI-MDN").first()
    peer.stated_total = peer.stated_total
    peer.save()
    assert data_version(demo_unit, 2024, 4) != before


def test_every_fact_model_raises_the_data_version():
    labels = {
        m._meta.label
        for app in ("perkin", "budget")
        for m in apps.get_app_config(app).get_models()
        if not m._meta.label.split(".")[1].startswith("Historical")
    }
    assert labels - NOT_FACTS == {label for label in FACTS if label.split(".")[0] != "reports"}
    assert "reports.FindingAcknowledgement" in FACTS  # the head's judgement changes the annex


def test_acknowledging_a_finding_or_setting_a_target_raises_the_version(demo_unit, head):
    from budget.models import AbsorptionTarget
    from reports.checks import build_quarterly_report
    from reports.finals.store import acknowledge

    def version(unit_id, quarter):
        row = DataVersion.objects.filter(unit_id=unit_id, year=2024, quarter=quarter).first()
        return row.version if row else 0

    before = version(demo_unit.pk, 4)
    finding = build_quarterly_report(demo_unit, 2024, 4).open_errors[0]
    acknowledge(unit=demo_unit, year=2024, quarter=4, finding=finding, reason="Uji.", user=head)
    assert version(demo_unit.pk, 4) == before + 1
    parent_before = version(demo_unit.parent_id, 3)
    with quarters_opened(demo_unit, 2024):  # every unit under BSKJI prints the target
        AbsorptionTarget.objects.create(
            issuer=demo_unit.parent, year=2024, quarter=3, target_pct=70
        )
    # the parent's row is read by every unit under it
    assert version(demo_unit.parent_id, 3) == parent_before + 1


def test_saving_and_deleting_a_fact_raise_its_period_once(demo_unit, django_assert_num_queries):
    def version(quarter):
        row = DataVersion.objects.filter(unit=demo_unit, year=2024, quarter=quarter).first()
        return row.version if row else 0

    realisation = MonthlyRealisation.objects.filter(
        indicator__goal__agreement__unit=demo_unit, month=11
    )[0]
    before = version(4)
    # the period it had, the row, its history, the periods it has (old and new at once)
    with django_assert_num_queries(4):
        realisation.save()
    assert version(4) == before + 1
    from budget.models import RevenueReceipt

    receipt = RevenueReceipt.objects.filter(line__unit=demo_unit, year=2024).earliest("month")
    quarter = (receipt.period_start_month + 2) // 3
    assert quarter < 4
    first = version(quarter)
    with quarters_opened(demo_unit, 2024):  # its quarter is locked in the demo
        receipt.delete()
    assert version(quarter) == first + 1 and version(4) == before + 1


def test_a_unit_without_data_still_renders(client, reviewer):
    client.force_login(reviewer)
    url = "/u/BSPJI-MDN/laporan/"
    page = client.get(url, {"year": 2024, "q": 2})
    assert page.status_code == 200
    assert "Perjanjian kinerja tahun ini belum dicatat." in page.content.decode()
    for fmt in ("xlsx", "html", "json"):
        assert client.get(f"{url}unduh/2024/2.{fmt}").status_code == 200


def test_bulk_written_realisations_invalidate_the_cache(demo_unit):
    from simple_history.utils import bulk_update_with_history

    before = data_version(demo_unit, 2024, 4)
    rows = list(MonthlyRealisation.objects.filter(indicator__goal__agreement__unit=demo_unit)[:3])
    for row in rows:
        row.activities_done += " (diperbarui)"
    bulk_update_with_history(rows, MonthlyRealisation, ["activities_done"])  # no save signals
    assert data_version(demo_unit, 2024, 4) != before
