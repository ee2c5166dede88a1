"""The quarter lock: once the head approves a quarter, its facts refuse every change until the
head unlocks it with a reason. This module is the only place that decides whether a period is
locked and words the refusal; services, imports, setup pages, the admin (through the models'
``clean``) and views all ask it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from perkin.calendar import MONTHS, quarter_of


class LockedPeriodError(ValidationError):
    """A write into a locked quarter."""


def locked_quarters(unit_id: int, year: int) -> set[int]:
    """The locked quarters of the unit's year (one query)."""
    # looked up by name: the models call this module from their clean()
    quarter_lock = apps.get_model("perkin", "QuarterLock")
    return set(
        quarter_lock.objects.filter(unit_id=unit_id, year=year, locked=True).values_list(
            "quarter", flat=True
        )
    )


def is_locked(unit_id: int, year: int, quarter: int) -> bool:
    return quarter in locked_quarters(unit_id, year)


def month_refusal(year: int, months: Iterable[int]) -> str:
    """'November 2024 sudah dikunci: Triwulan 4 2024 sudah disetujui dan dikunci; ...'."""
    months = sorted(set(months))
    quarters = sorted({quarter_of(m) for m in months})
    return _(
        "%(months)s sudah dikunci: %(quarters)s sudah disetujui dan dikunci; perubahan ditolak. "
        "Minta kepala unit membuka kunci bila perlu koreksi."
    ) % {
        "months": ", ".join(f"{MONTHS[m]} {year}" for m in months),
        "quarters": ", ".join(f"Triwulan {q} {year}" for q in quarters),
    }


def quarter_refusal(year: int, quarters: Iterable[int]) -> str:
    """'Triwulan 2 2024 sudah dikunci ...' for rows that belong to a quarter."""
    return _(
        "%(quarters)s sudah dikunci (sudah disetujui dan dikunci); baris ini tidak dapat diubah."
    ) % {"quarters": ", ".join(f"Triwulan {q} {year}" for q in sorted(set(quarters)))}


def ensure_months_open(unit_id: int | None, year: int | None, months: Iterable[int]) -> None:
    """Raises LockedPeriodError when any of the months lies in a locked quarter."""
    months = [m for m in months if m]
    if not (unit_id and year and months):
        return
    locked = locked_quarters(unit_id, year)
    hit = [m for m in months if quarter_of(m) in locked]
    if hit:
        raise LockedPeriodError(month_refusal(year, hit))


def ensure_quarters_open(unit_id: int | None, year: int | None, quarters: Iterable[int]) -> None:
    """Raises LockedPeriodError when any of the quarters is locked."""
    quarters = [q for q in quarters if q]
    if not (unit_id and year and quarters):
        return
    hit = set(quarters) & locked_quarters(unit_id, year)
    if hit:
        raise LockedPeriodError(quarter_refusal(year, hit))
