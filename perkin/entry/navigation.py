"""Which period a page shows and how to move from it: the default period is the quarter being
reported; month navigation of the entry and money pages stays inside the years a unit has set
up (from December to next January only when next year exists, else an offer to prepare it;
from January back only into a year that exists)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from perkin import access
from perkin.access import Action
from perkin.calendar import MONTH_NAMES, next_month, previous_month, quarter_of
from perkin.entry.deadlines import reported_quarter
from perkin.models import Agreement, MonthlyRealisation, WorkUnit


def setup_years(unit: WorkUnit) -> set[int]:
    """Years with a performance agreement (one query)."""
    return set(Agreement.objects.filter(unit=unit).values_list("year", flat=True))


def no_year_page(
    request: HttpRequest, unit: WorkUnit, year: int, month: int, years: set[int]
) -> HttpResponse:
    """A month of a year without an agreement (entry or money page): say so and offer the
    setup (or preparing it from the year before) instead of a bare 404."""
    ctx = {
        "unit": unit,
        "year": year,
        "month": month,
        "years": sorted(years),
        "can_edit": access.can(request.user, Action.EDIT_SETUP, unit),
        "from_previous": year - 1 in years,
    }
    return render(request, "entry/no_year.html", ctx)


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


# --- the default period ------------------------------------------------------------------


def choose_period(
    *,
    reported: tuple[int, int],
    agreement_years: set[int],
    last_data_month: dict[int, int],
    year: int | None = None,
) -> tuple[int, int]:
    """(year, quarter) to show by default.

    ``reported`` is the quarter being reported on today (the previous quarter until its report
    is due, then the current one); ``last_data_month`` maps a year to the last month with any
    realisation entered. Without a year: the reported quarter when its year has an agreement;
    else the latest earlier quarter with data (a new year set up but not filled yet does not
    hide the last year's figures); else the latest earlier year with an agreement at its
    fourth quarter; else the reported quarter. With a year: the reported quarter in the
    reported year, else that year's last quarter with data, else its fourth quarter (a past
    year) or first quarter (a future one)."""
    ry, rq = reported
    if year is not None:
        if year == ry:
            return year, rq
        if year in last_data_month and year < ry:
            return year, quarter_of(last_data_month[year])
        return year, 4 if year < ry else 1
    if ry in agreement_years:
        return reported
    with_data = [
        (y, min(quarter_of(m), rq) if y == ry else quarter_of(m))
        for y, m in last_data_month.items()
        if y in agreement_years and y <= ry
    ]
    if with_data:
        return max(with_data)
    earlier = [y for y in agreement_years if y < ry]
    if earlier:
        return max(earlier), 4
    return reported


def default_period(
    unit: WorkUnit, year: int | None = None, today: date | None = None
) -> tuple[int, int]:
    """(year, quarter) a page shows when the address does not say (three queries)."""
    today = today or date.today()
    last = {
        row["indicator__goal__agreement__year"]: row["m"]
        for row in MonthlyRealisation.objects.filter(indicator__goal__agreement__unit=unit)
        .values("indicator__goal__agreement__year")
        .annotate(m=Max("month"))
    }
    return choose_period(
        reported=reported_quarter(unit, today),
        agreement_years=setup_years(unit),
        last_data_month=last,
        year=year,
    )
