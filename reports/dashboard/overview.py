"""The view across units: every unit under an echelon-I parent side by side (tables 3.17 and
3.18 plus the units' own figures), read from the stored per-unit summaries (reports.jobs):
one row per unit whatever the number of units. A summary whose facts changed is recomputed
here when the queue runs inline (no broker), and otherwise shown as stored while the queue
refreshes it; a missing one is computed here, the stale ones together."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from perkin.models import WorkUnit
from reports.calculations.categories import classify
from reports.calculations.ranking import competition_rank
from reports.engine.facts import category_bands
from reports.engine.versions import version_keys
from reports.jobs.queue import request_summary_refresh, runs_inline
from reports.jobs.summaries import FIGURES, compute_summaries
from reports.models import UnitSummary

OWN = [f for f in FIGURES if f != "data_version"]


@dataclass
class UnitSummaryRow:
    unit: WorkUnit
    indicators: int
    achieved: int
    average_achievement_pct: Decimal | None
    median_achievement_pct: Decimal | None
    capped_mean_achievement_pct: Decimal | None
    spending_pct: Decimal | None
    revenue_growth_pct: Decimal | None
    sakip: Decimal | None
    sakip_category: str
    sakip_rank: int | None
    financial: Decimal | None
    financial_rank: int | None
    refreshing: bool = False  # stored figures shown while the queue recomputes them


def _own_figures(
    units: list[WorkUnit], year: int, quarter: int, keys: dict[int, str] | None = None
) -> tuple[dict, set[int]]:
    """Each unit's stored figures of the quarter and the ids of those being refreshed (two
    queries when every summary is current, one when the units' version keys are given)."""
    keys = keys if keys is not None else version_keys(units, year, quarter)
    stored = {
        row["unit_id"]: row
        for row in UnitSummary.objects.filter(
            unit__in=[u.pk for u in units], year=year, quarter=quarter
        ).values("unit_id", *FIGURES)
    }
    stale = [u for u in units if u.pk in stored and stored[u.pk]["data_version"] != keys[u.pk]]
    missing = [u for u in units if u.pk not in stored]
    inline = runs_inline()
    refreshing: set[int] = set()
    if stale and not inline:
        request_summary_refresh([u.pk for u in stale])
        refreshing = {u.pk for u in stale}
    fresh = compute_summaries(missing + (stale if inline else []), year, quarter)
    for s in fresh:
        stored[s.unit_id] = {f: getattr(s, f) for f in FIGURES}
    return stored, refreshing


def units_overview(
    units: list[WorkUnit], year: int, quarter: int, keys: dict[int, str] | None = None
) -> list[UnitSummaryRow]:
    """The units' rows of (year, quarter), ranked within their kind; keys: their version keys
    (reports.engine.versions.version_keys), when already read."""
    own, refreshing = _own_figures(units, year, quarter, keys)
    sakip = {pk: row["sakip"] for pk, row in own.items() if row["sakip"] is not None}
    financial = {pk: row["financial"] for pk, row in own.items() if row["financial"] is not None}
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
        figures = {f: own[unit.pk][f] for f in OWN}
        band = classify(figures["sakip"], sakip_bands)
        out.append(
            UnitSummaryRow(
                unit=unit,
                **figures,
                sakip_category=band.code if band else "",
                sakip_rank=sakip_rank.get(unit.pk),
                financial_rank=financial_rank.get(unit.pk),
                refreshing=unit.pk in refreshing,
            )
        )
    return out
