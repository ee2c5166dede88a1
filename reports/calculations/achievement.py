"""Achievement (capaian) of an indicator, DOMAIN.md 5.2."""

from decimal import Decimal

from reports.calculations.rounding import HUNDRED, round2

HIGHER = "higher"
LOWER = "lower"


def achievement_pct(
    realisation: Decimal | None, target: Decimal | None, direction: str = HIGHER
) -> Decimal | None:
    """Capaian = R / T * 100 (higher is better) or (2T - R) / T * 100 floored at 0 (lower is
    better), from the published (2-decimal) R and T, rounded half-up (DOMAIN 5.1, 5.2)."""
    if realisation is None or target is None:
        return None
    r = round2(realisation)
    t = round2(target)
    if t <= 0:
        return None
    if direction == LOWER:
        value = (2 * t - r) / t * HUNDRED
        value = max(value, Decimal("0"))
    else:
        value = r / t * HUNDRED
    return round2(value)


def is_achieved(achievement: Decimal | None) -> bool | None:
    """An indicator is achieved when its achievement is at least 100% (DOMAIN 5.2)."""
    if achievement is None:
        return None
    return achievement >= HUNDRED
