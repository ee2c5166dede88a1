"""The dashboard's chart specs: axis titles Plotly draws (with units), legends, labels that fit."""

import pytest

from reports.checks import build_quarterly_report
from reports.dashboard.charts import dashboard_charts, indicator_progress, wrap
from tests.helpers import quarters_opened

pytestmark = pytest.mark.django_db


@pytest.fixture
def charts(demo_unit):
    return dashboard_charts(build_quarterly_report(demo_unit, 2024, 4, full=False))


def _titles(layout):
    return {
        name: layout[name]["title"]
        for name in ("xaxis", "yaxis")
        if name in layout and "title" in layout[name]
    }


def test_every_axis_title_is_an_object_plotly_draws(charts):
    for chart_id, spec in charts.items():
        for name, title in _titles(spec["layout"]).items():
            assert isinstance(title, dict) and "text" in title, (chart_id, name)


def test_money_and_percent_axes_say_their_unit(charts):
    assert charts["budget-outputs"]["layout"]["xaxis"]["title"]["text"] == "Rp juta"
    assert charts["revenue-cumulative"]["layout"]["yaxis"]["title"]["text"] == "Rp juta"
    assert charts["budget-scurve"]["layout"]["yaxis"]["title"]["text"] == "Persen dari pagu"
    assert charts["budget-scurve"]["layout"]["yaxis"]["ticksuffix"] == "%"


def test_indicator_minis_have_a_legend(charts, demo_unit):
    mini = next(spec for key, spec in charts.items() if key.startswith("ind-"))
    assert mini["layout"].get("showlegend", True) is not False
    assert [t["name"] for t in mini["data"]] == ["Target antara", "Realisasi fisik"]


def test_long_category_names_are_wrapped_and_never_cut_mid_word():
    assert wrap("Pelatihan Teknik Operasional", 20) == "Pelatihan Teknik<br>Operasional"
    assert wrap("Sertifikasi Sistem Mutu Keamanan Pangan Nasional Indonesia", 20).endswith("…")
    assert "<br>" not in wrap("Kalibrasi", 20)


def test_revenue_lines_are_horizontal_bars_with_wrapped_names(charts):
    bar = charts["revenue-growth"]["data"][0]
    assert bar["orientation"] == "h"
    assert "Pelatihan Teknik<br>Operasional" in bar["y"]


def test_the_s_curve_says_when_spending_is_known_only_as_a_total(charts):
    # the seed has the year's spending as one figure covering January-December
    notes = charts["budget-scurve"]["layout"]["annotations"]
    assert notes and "belum tercatat" in notes[0]["text"]


def test_the_s_curve_has_no_note_once_months_are_entered(demo_unit):
    from budget.models import BudgetItem, OutputRealisation

    with quarters_opened(demo_unit, 2024):
        OutputRealisation.objects.filter(item__budget__unit=demo_unit).delete()
        kro = BudgetItem.objects.filter(budget__unit=demo_unit, level="kro").first()
        for month in (1, 2, 3):
            OutputRealisation.objects.create(
                item=kro, month=month, period_start_month=month, spent=1
            )
    charts = dashboard_charts(build_quarterly_report(demo_unit, 2024, 1, full=False))
    assert charts["budget-scurve"]["layout"]["annotations"] == []
    assert sum(v is not None for v in charts["budget-scurve"]["data"][1]["y"][:3]) == 3


def test_the_indicator_page_chart_has_titles(demo_unit):
    report = build_quarterly_report(demo_unit, 2024, 4, full=False)
    spec = indicator_progress(report.indicators[0], compact=False)
    assert spec["layout"]["title"]["text"] == "Realisasi fisik I.1 terhadap target antara"
    assert spec["layout"]["yaxis"]["title"]["text"] == "Persen kumulatif"
