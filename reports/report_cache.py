"""Rendered report files (PDF, workbook) kept in ``ReportCache`` and reused until a fact behind
them changes: the key is the data version of the unit and of its parent (see reports.signals),
the newest history id of its monthly realisations and a fingerprint of the renderer's
templates, stylesheet and code; never a time."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max

from perkin.models import MonthlyRealisation, WorkUnit
from reports.exporters import get_exporter
from reports.models import DataVersion, ReportCache
from reports.quarterly import build_quarterly_report

CACHED_FORMATS = {"pdf", "xlsx"}
RENDERER_FILES = [
    "reports/narrative.py",
    "reports/charts_svg.py",
    "reports/report_document.py",
    "reports/report_sentences.py",
    "reports/report_tables.py",
    "reports/report_tables_budget.py",
    "reports/report_tables_performance.py",
    "reports/report_tables_support.py",
    "reports/quarterly.py",
    "reports/exporters/html_export.py",
    "reports/exporters/pdf_export.py",
    "reports/exporters/xlsx_export.py",
    "static/css/report.css",
]
RENDERER_DIRS = ["templates/reports/pp39"]


@lru_cache(maxsize=1)
def renderer_fingerprint() -> str:
    """A hash of what turns facts into files, so a deployment with new templates or code
    does not serve files rendered by the old ones."""
    base = Path(settings.BASE_DIR)
    paths = [base / f for f in RENDERER_FILES]
    for d in RENDERER_DIRS:
        paths += sorted((base / d).glob("*.html"))
    digest = hashlib.sha256()
    for path in paths:
        if path.exists():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def data_version(unit: WorkUnit) -> str:
    """'<unit version>.<parent version>.<latest realisation history id>.<renderer>' (two
    queries; creates missing version rows)."""
    ids = [unit.pk] + ([unit.parent_id] if unit.parent_id else [])
    versions = dict(DataVersion.objects.filter(unit_id__in=ids).values_list("unit_id", "version"))
    for pk in ids:
        if pk not in versions:
            try:
                with transaction.atomic():
                    versions[pk] = DataVersion.objects.get_or_create(unit_id=pk)[0].version
            except IntegrityError:  # created concurrently
                versions[pk] = DataVersion.objects.get(unit_id=pk).version
    # Monthly realisations are also written in bulk (perkin.services: bulk_update_with_history),
    # which sends no save signals; every such write still adds history rows, so the newest
    # history id of the unit's realisations is part of the key.
    history = MonthlyRealisation.history.filter(indicator__goal__agreement__unit=unit)
    latest = history.aggregate(m=Max("history_id"))["m"] or 0
    parts = [str(versions[pk]) for pk in ids] + [str(latest), renderer_fingerprint()]
    return ".".join(parts)


@dataclass
class Rendered:
    filename: str
    content_type: str
    content: bytes
    cached: bool


def export_report(unit: WorkUnit, year: int, quarter: int, fmt: str) -> Rendered:
    """The report of (unit, year, quarter) in fmt; PDF and workbook from the cache while the
    facts behind them are unchanged. Raises ValueError for an unknown format."""
    exporter = get_exporter(fmt)
    filename = exporter.filename(SimpleNamespace(unit=unit, year=year, quarter=quarter))
    if fmt not in CACHED_FORMATS:
        report = build_quarterly_report(unit, year, quarter)
        return Rendered(*exporter.render(report), cached=False)
    # the version is read before the facts, so a change made meanwhile invalidates the file
    version = data_version(unit)
    key = {"unit_code": unit.code, "year": year, "quarter": quarter, "fmt": fmt}
    hit = ReportCache.objects.filter(**key, data_version=version).values_list("content", flat=True)
    content = next(iter(hit), None)
    if content is not None:
        return Rendered(filename, exporter.content_type, bytes(content), cached=True)
    report = build_quarterly_report(unit, year, quarter)
    filename, content_type, content = exporter.render(report)
    try:
        with transaction.atomic():
            ReportCache.objects.update_or_create(
                **key, defaults={"data_version": version, "content": content}
            )
    except IntegrityError:  # rendered concurrently by another request: theirs is as good
        pass
    return Rendered(filename, content_type, content, cached=False)
