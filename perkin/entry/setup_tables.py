"""Tables a planner maintains besides the monthly facts: the annual setup (agreement, goals,
indicators, action plan, budget tree, DIPA revisions and their allocations, revenue targets)
and the supporting rows each realisation method needs, narratives and report texts.

Each table is described once (`Table`) and edited through the same formset page and the same
annual workbook import, so a rule holds whichever way the data comes in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from budget.models import (
    Allocation,
    Budget,
    BudgetItem,
    BudgetRevision,
    RevenueLine,
    RevenueTarget,
    ServiceKind,
)
from perkin.calendar import MONTH_NAMES
from perkin.entry.forms import model_number_field
from perkin.entry.state import fingerprint
from perkin.formatting import smart
from perkin.models import (
    ActionPlanStep,
    Agreement,
    FacilitatedCompany,
    Goal,
    Indicator,
    Measurement,
    PriorYearIndicator,
    PriorYearTotals,
    QuarterNarrative,
    RatioObservation,
    ReportText,
    ServiceIndexAspect,
    StaffComposition,
    SurveyElementScore,
    Training,
    UnitEvaluation,
    WorkUnit,
)
from perkin.rules import allocations_problem, plan_problem


@dataclass
class Context:
    unit: WorkUnit
    year: int
    indicator: Indicator | None = None
    revision: BudgetRevision | None = None


@dataclass
class Table:
    slug: str
    title: str
    model: type[models.Model]
    fields: list[str]
    queryset: Callable[[Context], models.QuerySet]
    attach: Callable[[Context], dict]  # values every new row gets (its unit, year, parent...)
    scope: str = "year"  # year | indicator | revision
    in_annual_workbook: bool = False
    clean: Callable[[Context, list[dict]], None] | None = None
    limit: dict[str, Callable[[Context], models.QuerySet]] = field(default_factory=dict)
    help: str = ""


def _agreement(ctx: Context) -> Agreement:
    agreement = ctx.unit.agreements.filter(year=ctx.year).order_by("-revision_no").first()
    if agreement is None:
        agreement = Agreement.objects.create(unit=ctx.unit, year=ctx.year)
    return agreement


def _budget(ctx: Context) -> Budget:
    budget, _ = Budget.objects.get_or_create(unit=ctx.unit, year=ctx.year)
    return budget


def _non_decreasing_plan(ctx: Context, rows: list[dict]) -> None:
    problem = plan_problem(
        [
            (r["month"], r["interim_target_pct"])
            for r in rows
            if r.get("month") and r.get("interim_target_pct") is not None
        ]
    )
    if problem:
        raise ValidationError(problem)


def _weights_100(ctx: Context, rows: list[dict]) -> None:
    by_month: dict[int, Decimal] = {}
    for r in rows:
        if r.get("month") and r.get("weight_pct") is not None:
            by_month[r["month"]] = by_month.get(r["month"], Decimal(0)) + r["weight_pct"]
    for month, total in by_month.items():
        if total != 100:
            raise ValidationError(
                gettext("Bobot aspek (%%) untuk %(month)s berjumlah %(total)s, harus 100.")
                % {"month": MONTH_NAMES[month], "total": smart(total)}
            )


def _allocations_sum(ctx: Context, rows: list[dict]) -> None:
    if ctx.revision is None or ctx.revision.stated_pagu is None:
        return
    total = sum((r["amount"] for r in rows if r.get("amount") is not None), Decimal(0))
    problem = allocations_problem(str(ctx.revision), total, ctx.revision.stated_pagu)
    if problem:
        raise ValidationError(problem)


def _year_goals(ctx):
    return Goal.objects.filter(agreement__unit=ctx.unit, agreement__year=ctx.year)


def _year_items(ctx):
    return BudgetItem.objects.filter(budget__unit=ctx.unit, budget__year=ctx.year)


def _unit_lines(ctx):
    return RevenueLine.objects.filter(unit=ctx.unit)


def _year_indicators(ctx):
    return Indicator.objects.filter(goal__agreement__unit=ctx.unit, goal__agreement__year=ctx.year)


TABLES: list[Table] = [
    Table(
        "perjanjian",
        _("Perjanjian kinerja (revisi, tanggal, para pihak)"),
        Agreement,
        ["revision_no", "signed_on", "first_party", "second_party"],
        lambda c: Agreement.objects.filter(unit=c.unit, year=c.year).order_by("revision_no"),
        lambda c: {"unit": c.unit, "year": c.year},
        help=_("Sasaran dan indikator mengikuti revisi perjanjian terakhir tahun ini."),
    ),
    Table(
        "sasaran",
        _("Sasaran kegiatan"),
        Goal,
        ["number", "text"],
        lambda c: Goal.objects.filter(agreement__unit=c.unit, agreement__year=c.year).order_by(
            "number"
        ),
        lambda c: {"agreement": _agreement(c)},
        in_annual_workbook=True,
    ),
    Table(
        "indikator",
        _("Indikator kinerja"),
        Indicator,
        [
            "goal",
            "number",
            "name",
            "target",
            "unit",
            "direction",
            "method",
            "growth_basis",
            "definition",
            "data_source",
            "team",
        ],
        lambda c: _year_indicators(c).select_related("goal").order_by("goal__number", "number"),
        lambda c: {},
        in_annual_workbook=True,
        limit={"goal": _year_goals, "team": lambda c: c.unit.teams.all()},
    ),
    Table(
        "rencana-aksi",
        _("Rencana aksi"),
        ActionPlanStep,
        ["month", "interim_target_pct", "planned_activities"],
        lambda c: ActionPlanStep.objects.filter(indicator=c.indicator).order_by("month"),
        lambda c: {"indicator": c.indicator},
        scope="indicator",
        clean=_non_decreasing_plan,
        help=_("Target antara kumulatif B01..B12 (tidak boleh menurun) dan rencana kegiatannya."),
    ),
    Table(
        "butir-anggaran",
        _("Butir anggaran (program, kegiatan, KRO, RO)"),
        BudgetItem,
        ["parent", "level", "code", "name", "order"],
        lambda c: _year_items(c).order_by("order", "full_code"),
        lambda c: {"budget": _budget(c)},
        in_annual_workbook=True,
        limit={"parent": _year_items},
    ),
    Table(
        "revisi",
        _("Revisi DIPA"),
        BudgetRevision,
        ["number", "date", "authority", "reason", "stated_pagu"],
        lambda c: BudgetRevision.objects.filter(budget__unit=c.unit, budget__year=c.year).order_by(
            "number"
        ),
        lambda c: {"budget": _budget(c)},
        in_annual_workbook=True,
    ),
    Table(
        "alokasi",
        _("Alokasi pagu per butir"),
        Allocation,
        ["item", "amount"],
        lambda c: (
            Allocation.objects.filter(revision=c.revision)
            .select_related("item")
            .order_by("item__order")
        ),
        lambda c: {"revision": c.revision},
        scope="revision",
        clean=_allocations_sum,
        limit={"item": _year_items},
        help=_("Jumlah alokasi harus sama dengan pagu yang dinyatakan pada revisi."),
    ),
    Table(
        "jenis-pnbp",
        _("Jenis PNBP"),
        RevenueLine,
        ["code", "name", "group_number", "group_name", "order", "is_refund_line"],
        lambda c: RevenueLine.objects.filter(unit=c.unit).order_by("order"),
        lambda c: {"unit": c.unit},
        in_annual_workbook=True,
    ),
    Table(
        "target-pnbp",
        _("Target PNBP"),
        RevenueTarget,
        ["line", "amount"],
        lambda c: RevenueTarget.objects.filter(line__unit=c.unit, year=c.year).select_related(
            "line"
        ),
        lambda c: {"year": c.year},
        in_annual_workbook=True,
        limit={"line": _unit_lines},
    ),
    Table(
        "jenis-layanan",
        _("Jenis layanan jasa"),
        ServiceKind,
        ["code", "name", "unit_of_measure", "order"],
        lambda c: ServiceKind.objects.filter(unit=c.unit).order_by("order"),
        lambda c: {"unit": c.unit},
        in_annual_workbook=True,
    ),
    Table(
        "pengukuran",
        _("Pengukuran produktivitas/efisiensi"),
        Measurement,
        [
            "month",
            "order",
            "company",
            "service",
            "kind",
            "before_text",
            "after_text",
            "before_value",
            "after_value",
            "measure_unit",
            "stated_pct",
        ],
        lambda c: Measurement.objects.filter(indicator=c.indicator).order_by("order"),
        lambda c: {"indicator": c.indicator},
        scope="indicator",
        help=_(
            "Nilai sebelum (A) harus lebih dari 0 dan nilai perlu satuan; isi persentase yang "
            "dinyatakan bila sebelum/sesudah berupa rentang atau uraian."
        ),
    ),
    Table(
        "perusahaan",
        _("Perusahaan terfasilitasi"),
        FacilitatedCompany,
        ["company", "standard", "month"],
        lambda c: FacilitatedCompany.objects.filter(indicator=c.indicator).order_by("month"),
        lambda c: {"indicator": c.indicator},
        scope="indicator",
    ),
    Table(
        "unsur-skm",
        _("Nilai unsur SKM"),
        SurveyElementScore,
        ["month", "number", "element", "score", "respondents"],
        lambda c: SurveyElementScore.objects.filter(indicator=c.indicator).order_by(
            "month", "number"
        ),
        lambda c: {"indicator": c.indicator},
        scope="indicator",
    ),
    Table(
        "aspek-ipp",
        _("Aspek indeks pelayanan publik"),
        ServiceIndexAspect,
        ["month", "number", "aspect", "index_value", "weight_pct"],
        lambda c: ServiceIndexAspect.objects.filter(indicator=c.indicator).order_by(
            "month", "number"
        ),
        lambda c: {"indicator": c.indicator},
        scope="indicator",
        clean=_weights_100,
    ),
    Table(
        "rasio",
        _("Data rasio"),
        RatioObservation,
        [
            "month",
            "numerator_label",
            "numerator",
            "denominator_label",
            "denominator",
            "stated_pct",
            "note",
        ],
        lambda c: RatioObservation.objects.filter(indicator=c.indicator).order_by("month"),
        lambda c: {"indicator": c.indicator},
        scope="indicator",
    ),
    Table(
        "narasi",
        _("Narasi triwulan"),
        QuarterNarrative,
        ["quarter", "analysis", "obstacles", "recommendation"],
        lambda c: QuarterNarrative.objects.filter(indicator=c.indicator).order_by("quarter"),
        lambda c: {"indicator": c.indicator},
        scope="indicator",
    ),
    Table(
        "teks-laporan",
        _("Teks laporan"),
        ReportText,
        ["quarter", "key", "text"],
        lambda c: ReportText.objects.filter(unit=c.unit, year=c.year).order_by("quarter", "key"),
        lambda c: {"unit": c.unit, "year": c.year},
    ),
    Table(
        "pelatihan",
        _("Pelatihan"),
        Training,
        ["number", "name", "dates_text", "start", "end", "organiser", "audience", "participants"],
        lambda c: Training.objects.filter(unit=c.unit, year=c.year).order_by("number"),
        lambda c: {"unit": c.unit, "year": c.year},
    ),
    Table(
        "komposisi-pegawai",
        _("Komposisi pegawai"),
        StaffComposition,
        ["as_of", "dimension", "category", "count"],
        lambda c: StaffComposition.objects.filter(unit=c.unit, year=c.year).order_by(
            "dimension", "category"
        ),
        lambda c: {"unit": c.unit, "year": c.year},
    ),
    Table(
        "evaluasi",
        _("Hasil evaluasi unit"),
        UnitEvaluation,
        ["kind", "assessed_year", "stated_total", "stated_category", "published_on", "note"],
        lambda c: UnitEvaluation.objects.filter(unit=c.unit, year=c.year).order_by("kind"),
        lambda c: {"unit": c.unit, "year": c.year},
    ),
    # last year as published, for a unit whose last year is not in Perkin (its first year)
    Table(
        "tahun-lalu-indikator",
        _("Tahun lalu: realisasi dan realisasi fisik per indikator"),
        PriorYearIndicator,
        ["quarter", "code", "realisation", "physical_pct", "source"],
        lambda c: PriorYearIndicator.objects.filter(unit=c.unit, year=c.year - 1).order_by(
            "quarter", "code"
        ),
        lambda c: {"unit": c.unit, "year": c.year - 1},
        help="Angka akhir triwulan tahun lalu per kode indikator, bila tahun lalu belum ada di "
        "Perkin; nilai evaluasi tahun lalu dicatat di Hasil evaluasi unit tahun lalu.",
    ),
    Table(
        "tahun-lalu-total",
        _("Tahun lalu: PNBP dan jumlah hasil layanan per triwulan"),
        PriorYearTotals,
        ["quarter", "revenue", "service_outputs", "source"],
        lambda c: PriorYearTotals.objects.filter(unit=c.unit, year=c.year - 1).order_by("quarter"),
        lambda c: {"unit": c.unit, "year": c.year - 1},
        help="Kumulatif sampai akhir triwulan tahun lalu, bila penerimaan tahun lalu belum ada di "
        "Perkin.",
    ),
]
BY_SLUG = {t.slug: t for t in TABLES}
INDICATOR_TABLES = {
    "average_change": ["pengukuran"],
    "count": ["perusahaan"],
    "survey_index": ["unsur-skm"],
    "weighted_index": ["aspek-ipp"],
    "ratio": ["rasio"],
}


def form_class(table: Table, ctx: Context) -> type[forms.ModelForm]:
    """A ModelForm of the table's fields, foreign keys limited to the unit's own rows."""
    limits = {name: fn(ctx) for name, fn in table.limit.items()}

    class Form(forms.ModelForm):
        class Meta:
            model = table.model
            fields = table.fields
            formfield_callback = model_number_field
            widgets = {
                f: forms.Textarea(attrs={"rows": 2})
                for f in table.fields
                if isinstance(table.model._meta.get_field(f), models.TextField)
            }

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for name, queryset in limits.items():
                self.fields[name].queryset = queryset
            for name in self.fields:
                if isinstance(table.model._meta.get_field(name), models.DateField):
                    self.fields[name].widget = forms.DateInput(
                        attrs={"type": "date"}, format="%Y-%m-%d"
                    )

        def _post_clean(self):
            for key, value in table.attach(ctx).items():
                setattr(self.instance, key, value)
            super()._post_clean()

    return Form


def table_state(table: Table, ctx: Context) -> str:
    """The table's rows as they are now (perkin.entry.state): a page posts the state it was
    opened on, and a save is refused when it no longer matches."""
    return fingerprint(table.queryset(ctx))


def changed_since_message(table: Table, ctx: Context) -> str:
    """Who changed the table last, and when (from the rows' history)."""
    ids = list(table.queryset(ctx).values_list("pk", flat=True))
    history = getattr(table.model, "history", None)
    last = (
        history.filter(id__in=ids).select_related("history_user").order_by("-history_date").first()
        if history is not None
        else None
    )
    who = last.history_user.get_username() if last and last.history_user else _("pengguna lain")
    when = f" {timezone.localtime(last.history_date):%d-%m-%Y %H:%M}" if last else ""
    return _(
        "Tidak ada yang disimpan: tabel %(t)s telah diubah oleh %(who)s%(when)s sejak halaman ini "
        "dibuka. Muat ulang halaman, lalu isi kembali perubahan Anda."
    ) % {"t": table.title, "who": who, "when": when}
