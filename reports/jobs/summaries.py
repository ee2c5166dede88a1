"""Per-unit summaries for the view across units: each unit's own figures of a quarter,
computed from its facts and stored with the data version they were computed from, so the
view reads one row per unit however many units there are."""

from __future__ import annotations

from decimal import Decimal

from perkin.models import WorkUnit
from reports.calculations.methods import components_sum
from reports.engine.facts import fetch_facts_many
from reports.engine.report import report_from_facts
from reports.engine.versions import version_keys
from reports.models import UnitSummary

BATCH = 100  # units whose facts are loaded together (a fixed number of queries per batch)
FIGURES = [
    "data_version",
    "indicators",
    "achieved",
    "average_achievement_pct",
    "median_achievement_pct",
    "capped_mean_achievement_pct",
    "spending_pct",
    "revenue_growth_pct",
    "sakip",
    "financial",
]


def _evaluation_totals(facts) -> tuple[Decimal | None, Decimal | None]:
    """The unit's SAKIP total (its components' sum, else the stated total) and its
    financial-report score, as tables 3.17 and 3.18 print them."""
    sakip = financial = None
    for e in facts.evaluations:
        if e.unit_id != facts.unit.pk:
            continue
        if e.kind == "sakip":
            scores = [c.score for c in e.components.all()]
            total = components_sum(scores) if scores else None
            sakip = total if total is not None else e.stated_total
        elif e.kind == "financial_report":
            financial = e.stated_total
    return sakip, financial


def compute_summaries(units: list[WorkUnit], year: int, quarter: int) -> list[UnitSummary]:
    """Computes and stores the summaries of (unit, year, quarter) for the units, in batches;
    each is stored under the data version read before its facts."""
    out: list[UnitSummary] = []
    for start in range(0, len(units), BATCH):
        batch = units[start : start + BATCH]
        keys = version_keys(batch, year, quarter)
        facts = fetch_facts_many(batch, year, full=False)
        rows = []
        for unit in batch:
            report = report_from_facts(facts[unit.pk], quarter)
            sakip, financial = _evaluation_totals(facts[unit.pk])
            fair = report.achievement_summary
            rows.append(
                UnitSummary(
                    unit=unit,
                    year=year,
                    quarter=quarter,
                    data_version=keys[unit.pk],
                    indicators=len(report.indicators),
                    achieved=report.achieved_count,
                    average_achievement_pct=report.average_achievement_pct,
                    median_achievement_pct=fair.median_pct,
                    capped_mean_achievement_pct=fair.capped_mean_pct,
                    spending_pct=report.budget.spending_pct if report.budget else None,
                    revenue_growth_pct=report.revenue.growth_pct,
                    sakip=sakip,
                    financial=financial,
                )
            )
        UnitSummary.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["unit", "year", "quarter"],
            update_fields=[*FIGURES, "computed_at"],
        )
        out += rows
    return out


def refresh_stale(units: list[WorkUnit], year: int, quarter: int) -> int:
    """Recomputes the stored summaries of (year, quarter) whose facts changed; returns how many."""
    keys = version_keys(units, year, quarter)
    stored = dict(
        UnitSummary.objects.filter(unit__in=units, year=year, quarter=quarter).values_list(
            "unit_id", "data_version"
        )
    )
    stale = [u for u in units if u.pk in stored and stored[u.pk] != keys[u.pk]]
    compute_summaries(stale, year, quarter)
    return len(stale)
