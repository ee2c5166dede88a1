"""The annual setup workbook's columns: which model field each column holds, how a cell
shows it (a reference by its code, a choice by its label, Ya/Tidak) and how a cell is read back
(numbers the Indonesian way, within the database's range)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from budget.models import BudgetItem, RevenueLine
from perkin import history
from perkin.entry import setup_tables as setup
from perkin.entry.kinds import NO, YES, field_range
from perkin.formatting import NumberParseError, parse_number, smart
from perkin.models import Goal, Team

INSTRUCTIONS = "Petunjuk"
LISTS = "Daftar"
YEAR_LABEL = "Tahun anggaran"
ID = "ID"
NATURAL_KEYS = {Goal: "number", BudgetItem: "full_code", RevenueLine: "code", Team: "name"}
# Tables whose rows belong to one year; the others (PNBP and service kinds) to the unit.
UNIT_TABLES = {"jenis-pnbp", "jenis-layanan"}
TRUE_WORDS = {"ya", "y", "true", "benar", "1"}
FALSE_WORDS = {"tidak", "t", "false", "salah", "0"}


@dataclass(frozen=True)
class SetupColumn:
    name: str
    header: str
    field: models.Field
    kind: str  # text | int | decimal | date | bool | choice | ref

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(str(k), str(v)) for k, v in self.field.flatchoices if k != ""]


def workbook_tables() -> list[setup.Table]:
    return [t for t in setup.TABLES if t.in_annual_workbook]


def columns_for(table: setup.Table) -> list[SetupColumn]:
    out = []
    for name in table.fields:
        f = table.model._meta.get_field(name)
        if isinstance(f, models.ForeignKey):
            kind = "ref"
        elif f.choices:
            kind = "choice"
        elif isinstance(f, models.BooleanField):
            kind = "bool"
        elif isinstance(f, models.DecimalField):
            kind = "decimal"
        elif isinstance(f, models.IntegerField):
            kind = "int"
        elif isinstance(f, models.DateField):
            kind = "date"
        else:
            kind = "text"
        out.append(SetupColumn(name, history.label_of(table.model, name), f, kind))
    return out


def cell_value(column: SetupColumn, obj: models.Model) -> Any:
    """What the workbook shows for a field: a reference by its code, a choice by its label,
    Ya/Tidak, numbers and dates as such."""
    value = getattr(obj, column.name)
    if value is None:
        return None
    if column.kind == "ref":
        return getattr(value, NATURAL_KEYS[type(value)])
    if column.kind == "choice":
        return dict(column.choices).get(str(value), value) if value != "" else None
    if column.kind == "bool":
        return YES if value else NO
    return value


# --- reading -----------------------------------------------------------------------------------


class CellProblem(ValueError):
    pass


def read_cell(column: SetupColumn, raw: Any) -> Any:
    """A cell as the field's Python value (references stay codes), or CellProblem."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None if column.field.null or column.kind in ("ref", "date") else ""
    if column.kind == "bool":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in TRUE_WORDS | FALSE_WORDS:
            return text in TRUE_WORDS
        raise CellProblem(_("isi 'Ya' atau 'Tidak'; yang diisi '%(raw)s'.") % {"raw": raw})
    if column.kind == "choice":
        text = str(raw).strip().lower()
        for code, label in column.choices:
            if text in (code.lower(), label.lower()):
                return code
        raise CellProblem(
            _("pilih salah satu dari: %(c)s; yang diisi '%(raw)s'.")
            % {"c": ", ".join(label for _code, label in column.choices), "raw": raw}
        )
    if column.kind == "date":
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        for fmt in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
            try:
                return datetime.strptime(str(raw).strip(), fmt).date()
            except ValueError:
                continue
        raise CellProblem(_("isi tanggal (dd-mm-yyyy); yang diisi '%(raw)s'.") % {"raw": raw})
    if column.kind in ("int", "decimal"):
        try:
            value = parse_number(raw)
        except NumberParseError:
            raise CellProblem(
                _("harus berupa angka; yang diisi '%(raw)s'.") % {"raw": raw}
            ) from None
        if column.kind == "int" and value != value.to_integral_value():
            raise CellProblem(_("harus bilangan bulat; yang diisi '%(raw)s'.") % {"raw": raw})
        low, high = field_range(column.field)
        if (low is not None and value < low) or (high is not None and value > high):
            raise CellProblem(
                _("harus antara %(low)s dan %(high)s; yang diisi %(v)s.")
                % {"low": smart(low), "high": smart(high), "v": smart(value)}
            )
        return int(value) if column.kind == "int" else value
    if column.kind == "ref":
        value = raw if isinstance(raw, (int, Decimal)) else str(raw).strip()
        return int(value) if isinstance(value, Decimal) and value == int(value) else value
    return str(raw).strip()
