"""Shared fixtures: the demo year is loaded once into the test database; each test runs in a
transaction that is rolled back, so every test sees the same seed data."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from perkin.demo.loader import load_demo
from reports.engine.facts import category_bands

DEMO_PASSWORD = "perkin-demo"


@pytest.fixture(scope="session", autouse=True)
def _memory_cache():
    """Tests use an in-memory cache: nothing leaks into (or from) the developer's cache."""
    memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    with override_settings(
        CACHES={"default": memory, "reports": {**memory, "LOCATION": "test-reports"}}
    ):
        yield


@pytest.fixture(autouse=True)
def _no_computed_reports_from_other_tests():
    """Each test starts without computed reports: a test's rolled-back rows give the next
    test's units the same ids and data versions (SQLite reuses them), so a report kept from
    another test could carry the same key with other facts."""
    from django.core.cache import caches

    caches["reports"].clear()


@pytest.fixture(scope="session")
def django_db_setup(_memory_cache, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo(password=DEMO_PASSWORD)
        category_bands()  # warm, so query counts do not depend on test order


@pytest.fixture
def demo_unit(db):
    from perkin.models import WorkUnit

    return WorkUnit.objects.get(code="BSPJI-PLG")


def _user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def admin_user_demo(db):
    return _user("admin")


@pytest.fixture
def head(db):
    return _user("kepala")


@pytest.fixture
def planner(db):
    return _user("perencana")


@pytest.fixture
def other_planner(db):
    return _user("perencana_lain")


@pytest.fixture
def reviewer(db):
    return _user("reviewer")


class SeedReport:
    """The seed's Q4 2024 report, computed once, with its files rendered once each."""

    def __init__(self, report, blocker):
        self.report = report
        self._blocker = blocker
        self._files: dict[str, bytes] = {}

    def file(self, fmt: str) -> bytes:
        from reports.exporters import get_exporter

        if fmt not in self._files:
            with self._blocker.unblock():  # the report reads a few related rows lazily
                self._files[fmt] = get_exporter(fmt).render_bytes(self.report)
        return self._files[fmt]


@pytest.fixture(scope="session")
def seed_report(django_db_setup, django_db_blocker) -> SeedReport:
    """For tests that only read the seed's report and its files (shared: they are slow)."""
    from perkin.models import WorkUnit
    from reports.checks import build_quarterly_report

    with django_db_blocker.unblock():
        report = build_quarterly_report(WorkUnit.objects.get(code="BSPJI-PLG"), 2024, 4)
    return SeedReport(report, django_db_blocker)
