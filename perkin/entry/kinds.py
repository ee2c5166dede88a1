"""The kinds of monthly facts a unit enters, described once and used by the workbook
round-trip (export, import, preview, apply) and by the month's money page.

Each kind says which columns identify a row (locked in the workbook), which are only shown,
and which are entered, with their type and allowed range.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from budget.models import (
    BudgetItem,
    OutputRealisation,
    RevenueLine,
    RevenueReceipt,
    ServiceKind,
    ServiceOutput,
)
from perkin.entry.workbook_files import Percent
from perkin.formatting import NumberParseError, parse_number, smart
from perkin.models import ActionPlanStep, Indicator, MonthlyRealisation, WorkUnit

YES, NO = "Ya", "Tidak"


class CellError(ValueError):
    """A cell that cannot be read; the message names the column and the allowed values."""


@dataclass(frozen=True)
class Column:
    header: str
    name: str
    role: str = "value"  # key | info | value | version
    type: str = "text"  # text | decimal | int | bool | month
    required: bool = False
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    width: int = 14
    number_format: str | None = None
    choices: tuple[str, ...] = ()

    def read(self, raw: Any, *, enforce_required: bool = True) -> Any:
        """The cell's value as a Python value, or CellError with an Indonesian message."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if self.required and enforce_required:
                raise CellError(_("%(col)s wajib diisi.") % {"col": self.header})
            return "" if self.type == "text" else None
        if self.type == "text":
            return str(raw).strip()
        if self.type == "bool":
            text = str(raw).strip().lower()
            if text in ("ya", "y", "true", "1", "benar"):
                return True
            if text in ("tidak", "t", "false", "0", "no", "salah"):
                return False
            raise CellError(_("%(col)s harus 'Ya' atau 'Tidak'.") % {"col": self.header})
        value = self._number(raw)
        if self.type in ("int", "month"):
            if value != value.to_integral_value():
                raise CellError(
                    _("%(col)s harus bilangan bulat; yang diisi '%(raw)s'.")
                    % {"col": self.header, "raw": raw}
                )
            value = int(value)
        if self.type == "month" and not 1 <= value <= 12:
            raise CellError(
                _("%(col)s harus 1 sampai 12; yang diisi %(v)s.") % {"col": self.header, "v": value}
            )
        if self.type == "decimal" and abs(value) < Decimal("1e30"):
            value = value.quantize(Decimal("0.01"))
        if (self.minimum is not None and value < self.minimum) or (
            self.maximum is not None and value > self.maximum
        ):
            raise CellError(self._range_message(value))
        return value

    def _number(self, raw: Any) -> Decimal:
        """The number in a cell: a spreadsheet number, a percent-formatted cell (the number
        shown), or text typed the Indonesian way (perkin.formatting.parse_number)."""
        is_percent = isinstance(raw, Percent) or (
            isinstance(raw, str) and raw.strip().endswith("%")
        )
        if is_percent and not self.percent_allowed:
            raise CellError(
                _("%(col)s tidak boleh berupa persen; yang diisi '%(raw)s'.")
                % {"col": self.header, "raw": raw}
            )
        if isinstance(raw, (date, datetime)):
            raise CellError(
                _("%(col)s harus berupa angka, bukan tanggal; yang diisi %(raw)s.")
                % {"col": self.header, "raw": f"{raw:%d-%m-%Y}"}
            )
        try:
            return parse_number(raw)
        except NumberParseError:
            raise CellError(
                _("%(col)s harus berupa angka; yang diisi '%(raw)s'.")
                % {"col": self.header, "raw": raw}
            ) from None

    @property
    def percent_allowed(self) -> bool:
        """Decimal columns (percentages, indicator values) may carry '%'; money and counts not."""
        return self.type == "decimal"

    def _range_message(self, value) -> str:
        words = {"col": self.header, "v": smart(value), "low": "", "high": ""}
        if self.minimum is not None:
            words["low"] = smart(self.minimum)
        if self.maximum is not None:
            words["high"] = smart(self.maximum)
        if words["low"] and words["high"]:
            return _("%(col)s harus antara %(low)s dan %(high)s; yang diisi %(v)s.") % words
        if words["low"]:
            return _("%(col)s tidak boleh kurang dari %(low)s; yang diisi %(v)s.") % words
        return _("%(col)s tidak boleh lebih dari %(high)s; yang diisi %(v)s.") % words


@dataclass(eq=False)
class Kind:
    slug: str
    sheet: str
    model: type[models.Model]
    columns: list[Column]
    planner_only: bool = True
    help: str = ""
    key_names: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.key_names = [c.name for c in self.columns if c.role == "key"]
        self.columns = [_with_database_range(self.model, c) for c in self.columns]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def value_columns(self) -> list[Column]:
        return [c for c in self.columns if c.role == "value"]


def field_range(field: models.Field) -> tuple[Decimal | None, Decimal | None]:
    """The smallest and largest value the database column of a number field holds, narrowed
    by the field's validators: a value beyond it is refused when read, never at save."""
    low = high = None
    if isinstance(field, models.DecimalField):
        high = Decimal(10) ** (field.max_digits - field.decimal_places) - Decimal(10) ** (
            -field.decimal_places
        )
        low = -high
    elif isinstance(field, models.IntegerField):
        bounds = BaseDatabaseOperations.integer_field_ranges.get(field.get_internal_type())
        if bounds:
            low, high = (Decimal(b) for b in bounds)
    for validator in field.validators:
        limit = getattr(validator, "limit_value", None)
        if not isinstance(limit, (int, Decimal)):
            continue
        if isinstance(validator, MinValueValidator):
            low = Decimal(limit) if low is None else max(low, Decimal(limit))
        elif isinstance(validator, MaxValueValidator):
            high = Decimal(limit) if high is None else min(high, Decimal(limit))
    return low, high


def _with_database_range(model: type[models.Model], column: Column) -> Column:
    if column.role != "value" or column.type not in ("int", "decimal"):
        return column
    try:
        low, high = field_range(model._meta.get_field(column.name))
    except FieldDoesNotExist:
        return column
    if low is not None and (column.minimum is None or low > column.minimum):
        column = replace(column, minimum=low)
    if high is not None and (column.maximum is None or high < column.maximum):
        column = replace(column, maximum=high)
    return column


PCT_RANGE = {"minimum": Decimal(0), "maximum": Decimal(100)}
MONEY = "#,##0"
PCT = "0.00"

REALISATION = Kind(
    slug="realisasi",
    sheet="Realisasi",
    model=MonthlyRealisation,
    planner_only=False,
    help="Realisasi fisik kumulatif (%), kegiatan yang terlaksana dan nilai indikator per bulan.",
    columns=[
        Column("Kode indikator", "indicator", role="key", required=True, width=10),
        Column("Bulan", "month", role="key", type="month", required=True, width=7),
        Column("Indikator", "indicator_name", role="info", width=40),
        Column(
            "Target antara (%)", "interim", role="info", type="decimal", width=10, number_format=PCT
        ),
        Column("Rencana kegiatan", "planned", role="info", width=40),
        Column(
            "Realisasi fisik (%)",
            "physical_pct",
            type="decimal",
            required=True,
            width=12,
            number_format=PCT,
            **PCT_RANGE,
        ),
        Column("Realisasi kegiatan", "activities_done", width=50),
        Column(
            "Nilai s.d. bulan ini", "value_to_date", type="decimal", minimum=Decimal(0), width=12
        ),
        Column("Versi", "version", role="version", type="int", width=7),
    ],
)
OUTPUT = Kind(
    slug="output",
    sheet="Output",
    model=OutputRealisation,
    help="Realisasi keuangan bulan ini (Rp) dan realisasi fisik kumulatif (%) per KRO/RO.",
    columns=[
        Column("Kode output", "item", role="key", required=True, width=14),
        Column("Bulan", "month", role="key", type="month", required=True, width=7),
        Column("Uraian", "item_name", role="info", width=40),
        Column(
            "Realisasi keuangan bulan ini (Rp)",
            "spent",
            type="int",
            required=True,
            minimum=Decimal(0),
            width=20,
            number_format=MONEY,
        ),
        Column(
            "Realisasi fisik kumulatif (%)",
            "physical_pct",
            type="decimal",
            width=12,
            number_format=PCT,
            **PCT_RANGE,
        ),
        Column("Versi", "version", role="version", type="int", width=7),
    ],
)
RECEIPT = Kind(
    slug="pnbp",
    sheet="PNBP",
    model=RevenueReceipt,
    help="Penerimaan PNBP bulan ini per jenis (Rp); pengembalian diisi sebagai angka negatif pada baris pengembalian (kolom Pengembalian = Ya).",
    columns=[
        Column("Kode jenis", "line", role="key", required=True, width=14),
        Column("Bulan", "month", role="key", type="month", required=True, width=7),
        Column("Jenis penerimaan", "line_name", role="info", width=36),
        Column("Jumlah (Rp)", "amount", type="int", required=True, width=18, number_format=MONEY),
        # shown, not entered: a refund is its own row on the refund line (RevenueLine)
        Column("Pengembalian", "is_refund", role="info", type="bool", width=12),
        Column("Versi", "version", role="version", type="int", width=7),
    ],
)
SERVICE = Kind(
    slug="layanan",
    sheet="Layanan",
    model=ServiceOutput,
    help="Jumlah hasil layanan jasa bulan ini per jenis, dalam satuannya sendiri.",
    columns=[
        Column("Kode layanan", "kind", role="key", required=True, width=14),
        Column("Bulan", "month", role="key", type="month", required=True, width=7),
        Column("Jenis layanan", "kind_name", role="info", width=30),
        Column("Satuan", "unit_of_measure", role="info", width=24),
        Column(
            "Jumlah",
            "count",
            type="int",
            required=True,
            minimum=Decimal(0),
            width=10,
            number_format="0",
        ),
        Column("Versi", "version", role="version", type="int", width=7),
    ],
)
MONTH_KINDS = [REALISATION, OUTPUT, RECEIPT, SERVICE]
# The realisation's approval status is part of its history, though not a workbook column.
HISTORY_EXTRA = {REALISATION.slug: {"status": "Status", "return_reason": "Alasan dikembalikan"}}


def entry_fields(kind: Kind) -> list[str]:
    """The fields a row's history shows: the values entered on the sheet (and the status)."""
    return [c.name for c in kind.value_columns] + list(HISTORY_EXTRA.get(kind.slug, {}))


def entry_labels(kind: Kind) -> dict[str, str]:
    """Field name -> the sheet's column header, the words people entered the value under (in
    the reader's language)."""
    labels = {c.name: c.header for c in kind.columns} | HISTORY_EXTRA.get(kind.slug, {})
    return {name: gettext(label) for name, label in labels.items()}


@dataclass
class Scope:
    """Everything a month workbook needs about the unit's year, fetched once."""

    unit: WorkUnit
    year: int
    indicators: dict[str, Indicator]
    plan: dict[tuple[int, int], ActionPlanStep]
    realisations: dict[tuple[int, int], MonthlyRealisation]
    outputs: dict[str, BudgetItem]
    output_rows: dict[tuple[int, int], OutputRealisation]
    lines: dict[str, RevenueLine]
    receipts: dict[tuple[int, int], RevenueReceipt]
    service_kinds: dict[str, ServiceKind]
    services: dict[tuple[int, int], ServiceOutput]


def output_code(item: BudgetItem) -> str:
    """'6077.AEC' for a KRO, '6077.AEC.001' for an RO (the codes of tables 2.2 and 2.3)."""
    return item.full_code.split(".", 1)[1] if "." in item.full_code else item.full_code


def load_scope(unit: WorkUnit, year: int) -> Scope:
    indicators = list(
        Indicator.objects.filter(goal__agreement__unit=unit, goal__agreement__year=year)
        .select_related("goal__agreement", "team")
        .order_by("-goal__agreement__revision_no", "goal__number", "number")
    )
    seen: dict[str, Indicator] = {}
    for ind in indicators:
        seen.setdefault(ind.code, ind)
    items = list(
        BudgetItem.objects.filter(
            budget__unit=unit, budget__year=year, level__in=["kro", "ro"]
        ).order_by("order", "full_code")
    )
    lines = list(RevenueLine.objects.filter(unit=unit).order_by("order"))
    kinds = list(ServiceKind.objects.filter(unit=unit).order_by("order"))
    return Scope(
        unit=unit,
        year=year,
        indicators=seen,
        plan={
            (s.indicator_id, s.month): s
            for s in ActionPlanStep.objects.filter(indicator__in=seen.values())
        },
        realisations={
            (r.indicator_id, r.month): r
            for r in MonthlyRealisation.objects.filter(indicator__in=seen.values())
        },
        outputs={output_code(i): i for i in items},
        output_rows={
            (o.item_id, o.month): o for o in OutputRealisation.objects.filter(item__in=items)
        },
        lines={ln.code: ln for ln in lines},
        receipts={
            (r.line_id, r.month): r
            for r in RevenueReceipt.objects.filter(line__in=lines, year=year)
        },
        service_kinds={k.code: k for k in kinds},
        services={
            (o.kind_id, o.month): o for o in ServiceOutput.objects.filter(kind__in=kinds, year=year)
        },
    )
