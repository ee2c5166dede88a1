"""A finding of the consistency check, and helpers the checks share."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from reports.calculations.rounding import round2
from reports.engine.findings import ERROR, WARNING, Finding

__all__ = ["ERROR", "WARNING", "Finding", "published", "same"]

if TYPE_CHECKING:
    from reports.engine.report import QuarterlyReport


def published(report: QuarterlyReport, key: str):
    return [
        p
        for p in report.facts.published
        if p.quarter == report.quarter and p.key == key and p.value is not None
    ]


def same(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return round2(a) == round2(b)
