"""Cache freshness per unit and period: a fact dated in quarter q of a year changes the keys of
that year's reports from q on and of the next year's, and nothing else; the dating table
(reports.engine.versions.FACTS) is checked against what the reports really read."""

import base64
import re
from decimal import Decimal

import pytest

from perkin import services
from perkin.models import Measurement, MonthlyRealisation, WorkUnit
from reports.checks import build_quarterly_report
from reports.engine.versions import FACTS
from reports.exporters.cache import data_version
from reports.exporters.html_export import render_report_html
from reports.exporters.json_export import report_as_dict
from reports.models import CategoryBand
from tests.helpers import quarters_opened

pytestmark = pytest.mark.django_db

PERIODS = [(2023, 4), (2024, 1), (2024, 2), (2024, 3), (2024, 4), (2025, 1)]


def _keys(unit):
    return {p: data_version(unit, *p) for p in PERIODS}


def _changed(before, after):
    return {p for p in PERIODS if before[p] != after[p]}


def test_a_november_edit_leaves_2023_and_q1_to_q3_2024_cached(demo_unit):
    before = _keys(demo_unit)
    row = MonthlyRealisation.objects.get(
        indicator__goal__agreement__unit=demo_unit,
        indicator__goal__number=1,
        indicator__number=1,
        month=11,
    )
    row.activities_done = "Teks November diperbarui"
    row.save()
    assert _changed(before, _keys(demo_unit)) == {(2024, 4), (2025, 1)}


def test_a_month_saved_through_the_entry_service_raises_only_its_quarter(demo_unit, planner):
    from datetime import timedelta

    from django.utils import timezone

    # the seed's history is as old as the seed (not written minutes ago, as in a test session)
    MonthlyRealisation.history.update(history_date=timezone.now() - timedelta(days=30))
    before = _keys(demo_unit)
    indicator = demo_unit.agreements.get(year=2024).goals.get(number=1).indicators.get(number=1)
    current = MonthlyRealisation.objects.get(indicator=indicator, month=11)
    saved, conflicts = services.realisations_save(
        unit=demo_unit,
        year=2024,
        month=11,
        rows=[
            services.RowInput(
                indicator=indicator,
                physical_pct=current.physical_pct,
                activities_done="Disimpan lewat halaman isian",
                value_to_date=current.value_to_date,
                version=current.version,
            )
        ],
        user=planner,
    )
    assert saved and not conflicts
    assert _changed(before, _keys(demo_unit)) == {(2024, 4), (2025, 1)}


def test_a_fact_moved_to_another_quarter_raises_the_quarter_it_left(demo_unit):
    row = Measurement.objects.filter(
        indicator__goal__agreement__unit=demo_unit, indicator__goal__agreement__year=2024
    ).first()
    with quarters_opened(demo_unit, 2024):  # Q1-Q3 2024 are locked in the demo
        row.month = 2
        row.save()
        before = _keys(demo_unit)
        row.month = 11
        row.save()
    assert _changed(before, _keys(demo_unit)) == {
        (2024, 1),
        (2024, 2),
        (2024, 3),
        (2024, 4),
        (2025, 1),
    }


def test_a_year_fact_raises_the_whole_year_and_the_next(demo_unit):
    before = _keys(demo_unit)
    agreement = demo_unit.agreements.get(year=2024)
    agreement.save()
    assert _changed(before, _keys(demo_unit)) == set(PERIODS) - {(2023, 4)}


def test_the_units_own_facts_and_the_bands_raise_every_period(demo_unit):
    before = _keys(demo_unit)
    demo_unit.city = demo_unit.city
    demo_unit.save()
    assert _changed(before, _keys(demo_unit)) == set(PERIODS)
    before = _keys(demo_unit)
    band = CategoryBand.objects.first()
    band.label = band.label
    band.save()
    assert _changed(before, _keys(demo_unit)) == set(PERIODS)


def test_another_units_edit_changes_nothing_here(demo_unit):
    before = _keys(demo_unit)
    other = WorkUnit.objects.get(code="BSPJI-MDN")
    other.city = other.city
    other.save()  # a sibling's name is printed in tables 3.17 and 3.18 ...
    assert _changed(before, _keys(demo_unit)) == set(PERIODS)
    before = _keys(demo_unit)
    from perkin.models import Team

    Team.objects.create(unit=other, name="Tim lain")  # ... its teams are not
    assert _changed(before, _keys(demo_unit)) == set()


def _filter_q4(dating):
    """The lookups selecting the demo unit's 2024 rows dated in Q4 under a Dating."""
    lookups = {dating.unit.removesuffix("_id") + "__code": "BSPJI-PLG"}
    if dating.year:
        lookups[dating.year] = 2024
    if dating.month:
        lookups[dating.month + "__gte"] = 10
    elif dating.quarter:
        lookups[dating.quarter] = 4
    elif dating.date:
        lookups[dating.date + "__month__gte"] = 10
    return lookups


def _stable(html: str) -> str:
    """The document with its charts decoded and matplotlib's random SVG ids made constant."""

    def decode(match):
        svg = base64.b64decode(match.group(1)).decode()
        return re.sub(r"\b[a-z][0-9a-f]{10}\b", "ID", svg)

    return re.sub(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", decode, html)


def test_reports_of_earlier_quarters_do_not_read_facts_dated_later(demo_unit):
    """The dating table is right: with every fact dated in Q4 2024 gone, the Q3 report (its
    document and its JSON) is the same, so an edit of Q4 may leave Q3's files cached."""
    from django.apps import apps

    def q3():
        report = build_quarterly_report(WorkUnit.objects.get(pk=demo_unit.pk), 2024, 3)
        return _stable(render_report_html(report)), report_as_dict(report)

    before = q3()
    deleted = 0
    for label, dating in FACTS.items():
        if dating.month or dating.quarter or dating.date:
            model = apps.get_model(label)
            deleted += model._base_manager.filter(**_filter_q4(dating)).delete()[0]
    assert deleted > 100  # realisations, receipts, outputs, narratives... of October-December
    assert (
        MonthlyRealisation.objects.filter(
            indicator__goal__agreement__unit=demo_unit, month=11
        ).count()
        == 0
    )
    after = q3()
    assert after[1] == before[1]
    assert after[0] == before[0]


def test_a_change_dated_later_than_the_report_reads_is_still_seen_where_it_counts(demo_unit):
    """The other side: the Q4 report does change when a Q4 fact changes."""
    before = report_as_dict(build_quarterly_report(demo_unit, 2024, 4))
    row = MonthlyRealisation.objects.filter(
        indicator__goal__agreement__unit=demo_unit, month=12, value_to_date__isnull=False
    ).first()
    row.value_to_date = row.value_to_date + Decimal("1")
    row.save()
    assert report_as_dict(build_quarterly_report(demo_unit, 2024, 4)) != before


def test_a_rolled_back_change_does_not_swallow_the_next_announcement(
    demo_unit, django_capture_on_commit_callbacks
):
    from django.db import transaction

    from reports.engine.versions import versions_raised

    seen = []

    def listen(sender, periods, **kwargs):
        seen.append(periods)

    versions_raised.connect(listen)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            try:
                with transaction.atomic():
                    demo_unit.save()
                    raise RuntimeError("rolled back")
            except RuntimeError:
                pass
            row = MonthlyRealisation.objects.filter(
                indicator__goal__agreement__unit=demo_unit, month=11
            ).first()
            row.save()
    finally:
        versions_raised.disconnect(listen)
    assert len(seen) == 1 and (demo_unit.pk, 2024, 4) in seen[0]
    assert (demo_unit.pk, 0, 0) not in seen[0]  # the rolled-back change is not announced
