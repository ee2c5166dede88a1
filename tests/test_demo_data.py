"""`loaddemo` loads the whole seed year, and a second run changes nothing."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from budget.models import (
    Allocation,
    BudgetItem,
    BudgetRevision,
    RevenueLine,
    RevenueReceipt,
    RevenueTarget,
    ServiceKind,
    ServiceOutput,
)
from perkin.demo import synthetic, synthetic_methods
from perkin.demo.loader import load_demo
from perkin.models import (
    ActionPlanStep,
    Goal,
    Indicator,
    Measurement,
    MonthlyRealisation,
    Training,
    UnitEvaluation,
    WorkUnit,
)

pytestmark = pytest.mark.django_db


def test_demo_year_is_complete(demo_unit):
    agreement = demo_unit.agreements.get(year=2024)
    assert Goal.objects.filter(agreement=agreement).count() == 8
    assert Indicator.objects.filter(goal__agreement=agreement).count() == 15
    assert ActionPlanStep.objects.filter(indicator__goal__agreement=agreement).count() == 180
    assert MonthlyRealisation.objects.filter(indicator__goal__agreement=agreement).count() == 180
    budget = demo_unit.budgets.get(year=2024)
    assert BudgetRevision.objects.filter(budget=budget).count() == 20
    assert BudgetItem.objects.filter(budget=budget, level="kro").count() == 11
    assert BudgetItem.objects.filter(budget=budget, level="ro").count() == 21
    assert RevenueLine.objects.filter(unit=demo_unit).count() == 13
    assert RevenueTarget.objects.filter(line__unit=demo_unit, year=2024).count() == 10
    assert ServiceKind.objects.filter(unit=demo_unit).count() == 7
    assert ServiceOutput.objects.filter(kind__unit=demo_unit, year=2023).count() == 6
    assert ServiceOutput.objects.filter(kind__unit=demo_unit, year=2024).count() == 7
    assert Measurement.objects.filter(indicator__goal__agreement=agreement).count() == 5
    assert Training.objects.filter(unit=demo_unit, year=2024).count() == 56


def test_demo_revisions_match_table_2_1_pagu(demo_unit):
    for revision in BudgetRevision.objects.filter(budget__unit=demo_unit):
        total = sum(a.amount for a in Allocation.objects.filter(revision=revision))
        assert total == revision.stated_pagu, revision.number


def test_demo_revenue_2024_lines_add_up_to_table_3_7(demo_unit):
    total = sum(r.amount for r in RevenueReceipt.objects.filter(line__unit=demo_unit, year=2024))
    assert total == Decimal("5186827000")


def test_peer_units_and_scores_of_tables_3_17_and_3_18(demo_unit):
    peers = WorkUnit.objects.filter(parent=demo_unit.parent)
    assert peers.count() == 29  # 11 large offices, 13 offices, 5 centres
    assert UnitEvaluation.objects.filter(kind="sakip", year=2024).count() == 29
    assert UnitEvaluation.objects.filter(kind="financial_report", year=2024).count() == 24
    own = UnitEvaluation.objects.filter(unit=demo_unit, kind="sakip")
    assert own.get(year=2024).stated_total == Decimal("82.25")
    assert own.get(year=2023).stated_total == Decimal("76.80")  # the seed's SAKIP of TA 2022


def test_second_load_changes_nothing(demo_unit):
    history_before = MonthlyRealisation.history.count() + RevenueReceipt.history.count()
    stats, logins = load_demo(password="perkin-demo")
    assert stats.created == 0 and stats.updated == 0
    assert stats.unchanged > 1000
    assert MonthlyRealisation.history.count() + RevenueReceipt.history.count() == history_before
    assert [u for u, _ in logins] == [
        "admin",
        "kepala",
        "perencana",
        "pic",
        "perencana_lain",
        "reviewer",
    ]


def test_loaddemo_command_prints_the_logins(capsys):
    call_command("loaddemo")
    out = capsys.readouterr().out
    assert "0 rows created, 0 updated" in out
    for username in ("admin", "kepala", "perencana", "pic", "perencana_lain"):
        assert username in out


def test_every_indicator_method_has_a_synthetic_generator():
    assert set(synthetic_methods.METHODS) == set(Indicator.Method)


def test_synthetic_indicators_get_their_methods_rows():
    unit = synthetic.generate_synthetic(units=1, years=1, seed=3, last_year=2024)[0]
    indicators = Indicator.objects.filter(goal__agreement__unit=unit)
    by_method = {i.method: i for i in indicators}
    assert by_method[Indicator.Method.COUNT].facilitated_companies.exists()
    assert by_method[Indicator.Method.AVERAGE_CHANGE].measurements.count() == 3
    assert by_method[Indicator.Method.SURVEY_INDEX].survey_elements.count() == 18
    assert by_method[Indicator.Method.WEIGHTED_INDEX].service_aspects.count() == 6
    assert by_method[Indicator.Method.RATIO].ratio_observations.count() == 2
    direct = MonthlyRealisation.objects.filter(
        indicator__in=indicators, value_to_date__isnull=False
    )
    assert {r.indicator.method for r in direct} == {Indicator.Method.DIRECT}
    sakip = UnitEvaluation.objects.get(unit=unit, kind=UnitEvaluation.Kind.SAKIP)
    assert sakip.components.count() == 4
    assert sakip.stated_total == sum(c.score for c in sakip.components.all())
    assert UnitEvaluation.objects.filter(unit=unit).count() == 2
