"""A fair headline for a set of achievements: a few huge achievements (501 %, 587 %: growth
indicators with small targets) must not decide it. The median is the middle achievement,
unmoved by how large the largest ones are; the capped mean counts every achievement above
the cap as the cap, as performance scoring of government agencies commonly does (120 %)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from reports.calculations.rounding import round2

ACHIEVEMENT_CAP = Decimal("120")


def median(values: list[Decimal]) -> Decimal | None:
    """The middle value (mean of the two middle ones for an even count), rounded to 2
    decimals; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return round2(ordered[middle])
    return round2((ordered[middle - 1] + ordered[middle]) / 2)


def capped_mean(values: list[Decimal], cap: Decimal = ACHIEVEMENT_CAP) -> Decimal | None:
    """Mean of min(value, cap), rounded to 2 decimals; None for no values."""
    if not values:
        return None
    return round2(sum((min(v, cap) for v in values), Decimal(0)) / len(values))


@dataclass(frozen=True)
class AchievementSummary:
    measured: int
    achieved: int
    median_pct: Decimal | None
    capped_mean_pct: Decimal | None
    mean_pct: Decimal | None
    cap_pct: Decimal
    above_cap: list[tuple[str, Decimal]] = field(default_factory=list)  # (code, achievement)


def summarise(
    achievements: dict[str, Decimal], cap: Decimal = ACHIEVEMENT_CAP
) -> AchievementSummary:
    """The headline figures of the measured indicators' achievements (code -> %); an
    indicator is achieved at 100 % or more (DOMAIN 5.2)."""
    values = list(achievements.values())
    mean = round2(sum(values, Decimal(0)) / len(values)) if values else None
    above = sorted(((c, v) for c, v in achievements.items() if v > cap), key=lambda cv: -cv[1])
    return AchievementSummary(
        measured=len(values),
        achieved=sum(1 for v in values if v >= 100),
        median_pct=median(values),
        capped_mean_pct=capped_mean(values, cap),
        mean_pct=mean,
        cap_pct=cap,
        above_cap=above,
    )
