"""The same quarter of last year, for the comparison every indicator ends with and for the
revenue and service totals.

When last year's agreement is in Perkin the figures are computed from its stored facts;
otherwise (a unit's first year here) they come from what was recorded by hand: the
indicator's quarter-end realisation and physical %, the PNBP and service totals per quarter,
and last year's evaluation scores (SAKIP, financial report, IPP, IKM).
"""

from __future__ import annotations

from decimal import Decimal

from perkin.models import Indicator, UnitEvaluation
from reports.calculations import methods
from reports.calculations.achievement import achievement_pct
from reports.calculations.rounding import round2
from reports.engine.facts import Facts
from reports.engine.results import IndicatorResult

Method = Indicator.Method
# The evaluation an indicator's realisation is read from, by the indicator's method; BSKJI's
# standard indicator "Nilai minimal laporan keuangan" is entered directly, so it is known by
# its name (as its supporting table is, see reports.pp39.document.SUPPORT_BY_NAME).
EVALUATION_BY_METHOD = {
    Method.COMPONENTS_SUM: UnitEvaluation.Kind.SAKIP,
    Method.WEIGHTED_INDEX: UnitEvaluation.Kind.IPP,
    Method.SURVEY_INDEX: UnitEvaluation.Kind.IKM,
}
EVALUATION_BY_NAME = [("laporan keuangan", UnitEvaluation.Kind.FINANCIAL_REPORT)]


def evaluation_kind(r: IndicatorResult) -> str | None:
    """The kind of unit evaluation the indicator's realisation is, if any."""
    if r.method in EVALUATION_BY_METHOD:
        return EVALUATION_BY_METHOD[r.method]
    name = r.name.lower()
    return next((kind for word, kind in EVALUATION_BY_NAME if word in name), None)


def evaluation_total(e: UnitEvaluation) -> Decimal | None:
    """An evaluation's score: the sum of its components where they are stored, else the
    stated total."""
    scores = [c.score for c in e.components.all()]
    computed = methods.components_sum(scores) if scores else None
    return computed if computed is not None else e.stated_total


def previous_year(indicators: list[IndicatorResult], facts: Facts, quarter: int) -> None:
    """Fills each indicator's previous_* fields with the same quarter of last year."""
    last = 3 * quarter
    by_code = {p.code: p for p in facts.previous_indicators}
    recorded = {p.code: p for p in facts.prior_indicators if p.quarter == quarter}
    evaluations = {e.kind: e for e in facts.previous_evaluations}
    for r in indicators:
        prev = by_code.get(r.code)
        if prev is not None:
            _from_perkin(r, prev, facts, last)
        elif r.code in recorded:
            row = recorded[r.code]
            r.previous_physical_pct = row.physical_pct
            r.previous_realisation = round2(row.realisation)
        kind = evaluation_kind(r)
        if r.previous_realisation is None and kind in evaluations:
            r.previous_realisation = round2(evaluation_total(evaluations[kind]))


def _from_perkin(r: IndicatorResult, prev: Indicator, facts: Facts, last: int) -> None:
    rows = {m.month: m for m in facts.realisations if m.indicator_id == prev.pk}
    if last in rows:
        r.previous_physical_pct = rows[last].physical_pct
    values = [
        rows[m].value_to_date
        for m in sorted(rows)
        if m <= last and rows[m].value_to_date is not None
    ]
    if values:
        r.previous_realisation = round2(values[-1])
        r.previous_achievement_pct = achievement_pct(
            r.previous_realisation, prev.target, prev.direction
        )


def recorded_totals(facts: Facts, quarter: int):
    """Last year's PNBP and service totals to the quarter's end as recorded by hand, or None."""
    return next((t for t in facts.prior_totals if t.quarter == quarter), None)


def absorption_target(facts: Facts, quarter: int):
    """The budget-absorption target set for the quarter's end: the unit's own, else its
    parent's (the echelon-I unit's), or None."""
    targets = [t for t in facts.absorption_targets if t.quarter == quarter]
    own = [t for t in targets if t.issuer_id == facts.unit.pk]
    return (own or targets or [None])[0]
