"""The yearly performance agreement: goals, indicators and the action plan."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from perkin.calendar import MONTH_CHOICES, ROMAN
from perkin.locks import Period, month_period
from perkin.models.base import (
    PCT,
    VALUE,
    TimeStampedModel,
    month_check,
    month_validators,
    pct_check,
    pct_validators,
)
from perkin.models.units import Team, WorkUnit


class Agreement(TimeStampedModel):
    unit = models.ForeignKey(
        WorkUnit, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="agreements"
    )
    year = models.PositiveIntegerField(_("tahun"))
    revision_no = models.PositiveIntegerField(_("revisi ke"), default=0)
    signed_on = models.DateField(_("tanggal tanda tangan"), null=True, blank=True)
    first_party = models.CharField(_("pihak pertama"), max_length=200, blank=True)
    second_party = models.CharField(_("pihak kedua"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("perjanjian kinerja")
        verbose_name_plural = _("perjanjian kinerja")
        ordering = ["unit", "-year", "-revision_no"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "revision_no"], name="agreement_unique_revision"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="agreement_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"PK {self.unit} {self.year} (rev. {self.revision_no})"

    def lock_period(self) -> Period | None:
        """The whole year: every quarter's report shows the agreement (perkin.locks)."""
        return Period(self.unit_id, self.year) if self.unit_id and self.year else None


class Goal(TimeStampedModel):
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("perjanjian"), on_delete=models.CASCADE, related_name="goals"
    )
    number = models.PositiveSmallIntegerField(_("nomor"))
    text = models.TextField(_("sasaran kegiatan"))

    class Meta:
        verbose_name = _("sasaran kegiatan")
        verbose_name_plural = _("sasaran kegiatan")
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="goal_unique_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=12), name="goal_number_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.roman}. {self.text}"

    def lock_period(self) -> Period | None:
        """The period whose reports show this row (perkin.locks)."""
        if not self.agreement_id:
            return None
        return self.agreement.lock_period()

    @property
    def roman(self) -> str:
        return ROMAN[self.number]


class Indicator(TimeStampedModel):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("Semakin tinggi semakin baik")
        LOWER = "lower", _("Semakin rendah semakin baik")

    class Method(models.TextChoices):
        DIRECT = "direct", _("Nilai langsung")
        COUNT = "count", _("Jumlah perusahaan")
        AVERAGE_CHANGE = "average_change", _("Rata-rata produktivitas/efisiensi")
        GROWTH = "growth", _("Pertumbuhan terhadap tahun lalu")
        RATIO = "ratio", _("Rasio")
        SURVEY_INDEX = "survey_index", _("Indeks kepuasan (SKM)")
        WEIGHTED_INDEX = "weighted_index", _("Indeks tertimbang (IPP)")
        COMPONENTS_SUM = "components_sum", _("Jumlah komponen (SAKIP)")

    class GrowthBasis(models.TextChoices):
        REVENUE = "revenue", _("PNBP")
        SERVICE_OUTPUTS = "service_outputs", _("Hasil layanan jasa")

    goal = models.ForeignKey(
        Goal, verbose_name=_("sasaran"), on_delete=models.CASCADE, related_name="indicators"
    )
    number = models.PositiveSmallIntegerField(_("nomor"))
    name = models.TextField(_("indikator kinerja"))
    target = models.DecimalField(
        _("target"),
        validators=[MinValueValidator(Decimal("0.0001"), _("Target harus lebih dari 0."))],
        **VALUE,
    )
    unit = models.CharField(_("satuan"), max_length=40)
    direction = models.CharField(
        _("arah"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    method = models.CharField(_("metode"), max_length=20, choices=Method.choices)
    growth_basis = models.CharField(
        _("dasar pertumbuhan"), max_length=20, choices=GrowthBasis.choices, blank=True
    )
    definition = models.TextField(_("definisi dan cara menghitung"), blank=True)
    team = models.ForeignKey(
        Team,
        verbose_name=_("tim / PIC"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    data_source = models.CharField(_("sumber data"), max_length=200, blank=True)
    forecastable = models.BooleanField(
        _("boleh diisi untuk bulan mendatang"),
        default=False,
        help_text=_("Jika tidak dicentang, realisasi bulan setelah bulan berjalan ditolak."),
    )

    class Meta:
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")
        ordering = ["goal__agreement", "goal__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "number"], name="indicator_unique_number"),
            models.CheckConstraint(condition=Q(target__gt=0), name="indicator_target_positive"),
            models.CheckConstraint(
                condition=~Q(method="growth") | ~Q(growth_basis=""),
                name="indicator_growth_has_basis",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def lock_period(self) -> Period | None:
        """The whole year: every quarter's report shows the target (perkin.locks)."""
        if not self.goal_id:
            return None
        if "goal" in self._state.fields_cache:
            return self.goal.lock_period()
        unit_id, year = (
            Goal.objects.filter(pk=self.goal_id)
            .values_list("agreement__unit_id", "agreement__year")
            .get()
        )
        return Period(unit_id, year)

    @staticmethod
    def period_of(indicator_id: int | None, month: int | None = None) -> Period | None:
        """The period of an indicator's year (or of one of its months) in one query, for rows
        that know only the indicator's id."""
        if not indicator_id:
            return None
        unit_id, year = (
            Indicator.objects.filter(pk=indicator_id)
            .values_list("goal__agreement__unit_id", "goal__agreement__year")
            .get()
        )
        return month_period(unit_id, year, month) if month else Period(unit_id, year)

    def month_period(self, month: int | None) -> Period | None:
        """The period of this indicator's fact of a month."""
        year_period = self.lock_period()
        if year_period is None or not month:
            return None
        return month_period(year_period.unit_id, year_period.year, month)

    @property
    def code(self) -> str:
        return f"{self.goal.roman}.{self.number}"


class ActionPlanStep(TimeStampedModel):
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator"),
        on_delete=models.CASCADE,
        related_name="plan_steps",
    )
    month = models.PositiveSmallIntegerField(
        _("bulan"), choices=MONTH_CHOICES, validators=month_validators
    )
    interim_target_pct = models.DecimalField(
        _("target antara (%)"), validators=pct_validators, **PCT
    )
    planned_activities = models.TextField(_("rencana kegiatan"), blank=True)

    class Meta:
        verbose_name = _("rencana aksi")
        verbose_name_plural = _("rencana aksi")
        ordering = ["indicator", "month"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "month"], name="plan_unique_month"),
            month_check("month", "plan_month_range"),
            pct_check("interim_target_pct", "plan_interim_pct_range"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} B{self.month:02d}"

    def lock_period(self) -> Period | None:
        """The whole year: every quarter's report prints the full action plan (table 3.1)."""
        return self.indicator.lock_period() if self.indicator_id else None
