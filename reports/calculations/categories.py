"""Category of an index value from editable bands (DOMAIN.md 5.4), at the regulation's own
precision: the IKM bands are stated to four decimals on the 1-4 scale (PermenPAN-RB 14/2017:
2,5996; 3,064; 3,0644; 3,532; 3,5324), the IPP and SAKIP bands to two."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MIN_PLACES = 2


@dataclass(frozen=True)
class Band:
    scheme: str
    lower: Decimal
    lower_inclusive: bool
    upper: Decimal
    code: str
    label: str


def precision(bands: Iterable[Band]) -> int:
    """The decimals the bands are stated with (at least 2): 4 for IKM's 3,5324."""
    places = MIN_PLACES
    for band in bands:
        for bound in (band.lower, band.upper):
            exponent = Decimal(bound).normalize().as_tuple().exponent
            if isinstance(exponent, int):
                places = max(places, -exponent)
    return places


def classify(value: Decimal | None, bands: Iterable[Band]) -> Band | None:
    """Returns the band of value rounded half-up to the bands' own precision (never to fewer
    decimals than they are stated with), or None. A band holds [lower, upper] (or (lower, upper]
    when its lower bound is exclusive); a value in the gap between two stated bands (IKM 2,5997
    between 2,5996 and 2,60) belongs to the lower band, as it has not reached the next one."""
    if value is None:
        return None
    bands = sorted(bands, key=lambda b: b.lower)
    if not bands:
        return None
    v = Decimal(value).quantize(Decimal(1).scaleb(-precision(bands)), rounding=ROUND_HALF_UP)
    reached = None
    for band in bands:
        above = v >= band.lower if band.lower_inclusive else v > band.lower
        if not above:
            break
        reached = band
    if reached is None or v > bands[-1].upper:
        return None
    return reached
