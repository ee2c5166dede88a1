"""Exporters render the computed quarterly report into files. Each has ``identifier``,
``verbose_name`` and ``render(report) -> (filename, content_type, bytes)``; all start from the
same ``QuarterlyReport``, so a number cannot differ between formats."""

from reports.exporters import docx_export, html_export, json_export, pdf_export, xlsx_export
from reports.exporters.base import EXPORTERS, Exporter

__all__ = ["EXPORTERS", "get_exporter"]
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
