"""The monthly monitoring: realisations, evidence, narratives, report texts, quarter locks
and figures of reports already published."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from perkin.calendar import MONTH_CHOICES, QUARTER_CHOICES
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


class MonthlyRealisation(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan")
        RETURNED = "returned", _("Dikembalikan")
        APPROVED = "approved", _("Disetujui")

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator"),
        on_delete=models.CASCADE,
        related_name="realisations",
    )
    month = models.PositiveSmallIntegerField(
        _("bulan"), choices=MONTH_CHOICES, validators=month_validators
    )
    physical_pct = models.DecimalField(
        _("realisasi fisik kumulatif (%)"), validators=pct_validators, **PCT
    )
    activities_done = models.TextField(_("realisasi kegiatan"), blank=True)
    value_to_date = models.DecimalField(
        _("nilai indikator s.d. bulan ini"), null=True, blank=True, **VALUE
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    return_reason = models.TextField(_("alasan dikembalikan"), blank=True)
    version = models.PositiveIntegerField(_("versi"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diubah oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(verbose_name=_("riwayat realisasi bulanan"))

    class Meta:
        verbose_name = _("realisasi bulanan")
        verbose_name_plural = _("realisasi bulanan")
        ordering = ["indicator", "month"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "month"], name="realisation_unique_month"),
            month_check("month", "realisation_month_range"),
            pct_check("physical_pct", "realisation_physical_pct_range"),
            models.CheckConstraint(condition=Q(version__gte=1), name="realisation_version_min"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} B{self.month:02d}: {self.physical_pct}%"

    def lock_period(self) -> Period | None:
        """The period of the row's month (perkin.locks)."""
        if "indicator" in self._state.fields_cache:
            return self.indicator.month_period(self.month)
        return Indicator.period_of(self.indicator_id, self.month)


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    realisation = instance.realisation
    unit = realisation.indicator.goal.agreement.unit.code
    return f"evidence/{unit}/{realisation.indicator_id}/{realisation.month:02d}/{filename}"


class Evidence(TimeStampedModel):
    realisation = models.ForeignKey(
        MonthlyRealisation,
        verbose_name=_("realisasi"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    file = models.FileField(_("berkas"), upload_to=evidence_upload_to, blank=True)
    url = models.URLField(_("tautan"), blank=True)
    description = models.CharField(_("keterangan"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        constraints = [
            models.CheckConstraint(condition=~Q(file="") | ~Q(url=""), name="evidence_file_or_url")
        ]

    def __str__(self) -> str:
        return self.description or self.url or self.file.name

    def lock_period(self) -> Period | None:
        """The period of the realisation it supports."""
        return self.realisation.lock_period() if self.realisation_id else None


class QuarterNarrative(TimeStampedModel):
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator"),
        on_delete=models.CASCADE,
        related_name="narratives",
    )
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=QUARTER_CHOICES)
    analysis = models.TextField(_("analisis capaian"), blank=True)
    obstacles = models.TextField(_("kendala"), blank=True)
    recommendation = models.TextField(_("rekomendasi"), blank=True)

    class Meta:
        verbose_name = _("narasi triwulan")
        verbose_name_plural = _("narasi triwulan")
        ordering = ["indicator", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "quarter"], name="narrative_unique"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="narrative_quarter_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} TW {self.quarter}"

    def lock_period(self) -> Period | None:
        """The narrative's quarter; no later year prints it."""
        period = self.indicator.lock_period() if self.indicator_id else None
        if period is None or not self.quarter:
            return None
        return Period(
            period.unit_id, period.year, self.quarter, next_year=False, last_quarter=self.quarter
        )


class ReportText(TimeStampedModel):
    """Texts staff write for a quarter's report (foreword, chapter intros, closing)."""

    class Key(models.TextChoices):
        FOREWORD = "foreword", _("Kata pengantar")
        FOREWORD_PLACE_DATE = "foreword_place_date", _("Tempat dan tanggal kata pengantar")
        PROGRAMME_INTRO = "programme_intro", _("Pengantar program dan kegiatan")
        AGREEMENT_INTRO = "agreement_intro", _("Pengantar perjanjian kinerja")
        PERFORMANCE_INTRO = "performance_intro", _("Pengantar capaian kinerja")
        OBSTACLES_AGREEMENT = "obstacles_agreement", _("Hambatan pelaksanaan perjanjian")
        OBSTACLES_ACTIVITIES = "obstacles_activities", _("Hambatan pelaksanaan kegiatan")
        FOLLOWUP_AGREEMENT = "followup_agreement", _("Tindak lanjut perjanjian")
        FOLLOWUP_ACTIVITIES = "followup_activities", _("Tindak lanjut kegiatan")
        CLOSING_INTRO = "closing_intro", _("Penutup: pengantar")
        CLOSING_FINANCIAL = "closing_financial", _("Penutup: realisasi keuangan")
        CLOSING_OBSTACLES = "closing_obstacles", _("Penutup: hambatan")
        CLOSING_RECOMMENDATIONS = "closing_recommendations", _("Penutup: saran")

    unit = models.ForeignKey(WorkUnit, verbose_name=_("unit kerja"), on_delete=models.CASCADE)
    year = models.PositiveIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=QUARTER_CHOICES)
    key = models.CharField(_("bagian"), max_length=40, choices=Key.choices)
    text = models.TextField(_("teks"), blank=True)

    class Meta:
        verbose_name = _("teks laporan")
        verbose_name_plural = _("teks laporan")
        ordering = ["unit", "year", "quarter", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "quarter", "key"], name="report_text_unique"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="report_text_quarter_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} TW {self.quarter}: {self.get_key_display()}"

    def lock_period(self) -> Period | None:
        """The row's quarter; no later year prints it."""
        if not (self.unit_id and self.year and self.quarter):
            return None
        return Period(
            self.unit_id, self.year, self.quarter, next_year=False, last_quarter=self.quarter
        )


class QuarterLock(TimeStampedModel):
    """A quarter approved by the head: its months refuse writes until unlocked with a reason."""

    unit = models.ForeignKey(WorkUnit, verbose_name=_("unit kerja"), on_delete=models.CASCADE)
    year = models.PositiveIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=QUARTER_CHOICES)
    locked = models.BooleanField(_("terkunci"), default=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dikunci oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("alasan (buka kunci)"), blank=True)
    history = HistoricalRecords(verbose_name=_("riwayat kunci triwulan"))

    class Meta:
        verbose_name = _("kunci triwulan")
        verbose_name_plural = _("kunci triwulan")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "quarter"], name="lock_unique"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="lock_quarter_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} TW {self.quarter}"


class PublishedFigure(TimeStampedModel):
    """A value as printed in a report already published (e.g. imported from last year's Word
    report). The product never prints these; the consistency check compares them with what
    the stored facts compute, so a contradicting report cannot go out unnoticed."""

    unit = models.ForeignKey(WorkUnit, verbose_name=_("unit kerja"), on_delete=models.CASCADE)
    year = models.PositiveIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=QUARTER_CHOICES)
    key = models.CharField(_("besaran"), max_length=60)
    subject = models.CharField(_("subjek"), max_length=60, blank=True)
    value = models.DecimalField(_("nilai"), null=True, blank=True, max_digits=20, decimal_places=4)
    source = models.CharField(_("sumber dalam laporan"), max_length=120)
    text = models.TextField(_("kutipan"), blank=True)

    class Meta:
        verbose_name = _("angka terbitan")
        verbose_name_plural = _("angka terbitan")
        ordering = ["unit", "year", "quarter", "key", "subject", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "quarter", "key", "subject", "source"],
                name="published_figure_unique",
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="published_quarter_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.key} {self.subject} = {self.value}"

    def lock_period(self) -> Period | None:
        """The row's quarter; no later year prints it."""
        if not (self.unit_id and self.year and self.quarter):
            return None
        return Period(
            self.unit_id, self.year, self.quarter, next_year=False, last_quarter=self.quarter
        )
