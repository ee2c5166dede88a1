"""The quarter lock: once the head approves a quarter, everything its report shows refuses
every change until the head unlocks it with a reason. This module is the only place that
decides whether a write is refused and words the refusal; services, imports, setup pages, the
admin and a shell all pass through it (the models' save and delete signals call ``guard``).

What a fact affects: a fact dated in quarter q of year Y is shown by the reports of quarters
q..4 of Y (they are cumulative) and, as last year's figure, by quarters q..4 of Y + 1. Facts
of the whole year (the agreement, targets, the action plan, the budget tree, revenue targets)
are shown by every quarter of Y. A fact model says which period it belongs to with
``lock_period()``; a change is refused while any quarter it affects is locked.

Writes of one unit are serialised: ``hold_unit`` takes the unit's row lock (``SELECT ... FOR
UPDATE`` on PostgreSQL; SQLite transactions start IMMEDIATE, see settings) for the rest of the
transaction, and locking a quarter takes the same row lock, so a save cannot slip in after a
lock, and two saves of the same rows see each other's result.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Model
from django.db.models.signals import pre_delete, pre_save
from django.utils.translation import gettext as _

from perkin.calendar import MONTHS, quarter_of


class LockedPeriodError(ValidationError):
    """A write into a locked quarter."""


@dataclass(frozen=True)
class Period:
    """Where a fact belongs: its unit, its year and the quarters whose reports show it (from
    ``first_quarter`` to ``last_quarter``); ``next_year`` is False for facts that no later
    year compares with."""

    unit_id: int
    year: int
    first_quarter: int = 1
    next_year: bool = True
    last_quarter: int = 4  # a row of one quarter's report only (a narrative) ends there


def month_period(unit_id: int, year: int, month: int) -> Period:
    return Period(unit_id, year, quarter_of(month))


def hold_unit(unit_id: int) -> None:
    """Serialises the unit's writes until the current transaction ends (a PostgreSQL row
    lock; SQLite serialises whole transactions, see settings)."""
    table = connection.ops.quote_name(apps.get_model("perkin", "WorkUnit")._meta.db_table)
    lock = " FOR UPDATE" if connection.vendor == "postgresql" and connection.in_atomic_block else ""
    with connection.cursor() as cursor:  # the same one query on every database
        cursor.execute(f"SELECT id FROM {table} WHERE id = %s{lock}", [unit_id])


def locked_quarters(unit_id: int, year: int) -> set[int]:
    """The locked quarters of the unit's year (one query)."""
    # looked up by name: the models call this module from their clean()
    quarter_lock = apps.get_model("perkin", "QuarterLock")
    return set(
        quarter_lock.objects.filter(unit_id=unit_id, year=year, locked=True).values_list(
            "quarter", flat=True
        )
    )


def blocking_locks(period: Period) -> list[tuple[int, int]]:
    """The locked (year, quarter)s whose reports show a fact of this period."""
    quarter_lock = apps.get_model("perkin", "QuarterLock")
    years = [period.year, period.year + 1] if period.next_year else [period.year]
    rows = (
        quarter_lock.objects.filter(
            unit_id=period.unit_id,
            year__in=years,
            quarter__gte=period.first_quarter,
            locked=True,
        )
        .exclude(
            year=period.year,
            quarter__gt=period.last_quarter,
        )
        .values_list("year", "quarter")
    )
    return sorted(rows)


def is_locked(unit_id: int, year: int, quarter: int) -> bool:
    return quarter in locked_quarters(unit_id, year)


def _quarters_text(locks: Iterable[tuple[int, int]]) -> str:
    return ", ".join(_("Triwulan %(q)s %(y)s") % {"q": q, "y": y} for y, q in sorted(set(locks)))


def month_refusal(year: int, months: Iterable[int], locks: Iterable[tuple[int, int]] = ()) -> str:
    """'November 2024 sudah dikunci: Triwulan 4 2024 sudah disetujui dan dikunci; ...'."""
    months = sorted(set(months))
    locks = list(locks) or [(year, q) for q in sorted({quarter_of(m) for m in months})]
    return _(
        "%(months)s sudah dikunci: %(quarters)s sudah disetujui dan dikunci; perubahan ditolak. "
        "Minta kepala unit membuka kunci bila perlu koreksi."
    ) % {
        "months": ", ".join(f"{MONTHS[m]} {year}" for m in months),
        "quarters": _quarters_text(locks),
    }


def quarter_refusal(year: int, quarters: Iterable[int]) -> str:
    """'Triwulan 2 2024 sudah dikunci ...' for rows that belong to a quarter."""
    return _(
        "%(quarters)s sudah dikunci (sudah disetujui dan dikunci); baris ini tidak dapat diubah."
    ) % {"quarters": _quarters_text((year, q) for q in quarters)}


def period_refusal(locks: Iterable[tuple[int, int]]) -> str:
    """The refusal of a change to a fact that locked reports show."""
    first, *others = sorted(set(locks))
    also = (
        " " + _("(begitu pula %(quarters)s)") % {"quarters": _quarters_text(others)}
        if others
        else ""
    )
    return _(
        "%(quarter)s sudah dikunci%(also)s: laporan yang sudah disetujui dan dikunci "
        "menampilkan data ini; perubahan ditolak. Minta kepala unit membuka kunci (dengan "
        "alasan) bila perlu koreksi."
    ) % {"quarter": _quarters_text([first]), "also": also}


def month_locks(unit_id: int, year: int, months: Iterable[int]) -> dict[int, list]:
    """For each of the unit's months of the year that locked reports show: those locks."""
    months = sorted({m for m in months if m})
    if not months:
        return {}
    locks = blocking_locks(Period(unit_id, year, quarter_of(months[0])))
    out = {}
    for m in months:
        hit = [(y, q) for y, q in locks if y > year or q >= quarter_of(m)]
        if hit:
            out[m] = hit
    return out


def ensure_months_open(unit_id: int | None, year: int | None, months: Iterable[int]) -> None:
    """Holds the unit and raises LockedPeriodError when a locked report shows any of the
    unit's months of the year."""
    months = [m for m in months if m]
    if not (unit_id and year and months):
        return
    hold_unit(unit_id)
    hit = month_locks(unit_id, year, months)
    if hit:
        locks = sorted({lock for found in hit.values() for lock in found})
        raise LockedPeriodError(month_refusal(year, hit, locks))


def ensure_quarters_open(unit_id: int | None, year: int | None, quarters: Iterable[int]) -> None:
    """Holds the unit and raises LockedPeriodError when a locked report shows a row of one of
    the quarters (narratives, report texts)."""
    quarters = sorted({q for q in quarters if q})
    if not (unit_id and year and quarters):
        return
    hold_unit(unit_id)
    locks = blocking_locks(Period(unit_id, year, quarters[0]))
    if locks:
        raise LockedPeriodError(quarter_refusal(year, [q for y, q in locks if y == year]))


def ensure_period_open(period: Period | None) -> None:
    """Holds the unit and raises LockedPeriodError when a locked report shows the period."""
    if period is None:
        return
    hold_unit(period.unit_id)
    locks = blocking_locks(period)
    if locks:
        raise LockedPeriodError(period_refusal(locks))


def periods_of(instance: Model) -> list[Period]:
    """The periods a row belongs to (lock_period() may give one, several or none)."""
    found = instance.lock_period()
    if found is None:
        return []
    return list(found) if isinstance(found, (list, tuple)) else [found]


def refusal_for(instance: Model) -> str | None:
    """Why a change to this row is refused now, or None (no hold taken: for display)."""
    locks = sorted({lock for p in periods_of(instance) for lock in blocking_locks(p)})
    return period_refusal(locks) if locks else None


# --- the guard on every save and delete -----------------------------------------------------


def _as_loaded(instance: Model) -> Model | None:
    """The row as it was loaded, when a field of it has been changed since (no query: the
    models keep their loaded values, perkin.models.base)."""
    loaded = getattr(instance, "_loaded_values", None)
    if not loaded or instance._state.adding:
        return None
    changed = {
        f.attname: loaded[f.attname]
        for f in instance._meta.concrete_fields
        if f.attname in loaded and getattr(instance, f.attname) != loaded[f.attname]
    }
    if not changed:
        return None
    old = copy.copy(instance)
    old._state = copy.copy(instance._state)
    old._state.fields_cache = {}
    for name, value in changed.items():
        setattr(old, name, value)
    return old


def guard(sender, instance: Model, **kwargs) -> None:
    """pre_save / pre_delete: a row of a locked period (as stored, and as it would be
    saved) is refused, whichever screen, import or script writes it."""
    if kwargs.get("raw"):  # loaddata
        return
    edited = getattr(instance, "edited", None)
    if kwargs.get("signal") is pre_save and callable(edited) and not edited():
        return  # saved unchanged: nothing a report shows changes
    periods = set(periods_of(instance))
    if kwargs.get("signal") is pre_save:
        old = _as_loaded(instance)
        if old is not None:
            periods.update(periods_of(old))
    for period in sorted(periods, key=lambda p: (p.unit_id, p.year, p.first_quarter)):
        ensure_period_open(period)


def connect() -> None:
    """Guards every model that declares lock_period()."""
    for model in apps.get_models():
        if callable(getattr(model, "lock_period", None)):
            label = model._meta.label
            pre_save.connect(guard, sender=model, dispatch_uid=f"lock-save-{label}")
            pre_delete.connect(guard, sender=model, dispatch_uid=f"lock-delete-{label}")
