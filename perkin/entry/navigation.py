"""Month navigation of the entry and money pages that stays inside the years a unit has set
up: from December to next January only when next year exists (else an offer to prepare it),
from January back only into a year that exists."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from perkin.calendar import MONTH_NAMES, next_month, previous_month
from perkin.models import Agreement, WorkUnit


def setup_years(unit: WorkUnit) -> set[int]:
    """Years with a performance agreement (one query)."""
    return set(Agreement.objects.filter(unit=unit).values_list("year", flat=True))


@dataclass(frozen=True)
class MonthLink:
    year: int
    month: int
    url: str

    @property
    def label(self) -> str:
        return f"{MONTH_NAMES[self.month]} {self.year}"


@dataclass(frozen=True)
class MonthNavigation:
    previous: MonthLink | None
    next: MonthLink | None
    prepare_url: str  # "Siapkan tahun berikutnya" when next year is missing and may be prepared
    next_year: int


def month_navigation(
    unit: WorkUnit,
    year: int,
    month: int,
    *,
    url_name: str,
    can_prepare: bool,
    years: set[int] | None = None,
) -> MonthNavigation:
    """The neighbouring months as links of url_name ('entry:entry', 'entry:money'), for a year
    that exists. The unit's years are read (one query) only at the year's ends."""
    if years is None and month in (1, 12):
        years = setup_years(unit)

    def link(y: int, m: int) -> MonthLink | None:
        if y != year and y not in years:
            return None
        return MonthLink(y, m, reverse(url_name, args=[unit.code, y, m]))

    following = link(*next_month(year, month))
    prepare = ""
    if following is None and can_prepare:
        prepare = reverse("entry:rollover", args=[unit.code, year])
    return MonthNavigation(link(*previous_month(year, month)), following, prepare, year + 1)
