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


def test_quarter_lock_blockers_name_every_month_not_approved(db):
    from perkin.selectors import quarter_lock_blockers

    unit = WorkUnitFactory()
    ind = IndicatorFactory(goal__agreement__unit=unit, goal__number=1, number=1)
    MonthlyRealisationFactory(indicator=ind, month=1, status="approved")
    MonthlyRealisationFactory(indicator=ind, month=2, status="returned")
    MonthlyRealisationFactory(indicator=ind, month=3, status="submitted")
    blockers = quarter_lock_blockers(unit=unit, year=2025, quarter=1)
    assert [(b.month, b.status) for b in blockers] == [(2, "returned"), (3, "submitted")]
    assert blockers[0].message == "I.1 Februari: Dikembalikan"
    lenient = quarter_lock_blockers(
        unit=unit, year=2025, quarter=1, submitted_count_as_approved=True
    )
    assert [b.month for b in lenient] == [2]
    assert quarter_lock_blockers(unit=unit, year=2025, quarter=2)[0].message == (
        "I.1 April: belum diisi"
    )
