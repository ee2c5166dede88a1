"""Last year's figures recorded by hand (a unit's first year in Perkin): a setup table per
kind, read by the report when last year is not in Perkin."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from perkin.models import PriorYearIndicator, PriorYearTotals
from reports.checks import build_quarterly_report
from tests.helpers import quarters_opened

pytestmark = pytest.mark.django_db
BASE = "/u/BSPJI-PLG/atur/2024/"


def test_planner_sees_last_years_figures_on_the_setup_pages(client, planner):
    client.force_login(planner)
    page = client.get(BASE + "tahun-lalu-indikator/")
    assert page.status_code == 200 and "VIII.2" in page.content.decode()
    assert client.get(BASE + "tahun-lalu-total/").status_code == 200
    assert "tahun-lalu-indikator" in client.get(BASE).content.decode()


def test_recorded_figures_give_the_comparison_and_the_growth_base(demo_unit):
    PriorYearIndicator.objects.filter(unit=demo_unit, code="I.1").update(realisation=D("35"))
    with quarters_opened(demo_unit, 2024):  # 2023's Q3 figure is shown by 2024's Q3 report
        PriorYearTotals.objects.create(
            unit=demo_unit, year=2023, quarter=3, revenue=D("3000000000")
        )
    q4 = build_quarterly_report(demo_unit, 2024, 4)
    i1 = next(i for i in q4.indicators if i.code == "I.1")
    assert (i1.previous_physical_pct, i1.previous_realisation) == (D("100.00"), D("35.00"))
    ipp = next(i for i in q4.indicators if i.code == "VII.1")  # last year's IPP evaluation
    assert ipp.previous_realisation == D("4.97")
    q3 = build_quarterly_report(demo_unit, 2024, 3)
    # 2023 receipts are stored only as a year total: Q3's base is the recorded one
    assert q3.revenue.previous_year == D("3000000000")
    assert q3.revenue.growth_pct == D("6.91")  # 3.207.176.500 / 3.000.000.000 - 1
