"""Exporters render the computed quarterly report into files. Each has ``identifier``,
``verbose_name`` and ``render(report) -> (filename, content_type, bytes)``; all start from the
same ``QuarterlyReport``, so a number cannot differ between formats."""

from reports.exporters.base import EXPORTERS, get_exporter

__all__ = ["EXPORTERS", "get_exporter"]
