"""Shared pieces of the models: timestamps, decimal shapes, month and percentage checks."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

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
