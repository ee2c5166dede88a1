"""Consistency checks over the stored facts of a quarterly report.

Each finding says, in Indonesian, which stated value contradicts what its inputs compute.
The report itself always prints the computed value; the planner sees the findings before
exporting and decides what to correct.
"""

from __future__ import annotations

from perkin.models import WorkUnit
from reports.checks.base import ERROR, WARNING, Finding
from reports.checks.budget import budget_checks
from reports.checks.indicators import indicator_checks
from reports.checks.money import evaluation_checks, revenue_checks, service_checks
from reports.checks.texts import text_checks
from reports.engine.report import QuarterlyReport, compute_report

__all__ = ["ERROR", "WARNING", "Finding", "build_quarterly_report", "run_checks"]


def build_quarterly_report(
    unit: WorkUnit,
    year: int,
    quarter: int,
    *,
    full: bool = True,
    narratives: bool | None = None,
    with_checks: bool = True,
) -> QuarterlyReport:
    """The computed quarterly report of (unit, year, quarter) with its consistency findings:
    what every page and export renders (see reports.engine.facts for full and narratives)."""
    report = compute_report(unit, year, quarter, full=full, narratives=narratives)
    if with_checks:
        report.checks = run_checks(report)
    return report


def run_checks(report: QuarterlyReport) -> list[Finding]:
    """Returns the findings for the report's stored facts, most serious first."""
    out: list[Finding] = []
    out += indicator_checks(report)
    out += budget_checks(report)
    out += revenue_checks(report)
    out += service_checks(report)
    out += evaluation_checks(report)
    out += text_checks(report)
    out.sort(key=lambda f: (f.severity != ERROR,))
    return out
