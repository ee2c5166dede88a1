"""The queue's tasks (``celery -A perkin worker``): render and store a report file, refresh a
unit's summaries, regenerate every unit's files and summaries of a quarter, send the deadline
reminders (scheduled by ``celery -A perkin beat``: settings.CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from perkin.entry.reminders import send_reminders
from perkin.models import WorkUnit
from reports.exporters.cache import render_and_store, stored_file
from reports.jobs.summaries import compute_summaries, refresh_stale
from reports.models import ReportJob, UnitSummary

log = logging.getLogger(__name__)
SUMMARY_PENDING = "perkin:summary-pending:{}"  # a refresh of the unit's summaries is queued


def _update(job_pk: int, **fields) -> None:
    ReportJob.objects.filter(pk=job_pk).update(**fields)


@shared_task(name="reports.render_report_file")
def render_report_file(job_pk: int) -> str:
    """Renders and stores the job's report file (nothing to do when it is done or stored
    already); records its progress and outcome in the job row. Returns the job's status."""
    job = ReportJob.objects.select_related("unit").filter(pk=job_pk).first()
    if job is None or job.status == ReportJob.Status.DONE:
        return job.status if job else "missing"
    _update(job.pk, status=ReportJob.Status.RUNNING, progress=5, started_at=timezone.now())
    try:
        if stored_file(job.unit, job.year, job.quarter, job.fmt, job.data_version) is None:
            render_and_store(
                job.unit,
                job.year,
                job.quarter,
                job.fmt,
                on_progress=lambda pct: _update(job.pk, progress=pct),
            )
    except Exception as exc:  # recorded for the page; the next request queues it again
        log.exception("report file %s failed", job)
        _update(job.pk, status=ReportJob.Status.FAILED, error=str(exc)[:2000])
        return ReportJob.Status.FAILED
    _update(job.pk, status=ReportJob.Status.DONE, progress=100, finished_at=timezone.now())
    return ReportJob.Status.DONE


@shared_task(name="reports.refresh_unit_summaries")
def refresh_unit_summaries(unit_pk: int) -> int:
    """Recomputes the unit's stored summaries whose facts changed; returns how many."""
    cache.delete(SUMMARY_PENDING.format(unit_pk))  # a change from now on queues a new refresh
    unit = WorkUnit.objects.filter(pk=unit_pk).first()
    if unit is None:
        return 0
    periods = UnitSummary.objects.filter(unit=unit).values_list("year", "quarter").distinct()
    return sum(refresh_stale([unit], year, quarter) for year, quarter in periods)


@shared_task(name="reports.regenerate_units")
def regenerate_units(unit_pks: list[int], year: int, quarter: int, formats: list[str]) -> int:
    """Computes the units' summaries of (year, quarter) and renders their report files in the
    given formats (one batch of a ministry-wide regeneration); returns the files rendered."""
    units = list(WorkUnit.objects.filter(pk__in=unit_pks).select_related("parent"))
    compute_summaries(units, year, quarter)
    rendered = 0
    for unit in units:
        for fmt in formats:
            render_and_store(unit, year, quarter, fmt)
            rendered += 1
    return rendered


@shared_task(name="reports.send_deadline_reminders")
def send_deadline_reminders() -> int:
    """Today's deadline reminders and head's digests (perkin.entry.reminders); each person gets
    each at most once a day however often this runs. Returns the number of e-mails sent."""
    return send_reminders()
