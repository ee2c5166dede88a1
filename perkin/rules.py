"""Rules across rows that a database constraint cannot hold, each written once and used by
every way facts come in (entry page, workbook import, setup pages and workbook)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from perkin.calendar import MONTHS
from perkin.formatting import number, pct_text, rupiah


@dataclass(frozen=True)
class CumulativeViolation:
    """A cumulative physical % below an earlier month's or above a later month's."""

    code: str
    month: int
    value: Decimal
    other_month: int
    other_value: Decimal
    below: bool  # True: lower than an earlier month; False: higher than a later month

    @property
    def message(self) -> str:
        values = {
            "code": self.code,
            "m": MONTHS[self.month],
            "v": pct_text(self.value),
            "o": MONTHS[self.other_month],
            "ov": pct_text(self.other_value),
        }
        if self.below:
            return (
                _(
                    "Realisasi fisik kumulatif %(code)s %(m)s (%(v)s) lebih rendah dari %(o)s (%(ov)s): "
                    "tidak boleh lebih rendah dari bulan sebelumnya (%(o)s: %(ov)s%%); isi antara "
                    "%(ov)s dan 100."
                )
                % values
            )
        return (
            _(
                "Realisasi fisik kumulatif %(code)s %(m)s (%(v)s) melebihi %(o)s (%(ov)s): tidak "
                "boleh melebihi bulan berikutnya (%(o)s: %(ov)s%%)."
            )
            % values
        )


def cumulative_violation(
    code: str, month: int, value: Decimal, others: dict[int, Decimal | None]
) -> CumulativeViolation | None:
    """Physical progress is cumulative: a month's % may not be lower than the highest earlier
    month's nor higher than the lowest later month's. ``others`` maps the indicator's other
    months to their values (None: not entered)."""
    before = {m: v for m, v in others.items() if m < month and v is not None}
    after = {m: v for m, v in others.items() if m > month and v is not None}
    if before:
        top = max(before.values())
        if value < top:
            m = max(m for m, v in before.items() if v == top)
            return CumulativeViolation(code, month, value, m, top, below=True)
    if after:
        low = min(after.values())
        if value > low:
            m = min(m for m, v in after.items() if v == low)
            return CumulativeViolation(code, month, value, m, low, below=False)
    return None


def first_decrease(
    values: list[tuple[int, Decimal]],
) -> tuple[int, Decimal, int, Decimal] | None:
    """The first place a monthly cumulative series decreases, as (month, value, next month,
    lower value); ``values`` are (month, value) pairs in month order."""
    for (m1, a), (m2, b) in zip(values, values[1:], strict=False):
        if b < a:
            return m1, a, m2, b
    return None


def plan_problem(values: list[tuple[int, Decimal]]) -> str | None:
    """Interim targets of the action plan are cumulative: B01..B12 may not decrease, and each
    month has one step. ``values`` are (month, interim target %) pairs."""
    steps = sorted(values)
    months = [m for m, _v in steps]
    if len(months) != len(set(months)):
        return _("Setiap bulan hanya boleh satu baris rencana aksi.")
    decrease = first_decrease(steps)
    if decrease is None:
        return None
    m1, a, m2, b = decrease
    return _(
        "Target antara (%%) harus kumulatif: %(m2)s (%(b)s) lebih rendah dari %(m1)s (%(a)s)."
    ) % {"m2": MONTHS[m2], "b": number(b), "m1": MONTHS[m1], "a": number(a)}


def allocations_problem(revision: str, total: Decimal, stated: Decimal | None) -> str | None:
    """The allocations of a DIPA revision add up to its stated pagu (DOMAIN 7); the message
    gives both sums and the difference in rupiah."""
    if stated is None or total == stated:
        return None
    return _(
        "Alokasi %(revision)s berjumlah %(total)s, sedangkan pagu yang dinyatakan %(stated)s; "
        "selisih %(difference)s."
    ) % {
        "revision": revision,
        "total": rupiah(total),
        "stated": rupiah(stated),
        "difference": rupiah(stated - total),
    }
