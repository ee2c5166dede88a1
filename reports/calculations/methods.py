"""How an indicator's realisation is obtained from its supporting rows (DOMAIN.md 5.3)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from reports.calculations.rounding import HUNDRED, round2

PRODUCTIVITY = "productivity"
EFFICIENCY = "efficiency"
STATED_TOLERANCE = Decimal("0.01")


def change_pct(before: Decimal | None, after: Decimal | None, kind: str) -> Decimal | None:
    """Productivity (B - A) / A * 100 or efficiency (A - B) / A * 100, A = before, B = after
    (seed tables 3.3 and 3.6); None without both values or with A = 0."""
    if before is None or after is None or before == 0:
        return None
    if kind == PRODUCTIVITY:
        return (after - before) / before * HUNDRED
    return (before - after) / before * HUNDRED


@dataclass(frozen=True)
class MeasurementPct:
    computed: Decimal | None  # unrounded, from before/after
    stated: Decimal | None
    published: Decimal | None  # what counts: the stated % when present, else computed (2 dec.)

    @property
    def stated_is_off(self) -> bool:
        """True when the stated % is more than 0,01 away from the computed one (DOMAIN 8)."""
        if self.computed is None or self.stated is None:
            return False
        return abs(self.stated - self.computed) > STATED_TOLERANCE


def measurement_pct(
    before: Decimal | None, after: Decimal | None, kind: str, stated: Decimal | None
) -> MeasurementPct:
    """A measurement row's published % = stated % when given, else the computed change
    rounded to 2 decimals (DOMAIN 5.3 average_change)."""
    computed = change_pct(before, after, kind)
    published = stated if stated is not None else round2(computed)
    return MeasurementPct(computed=computed, stated=stated, published=round2(published))


def average_change(published_pcts: Sequence[Decimal | None]) -> Decimal | None:
    """Mean of the rows' published % (I.1: (30 + 44) / 2 = 37; III.1: 68,23)."""
    values = [v for v in published_pcts if v is not None]
    if not values:
        return None
    return round2(sum(values) / len(values))


def distinct_count(names: Iterable[str]) -> Decimal:
    """Number of distinct companies (case- and space-insensitive) facilitated (II.1, II.3)."""
    return Decimal(len({" ".join(n.lower().split()) for n in names if n and n.strip()}))


def growth_pct(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """(B - A) / A * 100, B = this year, A = last year; no base (None or 0) means no growth
    (DOMAIN 5.6: '-', never 0 or infinity). Rounded to 2 decimals."""
    if current is None or previous is None or previous == 0:
        return None
    return round2((Decimal(current) - Decimal(previous)) / Decimal(previous) * HUNDRED)


def ratio_pct(
    numerator: Decimal | None, denominator: Decimal | None, stated: Decimal | None = None
) -> Decimal | None:
    """numerator / denominator * 100 (III.4 P3DN: RAP3DN / TotAP3DN); the stated % only when
    the inputs are not recorded. Rounded to 2 decimals."""
    if numerator is not None and denominator:
        return round2(Decimal(numerator) / Decimal(denominator) * HUNDRED)
    return round2(stated) if stated is not None else None


def survey_index(scores: Sequence[Decimal]) -> Decimal | None:
    """IKM = mean of the element scores, each weighted 1/n (PermenPAN-RB 14/2017; V.1 3,68),
    rounded to 2 decimals for display (classify on survey_index_exact)."""
    return round2(survey_index_exact(scores))


def survey_index_exact(scores: Sequence[Decimal]) -> Decimal | None:
    """IKM at the regulation's precision: the mean of the element scores rounded half-up to
    4 decimals, the precision its category bands are stated in (3,5324)."""
    if not scores:
        return None
    return (sum(scores) / len(scores)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def survey_converted(index: Decimal | None) -> Decimal | None:
    """Converted IKM value = IKM * 25, on the 25..100 scale (PermenPAN-RB 14/2017)."""
    if index is None:
        return None
    return round2(Decimal(index) * 25)


def weighted_index(aspects: Sequence[tuple[Decimal, Decimal]]) -> Decimal | None:
    """IPP = sum(aspect index * weight%) / 100 (PermenPAN-RB 29/2022; VII.1 4,57)."""
    if not aspects:
        return None
    return round2(sum(index * weight for index, weight in aspects) / HUNDRED)


def aspect_weighted(index: Decimal, weight_pct: Decimal) -> Decimal:
    """One aspect's contribution to the IPP: index * weight% / 100, rounded (table 3.15)."""
    return round2(index * weight_pct / HUNDRED)


def weights_total(aspects: Sequence[tuple[Decimal, Decimal]]) -> Decimal:
    """Sum of aspect weights in % (must be 100)."""
    return sum((weight for _, weight in aspects), Decimal("0"))


def components_sum(scores: Sequence[Decimal | None]) -> Decimal | None:
    """SAKIP value = sum of component scores (PermenPAN-RB 88/2021; VIII.1 82,25); None when a
    component is missing."""
    if not scores or any(s is None for s in scores):
        return None
    return round2(sum(scores))
