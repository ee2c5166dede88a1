"""The quarterly PP 39 report: the report page (the whole document, the consistency findings,
download buttons) and the downloads (PDF and workbook served from the cache while the facts
behind them are unchanged). Views fetch and render; every figure comes from the report."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from perkin.access import get_unit_for_user
from perkin.models import Agreement, MonthlyRealisation, WorkUnit
from reports.exporters.html_export import REPORT_LANGUAGE
from reports.quarterly import build_quarterly_report
from reports.report_cache import export_report
from reports.report_document import build_document

DOWNLOADS = [("pdf", "PDF"), ("xlsx", "Excel"), ("html", "HTML"), ("json", "JSON")]


def _int(value: str | None, low: int, high: int) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if low <= number <= high else None


def default_period(unit: WorkUnit, today: date | None = None) -> tuple[int, int]:
    """The latest year with an agreement and its latest quarter with data; the current year
    and quarter when there is none."""
    today = today or date.today()
    current_quarter = (today.month + 2) // 3
    year = Agreement.objects.filter(unit=unit).aggregate(y=Max("year"))["y"]
    if year is None:
        return today.year, current_quarter
    last = MonthlyRealisation.objects.filter(
        indicator__goal__agreement__unit=unit, indicator__goal__agreement__year=year
    ).aggregate(m=Max("month"))["m"]
    if last is None:
        return year, current_quarter if year == today.year else 4
    return year, (last + 2) // 3


def _years(unit: WorkUnit, year: int) -> list[int]:
    years = set(Agreement.objects.filter(unit=unit).values_list("year", flat=True))
    return sorted(years | {year}, reverse=True)


@login_required
def report(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code)
    year = _int(request.GET.get("year"), 2000, 2100)
    quarter = _int(request.GET.get("q"), 1, 4)
    if year is None or quarter is None:
        default_year, default_quarter = default_period(unit)
        year = year or default_year
        quarter = quarter or default_quarter
    quarterly = build_quarterly_report(unit, year, quarter)
    with translation.override(REPORT_LANGUAGE):
        doc = build_document(quarterly)
    downloads = [
        (label, reverse("reports:report_download", args=[unit.code, year, quarter, fmt]))
        for fmt, label in DOWNLOADS
    ]
    ctx = {
        "unit": unit,
        "year": year,
        "quarter": quarter,
        "years": _years(unit, year),
        "quarters": [
            (q, _("Triwulan %(q)s") % {"q": r})
            for q, r in enumerate(["I", "II", "III", "IV"], start=1)
        ],
        "report": quarterly,
        "doc": doc,
        "findings": quarterly.checks,
        "error_count": sum(1 for f in quarterly.checks if f.severity == "error"),
        "downloads": downloads,
    }
    return render(request, "reports/pp39/report_page.html", ctx)


@login_required
def report_download(
    request: HttpRequest, code: str, year: int, quarter: int, fmt: str
) -> HttpResponse:
    unit = get_unit_for_user(request.user, code)
    if not (2000 <= year <= 2100 and 1 <= quarter <= 4) or fmt not in dict(DOWNLOADS):
        raise Http404(_("Laporan tidak ditemukan."))
    rendered = export_report(unit, year, quarter, fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{rendered.filename}"'
    response["X-Report-Cache"] = "hit" if rendered.cached else "miss"
    return response
