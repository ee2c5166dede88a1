"""The rounding rule of DOMAIN.md 5.1."""

from decimal import ROUND_HALF_UP, Decimal

TWO = Decimal("0.01")
ONE = Decimal("1")
HUNDRED = Decimal("100")


def round2(value: Decimal | None) -> Decimal | None:
    """Returns value rounded half-up to 2 decimals (DOMAIN 5.1: published figures)."""
    if value is None:
        return None
    return Decimal(value).quantize(TWO, rounding=ROUND_HALF_UP)


def round_money(value: Decimal | None) -> Decimal | None:
    """Returns value rounded half-up to whole rupiah."""
    if value is None:
        return None
    return Decimal(value).quantize(ONE, rounding=ROUND_HALF_UP)


def pct(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """part / whole * 100, unrounded; None when either is missing or whole is 0."""
    if part is None or whole is None or whole == 0:
        return None
    return Decimal(part) / Decimal(whole) * HUNDRED


def differs(a: Decimal | None, b: Decimal | None, tolerance: Decimal = Decimal("0")) -> bool:
    """True when both are known and |a - b| > tolerance."""
    if a is None or b is None:
        return False
    return abs(Decimal(a) - Decimal(b)) > tolerance
