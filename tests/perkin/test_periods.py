"""The default period is the quarter being reported; a new year set up but not filled yet
does not hide last year's figures."""

from datetime import date

from perkin.entry.navigation import choose_period
from reports.dashboard.periods import default_period
from tests.factories import AgreementFactory


def test_the_reported_quarter_when_its_year_has_an_agreement():
    assert choose_period(
        reported=(2025, 1), agreement_years={2024, 2025}, last_data_month={2024: 12}
    ) == (2025, 1)


def test_an_empty_new_year_does_not_hide_last_years_figures():
    # the demo after "Siapkan tahun berikutnya" in November 2026: 2025 exists, nothing entered
    assert choose_period(
        reported=(2026, 4), agreement_years={2024, 2025}, last_data_month={2024: 12}
    ) == (2024, 4)


def test_data_after_the_reported_quarter_is_not_chosen():
    assert choose_period(
        reported=(2024, 3), agreement_years={2023}, last_data_month={2023: 12, 2024: 11}
    ) == (2023, 4)
    assert choose_period(reported=(2025, 2), agreement_years={2024}, last_data_month={2024: 7}) == (
        2024,
        3,
    )


def test_without_data_the_latest_earlier_year_else_the_reported_quarter():
    assert choose_period(reported=(2026, 2), agreement_years={2024}, last_data_month={}) == (
        2024,
        4,
    )
    assert choose_period(reported=(2026, 2), agreement_years=set(), last_data_month={}) == (
        2026,
        2,
    )


def test_a_given_year():
    kw = {"reported": (2025, 2), "agreement_years": {2024, 2025}, "last_data_month": {2024: 7}}
    assert choose_period(year=2025, **kw) == (2025, 2)
    assert choose_period(year=2024, **kw) == (2024, 3)
    assert choose_period(year=2023, **kw) == (2023, 4)
    assert choose_period(year=2027, **kw) == (2027, 1)


def test_default_period_of_the_demo_after_the_next_year_is_set_up(demo_unit):
    AgreementFactory(unit=demo_unit, year=2025)
    assert default_period(demo_unit, today=date(2026, 11, 27)) == (2024, 4)
    # early January 2025 the fourth quarter of 2024 is still being reported (due 8 January)
    assert default_period(demo_unit, today=date(2025, 1, 6)) == (2024, 4)
    # from 9 January 2025 the first quarter of 2025 is the one being reported
    assert default_period(demo_unit, today=date(2025, 1, 9)) == (2025, 1)
