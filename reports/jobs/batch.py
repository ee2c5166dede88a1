"""Ministry-wide regeneration: every unit's summary and report files of a quarter, queued in
small batches so any number of workers share them."""

from __future__ import annotations

from perkin.models import WorkUnit
from reports.exporters.cache import CACHED_FORMATS
from reports.jobs.tasks import regenerate_units

CHUNK = 10  # units per task: long enough to load facts together, short enough to share out


def units_with_agreement(year: int) -> list[WorkUnit]:
    """The units that have an agreement for the year (those whose reports exist)."""
    return list(WorkUnit.objects.filter(agreements__year=year).distinct().order_by("code"))


def queue_regeneration(
    units: list[WorkUnit], year: int, quarter: int, formats: list[str], chunk: int = CHUNK
) -> int:
    """Queues the regeneration of the units' (year, quarter) summaries and files; returns the
    number of tasks. Raises ValueError for a format that is not stored."""
    unknown = set(formats) - CACHED_FORMATS
    if unknown:
        raise ValueError(f"formats not stored: {', '.join(sorted(unknown))}")
    pks = [u.pk for u in units]
    tasks = 0
    for start in range(0, len(pks), chunk):
        regenerate_units.delay(pks[start : start + chunk], year, quarter, list(formats))
        tasks += 1
    return tasks
