"""What the queue does when facts change: a locked quarter queues its report files; raised data
versions queue a refresh of the summaries that read them."""

from __future__ import annotations

from celery.signals import worker_process_init, worker_ready
from django.conf import settings

from perkin.models import WorkUnit
from perkin.signals import quarter_locked
from reports.engine.versions import versions_raised
from reports.jobs.queue import request_quarter_files, request_summary_refresh, runs_inline
from reports.jobs.warmup import warm_renderers
from reports.models import ReportJob, UnitSummary


def prerender_on_lock() -> bool:
    """Locking renders the quarter's files ahead only with a worker to do it: inline it would
    hold the head's approval for the whole rendering, to save nobody a wait."""
    return getattr(settings, "PERKIN_PRERENDER_ON_LOCK", not runs_inline())


def on_quarter_locked(sender, unit_id: int, year: int, quarter: int, **kwargs) -> None:
    if not prerender_on_lock():
        return
    unit = WorkUnit.objects.select_related("parent").get(pk=unit_id)
    request_quarter_files(unit, year, quarter, ReportJob.Reason.LOCKED)


def on_versions_raised(sender, periods, **kwargs) -> None:
    """The units whose stored summaries may be stale: the units raised, and for a raise of a
    parent (siblings' evaluations) or of everything, their children or every summarised unit."""
    if runs_inline():
        return
    unit_ids = {uid for uid, _y, _q in periods if uid is not None}
    if any(uid is None for uid, _y, _q in periods):
        unit_ids = set(UnitSummary.objects.values_list("unit_id", flat=True).distinct())
    else:
        unit_ids |= set(
            WorkUnit.objects.filter(parent_id__in=unit_ids).values_list("pk", flat=True)
        )
    summarised = UnitSummary.objects.filter(unit_id__in=unit_ids).values_list("unit_id", flat=True)
    request_summary_refresh(set(summarised))


def connect() -> None:
    quarter_locked.connect(on_quarter_locked, dispatch_uid="jobs-quarter-locked")
    versions_raised.connect(on_versions_raised, dispatch_uid="jobs-versions-raised")
    # a worker (each pool process, or the one process of a solo/threads pool) warms up first
    worker_process_init.connect(warm_renderers, dispatch_uid="jobs-warm-process", weak=False)
    worker_ready.connect(warm_renderers, dispatch_uid="jobs-warm-ready", weak=False)
