"""Non-tax revenue (PNBP): lines, yearly targets and receipts; service outputs by kind."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from budget.models.base import MONEY, PeriodFact, period_checks
from perkin.locks import Period, month_period
from perkin.models import (
    TimeStampedModel,
    WorkUnit,
)


class RevenueLine(TimeStampedModel):
    """A kind of non-tax revenue (PNBP) of a unit, grouped as tables 2.6 and 3.7."""

    unit = models.ForeignKey(
        WorkUnit,
        verbose_name=_("unit kerja"),
        on_delete=models.CASCADE,
        related_name="revenue_lines",
    )
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("jenis penerimaan"), max_length=200)
    group_number = models.PositiveSmallIntegerField(_("nomor kelompok"), null=True, blank=True)
    group_name = models.CharField(_("kelompok"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    is_refund_line = models.BooleanField(_("baris pengembalian"), default=False)

    class Meta:
        verbose_name = _("jenis PNBP")
        verbose_name_plural = _("jenis PNBP")
        ordering = ["unit", "order"]
        constraints = [models.UniqueConstraint(fields=["unit", "code"], name="revenue_line_unique")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Whether a line holds refunds decides the sign of every receipt on it, so it cannot
        change once the line has receipts."""
        super().clean()
        if self.pk is None:
            return
        stored = RevenueLine.objects.filter(pk=self.pk).values_list("is_refund_line", flat=True)
        if stored and stored[0] != self.is_refund_line and self.receipts.exists():
            raise ValidationError(
                {
                    "is_refund_line": _(
                        "Baris pengembalian tidak dapat diubah karena jenis ini sudah memiliki "
                        "penerimaan."
                    )
                }
            )

    def lock_period(self) -> list[Period] | None:
        """A line is printed in every report of a year it has a target or receipts in, so its
        name and group are frozen while one of those reports is locked."""
        if self.pk is None or not self.unit_id:
            return None
        years = set(self.targets.values_list("year", flat=True))
        years |= set(self.receipts.values_list("year", flat=True))
        return [Period(self.unit_id, y) for y in sorted(years)]


class RevenueTarget(TimeStampedModel):
    line = models.ForeignKey(
        RevenueLine, verbose_name=_("jenis PNBP"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveIntegerField(_("tahun"))
    amount = models.DecimalField(_("target (Rp)"), **MONEY)

    class Meta:
        verbose_name = _("target PNBP")
        verbose_name_plural = _("target PNBP")
        ordering = ["line", "year"]
        constraints = [
            models.UniqueConstraint(fields=["line", "year"], name="revenue_target_unique"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="revenue_target_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.line} {self.year}: {self.amount}"

    def lock_period(self) -> Period | None:
        """The whole year: every quarter's report shows the revenue target."""
        if not (self.line_id and self.year):
            return None
        return Period(self.line.unit_id, self.year)


class RevenueReceipt(PeriodFact):
    """PNBP received on a line in a month. A refund is its own row on the unit's refund line
    (``RevenueLine.is_refund_line``): a negative amount marked as such, never a replacement of
    a month's receipt on another line."""

    line = models.ForeignKey(
        RevenueLine, verbose_name=_("jenis PNBP"), on_delete=models.CASCADE, related_name="receipts"
    )
    year = models.PositiveIntegerField(_("tahun"))
    amount = models.DecimalField(_("jumlah (Rp)"), **MONEY)
    is_refund = models.BooleanField(_("pengembalian"), default=False)
    history = HistoricalRecords(verbose_name=_("riwayat penerimaan PNBP"))

    class Meta:
        verbose_name = _("penerimaan PNBP")
        verbose_name_plural = _("penerimaan PNBP")
        ordering = ["line", "year", "month"]
        constraints = [
            models.UniqueConstraint(fields=["line", "year", "month"], name="receipt_unique"),
            models.CheckConstraint(
                condition=Q(amount__gte=0) | Q(is_refund=True),
                name="receipt_negative_only_refund",
            ),
            models.CheckConstraint(
                condition=Q(is_refund=False) | Q(amount__lte=0),
                name="receipt_refund_not_positive",
            ),
            *period_checks("receipt"),
        ]

    def __str__(self) -> str:
        return f"{self.line} {self.year}-{self.month:02d}: {self.amount}"

    def clean(self) -> None:
        """A receipt is a refund exactly when its line is the refund line (the admin's check;
        the entry page and the workbook take the mark from the line)."""
        super().clean()
        if self.line_id and self.is_refund != self.line.is_refund_line:
            raise ValidationError(
                {
                    "is_refund": _(
                        "Pengembalian dicatat pada baris pengembalian; baris '%(line)s' %(what)s."
                    )
                    % {
                        "line": self.line.name,
                        "what": _("adalah baris pengembalian")
                        if self.line.is_refund_line
                        else _("bukan baris pengembalian"),
                    }
                }
            )

    def lock_period(self) -> Period | None:
        """From the first month the receipt covers."""
        if not (self.line_id and self.year and (self.period_start_month or self.month)):
            return None
        return month_period(self.line.unit_id, self.year, self.period_start_month or self.month)


class ServiceKind(TimeStampedModel):
    """A kind of service output counted in its own unit (LHU, certificates, trainees...)."""

    unit = models.ForeignKey(
        WorkUnit,
        verbose_name=_("unit kerja"),
        on_delete=models.CASCADE,
        related_name="service_kinds",
    )
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("jenis layanan jasa"), max_length=200)
    unit_of_measure = models.CharField(_("satuan"), max_length=100)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("jenis layanan jasa")
        verbose_name_plural = _("jenis layanan jasa")
        ordering = ["unit", "order"]
        constraints = [models.UniqueConstraint(fields=["unit", "code"], name="service_kind_unique")]

    def __str__(self) -> str:
        return self.name

    def lock_period(self) -> list[Period] | None:
        """A kind is printed in every report of a year it has outputs in (see RevenueLine)."""
        if self.pk is None or not self.unit_id:
            return None
        years = sorted(set(self.outputs.values_list("year", flat=True)))
        return [Period(self.unit_id, y) for y in years]


class ServiceOutput(PeriodFact):
    kind = models.ForeignKey(
        ServiceKind,
        verbose_name=_("jenis layanan"),
        on_delete=models.CASCADE,
        related_name="outputs",
    )
    year = models.PositiveIntegerField(_("tahun"))
    count = models.PositiveIntegerField(_("jumlah"))
    history = HistoricalRecords(verbose_name=_("riwayat hasil layanan"))

    class Meta:
        verbose_name = _("hasil layanan jasa")
        verbose_name_plural = _("hasil layanan jasa")
        ordering = ["kind", "year", "month"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "month"], name="service_output_unique"),
            *period_checks("service_output"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}-{self.month:02d}: {self.count}"

    def lock_period(self) -> Period | None:
        """From the first month the count covers."""
        if not (self.kind_id and self.year and (self.period_start_month or self.month)):
            return None
        return month_period(self.kind.unit_id, self.year, self.period_start_month or self.month)
