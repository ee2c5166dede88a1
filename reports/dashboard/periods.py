"""Which year and quarter a page shows: from the URL (?year=2024&q=4), else the quarter being
reported (perkin.entry.navigation.default_period, which the status board shares). Shared by the
dashboards and the report page."""

from __future__ import annotations

from django.http import HttpRequest

from perkin.converters import parse_int
from perkin.entry.navigation import default_period
from perkin.models import WorkUnit

__all__ = ["default_period", "parse_int", "selected_period"]


def selected_period(request: HttpRequest, unit: WorkUnit) -> tuple[int, int]:
    """Year and quarter from the URL, the missing parts from default_period."""
    year = parse_int(request.GET.get("year"), 2000, 2100)
    quarter = parse_int(request.GET.get("q"), 1, 4)
    if quarter is None:
        return default_period(unit, year)
    if year is None:
        year = default_period(unit)[0]
    return year, quarter
