"""Rendered report files (PDF, workbook) kept in ``ReportCache`` and reused until a fact behind
them changes: the key is the data version of the unit and of its parent (see reports.engine.versions),
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
from reports.checks import build_quarterly_report
from reports.exporters import get_exporter
from reports.models import DataVersion, ReportCache

CACHED_FORMATS = {"pdf", "xlsx"}
# Everything that turns facts into a file: the code of the three apps (models, engine, checks,
# document, exporters and the helpers they use), the report templates and the stylesheet.
CODE_PACKAGES = ["perkin", "budget", "reports"]
RENDERER_ASSETS = ["templates/reports/pp39", "static/css/report.css"]


def renderer_sources(base: Path) -> list[Path]:
    """Every source file whose change can change a rendered report, in a stable order."""
    paths: list[Path] = []
    for package in CODE_PACKAGES:
        paths += (base / package).rglob("*.py")
    for asset in RENDERER_ASSETS:
        path = base / asset
        paths += path.rglob("*") if path.is_dir() else [path]
    return sorted(p for p in paths if p.is_file())


@lru_cache(maxsize=1)
def renderer_fingerprint() -> str:
    """A hash of the sources that produce a report (computed from the package trees, not a
    list), so a deployment with new code or templates never serves files rendered by the old."""
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for path in renderer_sources(base):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(b"\0")
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
