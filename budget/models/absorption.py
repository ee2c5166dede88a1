"""Budget-absorption targets set from above: the echelon-I unit gives its units a target
share of the pagu to be spent by the end of each quarter (2024: 98,40 % at the year's end for
BSKJI). Dated data, because the targets change by year and by regulation."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from perkin.calendar import QUARTER_CHOICES
from perkin.locks import Period
from perkin.models import WorkUnit


class AbsorptionTarget(models.Model):
    """The target absorption (% of the pagu spent) by the end of a quarter, for every unit
    under ``issuer`` (usually the echelon-I unit)."""

    issuer = models.ForeignKey(
        WorkUnit,
        verbose_name=_("unit penetap target"),
        on_delete=models.CASCADE,
        related_name="absorption_targets",
    )
    year = models.PositiveIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=QUARTER_CHOICES)
    target_pct = models.DecimalField(_("target penyerapan (%)"), max_digits=5, decimal_places=2)
    basis = models.CharField(_("dasar penetapan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("target penyerapan anggaran")
        verbose_name_plural = _("target penyerapan anggaran")
        ordering = ["issuer", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "quarter"], name="absorption_target_unique"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="absorption_target_quarter"
            ),
            models.CheckConstraint(
                condition=Q(target_pct__gte=0, target_pct__lte=100),
                name="absorption_target_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.year} TW {self.quarter}: {self.target_pct}%"

    def lock_period(self) -> list[Period] | None:
        """Every unit under the issuer prints the target from that quarter of the year on."""
        if not (self.issuer_id and self.year and self.quarter):
            return None
        units = [
            self.issuer_id,
            *WorkUnit.objects.filter(parent_id=self.issuer_id).values_list("pk", flat=True),
        ]
        return [Period(u, self.year, self.quarter, next_year=False) for u in units]
