"""Shared pieces of the models: timestamps, decimal shapes, month and percentage checks."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from perkin.locks import ensure_period_open, periods_of

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

    @classmethod
    def from_db(cls, db, field_names, values):
        """Keeps the values a row was loaded with, so a save knows the period the row belonged
        to before it was edited without reading it again (perkin.locks.guard)."""
        instance = super().from_db(db, field_names, values)
        instance._loaded_values = dict(zip(field_names, values, strict=True))
        return instance

    def clean(self) -> None:
        """A row that a locked report shows is refused by every form, the admin's included
        (perkin.locks; the save and delete signals refuse it for every other writer)."""
        super().clean()
        if callable(getattr(self, "lock_period", None)) and self.edited():
            for period in periods_of(self):
                ensure_period_open(period)

    def edited(self) -> bool:
        """Is this a new row, or has a field changed since it was loaded? (An unchanged row of
        a locked period may stand in a form beside rows being edited.)"""
        loaded = getattr(self, "_loaded_values", None)
        if self._state.adding or loaded is None:
            return True
        return any(
            f.attname in loaded and getattr(self, f.attname) != loaded[f.attname]
            for f in self._meta.concrete_fields
            if f.attname not in ("created_at", "updated_at")
        )
