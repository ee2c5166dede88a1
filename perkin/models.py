"""The performance agreement and its monitoring: units, goals, indicators, the action plan,
monthly realisations and the supporting rows each realisation method needs.

Per-row facts live here; figures that combine rows are computed in ``reports.calculations``.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from perkin.calendar import MONTH_CHOICES, QUARTER_CHOICES, ROMAN
from perkin.locks import ensure_months_open

PCT = {"max_digits": 7, "decimal_places": 2}
VALUE = {"max_digits": 16, "decimal_places": 4}
month_validators = [MinValueValidator(1), MaxValueValidator(12)]
pct_validators = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


def month_check(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 1, f"{field}__lte": 12}), name=name
    )


def pct_check(field: str, name: str, upper: int = 100) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 0, f"{field}__lte": upper}), name=name
    )


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


class WorkUnit(TimeStampedModel):
    class Kind(models.TextChoices):
        ECHELON_I = "eselon1", _("Unit Eselon I")
        LARGE_OFFICE = "balai_besar", _("Balai Besar")
        OFFICE = "balai", _("Balai")
        CENTRE = "pusat", _("Pusat / Sekretariat")

    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("nama singkat"), max_length=80, blank=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices, default=Kind.OFFICE)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("unit induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    city = models.CharField(_("kota"), max_length=80, blank=True)
    province = models.CharField(_("provinsi"), max_length=80, blank=True)
    head_name = models.CharField(_("nama kepala"), max_length=120, blank=True)
    head_title = models.CharField(_("jabatan kepala"), max_length=200, blank=True)
    tasks_and_functions = models.TextField(_("tugas dan fungsi"), blank=True)
    background = models.TextField(_("latar belakang"), blank=True)
    organisation = models.TextField(_("struktur organisasi"), blank=True)
    staff_summary = models.TextField(_("ringkasan pegawai"), blank=True)
    facilities = models.TextField(_("sarana dan peran"), blank=True)
    is_synthetic = models.BooleanField(_("data sintetis"), default=False)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Team(TimeStampedModel):
    unit = models.ForeignKey(
        WorkUnit, verbose_name=_("unit kerja"), on_delete=models.CASCADE, related_name="teams"
    )
    name = models.CharField(_("nama tim"), max_length=120)

    class Meta:
        verbose_name = _("tim")
        verbose_name_plural = _("tim")
        ordering = ["unit", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="team_unique_name")]

    def __str__(self) -> str:
        return self.name


class UnitMembership(TimeStampedModel):
    """Which unit a user belongs to and in what role; every access check starts here."""

    class Role(models.TextChoices):
        PLANNER = "planner", _("Perencana")
        PIC = "pic", _("PIC / ketua tim")
        HEAD = "head", _("Kepala unit")
        REVIEWER = "reviewer", _("Reviewer Eselon I")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="membership",
    )
    unit = models.ForeignKey(
        WorkUnit, verbose_name=_("unit kerja"), on_delete=models.CASCADE, related_name="members"
    )
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    team = models.ForeignKey(
        Team, verbose_name=_("tim"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("keanggotaan unit")
        verbose_name_plural = _("keanggotaan unit")

    def __str__(self) -> str:
        return f"{self.user} - {self.unit} ({self.get_role_display()})"


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

    def clean(self) -> None:
        if self.indicator_id:
            agreement = self.indicator.goal.agreement
            ensure_months_open(agreement.unit_id, agreement.year, [self.month])


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


# --- Supporting rows of the realisation methods -------------------------------------------


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

    def clean(self) -> None:
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
