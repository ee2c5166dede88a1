"""Importing the month (or year) workbook, and the checks shared with the money page.

Import is all or nothing: the file is checked (type, size, sheets, columns), every row is
read and validated against the same rules as the entry pages, and only when no row has an
error are the changes shown for confirmation and then written in one transaction, each with
its history. Rows of a locked month, unknown keys, duplicates and stale versions are errors.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from budget.models import OutputRealisation, RevenueReceipt, ServiceOutput
from budget.services import money_rows_write, receipt_problem
from perkin import access, history
from perkin.access import Action
from perkin.calendar import MONTHS
from perkin.entry.kinds import (
    MONTH_KINDS,
    OUTPUT,
    REALISATION,
    RECEIPT,
    CellError,
    Kind,
    Scope,
    load_scope,
)
from perkin.entry.workbook_files import XLSX_TYPE, check_file, read_workbook
from perkin.locks import hold_unit, month_locks, month_refusal
from perkin.models import MonthlyRealisation, WorkUnit
from perkin.rules import cumulative_violation
from perkin.services import versioned_rows_write

__all__ = ["XLSX_TYPE", "check_file", "parse_import", "apply_import", "write_rows"]
INSTRUCTIONS = "Petunjuk"
MAX_ERRORS_SHOWN = 100  # a file with thousands of bad rows gets a short page, not megabytes


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int | None
    column: str
    message: str


@dataclass
class Write:
    """One row to write: the object (new or existing) and its new values."""

    kind: Kind
    sheet_row: int
    label: str
    obj: Any
    values: dict[str, Any]
    old: dict[str, Any]

    @property
    def is_new(self) -> bool:
        return not self.obj.pk

    @property
    def changes(self) -> list[history.Change]:
        """What the row changes, in the sheet's column headers and Indonesian numbers."""
        labels = {c.name: c.header for c in self.kind.columns}
        return history.changes(self.kind.model, self.old, self.values, labels=labels)


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)
    rows_read: int = 0
    errors_not_shown: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def shorten(self) -> None:
        """Keeps the first errors; counts the rest."""
        if len(self.errors) > MAX_ERRORS_SHOWN:
            self.errors_not_shown += len(self.errors) - MAX_ERRORS_SHOWN
            self.errors = self.errors[:MAX_ERRORS_SHOWN]


def kinds_for(user, unit: WorkUnit) -> list[Kind]:
    """Planners get every sheet; a PIC only the realisations of their team."""
    if access.can(user, Action.ENTER_MONEY, unit):
        return list(MONTH_KINDS)
    return [k for k in MONTH_KINDS if not k.planner_only]


# --- import --------------------------------------------------------------------------------


def parse_import(
    content: bytes, *, unit: WorkUnit, year: int, user, name: str = "berkas.xlsx"
) -> ImportResult:
    """Reads and validates a workbook (.xlsx or .ods); nothing is written."""
    result = ImportResult()
    sheets = read_workbook(content, name)
    if isinstance(sheets, str):
        result.errors.append(RowError("", None, "", sheets))
        return result
    allowed = {k.sheet: k for k in kinds_for(user, unit)}
    known = {k.sheet for k in MONTH_KINDS}
    tables: dict[Kind, list[tuple[int, dict[str, Any]]]] = {}
    for title, rows in sheets.items():
        if title == INSTRUCTIONS:
            continue
        if title not in allowed:
            why = (
                _("hanya perencana yang dapat mengimpor lembar ini")
                if title in known
                else _("lembar tidak dikenal")
            )
            result.errors.append(
                RowError(
                    title,
                    None,
                    "",
                    _("Lembar '%(t)s' ditolak: %(why)s.") % {"t": title, "why": why},
                )
            )
            continue
        kind = allowed[title]
        if not rows:
            continue
        header_row, header_values = rows[0]
        header = [str(h).strip() if h is not None else "" for h in header_values]
        while header and not header[-1]:
            header.pop()
        unknown = [h for h in header if h not in kind.headers]
        missing = [h for h in kind.headers if h not in header]
        for h in unknown:
            result.errors.append(
                RowError(title, header_row, h or "(kosong)", _("Kolom tidak dikenal."))
            )
        for h in missing:
            result.errors.append(RowError(title, header_row, h, _("Kolom wajib tidak ada.")))
        if unknown or missing:
            continue
        data = []
        for number, values in rows[1:]:
            cells = dict(zip(header, values, strict=False))
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
                continue
            data.append((number, cells))
        tables[kind] = data
    if result.errors:
        result.shorten()
        return result
    scope = load_scope(unit, year)
    for kind, data in tables.items():
        validate_rows(kind, data, scope=scope, user=user, result=result)
    if result.errors:
        result.writes = []
        result.shorten()
    return result


def validate_rows(
    kind: Kind, data: list[tuple[int, dict[str, Any]]], *, scope: Scope, user, result: ImportResult
) -> None:
    """Checks one kind's rows (from a sheet or a page) and collects what would change."""
    locked = month_locks(scope.unit.pk, scope.year, range(1, 13))
    seen: dict[tuple, int] = {}
    cumulative: dict[int, dict[int, tuple[Decimal, int]]] = defaultdict(dict)
    for number, cells in data:
        result.rows_read += 1
        parsed: dict[str, Any] = {}
        bad = False
        for col in kind.columns:
            if col.role == "info":
                continue
            try:
                parsed[col.name] = col.read(
                    cells.get(col.header), enforce_required=col.role == "key"
                )
            except CellError as exc:
                result.errors.append(RowError(kind.sheet, number, col.header, str(exc)))
                bad = True
        if bad:
            continue
        key = tuple(parsed[k] for k in kind.key_names)
        if key in seen:
            result.errors.append(
                RowError(
                    kind.sheet,
                    number,
                    kind.columns[0].header,
                    f"Baris ganda: {key[0]} bulan {key[1]} sudah ada di baris {seen[key]}.",
                )
            )
            continue
        seen[key] = number
        month = parsed["month"]
        resolved = _resolve(kind, parsed, scope, user, number, result)
        if resolved is None:
            continue
        obj, label, values = resolved
        if not obj.pk and all(v in (None, "") for v in values.values() if not isinstance(v, bool)):
            continue  # an empty row for a month not entered yet
        old = {name: getattr(obj, name) if obj.pk else None for name in values}
        if obj.pk and all(history.same(old[n], values[n]) for n in values):
            continue  # unchanged (also in a locked month)
        if month in locked:
            result.errors.append(
                RowError(
                    kind.sheet,
                    number,
                    "Bulan",
                    month_refusal(scope.year, [month], locked[month]),
                )
            )
            continue
        # a stored total that covers earlier months (the demo's year-to-date spending) is
        # shown by their reports too: refused here, not by the lock guard at save (a 500)
        start = getattr(obj, "period_start_month", None) or month
        covered = [m for m in range(start, month) if m in locked]
        if covered:
            result.errors.append(
                RowError(
                    kind.sheet,
                    number,
                    "Bulan",
                    _("%(label)s mencakup %(start)s sampai %(end)s. %(refusal)s")
                    % {
                        "label": label,
                        "start": MONTHS[start],
                        "end": MONTHS[month],
                        "refusal": month_refusal(scope.year, covered[:1], locked[covered[0]]),
                    },
                )
            )
            continue
        current_version = obj.version if obj.pk else None
        # a row the file (or page) saw as new must still be new: a blank version is "none yet"
        if parsed.get("version") != current_version and not (
            current_version is None and parsed.get("version") == 0
        ):
            who = (
                obj.updated_by.get_username()
                if getattr(obj, "updated_by", None)
                else "pengguna lain"
            )
            result.errors.append(
                RowError(
                    kind.sheet,
                    number,
                    "Versi",
                    f"{label} telah diubah oleh {who} sejak lembar diunduh "
                    f"(versi {parsed['version'] or '-'}, sekarang {current_version or '-'}); "
                    f"unduh ulang.",
                )
            )
            continue
        missing = [
            c.header for c in kind.value_columns if c.required and values.get(c.name) in (None, "")
        ]
        if missing:
            result.errors.append(
                RowError(kind.sheet, number, missing[0], f"{missing[0]} wajib diisi.")
            )
            continue
        if kind is RECEIPT:
            problem = receipt_problem(values["amount"], obj.line, list(scope.lines.values()))
            if problem:
                result.errors.append(RowError(kind.sheet, number, "Jumlah (Rp)", problem))
                continue
        if kind is REALISATION:
            cumulative[obj.indicator_id][month] = (values["physical_pct"], number)
        result.writes.append(Write(kind, number, label, obj, values, old))
    if kind is REALISATION:
        _check_cumulative(scope, cumulative, result)


def _resolve(kind, parsed, scope: Scope, user, number, result):
    month = parsed["month"]
    if kind is REALISATION:
        ind = scope.indicators.get(str(parsed["indicator"]))
        if ind is None:
            result.errors.append(
                RowError(
                    kind.sheet,
                    number,
                    "Kode indikator",
                    f"Kode indikator '{parsed['indicator']}' tidak dikenal untuk {scope.year}.",
                )
            )
            return None
        if not access.can_edit_indicator(user, ind, scope.unit):
            result.errors.append(
                RowError(
                    kind.sheet,
                    number,
                    "Kode indikator",
                    f"Indikator {ind.code} bukan tanggung jawab tim Anda.",
                )
            )
            return None
        obj = scope.realisations.get((ind.pk, month)) or MonthlyRealisation(
            indicator=ind, month=month, version=0
        )
        values = {k: parsed[k] for k in ("physical_pct", "activities_done", "value_to_date")}
        return obj, f"{ind.code} {MONTHS[month]}", values
    if kind is OUTPUT:
        item = scope.outputs.get(str(parsed["item"]))
        if item is None:
            result.errors.append(
                RowError(
                    kind.sheet,
                    number,
                    "Kode output",
                    f"Kode output '{parsed['item']}' tidak ada di DIPA {scope.year}.",
                )
            )
            return None
        obj = scope.output_rows.get((item.pk, month)) or OutputRealisation(
            item=item, month=month, period_start_month=month, version=0
        )
        return (
            obj,
            f"{parsed['item']} {MONTHS[month]}",
            {"spent": parsed["spent"], "physical_pct": parsed["physical_pct"]},
        )
    if kind is RECEIPT:
        line = scope.lines.get(str(parsed["line"]))
        if line is None:
            result.errors.append(
                RowError(
                    kind.sheet,
                    number,
                    "Kode jenis",
                    f"Kode jenis PNBP '{parsed['line']}' tidak dikenal.",
                )
            )
            return None
        obj = scope.receipts.get((line.pk, month)) or RevenueReceipt(
            line=line, year=scope.year, month=month, period_start_month=month, version=0
        )
        # the mark follows the line: a refund is its own row on the refund line
        return (
            obj,
            f"{line.name} {MONTHS[month]}",
            {"amount": parsed["amount"], "is_refund": line.is_refund_line},
        )
    kind_obj = scope.service_kinds.get(str(parsed["kind"]))
    if kind_obj is None:
        result.errors.append(
            RowError(
                kind.sheet,
                number,
                "Kode layanan",
                f"Kode layanan '{parsed['kind']}' tidak dikenal.",
            )
        )
        return None
    obj = scope.services.get((kind_obj.pk, month)) or ServiceOutput(
        kind=kind_obj, year=scope.year, month=month, period_start_month=month, version=0
    )
    return obj, f"{kind_obj.name} {MONTHS[month]}", {"count": parsed["count"]}


def _check_cumulative(
    scope: Scope, imported: dict[int, dict[int, tuple]], result: ImportResult
) -> None:
    """Physical % must not decrease across months, counting stored and imported values."""
    for indicator_id, months in imported.items():
        values = {
            m: r.physical_pct for (i, m), r in scope.realisations.items() if i == indicator_id
        }
        values.update({m: v for m, (v, _) in months.items()})
        code = next(i.code for i in scope.indicators.values() if i.pk == indicator_id)
        for m, (value, sheet_row) in sorted(months.items()):
            others = {k: v for k, v in values.items() if k != m}
            violation = cumulative_violation(code, m, value, others)
            if violation and violation.below:
                result.errors.append(
                    RowError(REALISATION.sheet, sheet_row, "Realisasi fisik (%)", violation.message)
                )


@transaction.atomic
def apply_import(
    content: bytes, *, unit: WorkUnit, year: int, user, name: str = "berkas.xlsx"
) -> ImportResult:
    """Validates again (data may have changed since the preview) and writes every change, or
    nothing when any row fails."""
    hold_unit(unit.pk)  # a second import of the same rows waits, then sees the first's versions
    result = parse_import(content, unit=unit, year=year, user=user, name=name)
    if result.ok:
        write_rows(result.writes, unit=unit, year=year, user=user)
    return result


@transaction.atomic
def write_rows(writes: list[Write], *, unit: WorkUnit, year: int, user) -> int:
    """Writes validated rows through their owning app's service, each with a new version and
    its history (who, when, old, new)."""
    realisations = [(w.obj, w.values) for w in writes if isinstance(w.obj, MonthlyRealisation)]
    money = [(w.obj, w.values) for w in writes if not isinstance(w.obj, MonthlyRealisation)]
    count = 0
    if realisations:
        count += versioned_rows_write(unit=unit, year=year, rows=realisations, user=user)
    if money:
        count += money_rows_write(unit=unit, year=year, rows=money, user=user)
    return count
