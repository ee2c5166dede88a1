from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reports.engine.report import QuarterlyReport


class Exporter:
    identifier = ""
    verbose_name = ""
    extension = ""
    content_type = "application/octet-stream"

    def filename(self, report: QuarterlyReport) -> str:
        return (
            f"laporan-pp39-{report.unit.code.lower()}-{report.year}-tw{report.quarter}"
            f".{self.extension}"
        )

    def render(self, report: QuarterlyReport) -> tuple[str, str, bytes]:
        return self.filename(report), self.content_type, self.render_bytes(report)

    def render_bytes(self, report: QuarterlyReport) -> bytes:  # pragma: no cover - interface
        raise NotImplementedError


EXPORTERS: dict[str, type[Exporter]] = {}


def register(cls: type[Exporter]) -> type[Exporter]:
    EXPORTERS[cls.identifier] = cls
    return cls
