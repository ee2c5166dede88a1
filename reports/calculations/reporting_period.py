"""Which year and quarter a page shows when the address does not say."""

from __future__ import annotations

from perkin.calendar import quarter_of


def choose_period(
    *,
    reported: tuple[int, int],
    agreement_years: set[int],
    last_data_month: dict[int, int],
    year: int | None = None,
) -> tuple[int, int]:
    """(year, quarter) to show by default.

    ``reported`` is the quarter being reported on today (the previous quarter until its report
    is due, then the current one); ``last_data_month`` maps a year to the last month with any
    realisation entered. Without a year: the reported quarter when its year has an agreement;
    else the latest earlier quarter with data (a new year set up but not filled yet does not
    hide the last year's figures); else the latest earlier year with an agreement at its
    fourth quarter; else the reported quarter. With a year: the reported quarter in the
    reported year, else that year's last quarter with data, else its fourth quarter (a past
    year) or first quarter (a future one)."""
    ry, rq = reported
    if year is not None:
        if year == ry:
            return year, rq
        if year in last_data_month and year < ry:
            return year, quarter_of(last_data_month[year])
        return year, 4 if year < ry else 1
    if ry in agreement_years:
        return reported
    with_data = [
        (y, min(quarter_of(m), rq) if y == ry else quarter_of(m))
        for y, m in last_data_month.items()
        if y in agreement_years and y <= ry
    ]
    if with_data:
        return max(with_data)
    earlier = [y for y in agreement_years if y < ry]
    if earlier:
        return max(earlier), 4
    return reported
