"""The view across units: every unit under an echelon-I parent side by side (tables 3.17 and
3.18 plus the units' own figures), with a fixed number of queries whatever the unit count.
A unit's own figures are cached under its data version, so only changed units are recomputed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache

from perkin.models import UnitEvaluation, WorkUnit
from reports.calculations.categories import classify
from reports.calculations.methods import components_sum
from reports.calculations.ranking import competition_rank
from reports.engine.facts import category_bands, fetch_facts_many
from reports.engine.report import report_from_facts
from reports.models import DataVersion


@dataclass
class UnitSummary:
    unit: WorkUnit
    indicators: int
    achieved: int
    average_achievement_pct: Decimal | None
    spending_pct: Decimal | None
    revenue_growth_pct: Decimal | None
    sakip: Decimal | None
    sakip_category: str
    sakip_rank: int | None
    financial: Decimal | None
    financial_rank: int | None


CACHE_PREFIX = "perkin:overview:v1"


def _own_figures(units: list[WorkUnit], year: int, quarter: int) -> dict[int, dict]:
    """Each unit's achievement, absorption and revenue growth for the quarter, reused from the
    cache while the unit's data version is unchanged; the stale units are computed together
    (one fixed set of queries however many are stale)."""
    versions = dict(DataVersion.objects.filter(unit__in=units).values_list("unit_id", "version"))
    keys = {u.pk: f"{CACHE_PREFIX}:{u.pk}:{year}:{quarter}:{versions.get(u.pk, 0)}" for u in units}
    cached = cache.get_many(list(keys.values()))
    out = {pk: cached[key] for pk, key in keys.items() if key in cached}
    stale = [u for u in units if u.pk not in out]
    if stale:
        facts = fetch_facts_many(stale, year, full=False)
        fresh = {}
        for unit in stale:
            report = report_from_facts(facts[unit.pk], quarter)
            fresh[unit.pk] = {
                "indicators": len(report.indicators),
                "achieved": report.achieved_count,
                "average_achievement_pct": report.average_achievement_pct,
                "spending_pct": report.budget.spending_pct if report.budget else None,
                "revenue_growth_pct": report.revenue.growth_pct,
            }
        cache.set_many({keys[pk]: value for pk, value in fresh.items()}, timeout=7 * 24 * 3600)
        out.update(fresh)
    return out


def units_overview(units: list[WorkUnit], year: int, quarter: int) -> list[UnitSummary]:
    own = _own_figures(units, year, quarter)
    evaluations = UnitEvaluation.objects.filter(
        unit__in=units, year=year, kind__in=["sakip", "financial_report"]
    ).prefetch_related("components")
    sakip: dict[int, Decimal | None] = {}
    financial: dict[int, Decimal | None] = {}
    for e in evaluations:
        if e.kind == "sakip":
            scores = [c.score for c in e.components.all()]
            total = components_sum(scores) if scores else None
            sakip[e.unit_id] = total if total is not None else e.stated_total
        else:
            financial[e.unit_id] = e.stated_total
    sakip_bands = [b for b in category_bands() if b.scheme == "sakip"]
    # ranked within the kind of unit, as tables 3.17 and 3.18 rank offices and large offices
    sakip_rank: dict[int, int] = {}
    financial_rank: dict[int, int] = {}
    for kind in {u.kind for u in units}:
        ids = {u.pk for u in units if u.kind == kind}
        sakip_rank |= competition_rank({k: v for k, v in sakip.items() if k in ids})
        financial_rank |= competition_rank({k: v for k, v in financial.items() if k in ids})
    out = []
    for unit in units:
        band = classify(sakip.get(unit.pk), sakip_bands)
        out.append(
            UnitSummary(
                unit=unit,
                **own[unit.pk],
                sakip=sakip.get(unit.pk),
                sakip_category=band.code if band else "",
                sakip_rank=sakip_rank.get(unit.pk),
                financial=financial.get(unit.pk),
                financial_rank=financial_rank.get(unit.pk),
            )
        )
    return out
