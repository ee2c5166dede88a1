"""Facts of a period: monthly facts that may cover several months.

Facts that cover a period longer than a month (a year-end figure carried over from a
published report, an annual total of last year) keep the first month they cover in
``period_start_month``: the engine then knows a cumulative up to an earlier month is not
known, instead of treating it as zero.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from perkin.calendar import MONTH_CHOICES
from perkin.models import (
    TimeStampedModel,
    month_check,
    month_validators,
)

MONEY = {"max_digits": 18, "decimal_places": 0}


class PeriodFact(TimeStampedModel):
    """A monthly fact, possibly covering months period_start_month..month."""

    month = models.PositiveSmallIntegerField(
        _("bulan"), choices=MONTH_CHOICES, validators=month_validators
    )
    period_start_month = models.PositiveSmallIntegerField(
        _("mencakup sejak bulan"),
        choices=MONTH_CHOICES,
        validators=month_validators,
        help_text=_("Sama dengan bulan untuk data bulanan; lebih awal untuk angka akumulasi."),
    )
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    version = models.PositiveIntegerField(_("versi"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diubah oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.period_start_month is None:
            self.period_start_month = self.month
        super().save(*args, **kwargs)


def period_checks(prefix: str) -> list[models.CheckConstraint]:
    return [
        month_check("month", f"{prefix}_month_range"),
        month_check("period_start_month", f"{prefix}_period_start_range"),
        models.CheckConstraint(
            condition=Q(period_start_month__lte=F("month")), name=f"{prefix}_period_order"
        ),
        models.CheckConstraint(condition=Q(version__gte=1), name=f"{prefix}_version_min"),
    ]
