"""The budget (DIPA): its tree of programmes, activities and outputs, its revisions and
allocations, the disbursement plan and the realisation of every output."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from budget.models.base import MONEY, PeriodFact, period_checks
from perkin.calendar import MONTH_CHOICES, quarter_of
from perkin.locks import Period, month_period
from perkin.models import (
    PCT,
    TimeStampedModel,
    WorkUnit,
    month_check,
    month_validators,
    pct_check,
    pct_validators,
)


class Budget(TimeStampedModel):
    """The unit's DIPA for a fiscal year."""

    unit = models.ForeignKey(
        WorkUnit, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="budgets"
    )
    year = models.PositiveIntegerField(_("tahun anggaran"))
    dipa_number = models.CharField(_("nomor DIPA"), max_length=100, blank=True)
    function_label = models.CharField(_("fungsi"), max_length=120, blank=True)
    subfunction_label = models.CharField(_("subfungsi"), max_length=120, blank=True)
    location = models.CharField(_("lokasi kegiatan"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("DIPA")
        verbose_name_plural = _("DIPA")
        ordering = ["unit", "-year"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="budget_unique")]

    def __str__(self) -> str:
        return f"DIPA {self.unit} {self.year}"

    def lock_period(self) -> Period | None:
        """The whole year: every quarter's report shows the budget."""
        return Period(self.unit_id, self.year) if self.unit_id and self.year else None


class BudgetItem(TimeStampedModel):
    """A node of the budget classification: programme > activity > KRO > RO."""

    class Level(models.TextChoices):
        PROGRAMME = "programme", _("Program")
        ACTIVITY = "activity", _("Kegiatan")
        KRO = "kro", _("KRO")
        RO = "ro", _("RO")

    PARENT_LEVEL = {"activity": "programme", "kro": "activity", "ro": "kro"}

    budget = models.ForeignKey(
        Budget, verbose_name=_("DIPA"), on_delete=models.CASCADE, related_name="items"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    code = models.CharField(_("kode"), max_length=20)
    full_code = models.CharField(_("kode lengkap"), max_length=60, editable=False)
    name = models.CharField(_("uraian"), max_length=300)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("butir anggaran")
        verbose_name_plural = _("butir anggaran")
        ordering = ["budget", "order", "full_code"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "full_code"], name="budget_item_unique"),
            models.CheckConstraint(
                condition=Q(level="programme", parent__isnull=True)
                | (~Q(level="programme") & Q(parent__isnull=False)),
                name="budget_item_parent_by_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_code} {self.name}"

    def lock_period(self) -> Period | None:
        """The whole year: every quarter's report prints the budget tree."""
        return self.budget.lock_period() if self.budget_id else None

    def save(self, *args, **kwargs):
        self.full_code = f"{self.parent.full_code}.{self.code}" if self.parent else self.code
        super().save(*args, **kwargs)

    @property
    def short_code(self) -> str:
        """The code as the report prints it: '6077.AEC' for a KRO, 'AEC.001' for an RO."""
        if self.level in (self.Level.KRO, self.Level.RO) and self.parent:
            return f"{self.parent.code}.{self.code}"
        return self.code


class BudgetRevision(TimeStampedModel):
    class Authority(models.TextChoices):
        INITIAL = "initial", _("DIPA awal")
        DJA = "DJA", _("Revisi DJA")
        KANWIL = "Kanwil", _("Revisi Kanwil DJPb")
        KPA = "KPA", _("Revisi KPA (POK)")

    budget = models.ForeignKey(
        Budget, verbose_name=_("DIPA"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveSmallIntegerField(_("revisi ke"))
    date = models.DateField(_("tanggal"))
    authority = models.CharField(_("kewenangan"), max_length=10, choices=Authority.choices)
    reason = models.TextField(_("keterangan"), blank=True)
    stated_pagu = models.DecimalField(
        _("pagu yang dinyatakan"),
        null=True,
        blank=True,
        help_text=_("Pagu tertulis pada dokumen revisi; harus sama dengan jumlah alokasi."),
        **MONEY,
    )

    class Meta:
        verbose_name = _("revisi DIPA")
        verbose_name_plural = _("revisi DIPA")
        ordering = ["budget", "number"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "number"], name="revision_unique"),
            models.CheckConstraint(
                condition=Q(stated_pagu__isnull=True) | Q(stated_pagu__gte=0),
                name="revision_pagu_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return str(_("DIPA awal")) if self.number == 0 else f"Revisi ke-{self.number}"

    def lock_period(self) -> Period | None:
        """From the quarter of its date; the initial DIPA counts from the year's start."""
        year_period = self.budget.lock_period() if self.budget_id else None
        if year_period is None:
            return None
        quarter = 1
        if self.number and self.date and self.date.year == year_period.year:
            quarter = quarter_of(self.date.month)
        elif self.number and self.date and self.date.year > year_period.year:
            quarter = 4
        return Period(year_period.unit_id, year_period.year, quarter)


class Allocation(TimeStampedModel):
    """The pagu of one budget item (KRO, or RO as a finer split) in one revision."""

    revision = models.ForeignKey(
        BudgetRevision,
        verbose_name=_("revisi"),
        on_delete=models.CASCADE,
        related_name="allocations",
    )
    item = models.ForeignKey(
        BudgetItem, verbose_name=_("butir"), on_delete=models.CASCADE, related_name="allocations"
    )
    amount = models.DecimalField(_("pagu (Rp)"), **MONEY)

    class Meta:
        verbose_name = _("alokasi pagu")
        verbose_name_plural = _("alokasi pagu")
        ordering = ["revision", "item"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "item"], name="allocation_unique"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="allocation_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.revision}: {self.item.full_code} {self.amount}"

    def lock_period(self) -> Period | None:
        """The period of its revision."""
        return self.revision.lock_period() if self.revision_id else None


class RevisionBreakdown(TimeStampedModel):
    """A split of a revision's pagu by spending type (51/52/53) or funding source (RM/PNBP)."""

    class Dimension(models.TextChoices):
        SPENDING_TYPE = "spending_type", _("Jenis belanja")
        FUNDING_SOURCE = "funding_source", _("Sumber dana")

    CATEGORY_LABELS = {
        "51": _("Belanja Pegawai"),
        "52": _("Belanja Barang"),
        "53": _("Belanja Modal"),
        "RM": _("Rupiah Murni"),
        "PNBP": _("PNBP"),
        "BLU": _("BLU"),
    }

    revision = models.ForeignKey(
        BudgetRevision,
        verbose_name=_("revisi"),
        on_delete=models.CASCADE,
        related_name="breakdowns",
    )
    dimension = models.CharField(_("dimensi"), max_length=20, choices=Dimension.choices)
    category = models.CharField(
        _("kategori"),
        max_length=10,
        choices=[(k, v) for k, v in CATEGORY_LABELS.items()],
    )
    amount = models.DecimalField(_("jumlah (Rp)"), **MONEY)

    class Meta:
        verbose_name = _("rincian pagu")
        verbose_name_plural = _("rincian pagu")
        ordering = ["revision", "dimension", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "dimension", "category"], name="breakdown_unique"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="breakdown_not_negative"),
            models.CheckConstraint(
                condition=(
                    Q(dimension="spending_type", category__in=["51", "52", "53"])
                    | Q(dimension="funding_source", category__in=["RM", "PNBP", "BLU"])
                ),
                name="breakdown_category_matches_dimension",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.revision}: {self.get_category_display()} {self.amount}"

    def lock_period(self) -> Period | None:
        """The period of its revision."""
        return self.revision.lock_period() if self.revision_id else None


class DisbursementPlan(TimeStampedModel):
    """Planned cumulative financial and physical progress of an output for a month."""

    item = models.ForeignKey(
        BudgetItem, verbose_name=_("butir"), on_delete=models.CASCADE, related_name="plans"
    )
    month = models.PositiveSmallIntegerField(
        _("bulan"), choices=MONTH_CHOICES, validators=month_validators
    )
    financial_pct = models.DecimalField(
        _("rencana keuangan kumulatif (%)"), validators=pct_validators, **PCT
    )
    physical_pct = models.DecimalField(
        _("rencana fisik kumulatif (%)"), validators=pct_validators, **PCT
    )

    class Meta:
        verbose_name = _("rencana penarikan dana")
        verbose_name_plural = _("rencana penarikan dana")
        ordering = ["item", "month"]
        constraints = [
            models.UniqueConstraint(fields=["item", "month"], name="plan_item_month_unique"),
            month_check("month", "disbursement_month_range"),
            pct_check("financial_pct", "disbursement_financial_range"),
            pct_check("physical_pct", "disbursement_physical_range"),
        ]

    def __str__(self) -> str:
        return f"{self.item.full_code} B{self.month:02d}"

    def lock_period(self) -> Period | None:
        """The period of the planned month."""
        year_period = self.item.lock_period() if self.item_id else None
        if year_period is None or not self.month:
            return None
        return month_period(year_period.unit_id, year_period.year, self.month)


class OutputRealisation(PeriodFact):
    """Money spent on an output in a month (or period) and its cumulative physical progress."""

    item = models.ForeignKey(
        BudgetItem,
        verbose_name=_("butir"),
        on_delete=models.CASCADE,
        related_name="realisations",
    )
    spent = models.DecimalField(_("realisasi keuangan (Rp)"), **MONEY)
    physical_pct = models.DecimalField(
        _("realisasi fisik kumulatif (%)"), null=True, blank=True, validators=pct_validators, **PCT
    )
    history = HistoricalRecords(verbose_name=_("riwayat realisasi output"))

    class Meta:
        verbose_name = _("realisasi output")
        verbose_name_plural = _("realisasi output")
        ordering = ["item", "month"]
        constraints = [
            models.UniqueConstraint(fields=["item", "month"], name="output_real_unique"),
            models.CheckConstraint(condition=Q(spent__gte=0), name="output_spent_not_negative"),
            models.CheckConstraint(
                condition=Q(physical_pct__isnull=True)
                | Q(physical_pct__gte=0, physical_pct__lte=100),
                name="output_physical_range",
            ),
            *period_checks("output_real"),
        ]

    def __str__(self) -> str:
        return f"{self.item.full_code} B{self.month:02d}: {self.spent}"

    def lock_period(self) -> Period | None:
        """From the first month the spending covers."""
        year_period = self.item.lock_period() if self.item_id else None
        if year_period is None or not (self.period_start_month or self.month):
            return None
        start = self.period_start_month or self.month
        return month_period(year_period.unit_id, year_period.year, start)


class OutputNarrative(TimeStampedModel):
    """What staff write about an activity or output for a quarter (section 3.1.2)."""

    item = models.ForeignKey(
        BudgetItem, verbose_name=_("butir"), on_delete=models.CASCADE, related_name="narratives"
    )
    quarter = models.PositiveSmallIntegerField(
        _("triwulan"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    analysis = models.TextField(_("hasil dan analisis"), blank=True)
    obstacles = models.TextField(_("kendala"), blank=True)
    recommendation = models.TextField(_("rekomendasi"), blank=True)

    class Meta:
        verbose_name = _("narasi output")
        verbose_name_plural = _("narasi output")
        ordering = ["item", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["item", "quarter"], name="output_narrative_unique"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="output_narrative_quarter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.full_code} TW {self.quarter}"

    def lock_period(self) -> Period | None:
        """The narrative's quarter; no later year prints it."""
        year_period = self.item.lock_period() if self.item_id else None
        if year_period is None or not self.quarter:
            return None
        return Period(
            year_period.unit_id,
            year_period.year,
            self.quarter,
            next_year=False,
            last_quarter=self.quarter,
        )
