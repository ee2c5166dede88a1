"""Data that parameterises the calculations and that an administrator may edit when a
regulation changes (category bands of IKM, IPP and SAKIP)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history import register as register_history


class CategoryBand(models.Model):
    """One band of a rating scheme: values in [lower, upper] (or (lower, upper]) get `code`."""

    class Scheme(models.TextChoices):
        IKM = "ikm", _("IKM (PermenPAN-RB 14/2017), nilai 1-4 (empat desimal)")
        IPP = "ipp", _("IPP (PermenPAN-RB 29/2022 jo. 4/2023), skala 0-5")
        SAKIP = "sakip", _("SAKIP (PermenPAN-RB 88/2021), skala 0-100")

    scheme = models.CharField(_("skema"), max_length=10, choices=Scheme.choices)
    lower = models.DecimalField(_("batas bawah"), max_digits=9, decimal_places=4)
    lower_inclusive = models.BooleanField(_("batas bawah termasuk"), default=True)
    upper = models.DecimalField(_("batas atas"), max_digits=9, decimal_places=4)
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


class FindingAcknowledgement(models.Model):
    """The head's acknowledgement of a consistency finding that stays in the data, with the
    reason: the finding no longer keeps the report a draft and is listed in the report's annex.
    A finding is identified by its fingerprint (code, subject and message), so a finding whose
    figures change is a new finding that needs a new acknowledgement."""

    unit = models.ForeignKey(
        "perkin.WorkUnit", verbose_name=_("unit kerja"), on_delete=models.CASCADE
    )
    year = models.PositiveIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"))
    fingerprint = models.CharField(_("sidik temuan"), max_length=64)
    code = models.CharField(_("kode temuan"), max_length=60)
    subject = models.CharField(_("subjek"), max_length=200)
    message = models.TextField(_("temuan"))
    reason = models.TextField(_("alasan"))
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterima oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("diterima pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("temuan yang diterima")
        verbose_name_plural = _("temuan yang diterima")
        ordering = ["unit", "year", "quarter", "acknowledged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "quarter", "fingerprint"], name="acknowledgement_unique"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="acknowledgement_quarter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} TW {self.quarter}: {self.code} {self.subject}"


class FinalVersion(models.Model):
    """A final version of a quarterly report: its PDF, workbook and JSON rendered once and kept
    unchanged (the SHA-256 of each file is stored beside it), numbered per quarter. The PDF
    carries an empty signature field; the signed PDF, once verified, is kept as the official
    report. Rows are never updated except to record that signed PDF once."""

    unit = models.ForeignKey(
        "perkin.WorkUnit", verbose_name=_("unit kerja"), on_delete=models.PROTECT
    )
    year = models.PositiveIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"))
    number = models.PositiveIntegerField(_("versi"))
    reason = models.TextField(_("alasan versi baru"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("difinalkan oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("difinalkan pada"))
    pdf = models.BinaryField(_("PDF"))
    pdf_sha256 = models.CharField(_("SHA-256 PDF"), max_length=64)
    xlsx = models.BinaryField(_("Excel"))
    xlsx_sha256 = models.CharField(_("SHA-256 Excel"), max_length=64)
    json = models.BinaryField(_("JSON"))
    json_sha256 = models.CharField(_("SHA-256 JSON"), max_length=64)
    acknowledged_count = models.PositiveIntegerField(_("temuan yang diterima"), default=0)
    signed_pdf = models.BinaryField(_("PDF bertanda tangan"), null=True, blank=True)
    signed_sha256 = models.CharField(_("SHA-256 PDF bertanda tangan"), max_length=64, blank=True)
    signer = models.CharField(_("penanda tangan"), max_length=300, blank=True)
    signed_at = models.DateTimeField(_("ditandatangani pada"), null=True, blank=True)
    signed_uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("versi final laporan")
        verbose_name_plural = _("versi final laporan")
        ordering = ["unit", "year", "quarter", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "quarter", "number"], name="final_version_unique"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="final_version_quarter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} TW {self.quarter} v{self.number}"

    @property
    def is_signed(self) -> bool:
        return bool(self.signed_sha256)


# who acknowledged which finding, and when it was withdrawn, stays on record
register_history(FindingAcknowledgement)
