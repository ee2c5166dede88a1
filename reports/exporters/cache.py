"""Rendered report files (PDF, workbook) kept in ``ReportCache`` and reused until a fact behind
them changes: the key is the data versions that report's period reads (see
reports.engine.versions: an edit of November 2024 leaves 2023 and 2024 Q1-Q3 cached), the newest
history id of the realisations it reads and a fingerprint of the renderer's templates,
stylesheet and code; never a time. The job queue (reports.jobs) renders them ahead of the
request; ``export_report`` serves them, rendering inline what is not stored yet.

The pages' computed reports are kept the same way in Django's "reports" cache
(``computed_report``): under the same data version, so a page never shows figures older than
its facts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import translation

from perkin.models import MonthlyRealisation, WorkUnit
from reports.checks import build_quarterly_report
from reports.engine.report import QuarterlyReport
from reports.engine.versions import version_key
from reports.exporters import get_exporter, report_for_export
from reports.exporters.html_export import REPORT_LANGUAGE
from reports.models import ReportCache

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


def data_version(unit: WorkUnit, year: int, quarter: int) -> str:
    """'<versions the period reads>.<latest realisation history id it reads>.<renderer>'
    (two queries)."""
    # Monthly realisations are also written in bulk (perkin.services: bulk_update_with_history),
    # which sends no save signals; every such write still adds history rows, so the newest
    # history id of the realisations the report reads is part of the key.
    agreement = "indicator__goal__agreement__"
    history = MonthlyRealisation.history.filter(**{agreement + "unit": unit}).filter(
        Q(**{agreement + "year": year - 1})
        | Q(**{agreement + "year": year, "month__lte": 3 * quarter})
    )
    latest = history.aggregate(m=Max("history_id"))["m"] or 0
    return f"{version_key(unit, year, quarter)}.{latest}.{renderer_fingerprint()}"


REPORTS_CACHE = "reports"
# A key names its facts exactly, so an entry is never stale while its key is asked for; the
# timeout only returns the memory of periods nobody reads any more.
COMPUTED_SECONDS = 6 * 3600


def reuse(
    unit: WorkUnit, year: int, quarter: int, what: str, compute, *, version: str | None = None
):
    """compute() kept in the reports cache while the facts of (unit, year, quarter) stand: keyed
    by what it is, the active language (findings and methods are worded in it) and the period's
    data version (raised by every change of a fact its report reads; read here unless given:
    two queries)."""
    version = version or data_version(unit, year, quarter)
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = f"{what}:{unit.pk}:{year}:{quarter}:{language}:{version}"
    store = caches[REPORTS_CACHE]
    value = store.get(key)
    if value is None:
        # computed after the version was read: a change made meanwhile is in the value and
        # raised the key, so an entry is only ever newer than its key, never older
        value = compute()
        store.set(key, value, COMPUTED_SECONDS)
    return value


def computed_report(
    unit: WorkUnit,
    year: int,
    quarter: int,
    *,
    full: bool = True,
    narratives: bool | None = None,
    version: str | None = None,
) -> QuarterlyReport:
    """build_quarterly_report(unit, year, quarter, full=, narratives=) with its findings, reused
    while the facts behind it stand (see reuse); each choice of facts fetched is kept apart."""
    return reuse(
        unit,
        year,
        quarter,
        f"report:{int(full)}:{narratives}",
        lambda: build_quarterly_report(unit, year, quarter, full=full, narratives=narratives),
        version=version,
    )


@dataclass
class Rendered:
    filename: str
    content_type: str
    content: bytes
    cached: bool


def _filename(unit: WorkUnit, year: int, quarter: int, fmt: str) -> str:
    exporter = get_exporter(fmt)
    return exporter.filename(SimpleNamespace(unit=unit, year=year, quarter=quarter))


def stored_file(unit: WorkUnit, year: int, quarter: int, fmt: str, version: str) -> Rendered | None:
    """The stored file of the report rendered from the facts of that data version, if any."""
    key = {"unit_code": unit.code, "year": year, "quarter": quarter, "fmt": fmt}
    hit = ReportCache.objects.filter(**key, data_version=version).values_list("content", flat=True)
    content = next(iter(hit), None)
    if content is None:
        return None
    exporter = get_exporter(fmt)
    return Rendered(
        _filename(unit, year, quarter, fmt), exporter.content_type, bytes(content), True
    )


def render_and_store(
    unit: WorkUnit, year: int, quarter: int, fmt: str, on_progress=None
) -> tuple[Rendered, str]:
    """Renders the report file and stores it under the data version read before the facts
    (a change made meanwhile leaves it stale, never wrong); returns it and that version.
    on_progress(percent) is told how far it got."""
    exporter = get_exporter(fmt)
    version = data_version(unit, year, quarter)
    report = report_for_export(unit, year, quarter)
    if on_progress:
        on_progress(30)
    filename, content_type, content = exporter.render(report)
    if on_progress:
        on_progress(90)
    key = {"unit_code": unit.code, "year": year, "quarter": quarter, "fmt": fmt}
    try:
        with transaction.atomic():
            ReportCache.objects.update_or_create(
                **key, defaults={"data_version": version, "content": content}
            )
    except IntegrityError:  # stored concurrently by another renderer: theirs is as good
        pass
    return Rendered(filename, content_type, content, cached=False), version


def export_report(unit: WorkUnit, year: int, quarter: int, fmt: str) -> Rendered:
    """The report of (unit, year, quarter) in fmt; PDF and workbook from storage while the
    facts behind them are unchanged, rendered (and stored) here otherwise. Raises ValueError
    for an unknown format."""
    exporter = get_exporter(fmt)
    if fmt not in CACHED_FORMATS:
        with translation.override(REPORT_LANGUAGE):  # as report_for_export computes it
            report = computed_report(unit, year, quarter)
        return Rendered(*exporter.render(report), cached=False)
    stored = stored_file(unit, year, quarter, fmt, data_version(unit, year, quarter))
    if stored is not None:
        return stored
    return render_and_store(unit, year, quarter, fmt)[0]
