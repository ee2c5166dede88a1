"""The factories build rows that the engine computes like any other unit's (no seed year)."""

from decimal import Decimal

from perkin.models import UnitMembership
from reports.checks import build_quarterly_report
from tests.factories import (
    AllocationFactory,
    IndicatorFactory,
    MonthlyRealisationFactory,
    RevenueReceiptFactory,
    UserFactory,
    WorkUnitFactory,
)


def test_a_new_units_direct_indicator_and_money_are_computed(db):
    unit = WorkUnitFactory()
    ind = IndicatorFactory(goal__agreement__unit=unit, target=Decimal("80"))
    MonthlyRealisationFactory(indicator=ind, month=3, physical_pct=25, value_to_date=100)
    AllocationFactory(revision__budget__unit=unit, amount=Decimal("5000000"))
    RevenueReceiptFactory(line__unit=unit, month=2, amount=Decimal("750000"))
    report = build_quarterly_report(unit, 2025, 1)
    (result,) = report.indicators
    assert result.realisation == Decimal("100.00")
    assert result.achievement_pct == Decimal("125.00")
    assert report.budget.pagu == Decimal("5000000")
    assert report.revenue.realisation == Decimal("750000")


def test_user_factory_gives_the_role_on_the_unit(db):
    unit = WorkUnitFactory()
    user = UserFactory(role=UnitMembership.Role.HEAD, role__unit=unit)
    assert user.membership.unit == unit and user.membership.role == "head"
