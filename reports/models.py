"""Data that parameterises the calculations and that an administrator may edit when a
regulation changes (category bands of IKM, IPP and SAKIP)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class CategoryBand(models.Model):
    """One band of a rating scheme: values in [lower, upper] (or (lower, upper]) get `code`."""

    class Scheme(models.TextChoices):
        IKM = "ikm", _("IKM (PermenPAN-RB 14/2017), nilai konversi 25-100")
        IPP = "ipp", _("IPP (PermenPAN-RB 29/2022 jo. 4/2023), skala 0-5")
        SAKIP = "sakip", _("SAKIP (PermenPAN-RB 88/2021), skala 0-100")

    scheme = models.CharField(_("skema"), max_length=10, choices=Scheme.choices)
    lower = models.DecimalField(_("batas bawah"), max_digits=7, decimal_places=2)
    lower_inclusive = models.BooleanField(_("batas bawah termasuk"), default=True)
    upper = models.DecimalField(_("batas atas"), max_digits=7, decimal_places=2)
    code = models.CharField(_("kategori"), max_length=5)
    label = models.CharField(_("predikat"), max_length=80, blank=True)
    regulation = models.CharField(_("dasar peraturan"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("kategori penilaian")
        verbose_name_plural = _("kategori penilaian")
        ordering = ["scheme", "lower"]
        constraints = [
            models.CheckConstraint(condition=Q(lower__lte=F("upper")), name="band_order"),
            models.UniqueConstraint(fields=["scheme", "lower"], name="band_unique_lower"),
        ]

    def __str__(self) -> str:
        return f"{self.get_scheme_display()}: {self.code}"


class ReportCache(models.Model):
    """A rendered report file, valid while the data version it was rendered from is current."""

    unit_code = models.CharField(max_length=40)
    year = models.PositiveIntegerField()
    quarter = models.PositiveSmallIntegerField()
    fmt = models.CharField(max_length=10)
    data_version = models.CharField(max_length=64)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cache laporan")
        verbose_name_plural = _("cache laporan")
        constraints = [
            models.UniqueConstraint(
                fields=["unit_code", "year", "quarter", "fmt"], name="report_cache_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_code} {self.year} TW {self.quarter} {self.fmt}"


class DataVersion(models.Model):
    """A counter per unit, raised in the same transaction as any change to a fact of the unit
    (see reports.engine.versions). A rendered report is valid while the versions it was keyed on are
    unchanged, however old it is."""

    unit = models.OneToOneField(
        "perkin.WorkUnit",
        verbose_name=_("unit kerja"),
        on_delete=models.CASCADE,
        related_name="data_version",
    )
    version = models.PositiveBigIntegerField(_("versi data"), default=1)

    class Meta:
        verbose_name = _("versi data")
        verbose_name_plural = _("versi data")

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.version}"
