"""Each invariant of DOMAIN.md section 7 that a database can hold refuses a bad row, even when
it is written through the ORM (admin, shell, import) rather than a form."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from budget.models import (
    Allocation,
    BudgetItem,
    BudgetRevision,
    OutputRealisation,
    RevenueLine,
    RevenueReceipt,
    RevisionBreakdown,
    ServiceKind,
    ServiceOutput,
)
from perkin.models import (
    ActionPlanStep,
    EvaluationComponent,
    Indicator,
    Measurement,
    MonthlyRealisation,
    QuarterLock,
    RatioObservation,
    SurveyElementScore,
    Training,
    UnitEvaluation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_locks(db):
    """These tests reach the database constraints; the demo's locked quarters would refuse
    the writes earlier (perkin.locks), so the quarters are opened for them."""
    QuarterLock.objects.update(locked=False)


def refused(factory) -> bool:
    try:
        with transaction.atomic():
            factory()
    except IntegrityError:
        return True
    return False


@pytest.fixture
def indicator(demo_unit):
    return Indicator.objects.get(goal__agreement__unit=demo_unit, goal__number=1, number=1)


@pytest.fixture
def kro(demo_unit):
    return BudgetItem.objects.get(budget__unit=demo_unit, level="kro", code="AEC")


@pytest.mark.parametrize("pct", ["-0.01", "100.01", "150"])
def test_physical_pct_outside_0_100_is_refused(indicator, pct):
    row = MonthlyRealisation.objects.get(indicator=indicator, month=5)
    row.physical_pct = Decimal(pct)
    assert refused(row.save)


def test_physical_pct_at_bounds_is_accepted(indicator):
    row = MonthlyRealisation.objects.get(indicator=indicator, month=5)
    for pct in ("0", "100"):
        row.physical_pct = Decimal(pct)
        assert not refused(row.save)


def test_second_realisation_for_same_indicator_and_month_is_refused(indicator):
    assert refused(
        lambda: MonthlyRealisation.objects.create(indicator=indicator, month=3, physical_pct=1)
    )


@pytest.mark.parametrize("month", [0, 13])
def test_month_outside_1_12_is_refused(indicator, month):
    MonthlyRealisation.objects.filter(indicator=indicator).delete()
    assert refused(
        lambda: MonthlyRealisation.objects.create(indicator=indicator, month=month, physical_pct=1)
    )


def test_interim_target_above_100_is_refused(indicator):
    step = ActionPlanStep.objects.get(indicator=indicator, month=1)
    step.interim_target_pct = Decimal("100.5")
    assert refused(step.save)


def test_indicator_target_must_be_positive(indicator):
    indicator.target = Decimal("0")
    assert refused(indicator.save)


def test_growth_indicator_needs_a_basis(indicator):
    indicator.method = Indicator.Method.GROWTH
    indicator.growth_basis = ""
    assert refused(indicator.save)


def test_measurement_with_zero_before_value_is_refused(indicator):
    assert refused(
        lambda: Measurement.objects.create(
            indicator=indicator,
            month=12,
            company="X",
            kind="efficiency",
            before_value=0,
            after_value=5,
            measure_unit="jam",
        )
    )


def test_measurement_values_without_unit_are_refused(indicator):
    assert refused(
        lambda: Measurement.objects.create(
            indicator=indicator,
            month=12,
            company="Y",
            kind="efficiency",
            before_value=10,
            after_value=5,
            measure_unit="",
        )
    )


def test_measurement_without_values_or_stated_pct_is_refused(indicator):
    assert refused(
        lambda: Measurement.objects.create(
            indicator=indicator, month=12, company="Z", kind="efficiency"
        )
    )


def test_ratio_with_zero_denominator_is_refused(indicator):
    assert refused(
        lambda: RatioObservation.objects.create(
            indicator=indicator, month=1, numerator=1, denominator=0
        )
    )


def test_survey_score_outside_1_4_is_refused(indicator):
    assert refused(
        lambda: SurveyElementScore.objects.create(
            indicator=indicator, month=1, number=1, element="x", score=Decimal("4.5")
        )
    )


def test_negative_allocation_is_refused(demo_unit, kro):
    revision = BudgetRevision.objects.get(budget__unit=demo_unit, number=0)
    allocation = Allocation.objects.get(revision=revision, item=kro)
    allocation.amount = Decimal("-1")
    assert refused(allocation.save)


def test_breakdown_category_must_match_dimension(demo_unit):
    revision = BudgetRevision.objects.get(budget__unit=demo_unit, number=3)
    assert refused(
        lambda: RevisionBreakdown.objects.create(
            revision=revision, dimension="spending_type", category="RM", amount=1
        )
    )


def test_negative_spending_is_refused(kro):
    assert refused(
        lambda: OutputRealisation.objects.create(
            item=kro, month=3, period_start_month=3, spent=Decimal("-5")
        )
    )


def test_negative_receipt_must_be_a_refund(demo_unit):
    line = RevenueLine.objects.get(unit=demo_unit, code="KALIBRASI")
    assert refused(
        lambda: RevenueReceipt.objects.create(
            line=line, year=2024, month=2, period_start_month=2, amount=-100
        )
    )
    assert not refused(
        lambda: RevenueReceipt.objects.create(
            line=line, year=2024, month=3, period_start_month=3, amount=-100, is_refund=True
        )
    )


def test_refund_cannot_be_positive(demo_unit):
    line = RevenueLine.objects.get(unit=demo_unit, code="KALIBRASI")
    assert refused(
        lambda: RevenueReceipt.objects.create(
            line=line, year=2024, month=4, period_start_month=4, amount=100, is_refund=True
        )
    )


def test_period_cannot_start_after_its_month(demo_unit):
    kind = ServiceKind.objects.get(unit=demo_unit, code="PENGUJIAN")
    assert refused(
        lambda: ServiceOutput.objects.create(
            kind=kind, year=2025, month=3, period_start_month=5, count=1
        )
    )


def test_evaluation_component_above_its_maximum_is_refused(demo_unit):
    evaluation = UnitEvaluation.objects.get(unit=demo_unit, kind="sakip", year=2024)
    component = EvaluationComponent.objects.get(evaluation=evaluation, number=3)
    component.score = Decimal("15.01")
    assert refused(component.save)


def test_training_ending_before_it_starts_is_refused(demo_unit):
    assert refused(
        lambda: Training.objects.create(
            unit=demo_unit,
            year=2030,
            number=1,
            name="x",
            start=date(2030, 2, 2),
            end=date(2030, 2, 1),
            participants=1,
        )
    )
