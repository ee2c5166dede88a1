"""Budget figures of DOMAIN.md 5.5."""

from collections.abc import Iterable, Sequence
from decimal import Decimal

from reports.calculations.rounding import HUNDRED, round2


def pagu(amounts: Iterable[Decimal]) -> Decimal:
    """Pagu of a revision = sum of its allocations (table 2.1)."""
    return sum(amounts, Decimal("0"))


def share_pct(part: Decimal, total: Decimal) -> Decimal | None:
    """part / total * 100, rounded (programme share of the whole DIPA, tables 3.19/3.20)."""
    if not total:
        return None
    return round2(part / total * HUNDRED)


def absorption_pct(spent: Decimal | None, allocated: Decimal | None) -> Decimal | None:
    """Financial realisation R = spent / pagu * 100, rounded (tables 3.19/3.20)."""
    if spent is None or not allocated:
        return None
    return round2(spent / allocated * HUNDRED)


def weighted_pct(rows: Sequence[tuple[Decimal, Decimal | None]], total: Decimal) -> Decimal | None:
    """Pagu-weighted % as a share of the whole DIPA: sum(pagu_i * pct_i) / total_pagu
    (table 3.19 'Jumlah': EC 29,64; unrounded). None when any pct is unknown."""
    if not total or not rows or any(p is None for _, p in rows):
        return None
    return sum(amount * p for amount, p in rows) / total


def matrix_totals(columns: Sequence[Sequence[Decimal]]) -> list[Decimal]:
    """Total per revision column of the per-KRO revision matrix (table 2.2)."""
    return [pagu(col) for col in columns]


def pace_to_month(yearly_target: Decimal, month: int) -> Decimal:
    """The share of a yearly target due by the end of a month at an even pace: T * m / 12."""
    return yearly_target * Decimal(month) / Decimal(12)
