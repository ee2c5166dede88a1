"""Category of an index value from editable bands (DOMAIN.md 5.4)."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from reports.calculations.rounding import round2


@dataclass(frozen=True)
class Band:
    scheme: str
    lower: Decimal
    lower_inclusive: bool
    upper: Decimal
    code: str
    label: str


def classify(value: Decimal | None, bands: Iterable[Band]) -> Band | None:
    """Returns the band containing value rounded to 2 decimals (lower bound inclusive unless
    the band says otherwise, upper bound inclusive), or None."""
    if value is None:
        return None
    v = round2(value)
    for band in bands:
        above = v >= band.lower if band.lower_inclusive else v > band.lower
        if above and v <= band.upper:
            return band
    return None
