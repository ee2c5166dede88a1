"""Deadlines of the quarterly report a unit sets (else the default of perkin.entry.deadlines)
and the reminders already sent, so a reminder job run twice a day sends each one once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from perkin.calendar import QUARTER_CHOICES
from perkin.models.base import TimeStampedModel
from perkin.models.units import WorkUnit


class QuarterDeadline(TimeStampedModel):
    """The date a unit's report of a quarter is due, when it is not the default."""

    unit = models.ForeignKey(
        WorkUnit, verbose_name=_("unit kerja"), on_delete=models.CASCADE, related_name="deadlines"
    )
    year = models.PositiveIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=QUARTER_CHOICES)
    due_on = models.DateField(_("batas waktu"))
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditetapkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("batas waktu triwulan")
        verbose_name_plural = _("batas waktu triwulan")
        ordering = ["unit", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "quarter"], name="deadline_unique"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="deadline_quarter_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} TW {self.quarter}: {self.due_on:%d-%m-%Y}"


class ReminderSent(models.Model):
    """One reminder (or head's digest) e-mailed to a user about a quarter on a day."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Pengingat")
        DIGEST = "digest", _("Ringkasan untuk kepala")

    unit = models.ForeignKey(WorkUnit, verbose_name=_("unit kerja"), on_delete=models.CASCADE)
    year = models.PositiveIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=QUARTER_CHOICES)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penerima"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    sent_on = models.DateField(_("tanggal kirim"))
    sent_at = models.DateTimeField(_("waktu kirim"), auto_now_add=True)

    class Meta:
        verbose_name = _("pengingat terkirim")
        verbose_name_plural = _("pengingat terkirim")
        ordering = ["-sent_on", "unit", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "quarter", "user", "kind", "sent_on"],
                name="reminder_once_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit} {self.year} TW {self.quarter} -> {self.user}"
