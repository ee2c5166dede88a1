"""Which year and quarter a page shows: from the URL (?year=2024&q=4), else a default taken
from the unit's data. Shared by the dashboards and the report page."""

from __future__ import annotations

from datetime import date

from django.db.models import Max
from django.http import HttpRequest

from perkin.converters import parse_int
from perkin.models import Agreement, MonthlyRealisation, WorkUnit

__all__ = ["default_period", "parse_int", "selected_period"]


def default_period(
    unit: WorkUnit, year: int | None = None, today: date | None = None
) -> tuple[int, int]:
    """(year, quarter) to show: the given year, else the latest year with an agreement; its
    latest quarter with data, else the current quarter (the last one of a past year)."""
    today = today or date.today()
    current_quarter = (today.month + 2) // 3
    if year is None:
        year = Agreement.objects.filter(unit=unit).aggregate(y=Max("year"))["y"]
        if year is None:
            return today.year, current_quarter
    last = MonthlyRealisation.objects.filter(
        indicator__goal__agreement__unit=unit, indicator__goal__agreement__year=year
    ).aggregate(m=Max("month"))["m"]
    if last is not None:
        return year, (last + 2) // 3
    return year, current_quarter if year == today.year else 4


def selected_period(request: HttpRequest, unit: WorkUnit) -> tuple[int, int]:
    """Year and quarter from the URL, the missing parts from default_period."""
    year = parse_int(request.GET.get("year"), 2000, 2100)
    quarter = parse_int(request.GET.get("q"), 1, 4)
    if quarter is None:
        return default_period(unit, year)
    if year is None:
        year = default_period(unit)[0]
    return year, quarter
