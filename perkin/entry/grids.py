"""One grid per yearly set of numbers: every indicator's and PNBP line's target of a year on
one page, and every output's allocation of a DIPA revision on one page with its running total
against the stated pagu. Reading the rows (with last year's or the previous revision's values
beside them), reading the typed numbers, and writing them all or nothing."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from budget.models import Allocation, BudgetItem, BudgetRevision, RevenueLine, RevenueTarget
from perkin import formatting, services
from perkin.entry.state import fingerprint
from perkin.formatting import number, smart
from perkin.locks import (
    LockedPeriodError,
    Period,
    blocking_locks,
    hold_unit,
    period_refusal,
    refusal_for,
)
from perkin.models import Indicator, WorkUnit
from perkin.rules import allocations_problem


# Indonesian numbers as typed (the workbook reads them the same way): '1.234,5', '20.535.869.000',
def parse_number(text: str) -> Decimal | None:
    """The number typed the Indonesian way (perkin.formatting), None when blank."""
    text = (text or "").strip()
    return formatting.parse_number(text) if text else None


class ChangedSinceOpened(ValidationError):
    """The rows changed since the page was opened: nothing is saved."""


CHANGED_SINCE = _(
    "Tidak ada yang disimpan: data ini telah diubah orang lain sejak halaman dibuka. Muat ulang "
    "halaman, lalu isi kembali perubahan Anda."
)


# --- targets --------------------------------------------------------------------------------


@dataclass
class TargetRow:
    key: str  # form field name: 'ind-<pk>' or 'pnbp-<pk>'
    code: str
    name: str
    unit: str
    previous: Decimal | None
    current: Decimal | None
    obj: Indicator | RevenueLine
    typed: str | None = None
    error: str = ""


def _latest_indicators(unit: WorkUnit, year: int) -> list[Indicator]:
    rows = list(
        Indicator.objects.filter(goal__agreement__unit=unit, goal__agreement__year=year)
        .select_related("goal__agreement")
        .order_by("-goal__agreement__revision_no", "goal__number", "number")
    )
    latest = rows[0].goal.agreement.revision_no if rows else 0
    return [i for i in rows if i.goal.agreement.revision_no == latest]


def target_rows(unit: WorkUnit, year: int) -> tuple[list[TargetRow], list[TargetRow]]:
    """The year's indicators and PNBP lines with this year's and last year's targets (four
    queries)."""
    previous = {i.code: i.target for i in _latest_indicators(unit, year - 1)}
    indicators = [
        TargetRow(f"ind-{i.pk}", i.code, i.name, i.unit, previous.get(i.code), i.target, i)
        for i in _latest_indicators(unit, year)
    ]
    amounts: dict[tuple[int, int], Decimal] = {
        (t.line_id, t.year): t.amount
        for t in RevenueTarget.objects.filter(line__unit=unit, year__in=[year - 1, year])
    }
    lines = [
        TargetRow(
            f"pnbp-{ln.pk}",
            ln.code,
            ln.name,
            "Rp",
            amounts.get((ln.pk, year - 1)),
            amounts.get((ln.pk, year)),
            ln,
        )
        for ln in RevenueLine.objects.filter(unit=unit, is_refund_line=False).order_by("order")
    ]
    return indicators, lines


def read_targets(rows: list[TargetRow], data) -> bool:
    """Reads the typed targets into the rows; False when any is wrong (its error is set)."""
    ok = True
    for row in rows:
        row.typed = data.get(row.key, "")
        try:
            value = parse_number(row.typed)
        except ValueError:
            row.error = _("%(code)s: target harus berupa angka, mis. 3,6 atau 1.250.000.") % {
                "code": row.code
            }
            ok = False
            continue
        if isinstance(row.obj, Indicator):
            if value is None or value <= 0:
                row.error = _("%(code)s: target wajib diisi dan harus lebih dari 0.") % {
                    "code": row.code
                }
            elif value != value.quantize(Decimal("0.0001")) or value >= Decimal("1e12"):
                row.error = _(
                    "%(code)s: target paling banyak 4 angka desimal dan kurang dari 1 triliun; "
                    "yang diisi %(value)s."
                ) % {"code": row.code, "value": row.typed}
        elif value is not None and (value < 0 or value != value.to_integral_value()):
            row.error = _(
                "%(code)s: target PNBP harus rupiah bulat, tidak negatif; yang diisi %(value)s."
            ) % {"code": row.code, "value": row.typed}
        elif value is not None and value >= Decimal("1e18"):
            row.error = _("%(code)s: target PNBP terlalu besar.") % {"code": row.code}
        ok = ok and not row.error
        row.current = value
    return ok


def targets_refusal(unit: WorkUnit, year: int) -> str:
    """Why the year's targets cannot change ('' when they can): every quarter's report prints
    them, so any locked quarter of the year keeps them (perkin.locks)."""
    locks = blocking_locks(Period(unit.pk, year))
    return period_refusal(locks) if locks else ""


def targets_state(unit: WorkUnit, year: int) -> str:
    """The targets as the page saw them (perkin.entry.state)."""
    return fingerprint(
        Indicator.objects.filter(goal__agreement__unit=unit, goal__agreement__year=year),
        RevenueTarget.objects.filter(line__unit=unit, year=year),
    )


def targets_save(
    *,
    unit: WorkUnit,
    year: int,
    indicators: list[TargetRow],
    lines: list[TargetRow],
    user,
    state: str,
) -> int:
    """Writes the changed targets (rows read by read_targets) through the write service,
    while no other write of the unit runs; refused when a quarter of the year is locked or the
    targets changed since the page was opened. Returns the number of rows changed."""
    with transaction.atomic():
        hold_unit(unit.pk)
        refusal = targets_refusal(unit, year)
        if refusal:
            raise LockedPeriodError(refusal)
        if state != targets_state(unit, year):
            raise ChangedSinceOpened(CHANGED_SINCE)
        saves, deletes = [], []
        for row in indicators:
            ind = row.obj
            if row.current is not None and ind.target != row.current:
                ind.target = row.current
                saves.append(ind)
        existing = {t.line_id: t for t in RevenueTarget.objects.filter(line__unit=unit, year=year)}
        for row in lines:
            target = existing.get(row.obj.pk)
            if row.current is None:
                if target is not None:
                    deletes.append(target)
            elif target is None:
                saves.append(RevenueTarget(line=row.obj, year=year, amount=row.current))
            elif target.amount != row.current:
                target.amount = row.current
                saves.append(target)
        services.rows_save(unit=unit, saves=saves, deletes=deletes, user=user)
    return len(saves) + len(deletes)


# --- DIPA allocations ------------------------------------------------------------------------


@dataclass
class AllocationRow:
    item: BudgetItem
    depth: int
    editable: bool  # KRO and RO rows carry allocations; programme and activity rows sum them
    previous: Decimal | None
    current: Decimal | None
    typed: str | None = None
    error: str = ""

    @property
    def key(self) -> str:
        return f"a-{self.item.pk}"


LEVEL_DEPTH = {"programme": 0, "activity": 1, "kro": 2, "ro": 3}


def revisions_of(unit: WorkUnit, year: int) -> list[BudgetRevision]:
    return list(
        BudgetRevision.objects.filter(budget__unit=unit, budget__year=year).order_by("number")
    )


def allocation_rows(revision: BudgetRevision) -> list[AllocationRow]:
    """Every item of the revision's budget in tree order with its allocation in this revision
    and in the one before (for the initial DIPA: last year's final allocation of the item with
    the same code). Four queries."""
    budget = revision.budget
    items = list(budget.items.select_related("parent"))
    children: dict[int | None, list[BudgetItem]] = {}
    for item in sorted(items, key=lambda i: (i.order, i.full_code)):
        children.setdefault(item.parent_id, []).append(item)
    current = {a.item_id: a.amount for a in revision.allocations.all()}
    before = (
        BudgetRevision.objects.filter(budget=budget, number__lt=revision.number)
        .order_by("-number")
        .first()
    )
    if before is not None:
        previous = {a.item_id: a.amount for a in before.allocations.all()}
    else:
        last_final = (
            BudgetRevision.objects.filter(budget__unit=budget.unit, budget__year=budget.year - 1)
            .order_by("-number")
            .first()
        )
        by_code = (
            {a.item.full_code: a.amount for a in last_final.allocations.select_related("item")}
            if last_final
            else {}
        )
        previous = {i.pk: by_code[i.full_code] for i in items if i.full_code in by_code}
    rows: list[AllocationRow] = []

    def walk(parent_id: int | None) -> None:
        for item in children.get(parent_id, []):
            rows.append(
                AllocationRow(
                    item,
                    LEVEL_DEPTH[item.level],
                    item.level in (BudgetItem.Level.KRO, BudgetItem.Level.RO),
                    previous.get(item.pk),
                    current.get(item.pk),
                )
            )
            walk(item.pk)

    walk(None)
    return rows


def read_allocations(rows: list[AllocationRow], data) -> bool:
    ok = True
    for row in rows:
        if not row.editable:
            continue
        row.typed = data.get(row.key, "")
        try:
            value = parse_number(row.typed)
        except ValueError:
            value, row.error = None, _("%(code)s: pagu harus berupa angka rupiah, mis. 65.345.000.")
        else:
            if value is not None and (value < 0 or value != value.to_integral_value()):
                row.error = _(
                    "%(code)s: pagu harus rupiah bulat, tidak negatif; yang diisi %(value)s."
                )
            elif value is not None and value >= Decimal("1e18"):
                row.error = _("%(code)s: pagu terlalu besar.")
        if row.error:
            row.error = row.error % {"code": row.item.short_code, "value": row.typed}
            ok = False
        else:
            row.current = value
    return ok


def allocation_total(rows: list[AllocationRow]) -> Decimal:
    return sum((r.current or Decimal(0) for r in rows if r.editable), Decimal(0))


def subtotals(rows: list[AllocationRow]) -> dict[int, Decimal]:
    """Each item's own allocation plus its descendants' (the pagu the report prints for it)."""
    total: dict[int, Decimal] = {}
    parent = {r.item.pk: r.item.parent_id for r in rows}
    for r in rows:
        amount = r.current or Decimal(0)
        pk: int | None = r.item.pk
        while pk is not None:
            total[pk] = total.get(pk, Decimal(0)) + amount
            pk = parent.get(pk)
    return total


def allocation_refusal(revision: BudgetRevision, day: date | None = None) -> str:
    """Why the revision (dated ``day``, else its own date) cannot change ('' when it can): a
    locked report shows it (perkin.locks)."""
    dated = copy.copy(revision)
    dated.date = day or revision.date
    return refusal_for(dated) or ""


def allocations_state(revision: BudgetRevision) -> str:
    """The revision and its allocations as the page saw them (perkin.entry.state)."""
    return fingerprint(BudgetRevision.objects.filter(pk=revision.pk), revision.allocations.all())


def allocations_save(
    *,
    revision: BudgetRevision,
    rows: list[AllocationRow],
    stated_pagu: Decimal | None,
    day: date,
    user,
    state: str,
) -> int:
    """Writes the revision's stated pagu, date and every allocation (a blank amount removes
    the item's allocation) through the write service: all or nothing, refused while the sum
    differs from the stated pagu, the revision lies in a locked quarter or the allocations
    changed since the page was opened. Returns the number of rows changed."""
    with transaction.atomic():
        hold_unit(revision.budget.unit_id)
        for when in {revision.date, day}:
            refusal = allocation_refusal(revision, when)
            if refusal:
                raise LockedPeriodError(refusal)
        if state != allocations_state(revision):
            raise ChangedSinceOpened(CHANGED_SINCE)
        problem = allocations_problem(str(revision), allocation_total(rows), stated_pagu)
        if problem:
            raise ValidationError(problem)
        saves, deletes = [], []
        if revision.stated_pagu != stated_pagu or revision.date != day:
            revision.stated_pagu, revision.date = stated_pagu, day
            saves.append(revision)
        existing = {a.item_id: a for a in revision.allocations.all()}
        for row in rows:
            if not row.editable:
                continue
            allocation = existing.get(row.item.pk)
            if row.current is None:
                if allocation is not None:
                    deletes.append(allocation)
            elif allocation is None:
                saves.append(Allocation(revision=revision, item=row.item, amount=row.current))
            elif allocation.amount != row.current:
                allocation.amount = row.current
                saves.append(allocation)
        services.rows_save(unit=revision.budget.unit, saves=saves, deletes=deletes, user=user)
    return len(saves) + len(deletes)


def show_value(value: Decimal | None, money: bool) -> str:
    """A value as the grid's inputs show it: '20.535.869.000', '3,6'."""
    if value is None:
        return ""
    return number(value, 0) if money else smart(value)
