"""Exporters render the computed quarterly report into files. Each has ``identifier``,
``verbose_name`` and ``render(report) -> (filename, content_type, bytes)``; all start from the
same ``QuarterlyReport``, so a number cannot differ between formats."""

from django.utils import translation

from reports.checks import build_quarterly_report
from reports.exporters import docx_export, html_export, json_export, pdf_export, xlsx_export
from reports.exporters.base import EXPORTERS, Exporter
from reports.exporters.html_export import REPORT_LANGUAGE

__all__ = ["EXPORTERS", "get_exporter", "report_for_export"]
FORMATS = (
    html_export,
    json_export,
    pdf_export,
    xlsx_export,
    docx_export,
)  # importing them registers them


def get_exporter(identifier: str) -> Exporter:
    """The exporter of a format; ValueError names the known ones."""
    try:
        return EXPORTERS[identifier]()
    except KeyError as exc:
        raise ValueError(f"unknown format {identifier!r}; known: {sorted(EXPORTERS)}") from exc


def report_for_export(unit, year: int, quarter: int):
    """The computed report a file is rendered from, its findings' words in the report's
    language (Indonesian) whatever the language of the person or worker asking: a stored file
    is shared by everyone who downloads it, and a signed one is an Indonesian document."""
    with translation.override(REPORT_LANGUAGE):
        return build_quarterly_report(unit, year, quarter)
