"""Work units, their teams and who belongs where in what role."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from perkin.models.base import TimeStampedModel


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
