"""Helpers tests share."""

from contextlib import contextmanager

from perkin.models import QuarterLock


@contextmanager
def quarters_opened(unit, year: int):
    """Opens the unit's locked quarters of the year for a test's own setup writes (the demo's
    Q1-Q3 2024 are locked, and every quarter's report shows the year's agreement), then locks
    them again as they were."""
    locks = QuarterLock.objects.filter(unit=unit, year=year, locked=True)
    locked = list(locks.values_list("pk", flat=True))
    locks.update(locked=False)
    try:
        yield
    finally:
        QuarterLock.objects.filter(pk__in=locked).update(locked=True)
