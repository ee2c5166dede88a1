"""The computed report as JSON for other tools: decimals as strings with a '.' decimal point
(2 decimals for percentages and indices, whole rupiah for money); a missing value is null."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING

from reports.calculations.rounding import round2, round_money
from reports.exporters.base import Exporter, register

if TYPE_CHECKING:
    from reports.engine.report import QuarterlyReport


def d2(value: Decimal | None) -> str | None:
    return None if value is None else f"{round2(value):.2f}"


def money(value: Decimal | None) -> str | None:
    return None if value is None else f"{round_money(value):.0f}"


def report_as_dict(report: QuarterlyReport) -> dict:
    b = report.budget
    rev = report.revenue
    s = report.services
    return {
        "unit": {"code": report.unit.code, "name": report.unit.name},
        "year": report.year,
        "quarter": report.quarter,
        "months": report.months,
        "indicators": [
            {
                "code": i.code,
                "goal": i.goal_roman,
                "goal_text": i.goal_text,
                "name": i.name,
                "target": d2(i.target),
                "unit": i.unit,
                "direction": i.direction,
                "method": i.method,
                "realisation": d2(i.realisation),
                "achievement_pct": d2(i.achievement_pct),
                "achieved": i.achieved,
                "physical_target_pct": d2(i.physical_target_pct),
                "physical_realised_pct": d2(i.physical_realised_pct),
                "category": i.category_code or None,
                "previous_year": {
                    "realisation": d2(i.previous_realisation),
                    "physical_pct": d2(i.previous_physical_pct),
                    "achievement_pct": d2(i.previous_achievement_pct),
                },
            }
            for i in report.indicators
        ],
        "summary": {
            "indicators": len(report.indicators),
            "measured": report.measured_count,
            "achieved": report.achieved_count,
            "average_achievement_pct": d2(report.average_achievement_pct),
        },
        "budget": None
        if b is None
        else {
            "pagu": money(b.pagu),
            "initial_pagu": money(b.initial_pagu),
            "revision_count": b.revision_count,
            "spent": money(b.spent),
            "spending_pct": d2(b.spending_pct),
            "physical_pct": d2(b.physical_pct),
            "planned_financial_pct": d2(b.planned_financial_pct),
            "absorption_target_pct": d2(report.absorption_target_pct),
            "programmes": [
                {
                    "code": p.code,
                    "name": p.name,
                    "pagu": money(p.pagu),
                    "share_pct": d2(p.share_pct),
                    "weighted_spending_pct": d2(p.weighted_spending_pct),
                    "weighted_physical_pct": d2(p.weighted_physical_pct),
                }
                for p in b.programmes
            ],
            "outputs": [
                {
                    "code": o.code,
                    "full_code": o.short_code,
                    "name": o.name,
                    "pagu": money(o.pagu),
                    "spent": money(o.spent),
                    "spending_pct": d2(o.spending_pct),
                    "physical_pct": d2(o.physical_pct),
                }
                for o in b.outputs
            ],
            "revisions": [
                {
                    "number": r.number,
                    "date": r.date.isoformat(),
                    "authority": r.authority,
                    "pagu": money(r.pagu),
                }
                for r in b.revisions
            ],
            "spending_types": {row.category: money(row.amount) for row in b.spending_types},
            "funding_sources": {row.category: money(row.amount) for row in b.funding_sources},
        },
        "revenue": {
            "target": money(rev.target),
            "realisation": money(rev.realisation),
            "previous_year": money(rev.previous_year),
            "growth_pct": d2(rev.growth_pct),
            "target_achievement_pct": d2(rev.target_achievement_pct),
            "lines": [
                {
                    "code": ln.code,
                    "name": ln.name,
                    "target": money(ln.target),
                    "realisation": money(ln.realisation),
                    "previous_year": money(ln.previous_year),
                    "growth_pct": d2(ln.growth_pct),
                }
                for ln in rev.lines
            ],
        },
        "service_outputs": {
            "current": s.current,
            "previous_year": s.previous_year,
            "growth_pct": d2(s.growth_pct),
            "kinds": [
                {
                    "code": k.code,
                    "name": k.name,
                    "unit_of_measure": k.unit_of_measure,
                    "current": k.current,
                    "previous_year": k.previous_year,
                    "growth_pct": d2(k.growth_pct),
                }
                for k in s.kinds
            ],
        },
        "checks": [f.as_dict() for f in report.checks],
        "draft": report.is_draft,
        "open_errors": len(report.open_errors),
        "acknowledged": [
            {**f.as_dict(), "reason": a.reason} for f, a in report.acknowledged_findings
        ],
    }


@register
class JsonExporter(Exporter):
    identifier = "json"
    verbose_name = "JSON"
    extension = "json"
    content_type = "application/json"

    def render_bytes(self, report: QuarterlyReport) -> bytes:
        return json.dumps(report_as_dict(report), ensure_ascii=False, indent=2).encode("utf-8")
