"""When a quarter's report is due: 5 working days after the quarter ends by default (PP
39/2006 gives the unit's activity report 5 working days), counting Saturdays, Sundays,
Indonesian public holidays and the civil service's joint leave days (cuti bersama) as days
off; a unit may set another date per quarter (QuarterDeadline).

The holidays come from the ``holidays`` package (categories PUBLIC and GOVERNMENT for
Indonesia), so a new year's holidays arrive with a package update, not a code change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from perkin.calendar import quarter_end, quarter_of
from perkin.models import QuarterDeadline, WorkUnit

REPORT_WORKING_DAYS = 5
HOLIDAY_CATEGORIES = (holidays.PUBLIC, holidays.GOVERNMENT)


@lru_cache(maxsize=32)
def days_off(year: int) -> dict[date, str]:
    """Indonesian public holidays and joint leave days of a year, with their Indonesian names."""
    found = holidays.country_holidays(
        "ID", years=[year], categories=HOLIDAY_CATEGORIES, language="id"
    )
    return dict(found.items())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in days_off(day.year)


def add_working_days(start: date, count: int) -> date:
    """The count-th working day after start (start itself not counted)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after start up to and including end (0 when end is not after start)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def default_deadline(year: int, quarter: int) -> date:
    """5 working days after the quarter's last day: 8 January 2025 for Q4 2024."""
    return add_working_days(quarter_end(year, quarter), REPORT_WORKING_DAYS)


@dataclass(frozen=True)
class Deadline:
    year: int
    quarter: int
    due_on: date
    is_default: bool
    note: str = ""
    set_by: str = ""

    def days_left(self, today: date) -> int:
        """Calendar days from today to the deadline (negative once it has passed)."""
        return (self.due_on - today).days

    def describe(self, today: date) -> str:
        """'3 hari lagi, 2 hari kerja', 'hari ini', 'lewat 4 hari'."""
        left = self.days_left(today)
        if left == 0:
            return _("hari ini")
        if left < 0:
            return ngettext("lewat %(n)s hari", "lewat %(n)s hari", -left) % {"n": -left}
        work = working_days_between(today, self.due_on)
        return ngettext(
            "%(n)s hari lagi, %(w)s hari kerja", "%(n)s hari lagi, %(w)s hari kerja", left
        ) % {"n": left, "w": work}


def deadlines_for(
    unit: WorkUnit, periods: list[tuple[int, int]]
) -> dict[tuple[int, int], Deadline]:
    """The deadline of each (year, quarter): the unit's own date, else the default (one query)."""
    years = {y for y, _q in periods}
    own = {
        (d.year, d.quarter): d
        for d in QuarterDeadline.objects.filter(unit=unit, year__in=years).select_related("set_by")
    }
    out = {}
    for year, quarter in periods:
        row = own.get((year, quarter))
        if row is None:
            out[(year, quarter)] = Deadline(year, quarter, default_deadline(year, quarter), True)
        else:
            who = row.set_by.get_username() if row.set_by else ""
            out[(year, quarter)] = Deadline(year, quarter, row.due_on, False, row.note, who)
    return out


def deadline_for(unit: WorkUnit, year: int, quarter: int) -> Deadline:
    return deadlines_for(unit, [(year, quarter)])[(year, quarter)]


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def reported_quarter(unit: WorkUnit, today: date) -> tuple[int, int]:
    """The quarter being reported on today: the previous quarter until its deadline has
    passed, then the current one (one query)."""
    current = (today.year, quarter_of(today.month))
    previous = previous_quarter(*current)
    deadline = deadline_for(unit, *previous)
    return previous if today <= deadline.due_on else current


@transaction.atomic
def set_deadline(
    *, unit: WorkUnit, year: int, quarter: int, due_on: date | None, user, note: str = ""
) -> None:
    """Sets the unit's deadline of a quarter; None returns it to the default."""
    if due_on is None:
        QuarterDeadline.objects.filter(unit=unit, year=year, quarter=quarter).delete()
        return
    QuarterDeadline.objects.update_or_create(
        unit=unit,
        year=year,
        quarter=quarter,
        defaults={"due_on": due_on, "note": note.strip(), "set_by": user},
    )
