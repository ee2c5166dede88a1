"""Writes that change the monitoring data: saving a month's realisations with optimistic
locking, submitting, approving, returning, locking and unlocking a quarter, evidence.

Every function checks the quarter lock on the server, so no view, import or script can
change a locked month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from perkin.calendar import MONTHS, quarter_months, quarter_of
from perkin.locks import LockedPeriodError, ensure_months_open, hold_unit
from perkin.models import (
    Evidence,
    Indicator,
    MonthlyRealisation,
    OrganisationChart,
    QuarterLock,
    WorkUnit,
)
from perkin.rules import cumulative_violation
from perkin.selectors import LockBlocker, quarter_lock_blockers
from perkin.signals import facts_bulk_changed, quarter_locked

__all__ = ["LockedPeriodError"]  # raised by every write here; callers catch it from this module


@dataclass
class Conflict:
    """A save refused because someone else saved the same row first."""

    indicator: Indicator
    month: int
    current: MonthlyRealisation

    @property
    def message(self) -> str:
        who = self.current.updated_by.get_username() if self.current.updated_by else "pengguna lain"
        return (
            f"{self.indicator.code} {MONTHS[self.month]}: data telah diubah oleh {who} "
            f"pada {self.current.updated_at:%d-%m-%Y %H:%M} sejak halaman ini dibuka. Isian Anda "
            f"tidak disimpan. Tersimpan sekarang: realisasi fisik {self.current.physical_pct}%, "
            f"nilai {self.current.value_to_date if self.current.value_to_date is not None else '-'}, "
            f"kegiatan: \u201c{self.current.activities_done[:200]}\u201d."
        )


def mark_edited(obj, *, user, now) -> None:
    """A changed fact gets a new version, its editor and time; an edited realisation goes
    back to draft (it must be submitted and approved again)."""
    obj.version = (obj.version or 0) + 1
    obj.updated_by = user
    obj.updated_at = now
    if isinstance(obj, MonthlyRealisation):
        obj.status = MonthlyRealisation.Status.DRAFT
        obj.return_reason = ""


@dataclass
class RowInput:
    indicator: Indicator
    physical_pct: Decimal
    activities_done: str
    value_to_date: Decimal | None
    version: int | None  # the version the page was opened on; None for a new row


def _not_in_future(indicator: Indicator, year: int, month: int, today: date) -> None:
    if (year, month) > (today.year, today.month) and not indicator.forecastable:
        raise ValidationError(
            {
                "physical_pct": f"{MONTHS[month]} {year} belum berjalan; realisasi {indicator.code} "
                f"hanya dapat diisi sampai {MONTHS[today.month]} {today.year}."
            }
        )


@transaction.atomic
def realisations_save(
    *, unit: WorkUnit, year: int, month: int, rows: list[RowInput], user, today: date | None = None
) -> tuple[list[MonthlyRealisation], list[Conflict]]:
    """Saves a month's realisations: every changed row or none.

    A row whose stored version differs from the version its page was opened on is a conflict,
    and so is a row that exists now when the page saw none: nothing is written, and the caller
    shows what the other person saved. The unit is held first (perkin.locks.hold_unit), so two
    saves of the same month run one after the other and the second sees the first. Editing a submitted
    or approved month sends it back to draft. The number of queries does not depend on the
    number of rows (bulk writes, with their history).
    """
    today = today or date.today()
    now = timezone.now()
    ensure_months_open(unit.pk, year, [month])
    ids = [r.indicator.pk for r in rows]
    existing = {
        (r.indicator_id, r.month): r
        for r in MonthlyRealisation.objects.select_for_update(of=("self",))
        .select_related("updated_by")
        .filter(indicator_id__in=ids)
    }
    changed, created, conflicts = [], [], []
    errors: dict[str, list] = {}
    for row in rows:
        current = existing.get((row.indicator.pk, month))
        if current is not None and (
            current.physical_pct == row.physical_pct
            and current.activities_done == row.activities_done
            and current.value_to_date == row.value_to_date
        ):
            continue  # nothing to change, whoever saved it
        if current is not None and current.version != row.version:
            # saved by someone else since the page was opened, the first entry of a month
            # (the page saw no row: version None) included
            conflicts.append(Conflict(row.indicator, month, current))
            continue
        others = {
            m: r.physical_pct
            for (i, m), r in existing.items()
            if i == row.indicator.pk and m != month
        }
        try:
            _not_in_future(row.indicator, year, month, today)
            violation = cumulative_violation(row.indicator.code, month, row.physical_pct, others)
            if violation:
                raise ValidationError({"physical_pct": violation.message})
        except ValidationError as exc:
            errors[str(row.indicator.pk)] = exc.messages
            continue
        obj = current or MonthlyRealisation(indicator=row.indicator, month=month, version=0)
        obj.physical_pct = row.physical_pct
        obj.activities_done = row.activities_done
        obj.value_to_date = row.value_to_date
        mark_edited(obj, user=user, now=now)
        (changed if current else created).append(obj)
    if conflicts:
        return [], conflicts
    if errors:
        raise ValidationError(errors)
    if changed:
        bulk_update_with_history(
            changed,
            MonthlyRealisation,
            [
                "physical_pct",
                "activities_done",
                "value_to_date",
                "status",
                "return_reason",
                "version",
                "updated_by",
                "updated_at",
            ],
            default_user=user,
        )
    if created:
        bulk_create_with_history(created, MonthlyRealisation, default_user=user)
    if changed or created:
        facts_bulk_changed.send(sender=MonthlyRealisation, unit_ids=[unit.pk])
    return changed + created, []


def _month_rows(unit: WorkUnit, year: int, month: int, indicators: list[Indicator] | None = None):
    qs = MonthlyRealisation.objects.select_for_update().filter(
        indicator__goal__agreement__unit=unit, indicator__goal__agreement__year=year, month=month
    )
    if indicators is not None:
        qs = qs.filter(indicator__in=indicators)
    return list(qs)


def _set_status(rows, status: str, user, unit: WorkUnit, reason: str = "") -> int:
    now = timezone.now()
    for r in rows:
        r.status = status
        r.return_reason = reason
        r.updated_by = user
        r.updated_at = now
        r.version += 1
    if rows:
        bulk_update_with_history(
            rows,
            MonthlyRealisation,
            ["status", "return_reason", "updated_by", "updated_at", "version"],
            default_user=user,
        )
        facts_bulk_changed.send(sender=MonthlyRealisation, unit_ids=[unit.pk])
    return len(rows)


@transaction.atomic
def month_submit(
    *, unit: WorkUnit, year: int, month: int, user, indicators: list[Indicator]
) -> int:
    """Submits the month's draft or returned rows of the given indicators for approval."""
    _check_month(month)
    ensure_months_open(unit.pk, year, [month])
    rows = [
        r for r in _month_rows(unit, year, month, indicators) if r.status in ("draft", "returned")
    ]
    return _set_status(rows, MonthlyRealisation.Status.SUBMITTED, user, unit)


@transaction.atomic
def month_return(*, unit: WorkUnit, year: int, month: int, user, reason: str) -> int:
    """The head returns the month's submitted rows with a reason the planner will see."""
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan pengembalian wajib diisi.")})
    _check_month(month)
    ensure_months_open(unit.pk, year, [month])
    rows = [r for r in _month_rows(unit, year, month) if r.status in ("submitted", "approved")]
    return _set_status(rows, MonthlyRealisation.Status.RETURNED, user, unit, reason.strip())


@dataclass
class Approval:
    """What approving a month did: rows approved, and for a quarter's last month whether the
    quarter is now locked or which months keep it open."""

    approved: int
    quarter_end: bool
    locked: bool = False
    blockers: list[LockBlocker] = field(default_factory=list)


def _check_month(month: int) -> None:
    if not 1 <= month <= 12:
        raise ValidationError(
            {"month": _("Bulan harus 1 sampai 12; yang diminta %(m)s.") % {"m": month}}
        )


@transaction.atomic
def month_approve(*, unit: WorkUnit, year: int, month: int, user) -> Approval:
    """The head approves the month's submitted rows; approving the last month of a quarter
    also approves the quarter's other submitted months and then locks the quarter, unless a
    month of an indicator is still not entered, in draft or returned (those are listed)."""
    _check_month(month)
    ensure_months_open(unit.pk, year, [month])
    quarter_end = month % 3 == 0
    months = quarter_months(quarter_of(month)) if quarter_end else [month]
    count = 0
    for m in months:
        rows = [r for r in _month_rows(unit, year, m) if r.status == "submitted"]
        count += _set_status(rows, MonthlyRealisation.Status.APPROVED, user, unit)
    if not quarter_end:
        return Approval(count, quarter_end=False)
    blockers = quarter_lock_blockers(unit=unit, year=year, quarter=quarter_of(month))
    if blockers:
        return Approval(count, quarter_end=True, blockers=blockers)
    quarter_lock(unit=unit, year=year, quarter=quarter_of(month), user=user)
    return Approval(count, quarter_end=True, locked=True)


@transaction.atomic
def quarter_lock(*, unit: WorkUnit, year: int, quarter: int, user) -> QuarterLock:
    """Locks the quarter (its reports' facts refuse every change from now on). Refused while a
    month of an indicator of the quarter is not approved."""
    hold_unit(unit.pk)
    blockers = quarter_lock_blockers(unit=unit, year=year, quarter=quarter)
    if blockers:
        raise ValidationError(lock_refusal(year, quarter, blockers))
    lock, _created = QuarterLock.objects.get_or_create(
        unit=unit, year=year, quarter=quarter, defaults={"locked_by": user}
    )
    lock.locked, lock.locked_by, lock.reason = True, user, ""
    lock._history_user = user
    lock.save()
    # the locked quarter's report files are queued once the lock is committed
    transaction.on_commit(
        lambda: quarter_locked.send(sender=QuarterLock, unit_id=unit.pk, year=year, quarter=quarter)
    )
    return lock


def lock_refusal(year: int, quarter: int, blockers: list[LockBlocker], shown: int = 8) -> str:
    """'Triwulan 4 2024 belum dapat dikunci: 2 isian belum disetujui (I.1 Oktober: Draf, ...).'"""
    names = ", ".join(b.message for b in blockers[:shown])
    if len(blockers) > shown:
        names += " " + _("dan %(n)s lainnya") % {"n": len(blockers) - shown}
    return _(
        "Triwulan %(q)s %(y)s belum dapat dikunci: %(n)s isian belum disetujui (%(names)s)."
    ) % {"q": quarter, "y": year, "n": len(blockers), "names": names}


@transaction.atomic
def quarter_unlock(*, unit: WorkUnit, year: int, quarter: int, user, reason: str) -> None:
    """Opens a locked quarter for corrections; the reason and who did it are recorded."""
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan membuka kunci wajib diisi.")})
    hold_unit(unit.pk)
    lock = QuarterLock.objects.filter(unit=unit, year=year, quarter=quarter).first()
    if lock is None or not lock.locked:
        raise ValidationError(_("Triwulan ini tidak terkunci."))
    lock.locked, lock.locked_by, lock.reason = False, user, reason.strip()
    lock._history_user = user
    lock._change_reason = reason.strip()
    lock.save()


@transaction.atomic
def evidence_add(
    *,
    realisation: MonthlyRealisation,
    unit: WorkUnit,
    file=None,
    url: str = "",
    description: str = "",
    user,
) -> Evidence:
    ensure_months_open(unit.pk, realisation.indicator.goal.agreement.year, [realisation.month])
    evidence = Evidence(
        realisation=realisation, file=file or "", url=url, description=description, uploaded_by=user
    )
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def versioned_rows_write(*, unit: WorkUnit, year: int, rows: list[tuple], user) -> int:
    """Writes rows of versioned facts validated elsewhere (the workbook import, the money page):
    each gets its new values, a new version, its editor and its history; a locked month
    refuses the whole write."""
    ensure_months_open(unit.pk, year, {obj.month for obj, _values in rows})
    now = timezone.now()
    for obj, values in rows:
        for name, value in values.items():
            setattr(obj, name, value)
        mark_edited(obj, user=user, now=now)
        obj._history_user = user
        obj.save()
    return len(rows)


@transaction.atomic
def rows_save(*, unit: WorkUnit, saves: list, deletes: list, user, reason: str = "") -> None:
    """Writes rows of the setup tables (any fact model of either app) while holding the unit:
    each save or deletion passes the lock guard and is kept in the row's history with who
    and, when given, why."""
    hold_unit(unit.pk)
    for obj in [*saves, *deletes]:
        obj._history_user = user
        if reason:
            obj._change_reason = reason[:100]
    for obj in deletes:
        obj.delete()
    for obj in saves:
        obj.save()


@transaction.atomic
def organisation_chart_save(
    *, unit: WorkUnit, year: int, content: bytes, filename: str, user
) -> OrganisationChart:
    """Stores (or replaces) the unit's chart for the year; ValidationError names the problem
    (too large, not a PNG or JPEG image) and nothing is saved."""
    hold_unit(unit.pk)
    chart = OrganisationChart.objects.filter(unit=unit, year=year).first()
    chart = chart or OrganisationChart(unit=unit, year=year)
    chart.content, chart.filename, chart.uploaded_by = content, filename[:200], user
    chart.full_clean(exclude=["content_type"])  # set by clean() from the bytes
    chart.save()
    return chart
