"""The quarterly PP 39 report: the report page (the whole document, the consistency findings,
download buttons) and the downloads (PDF and workbook served from the cache while the facts
behind them are unchanged). Views fetch and render; every figure comes from the report."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from perkin.access import get_unit_for_user
from perkin.models import Agreement, MonthlyRealisation, WorkUnit
from reports.exporters.html_export import REPORT_LANGUAGE
from reports.narrative import quarter_label
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


def _years(unit: WorkUnit, year: int) -> list[int]:
    years = set(Agreement.objects.filter(unit=unit).values_list("year", flat=True))
    return sorted(years | {year}, reverse=True)


@login_required
def report(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code)
    year = _int(request.GET.get("year"), 2000, 2100)
    quarter = _int(request.GET.get("q"), 1, 4)
    if quarter is None:
        year, quarter = default_period(unit, year)
    elif year is None:
        year = default_period(unit)[0]
    quarterly = build_quarterly_report(unit, year, quarter)
    with translation.override(REPORT_LANGUAGE):  # the report itself is always Indonesian
        doc = build_document(quarterly)
        document_html = render_to_string(
            "reports/pp39/_document.html", {"doc": doc, "report": quarterly}
        )
    downloads = [
        (label, reverse("reports:report_download", args=[unit.code, year, quarter, fmt]))
        for fmt, label in DOWNLOADS
    ]
    ctx = {
        "unit": unit,
        "year": year,
        "quarter": quarter,
        "years": _years(unit, year),
        "quarters": [(q, quarter_label(q)) for q in (1, 2, 3, 4)],
        "report": quarterly,
        "doc": doc,
        "document_html": document_html,
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
