"""Supporting rows of the realisation methods (measurements, facilitated companies, survey
elements, IPP aspects, ratios), unit evaluations, trainings and staff composition."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from perkin.calendar import MONTH_CHOICES, quarter_of
from perkin.locks import Period
from perkin.models.agreement import Indicator
from perkin.models.base import (
    PCT,
    VALUE,
    TimeStampedModel,
    month_check,
    month_validators,
    pct_check,
    pct_validators,
)
from perkin.models.units import WorkUnit


class Measurement(TimeStampedModel):
    """A before/after measurement of a facilitated company (tables 3.3 and 3.6)."""

    class Kind(models.TextChoices):
        PRODUCTIVITY = "productivity", _("Produktivitas")
        EFFICIENCY = "efficiency", _("Efisiensi")

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    month = models.PositiveSmallIntegerField(
        _("bulan pengukuran"), choices=MONTH_CHOICES, validators=month_validators
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=1)
    company = models.CharField(_("perusahaan"), max_length=200)
    service = models.TextField(_("jasa yang diberikan"), blank=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    before_text = models.TextField(_("performansi sebelum"), blank=True)
    after_text = models.TextField(_("performansi sesudah"), blank=True)
    before_value = models.DecimalField(
        _("nilai sebelum (A)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(
                Decimal("0.0001"), _("Nilai sebelum (A) harus lebih dari 0 (pembagi persentase).")
            )
        ],
        **VALUE,
    )
    after_value = models.DecimalField(_("nilai sesudah (B)"), null=True, blank=True, **VALUE)
    measure_unit = models.CharField(_("satuan ukuran"), max_length=40, blank=True)
    stated_pct = models.DecimalField(
        _("persentase yang dinyatakan"),
        null=True,
        blank=True,
        help_text=_("Diisi bila nilai sebelum/sesudah berupa rentang atau uraian."),
        **PCT,
    )

    class Meta:
        verbose_name = _("pengukuran produktivitas/efisiensi")
        verbose_name_plural = _("pengukuran produktivitas/efisiensi")
        ordering = ["indicator", "order"]
        constraints = [
            month_check("month", "measurement_month_range"),
            models.CheckConstraint(
                condition=Q(before_value__isnull=True) | Q(before_value__gt=0),
                name="measurement_before_positive",
            ),
            models.CheckConstraint(
                condition=Q(after_value__isnull=True) | Q(after_value__gte=0),
                name="measurement_after_not_negative",
            ),
            models.CheckConstraint(
                condition=(Q(before_value__isnull=True) & Q(after_value__isnull=True))
                | ~Q(measure_unit=""),
                name="measurement_values_have_unit",
            ),
            models.CheckConstraint(
                condition=Q(stated_pct__isnull=False)
                | (Q(before_value__isnull=False) & Q(after_value__isnull=False)),
                name="measurement_has_values_or_stated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.company}"

    def lock_period(self) -> Period | None:
        """The period of the row's month (perkin.locks)."""
        if "indicator" in self._state.fields_cache:
            return self.indicator.month_period(self.month)
        return Indicator.period_of(self.indicator_id, self.month)

    def clean(self) -> None:
        super().clean()
        errors = {}
        has_values = self.before_value is not None or self.after_value is not None
        if has_values and not self.measure_unit:
            errors["measure_unit"] = _(
                "Satuan ukuran wajib diisi bila nilai sebelum/sesudah diisi."
            )
        if self.stated_pct is None and (self.before_value is None or self.after_value is None):
            errors["stated_pct"] = _(
                "Isi nilai sebelum (A) dan sesudah (B), atau persentase yang dinyatakan."
            )
        if errors:
            raise ValidationError(errors)


class FacilitatedCompany(TimeStampedModel):
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator"),
        on_delete=models.CASCADE,
        related_name="facilitated_companies",
    )
    company = models.CharField(_("perusahaan"), max_length=200)
    standard = models.CharField(_("standar / fasilitasi"), max_length=300, blank=True)
    month = models.PositiveSmallIntegerField(
        _("bulan"), choices=MONTH_CHOICES, validators=month_validators
    )

    class Meta:
        verbose_name = _("perusahaan terfasilitasi")
        verbose_name_plural = _("perusahaan terfasilitasi")
        ordering = ["indicator", "month", "company"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "company"], name="facilitated_company_unique"
            ),
            month_check("month", "facilitated_month_range"),
        ]

    def __str__(self) -> str:
        return self.company

    def lock_period(self) -> Period | None:
        """The period of the row's month (perkin.locks)."""
        if "indicator" in self._state.fields_cache:
            return self.indicator.month_period(self.month)
        return Indicator.period_of(self.indicator_id, self.month)


class SurveyElementScore(TimeStampedModel):
    """One element of the public satisfaction survey (SKM), scale 1..4 (table 3.11)."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator"),
        on_delete=models.CASCADE,
        related_name="survey_elements",
    )
    month = models.PositiveSmallIntegerField(
        _("periode s.d. bulan"), choices=MONTH_CHOICES, validators=month_validators
    )
    number = models.PositiveSmallIntegerField(_("nomor unsur"))
    element = models.CharField(_("unsur pelayanan"), max_length=300)
    score = models.DecimalField(_("nilai unsur"), max_digits=6, decimal_places=3)
    respondents = models.PositiveIntegerField(_("jumlah responden"), null=True, blank=True)

    class Meta:
        verbose_name = _("nilai unsur SKM")
        verbose_name_plural = _("nilai unsur SKM")
        ordering = ["indicator", "month", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "month", "number"], name="survey_element_unique"
            ),
            month_check("month", "survey_month_range"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=4), name="survey_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.element}"

    def lock_period(self) -> Period | None:
        """The period of the row's month (perkin.locks)."""
        if "indicator" in self._state.fields_cache:
            return self.indicator.month_period(self.month)
        return Indicator.period_of(self.indicator_id, self.month)


class ServiceIndexAspect(TimeStampedModel):
    """One aspect of the public-service index (IPP), index 0..5 with a weight (table 3.15)."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator"),
        on_delete=models.CASCADE,
        related_name="service_aspects",
    )
    month = models.PositiveSmallIntegerField(
        _("periode s.d. bulan"), choices=MONTH_CHOICES, validators=month_validators
    )
    number = models.PositiveSmallIntegerField(_("nomor"))
    aspect = models.CharField(_("aspek"), max_length=200)
    index_value = models.DecimalField(_("indeks aspek"), max_digits=6, decimal_places=3)
    weight_pct = models.DecimalField(_("bobot (%)"), validators=pct_validators, **PCT)

    class Meta:
        verbose_name = _("aspek indeks pelayanan publik")
        verbose_name_plural = _("aspek indeks pelayanan publik")
        ordering = ["indicator", "month", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "month", "number"], name="service_aspect_unique"
            ),
            month_check("month", "service_aspect_month_range"),
            models.CheckConstraint(
                condition=Q(index_value__gte=0, index_value__lte=5),
                name="service_aspect_index_range",
            ),
            pct_check("weight_pct", "service_aspect_weight_range"),
        ]

    def __str__(self) -> str:
        return self.aspect

    def lock_period(self) -> Period | None:
        """The period of the row's month (perkin.locks)."""
        if "indicator" in self._state.fields_cache:
            return self.indicator.month_period(self.month)
        return Indicator.period_of(self.indicator_id, self.month)


class RatioObservation(TimeStampedModel):
    """Numerator and denominator of a ratio indicator (e.g. P3DN) up to a month."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator"),
        on_delete=models.CASCADE,
        related_name="ratio_observations",
    )
    month = models.PositiveSmallIntegerField(
        _("s.d. bulan"), choices=MONTH_CHOICES, validators=month_validators
    )
    numerator_label = models.CharField(_("keterangan pembilang"), max_length=200, blank=True)
    numerator = models.DecimalField(_("pembilang"), null=True, blank=True, **VALUE)
    denominator_label = models.CharField(_("keterangan penyebut"), max_length=200, blank=True)
    denominator = models.DecimalField(_("penyebut"), null=True, blank=True, **VALUE)
    stated_pct = models.DecimalField(_("persentase yang dinyatakan"), null=True, blank=True, **PCT)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("data rasio")
        verbose_name_plural = _("data rasio")
        ordering = ["indicator", "month"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "month"], name="ratio_unique_month"),
            month_check("month", "ratio_month_range"),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
                name="ratio_denominator_positive",
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True) | Q(numerator__gte=0),
                name="ratio_numerator_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(stated_pct__isnull=False)
                | (Q(numerator__isnull=False) & Q(denominator__isnull=False)),
                name="ratio_has_values_or_stated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} s.d. B{self.month:02d}"

    def lock_period(self) -> Period | None:
        """The period of the row's month (perkin.locks)."""
        if "indicator" in self._state.fields_cache:
            return self.indicator.month_period(self.month)
        return Indicator.period_of(self.indicator_id, self.month)


class UnitEvaluation(TimeStampedModel):
    """An external evaluation of a unit: SAKIP, financial report, IPP or IKM (tables 3.17/3.18)."""

    class Kind(models.TextChoices):
        SAKIP = "sakip", _("Nilai akuntabilitas kinerja (SAKIP)")
        FINANCIAL_REPORT = "financial_report", _("Nilai laporan keuangan")
        IPP = "ipp", _("Indeks pelayanan publik")
        IKM = "ikm", _("Indeks kepuasan masyarakat")

    unit = models.ForeignKey(
        WorkUnit, verbose_name=_("unit kerja"), on_delete=models.CASCADE, related_name="evaluations"
    )
    year = models.PositiveIntegerField(_("tahun laporan"))
    assessed_year = models.PositiveIntegerField(_("tahun yang dinilai"), null=True, blank=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    stated_total = models.DecimalField(
        _("nilai total yang dinyatakan"), null=True, blank=True, **PCT
    )
    stated_category = models.CharField(_("kategori yang dinyatakan"), max_length=10, blank=True)
    published_on = models.DateField(_("tanggal hasil"), null=True, blank=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("hasil evaluasi unit")
        verbose_name_plural = _("hasil evaluasi unit")
        ordering = ["year", "kind", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "kind"], name="evaluation_unique"),
            models.CheckConstraint(
                condition=Q(stated_total__isnull=True)
                | Q(stated_total__gte=0, stated_total__lte=100),
                name="evaluation_total_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} {self.get_kind_display()}"

    def lock_period(self) -> Period | None:
        """From the quarter the result was published in (the whole year when undated)."""
        if not (self.unit_id and self.year):
            return None
        published = self.published_on
        quarter = quarter_of(published.month) if published and published.year == self.year else 1
        return Period(self.unit_id, self.year, quarter)


class EvaluationComponent(TimeStampedModel):
    evaluation = models.ForeignKey(
        UnitEvaluation,
        verbose_name=_("evaluasi"),
        on_delete=models.CASCADE,
        related_name="components",
    )
    number = models.PositiveSmallIntegerField(_("nomor"))
    name = models.CharField(_("komponen"), max_length=200)
    score = models.DecimalField(_("nilai"), null=True, blank=True, **PCT)
    max_score = models.DecimalField(_("nilai maksimum"), **PCT)

    class Meta:
        verbose_name = _("komponen evaluasi")
        verbose_name_plural = _("komponen evaluasi")
        ordering = ["evaluation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "number"], name="component_unique"),
            models.CheckConstraint(
                condition=Q(max_score__gt=0, max_score__lte=100), name="component_max_range"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True)
                | (Q(score__gte=0) & Q(score__lte=models.F("max_score"))),
                name="component_score_within_max",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def lock_period(self) -> Period | None:
        return self.evaluation.lock_period() if self.evaluation_id else None


class Training(TimeStampedModel):
    unit = models.ForeignKey(
        WorkUnit, verbose_name=_("unit kerja"), on_delete=models.CASCADE, related_name="trainings"
    )
    year = models.PositiveIntegerField(_("tahun"))
    number = models.PositiveSmallIntegerField(_("nomor"))
    name = models.CharField(_("nama pelatihan"), max_length=400)
    dates_text = models.CharField(_("tanggal (teks)"), max_length=100, blank=True)
    start = models.DateField(_("mulai"))
    end = models.DateField(_("selesai"))
    organiser = models.CharField(_("penyelenggara"), max_length=200, blank=True)
    audience = models.CharField(_("target peserta"), max_length=200, blank=True)
    participants = models.PositiveIntegerField(_("jumlah peserta"))

    class Meta:
        verbose_name = _("pelatihan")
        verbose_name_plural = _("pelatihan")
        ordering = ["unit", "year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "number"], name="training_unique"),
            models.CheckConstraint(condition=Q(start__lte=models.F("end")), name="training_dates"),
        ]

    def __str__(self) -> str:
        return self.name

    def lock_period(self) -> Period | None:
        """From the quarter the training started in (table 3.13 lists trainings so far)."""
        if not (self.unit_id and self.year and self.start):
            return None
        quarter = quarter_of(self.start.month) if self.start.year == self.year else 1
        return Period(self.unit_id, self.year, quarter, next_year=False)


class StaffComposition(TimeStampedModel):
    class Dimension(models.TextChoices):
        EDUCATION = "education", _("Pendidikan terakhir")
        STATUS = "status", _("Status kepegawaian")
        POSITION = "position", _("Jabatan")

    unit = models.ForeignKey(
        WorkUnit, verbose_name=_("unit kerja"), on_delete=models.CASCADE, related_name="staff"
    )
    year = models.PositiveIntegerField(_("tahun"))
    as_of = models.DateField(_("per tanggal"), null=True, blank=True)
    dimension = models.CharField(_("dimensi"), max_length=20, choices=Dimension.choices)
    category = models.CharField(_("kategori"), max_length=100)
    count = models.PositiveIntegerField(_("jumlah"))

    class Meta:
        verbose_name = _("komposisi pegawai")
        verbose_name_plural = _("komposisi pegawai")
        ordering = ["unit", "year", "dimension", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "dimension", "category"], name="staff_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.count}"

    def lock_period(self) -> Period | None:
        """The whole year: every quarter's report shows the staff (BAB I)."""
        if not (self.unit_id and self.year):
            return None
        return Period(self.unit_id, self.year, next_year=False)
