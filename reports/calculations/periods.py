"""Cumulative sums of monthly facts, aware of facts that cover several months."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class PeriodValue:
    month: int  # last month covered
    period_start_month: int  # first month covered
    value: Decimal


def cumulative_to(values: Iterable[PeriodValue], month: int) -> Decimal | None:
    """Sum of the values up to and including `month`; None when a value covers months on both
    sides of `month` (the split is unknown) or when there is no value at all."""
    total = Decimal("0")
    seen = False
    for v in values:
        if v.month <= month:
            total += v.value
            seen = True
        elif v.period_start_month <= month:
            return None
    return total if seen else None


def cumulative_series(values: Iterable[PeriodValue], months: int = 12) -> list[Decimal | None]:
    """cumulative_to for months 1..months, None where unknown or before any value."""
    rows = list(values)
    return [cumulative_to(rows, m) for m in range(1, months + 1)]
