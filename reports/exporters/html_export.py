"""The quarterly report as one self-contained HTML file (stylesheet and charts inline), from
the same templates as the report page and the PDF."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from reports.exporters.base import Exporter, register
from reports.pp39.document import build_document

if TYPE_CHECKING:
    from reports.engine.report import QuarterlyReport

REPORT_LANGUAGE = "id"  # the PP 39 report is an Indonesian government document


@lru_cache(maxsize=1)
def report_css() -> str:
    """static/css/report.css: every layout constant of the printed report."""
    path = finders.find("css/report.css") or str(Path(settings.BASE_DIR) / "static/css/report.css")
    return Path(path).read_text(encoding="utf-8")


def render_report_html(report: QuarterlyReport) -> str:
    """The whole report as a standalone HTML document."""
    with translation.override(REPORT_LANGUAGE):
        doc = build_document(report)
        title = f"Laporan PP 39 {doc.words['unit']} {doc.words['quarter']} TA {report.year}"
        return render_to_string(
            "reports/pp39/standalone.html",
            {"doc": doc, "report": report, "css": report_css(), "title": title},
        )


@register
class HtmlExporter(Exporter):
    identifier = "html"
    verbose_name = "HTML"
    extension = "html"
    content_type = "text/html; charset=utf-8"

    def render_bytes(self, report: QuarterlyReport) -> bytes:
        return render_report_html(report).encode("utf-8")
