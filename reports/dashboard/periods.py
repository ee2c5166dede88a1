"""Which year and quarter a page shows: from the URL (?year=2024&q=4), else the quarter being
reported (reports.calculations.reporting_period). Shared by the dashboards and the report page."""

from __future__ import annotations

from datetime import date

from django.db.models import Max
from django.http import HttpRequest

from perkin.entry.deadlines import reported_quarter
from perkin.models import Agreement, MonthlyRealisation, WorkUnit
from reports.calculations.reporting_period import choose_period


def parse_int(value: str | None, low: int, high: int) -> int | None:
    """The integer in value if it lies in [low, high], else None."""
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if low <= number <= high else None


def default_period(
    unit: WorkUnit, year: int | None = None, today: date | None = None
) -> tuple[int, int]:
    """(year, quarter) to show when the address does not say (three queries)."""
    today = today or date.today()
    last = {
        row["indicator__goal__agreement__year"]: row["m"]
        for row in MonthlyRealisation.objects.filter(indicator__goal__agreement__unit=unit)
        .values("indicator__goal__agreement__year")
        .annotate(m=Max("month"))
    }
    return choose_period(
        reported=reported_quarter(unit, today),
        agreement_years=set(Agreement.objects.filter(unit=unit).values_list("year", flat=True)),
        last_data_month=last,
        year=year,
    )


def selected_period(request: HttpRequest, unit: WorkUnit) -> tuple[int, int]:
    """Year and quarter from the URL, the missing parts from default_period."""
    year = parse_int(request.GET.get("year"), 2000, 2100)
    quarter = parse_int(request.GET.get("q"), 1, 4)
    if quarter is None:
        return default_period(unit, year)
    if year is None:
        year = default_period(unit)[0]
    return year, quarter
