"""Tests against the real job queue: Redis at 127.0.0.1:6379 (REDIS_TEST_URL to change it) and
a Celery worker started here, in a thread of this process, consuming a queue of its own. The
worker reads what the test committed, so these tests use a transactional database, which is
emptied after each one: they run last (this folder sorts last) and build their own rows.
Without a reachable Redis they are skipped with a warning, never failed."""

import os
import uuid
import warnings

import pytest

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/14")


def redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:
        return False


@pytest.fixture
def queue(settings, transactional_db):
    """The Celery app talking to Redis, with a worker thread consuming a fresh queue."""
    if not redis_reachable():
        warnings.warn(
            f"Redis is not reachable at {REDIS_URL}: the job-queue tests are skipped "
            "(start redis-server to run them)",
            stacklevel=1,
        )
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    from celery.contrib.testing.worker import start_worker
    from django.db import connections

    from perkin.celery import app

    name = f"perkin-test-{uuid.uuid4().hex[:8]}"
    keys = ("task_always_eager", "broker_url", "task_default_queue")
    saved = {k: app.conf[k] for k in keys}
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(task_always_eager=False, broker_url=REDIS_URL, task_default_queue=name)
    app._pool = None
    # the worker thread closes its database connection after each task, so none is left open
    # when the test database is emptied or dropped
    conn_max_age = connections.settings["default"].get("CONN_MAX_AGE", 0)
    connections.settings["default"]["CONN_MAX_AGE"] = 0
    try:
        with start_worker(
            app,
            pool="solo",
            perform_ping_check=False,
            loglevel="WARNING",
            shutdown_timeout=60,
            queues=[name],
        ):
            yield app
    finally:
        connections.settings["default"]["CONN_MAX_AGE"] = conn_max_age
        app.pool.force_close_all()
        app._pool = None
        app.conf.update(saved)
        import redis

        redis.Redis.from_url(REDIS_URL).delete(name)


@pytest.fixture
def seeded(transactional_db):
    """The demo year, loaded again (the transactional database starts empty after others)."""
    import importlib

    from django.apps import apps

    from perkin.demo.loader import load_demo
    from reports.models import CategoryBand, DataVersion

    if not CategoryBand.objects.exists():
        importlib.import_module("reports.migrations.0002_seed_category_bands").seed(apps, None)
    DataVersion.objects.get_or_create(unit=None, year=0, quarter=0)
    load_demo(password="perkin-demo")
