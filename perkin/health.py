"""``/sehat/``: for a load balancer, whether this server can serve: the database answers, the
job queue's broker answers and at least one worker replies (without a broker, jobs run
inline and need neither). 200 when all do, 503 otherwise; the body names each check."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from perkin.celery import app

WORKERS_CACHE_KEY = "perkin:health:workers"
WORKERS_CACHE_SECONDS = 10  # a worker ping costs up to PING_TIMEOUT; polled often, asked rarely
PING_TIMEOUT = 1.0


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _broker() -> str:
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=PING_TIMEOUT)
    return "ok"


def _workers() -> str:
    count = cache.get(WORKERS_CACHE_KEY)
    if count is None:
        count = len(app.control.ping(timeout=PING_TIMEOUT) or [])
        cache.set(WORKERS_CACHE_KEY, count, WORKERS_CACHE_SECONDS)
    if not count:
        raise RuntimeError("no worker replied")
    return f"ok ({count})"


def checks() -> dict[str, str]:
    """Each check's outcome: 'ok...', 'inline' (no broker configured) or 'error: ...'."""
    inline = settings.CELERY_TASK_ALWAYS_EAGER
    runs = {"database": _database}
    if not inline:
        runs |= {"broker": _broker, "worker": _workers}
    out = {}
    for name, check in runs.items():
        if name == "worker" and out.get("broker", "").startswith("error"):
            out[name] = "error: the broker does not answer"
            continue
        try:
            out[name] = check()
        except Exception as exc:  # any failure is an answer here, never a 500
            out[name] = f"error: {exc.__class__.__name__}: {exc}"[:200]
    if inline:
        out |= {"broker": "inline", "worker": "inline"}
    return out


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    results = checks()
    healthy = all(not v.startswith("error") for v in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **results}, status=200 if healthy else 503
    )
