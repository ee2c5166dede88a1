"""Tests against the real job queue: Redis at 127.0.0.1:6379 (REDIS_TEST_URL to change it) and
a Celery worker started here, in a thread of this process, consuming a queue of its own. The
worker reads what the test committed, so these tests use a transactional database, which is
emptied after each one: they run last (this folder sorts last) and build their own rows.
Without a reachable Redis they are skipped with a warning, never failed. They run on PostgreSQL
(CI): on SQLite the worker thread and the test share one in-memory database, whose table locks
make them flaky (without a broker, SQLite's `make run` runs every task inline, tested elsewhere)."""

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
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the real queue is tested on PostgreSQL (CI)")
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
    _close_broker_pools(app)
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
        _close_broker_pools(app)
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


def _close_broker_pools(app) -> None:
    """Drops the app's broker connections and producers, so the next use opens them anew."""
    from kombu import pools

    if app._pool is not None:
        app._pool.force_close_all()
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def small_unit(transactional_db):
    """A unit of its own under an echelon-I parent: one indicator (target 75, 80 reached by
    December 2024) and a reviewer of the parent; small, so its files render in a moment."""
    from decimal import Decimal

    from perkin.models import Indicator, UnitMembership, WorkUnit
    from tests.factories import (
        IndicatorFactory,
        MonthlyRealisationFactory,
        UserFactory,
        WorkUnitFactory,
    )

    parent = WorkUnitFactory(code="UJI-ESELON1", kind=WorkUnit.Kind.ECHELON_I)
    unit = WorkUnitFactory(code="UJI-ANTRE", parent=parent)
    indicator = IndicatorFactory(
        goal__agreement__unit=unit,
        goal__agreement__year=2024,
        target=Decimal("75"),
        method=Indicator.Method.DIRECT,
    )
    MonthlyRealisationFactory(
        indicator=indicator, month=12, physical_pct=Decimal("100"), value_to_date=Decimal("80")
    )
    reviewer = UserFactory(role=UnitMembership.Role.REVIEWER, role__unit=parent)
    return unit, indicator, reviewer
