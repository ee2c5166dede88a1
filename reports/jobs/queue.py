"""Asking for work: one job per report file and data version, queued once its transaction
commits. Without a broker (``make run``) tasks run inline, in the process that asks."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from perkin.models import WorkUnit
from reports.exporters.cache import CACHED_FORMATS, data_version
from reports.jobs.tasks import SUMMARY_PENDING, refresh_unit_summaries, render_report_file
from reports.models import ReportJob

# A job queued or running this long without finishing is taken as lost (a worker that died
# mid-job, a broker restarted without its queue) and queued again when asked for.
LOST_AFTER = timedelta(minutes=15)


def runs_inline() -> bool:
    """True without a broker: a task runs in the process that queues it."""
    return bool(settings.CELERY_TASK_ALWAYS_EAGER)


def request_file(
    unit: WorkUnit,
    year: int,
    quarter: int,
    fmt: str,
    reason: str = ReportJob.Reason.ASKED,
    version: str | None = None,
) -> ReportJob:
    """The job that renders and stores the report file of (unit, year, quarter, fmt) from the
    current facts (what a finalised version or a schedule calls too): an existing one for the same data version, or a new one, queued once the
    caller's transaction commits. Raises ValueError for a format that is not stored."""
    if fmt not in CACHED_FORMATS:
        raise ValueError(f"format {fmt!r} is rendered on request, not queued")
    version = version or data_version(unit, year, quarter)
    key = {"unit": unit, "year": year, "quarter": quarter, "fmt": fmt, "data_version": version}
    job = ReportJob.objects.filter(**key).first()
    if job is None:
        try:
            with transaction.atomic():
                job = ReportJob.objects.create(**key, reason=reason)
        except IntegrityError:  # asked for at the same moment by someone else: one job
            return ReportJob.objects.get(**key)
        _enqueue_file(job)
        return job
    lost = job.status in (ReportJob.Status.QUEUED, ReportJob.Status.RUNNING) and (
        (job.started_at or job.created_at) < timezone.now() - LOST_AFTER
    )
    if job.status == ReportJob.Status.FAILED or lost:
        ReportJob.objects.filter(pk=job.pk).update(
            status=ReportJob.Status.QUEUED, progress=0, error="", created_at=timezone.now()
        )
        job.refresh_from_db()
        _enqueue_file(job)
    return job


def _enqueue_file(job: ReportJob) -> None:
    transaction.on_commit(lambda: render_report_file.delay(job.pk))


def request_quarter_files(unit: WorkUnit, year: int, quarter: int, reason: str) -> list[ReportJob]:
    """Every stored format of the quarter's report (a locked or finalised quarter)."""
    version = data_version(unit, year, quarter)
    return [
        request_file(unit, year, quarter, fmt, reason, version) for fmt in sorted(CACHED_FORMATS)
    ]


def request_summary_refresh(unit_ids) -> int:
    """Queues a refresh of the units' stored summaries, at most one waiting per unit; returns
    how many were queued. Inline (no broker) nothing is queued: the view across units
    recomputes a stale summary when it is read."""
    if runs_inline():
        return 0
    queued = 0
    for unit_id in set(unit_ids):
        if cache.add(SUMMARY_PENDING.format(unit_id), 1, timeout=int(LOST_AFTER.total_seconds())):
            transaction.on_commit(lambda pk=unit_id: refresh_unit_summaries.delay(pk))
            queued += 1
    return queued
