"""The head's dashboard, the indicator page and the view across units: access, figures,
exports and a query count that does not grow with the data."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.cache import caches
from django.urls import reverse

from budget.models import BudgetItem, OutputRealisation
from perkin.models import (
    ActionPlanStep,
    Goal,
    Indicator,
    MonthlyRealisation,
    WorkUnit,
)
from tests.helpers import quarters_opened

pytestmark = pytest.mark.django_db

# computed: the facts, + the unit's years (period choice), the quarter's deadline and the data
# version; reused (the facts unchanged): the facts' queries left out
DASHBOARD_QUERIES = 29
DASHBOARD_CACHED_QUERIES = 7
INDICATOR_QUERIES = 30
INDICATOR_CACHED_QUERIES = 7
UNITS_QUERIES = 30
UNITS_WARM_QUERIES = 6
UNITS_KEPT_QUERIES = 5  # the table rendered kept: the summaries not read
URL = "/u/BSPJI-PLG/?year=2024&q=4"


def _indicator(code):
    goal, number = code.split(".")
    roman = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII"].index(goal)
    return Indicator.objects.get(
        goal__agreement__unit__code="BSPJI-PLG", goal__number=roman, number=number
    )


def test_dashboard_needs_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_home_sends_each_role_where_it_belongs(client, head, reviewer):
    client.force_login(head)
    assert client.get("/")["Location"] == "/u/BSPJI-PLG/"
    client.force_login(reviewer)
    assert client.get("/")["Location"] == "/unit/"


def test_dashboard_shows_the_quarter(client, head):
    client.force_login(head)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Triwulan IV 2024" in html
    assert "15 / 15" in html  # indicators achieved
    assert "93,24%" in html  # budget absorption
    assert "Rp 5.186.827.000" in html
    assert "587,40%" in html  # III.3 achievement, computed
    assert 'id="findings"' in html and "85,42%" in html  # the Mirrando finding
    for chart in ("budget-scurve", "budget-history", "revenue-cumulative", "services"):
        assert f'id="chart-{chart}"' in html
    assert "/static/vendor/plotly.js-basic-dist-min-4.1.1/plotly-basic.min.js" in html


def test_dashboard_defaults_to_latest_quarter_with_data(client, head):
    client.force_login(head)
    html = client.get("/u/BSPJI-PLG/").content.decode()
    assert "Triwulan IV 2024" in html


def test_other_units_planner_cannot_open_the_dashboard(client, other_planner):
    client.force_login(other_planner)
    assert client.get(URL).status_code == 404
    pk = _indicator("I.1").pk
    assert client.get(f"/u/BSPJI-PLG/indikator/{pk}/?year=2024&q=4").status_code == 404
    # and the indicator's id under their own unit is not found either
    assert client.get(f"/u/BSPJI-MDN/indikator/{pk}/?year=2024&q=4").status_code == 404


def test_view_across_units_is_for_reviewers(client, planner, reviewer):
    client.force_login(planner)
    assert client.get("/unit/").status_code == 403
    client.force_login(reviewer)
    response = client.get("/unit/?year=2024&q=4&u-sort=-sakip")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('href="/u/') == 29
    assert "BSPJI Palembang" in html and "82,25" in html and "98,00" in html


def test_missing_figures_read_as_in_the_report(client, head, reviewer):
    """An empty cell of a dashboard table shows the report's '-', not django-tables2's em dash
    beside a '-' in the next column."""
    client.force_login(reviewer)
    units = client.get("/unit/?year=2024&q=4").content.decode()
    client.force_login(head)
    dashboard = client.get(URL).content.decode()
    for html in (units, dashboard):
        assert "\u2014</td>" not in html and '<td class="num">-</td>' in html


def test_reviewer_reads_a_peer_dashboard_but_not_other_parents(client, reviewer):
    client.force_login(reviewer)
    assert client.get(URL).status_code == 200
    outsider = WorkUnit.objects.create(code="LAIN-1", name="Unit lain")
    assert client.get(f"/u/{outsider.code}/").status_code == 404


def test_indicator_page_shows_computation_history_and_narrative(client, head):
    client.force_login(head)
    pk = _indicator("III.1").pk
    response = client.get(f"/u/BSPJI-PLG/indikator/{pk}/?year=2024&q=4")
    html = response.content.decode()
    assert response.status_code == 200
    assert "PT Mirrando Food and Beverages" in html and "84,85%" in html and "85,42%" in html
    assert "68,23" in html and "170,58%" in html
    # the realisation card names its unit, as the target card beside it does
    assert '<span class="value">68,23 Persen</span>' in html
    assert "Riwayat perubahan realisasi" in html and "dibuat" in html
    assert "Kendala" in html and "Tidak ada kendala" in html


def _file(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_table_downloads_as_csv_and_xlsx(client, head, demo_unit):
    from reports.checks import build_quarterly_report

    report = build_quarterly_report(demo_unit, 2024, 4)
    client.force_login(head)
    response = client.get(URL + "&_export=csv&t=indikator")
    assert response.status_code == 200
    assert 'filename="bspji-plg-2024-tw4-indikator.csv"' in response["Content-Disposition"]
    raw = _file(response)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0].split(";")[:3] == ["Kode", "Indikator kinerja", "Target"]
    iii3 = next(line.split(";") for line in lines if line.startswith("III.3;"))
    assert "587,40" in iii3 and "Tercapai" in iii3  # decimal comma, status as plain words
    assert "<span" not in raw.decode("utf-8-sig")
    services = client.get(URL + "&_export=csv&t=layanan")
    rows = [r.split(";") for r in _file(services).decode("utf-8-sig").strip().split("\r\n")]
    current = rows[0].index("Tahun ini")
    assert sum(int(r[current]) for r in rows[1:]) == report.services.current == 3801

    response = client.get(URL + "&_export=xlsx&t=pnbp")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(_file(response))).active
    header = [c.value for c in sheet[1]]
    realisation = header.index("Realisasi (Rp)") + 1
    cells = [sheet.cell(row=r, column=realisation) for r in range(2, sheet.max_row + 1)]
    assert all(isinstance(c.value, (int, float)) for c in cells if c.value is not None)
    assert sum(c.value for c in cells if c.value is not None) == report.revenue.realisation
    assert cells[0].number_format == "#,##0"
    growth = sheet.cell(row=2, column=header.index("Pertumbuhan (%)") + 1)
    assert growth.number_format == '0.00"%"'
    assert client.get(URL + "&_export=pdf&t=pnbp").status_code == 404


def test_download_links_keep_the_period_and_text_is_never_a_formula(client, reviewer, demo_unit):
    demo_unit.revenue_lines.filter(code="KALIBRASI").update(name='=HYPERLINK("x")')
    client.force_login(reviewer)
    page = client.get("/unit/?year=2023&q=2").content.decode()
    assert "??" not in page
    assert 'href="?year=2023&amp;q=2&amp;_export=csv"' in page
    response = client.get("/unit/?year=2023&q=2&_export=csv")
    assert 'filename="antar-unit-2023-tw2.csv"' in response["Content-Disposition"]
    client.logout()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="kepala"))
    page = client.get(URL).content.decode()
    assert "?year=2024&amp;q=4&amp;_export=xlsx&amp;t=pnbp" in page
    csv_text = _file(client.get(URL + "&_export=csv&t=pnbp")).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text
    book = openpyxl.load_workbook(io.BytesIO(_file(client.get(URL + "&_export=xlsx&t=pnbp"))))
    cell = next(c for row in book.active.iter_rows() for c in row if c.value == '=HYPERLINK("x")')
    assert cell.data_type == "s"


def _grow(unit):
    """Adds indicators with a whole year of months, and outputs, to the unit's 2024 data
    (its quarters opened for the writes, then locked again as the demo has them)."""
    with quarters_opened(unit, 2024):
        _add_rows(unit)


def _add_rows(unit):
    agreement = unit.agreements.get(year=2024)
    goal = Goal.objects.create(agreement=agreement, number=9, text="Tambahan")
    for n in range(1, 6):
        ind = Indicator.objects.create(
            goal=goal, number=n, name=f"Tambahan {n}", target=10, unit="Persen", method="direct"
        )
        ActionPlanStep.objects.bulk_create(
            [ActionPlanStep(indicator=ind, month=m, interim_target_pct=8 * m) for m in range(1, 13)]
        )
        MonthlyRealisation.objects.bulk_create(
            [
                MonthlyRealisation(
                    indicator=ind, month=m, physical_pct=8 * m, value_to_date=Decimal(m)
                )
                for m in range(1, 13)
            ]
        )
    activity = BudgetItem.objects.get(budget__unit=unit, level="activity", code="6042")
    for n in range(4):
        kro = BudgetItem.objects.create(
            budget=activity.budget, parent=activity, level="kro", code=f"Z{n}", name="Tambahan"
        )
        OutputRealisation.objects.create(item=kro, month=12, period_start_month=12, spent=1)


def test_dashboard_and_indicator_page_queries_are_constant(
    client, head, demo_unit, django_assert_num_queries
):
    client.force_login(head)
    pk = _indicator("V.1").pk
    indicator_url = f"/u/BSPJI-PLG/indikator/{pk}/?year=2024&q=4"
    client.get(URL)  # warm the session
    caches["reports"].clear()
    for grown in (False, True):  # computed, then reused; again after the facts grew
        if grown:
            _grow(demo_unit)
        with django_assert_num_queries(DASHBOARD_QUERIES):
            assert client.get(URL).status_code == 200
        with django_assert_num_queries(DASHBOARD_CACHED_QUERIES):
            assert client.get(URL).status_code == 200
        with django_assert_num_queries(INDICATOR_QUERIES):
            assert client.get(indicator_url).status_code == 200
        with django_assert_num_queries(INDICATOR_CACHED_QUERIES):
            assert client.get(indicator_url).status_code == 200


def test_pages_show_a_changed_fact_at_once_though_the_report_was_reused(
    client, head, planner, demo_unit
):
    """The computed report is reused only while its facts stand: a month saved as one row, or
    in bulk by the entry service, shows on the next request of the dashboard and the indicator
    page."""
    from perkin import services

    client.force_login(head)
    indicator = _indicator("V.1")
    indicator_url = f"/u/BSPJI-PLG/indikator/{indicator.pk}/?year=2024&q=4"

    def shown() -> tuple[Decimal, str]:
        response = client.get(URL)
        card = next(i for i in response.context["report"].indicators if i.pk == indicator.pk)
        # the cards, tables and charts are kept rendered: they must show the same figure
        figure = f"B12: {card.physical_realised_pct:.2f}".replace(".", ",")
        assert figure in response.content.decode()
        december = client.get(indicator_url).context["ind"].months[11]
        return card.physical_realised_pct, december.activities_done

    before = shown()
    assert shown() == before  # reused, and the same
    row = MonthlyRealisation.objects.get(indicator=indicator, month=12)
    with quarters_opened(demo_unit, 2024):
        row.physical_pct = Decimal("95.25")
        row.save()
    assert shown() == (Decimal("95.25"), before[1])
    row.refresh_from_db()
    with quarters_opened(demo_unit, 2024):
        saved, conflicts = services.realisations_save(
            unit=demo_unit,
            year=2024,
            month=12,
            rows=[
                services.RowInput(
                    indicator=indicator,
                    physical_pct=Decimal("97.5"),
                    activities_done="Disimpan lewat halaman isian",
                    value_to_date=row.value_to_date,
                    version=row.version,
                )
            ],
            user=planner,
        )
    assert saved and not conflicts
    assert shown() == (Decimal("97.5"), "Disimpan lewat halaman isian")
    html = client.get(indicator_url).content.decode()
    assert "Disimpan lewat halaman isian" in html


def test_view_across_units_queries_do_not_grow_with_units(
    client, reviewer, demo_unit, django_assert_num_queries
):
    from django.core.cache import cache

    from reports.models import UnitSummary

    client.force_login(reviewer)
    url = reverse("reports:units") + "?year=2024&q=4"
    client.get(url)
    UnitSummary.objects.all().delete()
    caches["reports"].clear()
    with django_assert_num_queries(UNITS_QUERIES):  # nothing stored: every unit computed
        client.get(url)
    cache.clear()
    caches["reports"].clear()
    with django_assert_num_queries(UNITS_WARM_QUERIES + 1):  # stored; the bands read again
        client.get(url)
    with django_assert_num_queries(UNITS_KEPT_QUERIES):  # the table kept: its keys stand
        client.get(url)
    for n in range(5):
        WorkUnit.objects.create(
            code=f"TAMBAH-{n}", name=f"Balai tambahan {n}", parent=demo_unit.parent
        )
    with django_assert_num_queries(UNITS_QUERIES):  # the new units computed together
        html = client.get(url).content.decode()
    assert html.count('href="/u/') == 34
    assert UnitSummary.objects.filter(year=2024, quarter=4).count() == 34
    caches["reports"].clear()
    with django_assert_num_queries(UNITS_WARM_QUERIES):
        client.get(url)
    with django_assert_num_queries(UNITS_KEPT_QUERIES):
        assert client.get(url).content.decode().count('href="/u/') == 34


def test_view_across_units_recomputes_a_unit_whose_data_changed(client, reviewer, planner):
    from perkin.models import MonthlyRealisation

    client.force_login(reviewer)
    url = reverse("reports:units") + "?year=2024&q=4"
    assert "15/15" in client.get(url).content.decode()
    row = MonthlyRealisation.objects.get(indicator=_indicator("VI.1"), month=12)
    row.value_to_date = Decimal("60")  # below the target of 75
    row.save()
    assert "14/15" in client.get(url).content.decode()


def test_early_warnings_point_where_to_fix(client, head):
    from datetime import date

    from reports.checks import build_quarterly_report
    from reports.dashboard.warnings import early_warnings, finding_warnings

    unit = WorkUnit.objects.get(code="BSPJI-PLG")
    MonthlyRealisation.objects.filter(indicator=_indicator("II.4"), month=12).update(
        physical_pct=60, status="draft"
    )
    report = build_quarterly_report(unit, 2024, 4, full=False)
    link = lambda kind, **kw: f"{kind}:{kw}"  # noqa: E731
    warnings = early_warnings(report, today=date(2025, 1, 20), link=link)
    kinds = {w.kind for w in warnings}
    assert {"behind_plan", "not_submitted", "output_lag"} <= kinds
    behind = next(w for w in warnings if w.kind == "behind_plan")
    assert "II.4" in behind.title and behind.url == f"indicator:{{'pk': {_indicator('II.4').pk}}}"
    assert any(w.kind == "not_submitted" and "Desember 2024" in w.title for w in warnings)
    findings = finding_warnings(report, link=link)
    assert any("III.3" == f.title and f.url.startswith("indicator:") for f in findings)


def test_a_table_sorted_by_the_query_is_kept_apart_from_the_default_order(client, head):
    """The kept cards, tables and charts are kept per query: a sorted table is not served
    to the page asking for the default order, nor the other way round."""
    import re

    client.force_login(head)

    def table_codes(query: str) -> list[str]:
        html = client.get(URL + query).content.decode()
        body = html[html.index('class="table-block"') :]
        body = body[body.index("<tbody") : body.index("</tbody>")]
        return re.findall(r"<td[^>]*>\s*([IVX]+\.\d+)\s*</td>", body)

    default = table_codes("")
    descending = table_codes("&ik-sort=-code")
    assert len(default) > 3 and sorted(default) == sorted(descending)
    assert descending == sorted(default, reverse=True) != default
    assert table_codes("") == default and table_codes("&ik-sort=-code") == descending


def test_view_across_units_compares_units_on_the_dashboards_fair_figures(client, reviewer):
    """Palembang's plain mean (193,05%) is decided by two huge growth achievements; the units
    table shows the median and the capped mean the dashboard leads with."""
    client.force_login(reviewer)
    html = client.get("/unit/?year=2024&q=4").content.decode()
    row = html[html.index("BSPJI Palembang") :].split("</tr>")[0]
    assert "114,25" in row and "112,73" in row and "193,05" not in row
    assert "Capaian tengah (median)" in html and "Rata-rata capaian berbatas" in html
    assert "dihitung 120%" in html
