"""The quarterly report as PDF, laid out by WeasyPrint from the standalone HTML (A4, landscape
named pages for the wide tables, repeated table headers, 'Halaman X dari Y'); the layout
constants live in static/css/report.css."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings

from reports.exporters.base import Exporter, register
from reports.exporters.html_export import render_report_html

if TYPE_CHECKING:
    from reports.engine.report import QuarterlyReport


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported on first use: it takes a while to load

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


@register
class PdfExporter(Exporter):
    identifier = "pdf"
    verbose_name = "PDF"
    extension = "pdf"
    content_type = "application/pdf"

    def render_bytes(self, report: QuarterlyReport) -> bytes:
        return render_pdf(render_report_html(report))
