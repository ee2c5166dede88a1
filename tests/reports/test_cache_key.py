"""A deploy never serves a stale file: the cache key includes a hash of every source that
produces a report, read from the package trees (not a hand-written list)."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from reports.exporters import cache


def _copy_tree(tmp_path: Path) -> Path:
    base = Path(settings.BASE_DIR)
    for package in cache.CODE_PACKAGES:
        shutil.copytree(base / package, tmp_path / package, ignore=shutil.ignore_patterns("*.pyc"))
    for asset in cache.RENDERER_ASSETS:
        source, target = base / asset, tmp_path / asset
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy(source, target)
    return tmp_path


def _fingerprint(base: Path, settings_) -> str:
    settings_.BASE_DIR = base
    cache.renderer_fingerprint.cache_clear()
    try:
        return cache.renderer_fingerprint()
    finally:
        cache.renderer_fingerprint.cache_clear()


def test_changing_a_calculation_changes_the_cache_key(tmp_path, settings):
    base = _copy_tree(tmp_path)
    before = _fingerprint(base, settings)
    assert _fingerprint(base, settings) == before  # stable while nothing changes
    methods = base / "reports" / "calculations" / "methods.py"
    methods.write_text(methods.read_text() + "\n# a changed formula\n")
    assert _fingerprint(base, settings) != before


def test_every_module_of_the_engine_checks_and_formatting_is_hashed():
    sources = {
        str(p.relative_to(settings.BASE_DIR))
        for p in cache.renderer_sources(Path(settings.BASE_DIR))
    }
    for path in (
        "reports/engine/money/dipa.py",
        "reports/engine/money/revenue.py",
        "reports/engine/money/service_outputs.py",
        "reports/calculations/methods.py",
        "reports/checks/indicators.py",
        "perkin/formatting.py",
        "reports/engine/facts.py",
        "templates/reports/pp39/_document.html",
        "static/css/report.css",
    ):
        assert path in sources, path


@pytest.mark.django_db
def test_a_computed_report_is_kept_per_language_and_per_facts_fetched(demo_unit):
    """The findings' words are in the language of whoever asks, and the dashboard fetches fewer
    facts than the report page: each has its own entry, equal to the report computed afresh."""
    from reports.checks import build_quarterly_report

    def messages(report) -> list[str]:
        return [f.message for f in report.checks]

    for language in ("id", "en", "id"):
        with translation.override(language):
            fresh = build_quarterly_report(demo_unit, 2024, 4)
            assert messages(cache.computed_report(demo_unit, 2024, 4)) == messages(fresh)
    with translation.override("en"):
        english = messages(cache.computed_report(demo_unit, 2024, 4))
    with translation.override("id"):  # explicit: an earlier test may leave English active
        assert english != messages(cache.computed_report(demo_unit, 2024, 4))
    lean = cache.computed_report(demo_unit, 2024, 4, full=False)
    assert lean.facts.texts == [] and cache.computed_report(demo_unit, 2024, 4).facts.texts
