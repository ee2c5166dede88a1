"""Figures of last year recorded by hand, for a unit whose last year is not in Perkin (its first
year here), and the organisation chart each unit uploads per year.

When last year's agreement and facts are in Perkin the report computes the comparison from
them; these rows are only read when they are not (reports.engine.previous)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from perkin.calendar import QUARTER_CHOICES
from perkin.locks import Period
from perkin.models.base import PCT, VALUE, TimeStampedModel
from perkin.models.units import WorkUnit

ORG_CHART_MAX_BYTES = 2 * 1024 * 1024
ORG_CHART_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}


class PriorYearIndicator(TimeStampedModel):
    """An indicator's figures at the end of a quarter of last year, as last year's report
    published them (per indicator code)."""

    unit = models.ForeignKey(WorkUnit, verbose_name=_("unit kerja"), on_delete=models.CASCADE)
    year = models.PositiveIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=QUARTER_CHOICES)
    code = models.CharField(_("kode indikator"), max_length=10)
    realisation = models.DecimalField(_("realisasi"), null=True, blank=True, **VALUE)
    physical_pct = models.DecimalField(_("realisasi fisik (%)"), null=True, blank=True, **PCT)
    source = models.CharField(_("sumber"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("angka tahun lalu per indikator")
        verbose_name_plural = _("angka tahun lalu per indikator")
        ordering = ["unit", "year", "quarter", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "quarter", "code"], name="prior_indicator_unique"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="prior_indicator_quarter"
            ),
            models.CheckConstraint(
                condition=Q(physical_pct__isnull=True)
                | Q(physical_pct__gte=0, physical_pct__lte=100),
                name="prior_indicator_physical_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} TW {self.quarter} {self.code}"

    def lock_period(self) -> Period | None:
        """Last year's figure of a quarter: shown from that quarter of the next year on."""
        if not (self.unit_id and self.year and self.quarter):
            return None
        return Period(self.unit_id, self.year, self.quarter)


class PriorYearTotals(TimeStampedModel):
    """Last year's PNBP and service-output totals up to the end of a quarter."""

    unit = models.ForeignKey(WorkUnit, verbose_name=_("unit kerja"), on_delete=models.CASCADE)
    year = models.PositiveIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=QUARTER_CHOICES)
    revenue = models.DecimalField(
        _("PNBP s.d. triwulan (Rp)"), null=True, blank=True, max_digits=18, decimal_places=0
    )
    service_outputs = models.PositiveIntegerField(
        _("jumlah hasil layanan s.d. triwulan"), null=True, blank=True
    )
    source = models.CharField(_("sumber"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("total tahun lalu")
        verbose_name_plural = _("total tahun lalu")
        ordering = ["unit", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "quarter"], name="prior_totals_unique"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="prior_totals_quarter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} TW {self.quarter}"

    def lock_period(self) -> Period | None:
        """Last year's figure of a quarter: shown from that quarter of the next year on."""
        if not (self.unit_id and self.year and self.quarter):
            return None
        return Period(self.unit_id, self.year, self.quarter)


def sniff_image(content: bytes) -> str | None:
    """The MIME type of a PNG or JPEG image read from its bytes (never from its name), or
    None when it is neither or cannot be decoded."""
    from io import BytesIO

    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(content)) as img:
            img.verify()
            return ORG_CHART_TYPES.get(img.format or "")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None


class OrganisationChart(TimeStampedModel):
    """The unit's organisation chart for a year (Gambar 1.1 of the report), kept as an image."""

    unit = models.ForeignKey(WorkUnit, verbose_name=_("unit kerja"), on_delete=models.CASCADE)
    year = models.PositiveIntegerField(_("tahun"))
    content = models.BinaryField(_("gambar"))
    content_type = models.CharField(_("jenis berkas"), max_length=20)
    filename = models.CharField(_("nama berkas"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("struktur organisasi")
        verbose_name_plural = _("struktur organisasi")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="org_chart_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"

    def lock_period(self) -> Period | None:
        """The whole year: every quarter's report prints the chart (Gambar 1.1)."""
        if not (self.unit_id and self.year):
            return None
        return Period(self.unit_id, self.year, next_year=False)

    def clean(self) -> None:
        content = bytes(self.content or b"")
        if len(content) > ORG_CHART_MAX_BYTES:
            raise ValidationError(
                {"content": _("Berkas struktur organisasi terlalu besar (maksimum 2 MB).")}
            )
        kind = sniff_image(content)
        if kind is None:
            raise ValidationError(
                {"content": _("Berkas struktur organisasi harus berupa gambar PNG atau JPEG.")}
            )
        self.content_type = kind
