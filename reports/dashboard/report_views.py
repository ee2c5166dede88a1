"""The quarterly PP 39 report: the report page (the whole document, the consistency findings,
download buttons) and the downloads (PDF and workbook served from the cache while the facts
behind them are unchanged). Views fetch and render; every figure comes from the report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from perkin.access import get_unit_for_user
from perkin.models import Agreement, WorkUnit
from reports.checks import build_quarterly_report
from reports.dashboard.periods import selected_period
from reports.exporters.cache import export_report
from reports.exporters.html_export import REPORT_LANGUAGE
from reports.pp39.document import build_document
from reports.pp39.narrative import quarter_label

DOWNLOADS = [
    ("pdf", "PDF"),
    ("xlsx", "Excel"),
    ("docx", "Word"),
    ("html", "HTML"),
    ("json", "JSON"),
]


def _years(unit: WorkUnit, year: int) -> list[int]:
    years = set(Agreement.objects.filter(unit=unit).values_list("year", flat=True))
    return sorted(years | {year}, reverse=True)


@login_required
def report(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_unit_for_user(request.user, code)
    year, quarter = selected_period(request, unit)
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
