"""The annual setup workbook's import: read every sheet, validate every row
without writing, show what would change, then write it all in one transaction.

A row with an ID updates that row of the unit's year; a row without an ID is a new row, so the
file of last year (or a file whose IDs were cleared) can start a year. References are written
by their codes (goal number, full budget code, PNBP code, team name) and may point to rows that
are new in the same file; the sheets are written in dependency order.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from budget.models import BudgetItem, RevenueLine
from perkin import history
from perkin.calendar import ROMAN
from perkin.entry import setup_tables as setup
from perkin.entry.setup_columns import (
    ID,
    INSTRUCTIONS,
    LISTS,
    NATURAL_KEYS,
    UNIT_TABLES,
    YEAR_LABEL,
    CellProblem,
    SetupColumn,
    cell_value,
    columns_for,
    read_cell,
    workbook_tables,
)
from perkin.entry.workbook_import import RowError
from perkin.formatting import NumberParseError, parse_number
from perkin.locks import hold_unit
from perkin.models import Goal, Team, WorkUnit


@dataclass
class SetupRow:
    """One validated row: the table, the existing object (None for a new row), the new values
    (references as codes) and what changes."""

    table: setup.Table
    sheet_row: int
    pk: int | None
    values: dict[str, Any]
    changes: list[history.Change] = field(default_factory=list)

    @property
    def is_new(self) -> bool:
        return self.pk is None

    @property
    def label(self) -> str:
        if self.table.slug == "indikator" and isinstance(self.values.get("goal"), int):
            goal = self.values["goal"]
            roman = ROMAN[goal] if 0 < goal < len(ROMAN) else str(goal)
            return f"{roman}.{self.values['number']}"
        key = NATURAL_KEYS.get(self.table.model)
        shown = self.values.get(key) if key else None
        return str(shown if shown not in (None, "") else next(iter(self.values.values()), ""))


@dataclass
class SetupPlan:
    errors: list[RowError] = field(default_factory=list)
    rows: list[SetupRow] = field(default_factory=list)  # new or changed rows only
    unchanged: int = 0
    file_year: int | None = None

    @property
    def new_count(self) -> int:
        return sum(1 for r in self.rows if r.is_new)

    @property
    def changed_count(self) -> int:
        return sum(1 for r in self.rows if not r.is_new)

    def by_table(self) -> list[tuple[setup.Table, list[SetupRow]]]:
        out: dict[str, tuple[setup.Table, list[SetupRow]]] = {}
        for r in self.rows:
            out.setdefault(r.table.slug, (r.table, []))[1].append(r)
        return list(out.values())


def _file_year(rows: list[tuple[int, list]]) -> int | None:
    for _number, values in rows:
        if len(values) >= 2 and str(values[0]).strip() == YEAR_LABEL:
            try:
                return int(parse_number(values[1]))
            except (NumberParseError, ValueError, TypeError):
                return None
    return None


def _natural(model, obj) -> Any:
    return getattr(obj, NATURAL_KEYS[model]) if model in NATURAL_KEYS else None


class _References:
    """Codes a row may refer to: the stored rows of the unit's year and the file's new rows."""

    def __init__(self, unit: WorkUnit, year: int):
        ctx = setup.Context(unit=unit, year=year)
        agreement = unit.agreements.filter(year=year).order_by("-revision_no").first()
        self.known: dict[type, dict[str, models.Model | None]] = {
            Goal: {str(g.number): g for g in (agreement.goals.all() if agreement else [])},
            BudgetItem: {str(i.full_code): i for i in setup._year_items(ctx)},
            RevenueLine: {str(ln.code): ln for ln in setup._unit_lines(ctx)},
            Team: {str(t.name): t for t in unit.teams.all()},
        }

    def add_new(self, model, key: Any) -> None:
        self.known.setdefault(model, {}).setdefault(str(key), None)

    def has(self, model, key: Any) -> bool:
        return str(key) in self.known.get(model, {})

    def get(self, model, key: Any):
        return self.known.get(model, {}).get(str(key))


def _full_code(values: dict) -> str:
    parent = values.get("parent")
    return f"{parent}.{values['code']}" if parent not in (None, "") else str(values.get("code"))


def plan_setup(
    sheets: dict[str, list[tuple[int, list]]], *, unit: WorkUnit, year: int
) -> SetupPlan:
    """Validates the workbook's rows against the unit's year without writing anything."""
    plan = SetupPlan()
    tables = {t.slug: t for t in workbook_tables()}
    plan.file_year = _file_year(sheets.get(INSTRUCTIONS, []))
    other_year = plan.file_year is not None and plan.file_year != year
    for title in sheets:
        if title not in (INSTRUCTIONS, LISTS) and title not in tables:
            plan.errors.append(
                RowError(title, None, "", _("Lembar '%(t)s' tidak dikenal.") % {"t": title})
            )
    refs = _References(unit, year)
    for slug, table in tables.items():
        rows = sheets.get(slug)
        if not rows:
            continue
        _plan_table(
            table,
            rows,
            plan,
            refs,
            unit=unit,
            year=year,
            ignore_ids=other_year and slug not in UNIT_TABLES,
        )
    if plan.errors:
        plan.rows = []
    return plan


def _plan_table(
    table, rows, plan: SetupPlan, refs: _References, *, unit, year, ignore_ids: bool
) -> None:
    columns = columns_for(table)
    labels = [ID] + [c.header for c in columns]
    header_row, header_values = rows[0]
    header = [str(h).strip() if h is not None else "" for h in header_values]
    while header and not header[-1]:
        header.pop()
    if [h.lower() for h in header] != [h.lower() for h in labels]:
        odd = [h for h in header if h.lower() not in {x.lower() for x in labels}]
        gone = [h for h in labels if h.lower() not in {x.lower() for x in header}]
        plan.errors.append(
            RowError(
                table.slug,
                header_row,
                ", ".join(odd + gone) or "-",
                _("Kolom tidak sesuai dengan lembar unduhan; unduh ulang berkas pengaturan."),
            )
        )
        return
    ctx = setup.Context(unit=unit, year=year)
    existing = {o.pk: o for o in table.queryset(ctx)}
    seen_ids: dict[int, int] = {}
    seen_keys: dict[tuple, int] = {}
    for number, values in rows[1:]:
        cells = list(values) + [None] * (len(labels) - len(values))
        if all(v is None or str(v).strip() == "" for v in cells[: len(labels)]):
            continue
        raw_id = None if ignore_ids else cells[0]
        pk = _row_id(raw_id)
        if raw_id not in (None, "") and (pk is None or pk not in existing):
            plan.errors.append(
                RowError(
                    table.slug,
                    number,
                    ID,
                    _(
                        "ID %(id)s bukan milik %(unit)s tahun %(year)s. Kosongkan ID untuk "
                        "menambah baris baru, atau unduh ulang berkas pengaturan tahun ini."
                    )
                    % {"id": raw_id, "unit": unit.display_name, "year": year},
                )
            )
            continue
        if pk is not None and pk in seen_ids:
            plan.errors.append(
                RowError(
                    table.slug,
                    number,
                    ID,
                    _("ID %(id)s sudah ada di baris %(r)s.") % {"id": pk, "r": seen_ids[pk]},
                )
            )
            continue
        if pk is not None:
            seen_ids[pk] = number
        parsed, bad = {}, False
        for column, raw in zip(columns, cells[1:], strict=False):
            try:
                parsed[column.name] = read_cell(column, raw)
            except CellProblem as exc:
                plan.errors.append(
                    RowError(table.slug, number, column.header, f"{column.header} {exc}")
                )
                bad = True
        if bad:
            continue
        key = _row_key(table, parsed)
        if key in seen_keys:
            plan.errors.append(
                RowError(
                    table.slug,
                    number,
                    columns[0].header,
                    _("Baris ganda: %(key)s sudah ada di baris %(r)s.")
                    % {"key": " / ".join(str(k) for k in key), "r": seen_keys[key]},
                )
            )
            continue
        seen_keys[key] = number
        if not _check_row(table, columns, parsed, existing.get(pk), refs, plan, number):
            continue
        instance = existing.get(pk)
        old = (
            {
                c.name: cell_value(c, instance)
                if c.kind in ("ref", "choice")
                else getattr(instance, c.name)
                for c in columns
            }
            if instance
            else {}
        )
        shown_new = {c.name: _shown(c, parsed[c.name]) for c in columns}
        shown_old = {
            c.name: _shown(c, old.get(c.name)) if c.kind == "choice" else old.get(c.name)
            for c in columns
        }
        diff = history.changes(
            None,
            shown_old,
            shown_new,
            labels={c.name: c.header for c in columns},
            fields=[c.name for c in columns],
        )
        if instance is not None and not diff:
            plan.unchanged += 1
            continue
        model_key = NATURAL_KEYS.get(table.model)
        if instance is None and model_key:
            refs.add_new(
                table.model,
                _full_code(parsed) if table.model is BudgetItem else parsed[model_key],
            )
        plan.rows.append(SetupRow(table, number, pk, parsed, diff))


def _shown(column: SetupColumn, value: Any) -> Any:
    if column.kind == "choice" and value not in (None, ""):
        return dict(column.choices).get(str(value), value)
    return value


def _row_id(raw: Any) -> int | None:
    if raw in (None, ""):
        return None
    try:
        value = parse_number(raw)
    except NumberParseError:
        return None
    return int(value) if value == value.to_integral_value() else None


def _row_key(table: setup.Table, parsed: dict) -> tuple:
    """The row's natural key within the file (what must not appear twice)."""
    model = table.model
    if model is BudgetItem:
        return (parsed.get("parent"), parsed.get("code"))
    if table.slug == "indikator":
        return (parsed.get("goal"), parsed.get("number"))
    if table.slug == "target-pnbp":
        return (parsed.get("line"),)
    name = NATURAL_KEYS.get(model) or ("number" if "number" in parsed else table.fields[0])
    return (parsed.get(name),)


def _check_row(table, columns, parsed, instance, refs: _References, plan, number) -> bool:
    """Resolves references and runs the model's own validation on an unsaved copy."""
    ok = True
    exclude = []
    candidate = table.model() if instance is None else copy.copy(instance)
    for column in columns:
        value = parsed[column.name]
        if column.kind == "ref":
            exclude.append(column.name)
            target = column.field.related_model
            if value in (None, ""):
                if not column.field.null:
                    plan.errors.append(
                        RowError(
                            table.slug,
                            number,
                            column.header,
                            _("%(c)s wajib diisi.") % {"c": column.header},
                        )
                    )
                    ok = False
                continue
            if not refs.has(target, value):
                plan.errors.append(
                    RowError(
                        table.slug,
                        number,
                        column.header,
                        _(
                            "%(c)s '%(v)s' tidak dikenal (tidak ada di data tersimpan maupun di berkas)."
                        )
                        % {"c": column.header, "v": value},
                    )
                )
                ok = False
                continue
            stored = refs.get(target, value)
            if stored is not None:
                setattr(candidate, column.name, stored)
                exclude.remove(column.name)
        else:
            setattr(candidate, column.name, value)
    if not ok:
        return False
    # the row's owner (agreement, DIPA, unit) may not exist yet for a new year
    exclude += [f.name for f in table.model._meta.concrete_fields if f.name not in table.fields]
    try:
        candidate.full_clean(exclude=exclude, validate_unique=False, validate_constraints=True)
    except ValidationError as exc:
        labels = {c.name: c.header for c in columns}
        for name, messages in exc.message_dict.items():
            label = labels.get(name, "-")
            for message in messages:
                plan.errors.append(RowError(table.slug, number, label, message))
        return False
    return True


# --- writing -----------------------------------------------------------------------------------


class SetupWriteError(Exception):
    def __init__(self, error: RowError):
        super().__init__(error.message)
        self.error = error


@transaction.atomic
def apply_setup_rows(*, unit: WorkUnit, year: int, rows: list[SetupRow]) -> tuple[int, int]:
    """Writes validated rows (new and changed) in one transaction, tables in dependency order,
    new rows' references resolved to rows created before them; returns (created, changed).
    Raises SetupWriteError naming the sheet, row and column when the database refuses a row
    (nothing is then written)."""
    hold_unit(unit.pk)  # the unit's writes run one after the other (perkin.locks)
    ctx = setup.Context(unit=unit, year=year)
    refs = _References(unit, year)
    created = changed = 0
    order = {t.slug: i for i, t in enumerate(workbook_tables())}
    for row in sorted(rows, key=lambda r: (order[r.table.slug], r.sheet_row)):
        table = row.table
        obj = table.model() if row.pk is None else table.model.objects.get(pk=row.pk)
        for column in columns_for(table):
            value = row.values[column.name]
            if column.kind == "ref":
                value = (
                    refs.get(column.field.related_model, value) if value not in (None, "") else None
                )
            setattr(obj, column.name, value)
        if row.pk is None:
            for key, value in table.attach(ctx).items():
                setattr(obj, key, value)
        try:
            with transaction.atomic():
                obj.full_clean()
                obj.save()
        except (ValidationError, IntegrityError) as exc:
            message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            raise SetupWriteError(RowError(table.slug, row.sheet_row, "-", message)) from exc
        key = _natural(table.model, obj)
        if key is not None:
            refs.known.setdefault(table.model, {})[str(key)] = obj
        created += row.pk is None
        changed += row.pk is not None
    return created, changed
