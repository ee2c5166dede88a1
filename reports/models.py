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
    """A counter per unit and period, raised in the same transaction as any change to a fact
    dated in that period (see reports.engine.versions): ``quarter`` 1..4 for facts of a month
    or quarter, 0 for facts of the whole year; ``year`` 0 for facts of the unit itself; the one
    row without a unit stands for facts of every unit (category bands). A rendered report is
    valid while the rows its period reads are unchanged, however old it is."""

    # no constraint: a deletion cascading through a unit's facts raises its versions while the
    # unit is being deleted; the rows of a deleted unit are never read again
    unit = models.ForeignKey(
        "perkin.WorkUnit",
        verbose_name=_("unit kerja"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="data_versions",
        null=True,
        blank=True,
    )
    year = models.PositiveIntegerField(_("tahun"), default=0)
    quarter = models.PositiveSmallIntegerField(_("triwulan"), default=0)
    version = models.PositiveBigIntegerField(_("versi data"), default=1)

    class Meta:
        verbose_name = _("versi data")
        verbose_name_plural = _("versi data")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "quarter"], name="data_version_unique_period"
            ),
            models.UniqueConstraint(
                fields=["year", "quarter"],
                condition=Q(unit__isnull=True),
                name="data_version_unique_global",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id or '*'} {self.year}/{self.quarter}: {self.version}"


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


class ReportJob(models.Model):
    """One rendering of a report file for (unit, year, quarter, format) from the facts of one
    data version: asking twice for the same file finds the same job."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("menunggu antrean")
        RUNNING = "running", _("sedang disusun")
        DONE = "done", _("siap diunduh")
        FAILED = "failed", _("gagal")

    class Reason(models.TextChoices):
        ASKED = "asked", _("diminta pengguna")
        LOCKED = "locked", _("triwulan dikunci")
        BATCH = "batch", _("penyusunan ulang massal")
        FINAL = "final", _("versi final")

    unit = models.ForeignKey(
        "perkin.WorkUnit", verbose_name=_("unit kerja"), on_delete=models.CASCADE
    )
    year = models.PositiveIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"))
    fmt = models.CharField(_("format"), max_length=10)
    data_version = models.CharField(_("versi data"), max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    reason = models.CharField(_("alasan"), max_length=10, choices=Reason.choices)
    error = models.TextField(_("galat"), blank=True)
    created_at = models.DateTimeField(_("diminta"), auto_now_add=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("tugas berkas laporan")
        verbose_name_plural = _("tugas berkas laporan")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "quarter", "fmt", "data_version"],
                name="report_job_unique_version",
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="report_job_status")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year} TW {self.quarter} {self.fmt}: {self.status}"


class UnitSummary(models.Model):
    """A unit's own figures of a quarter for the view across units, kept current by the job
    queue and valid while ``data_version`` (the versions of the facts behind it) stands."""

    unit = models.ForeignKey(
        "perkin.WorkUnit",
        verbose_name=_("unit kerja"),
        on_delete=models.CASCADE,
        related_name="summaries",
    )
    year = models.PositiveIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"))
    data_version = models.CharField(_("versi data"), max_length=64)
    indicators = models.PositiveIntegerField(_("indikator"))
    achieved = models.PositiveIntegerField(_("tercapai"))
    average_achievement_pct = models.DecimalField(
        _("rata-rata capaian (%)"), max_digits=20, decimal_places=6, null=True
    )
    median_achievement_pct = models.DecimalField(
        _("median capaian (%)"), max_digits=20, decimal_places=6, null=True
    )
    capped_mean_achievement_pct = models.DecimalField(
        _("rata-rata capaian dengan batas (%)"), max_digits=20, decimal_places=6, null=True
    )
    spending_pct = models.DecimalField(
        _("realisasi anggaran (%)"), max_digits=20, decimal_places=6, null=True
    )
    revenue_growth_pct = models.DecimalField(
        _("pertumbuhan PNBP (%)"), max_digits=20, decimal_places=6, null=True
    )
    sakip = models.DecimalField(_("nilai SAKIP"), max_digits=20, decimal_places=6, null=True)
    financial = models.DecimalField(
        _("nilai laporan keuangan"), max_digits=20, decimal_places=6, null=True
    )
    computed_at = models.DateTimeField(_("dihitung"), auto_now=True)

    class Meta:
        verbose_name = _("ringkasan unit")
        verbose_name_plural = _("ringkasan unit")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "quarter"], name="unit_summary_unique_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year} TW {self.quarter}"


# who acknowledged which finding, and when it was withdrawn, stays on record
register_history(FindingAcknowledgement)
