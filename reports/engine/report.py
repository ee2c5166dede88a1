"""The computed quarterly report: one object from which the HTML page, the PDF, the workbook,
the JSON export and the dashboard are all rendered, so no number can differ between them.

Quarter q covers months up to 3q ("sampai Triwulan q"). Indicator physical progress is that of
month 3q against its interim target; money and counts are cumulative to month 3q.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from perkin.calendar import MONTHS, ROMAN, quarter_end
from perkin.models import Indicator, WorkUnit
from perkin.rules import first_decrease
from reports.calculations import methods
from reports.calculations.achievement import achievement_pct, is_achieved
from reports.calculations.categories import classify
from reports.calculations.ranking import competition_rank
from reports.calculations.rounding import round2
from reports.calculations.summary import AchievementSummary, summarise
from reports.engine import previous
from reports.engine.facts import Facts, fetch_facts
from reports.engine.findings import ERROR, Finding
from reports.engine.methods import Inputs, method_for
from reports.engine.money.dipa import BudgetResult, budget_result
from reports.engine.money.revenue import RevenueResult, revenue_result
from reports.engine.money.service_outputs import ServiceResult, services_result
from reports.engine.results import (  # noqa: F401 - part of this module's interface
    GoalResult,
    IndicatorResult,
    MeasurementRow,
    MonthRow,
    PeerRow,
    SimpleRow,
)


@dataclass
class QuarterlyReport:
    unit: WorkUnit
    year: int
    quarter: int
    indicators: list[IndicatorResult]
    goals: list[GoalResult]
    budget: BudgetResult | None
    revenue: RevenueResult
    services: ServiceResult
    sakip_peers: list[PeerRow]
    financial_peers: list[PeerRow]
    texts: dict[str, str]
    trainings: list
    staff: list
    locked: bool
    checks: list[Finding] = field(default_factory=list)
    facts: Facts | None = field(default=None, repr=False)
    # the echelon-I's budget-absorption target for the quarter's end (table 4.2, BAB IV)
    absorption_target_pct: Decimal | None = None
    absorption_target_basis: str = ""
    # the head's acknowledgements of findings of this unit and year (any quarter)
    acknowledgements: list = field(default_factory=list, repr=False)
    org_chart: object | None = field(default=None, repr=False)

    @property
    def quarter_roman(self) -> str:
        return ROMAN[self.quarter]

    @property
    def last_month(self) -> int:
        return 3 * self.quarter

    @property
    def months(self) -> list[int]:
        return [3 * self.quarter - 2, 3 * self.quarter - 1, 3 * self.quarter]

    @property
    def month_names(self) -> list[str]:
        return [MONTHS[m] for m in self.months]

    def acknowledgement_of(self, finding: Finding):
        """The head's acknowledgement of the finding for this quarter, or None."""
        fingerprint = finding.fingerprint
        return next(
            (
                a
                for a in self.acknowledgements
                if a.quarter == self.quarter and a.fingerprint == fingerprint
            ),
            None,
        )

    @property
    def open_errors(self) -> list[Finding]:
        """Error findings still open (neither fixed in the data nor acknowledged by the head
        with a reason): while any is, every export of the report is a draft (marked DRAF on
        each page, with an annex listing them)."""
        return [
            f for f in self.checks if f.severity == ERROR and self.acknowledgement_of(f) is None
        ]

    @property
    def acknowledged_findings(self) -> list[tuple[Finding, object]]:
        """(finding, acknowledgement) of the findings the head acknowledged (the annex)."""
        pairs = [(f, self.acknowledgement_of(f)) for f in self.checks]
        return [(f, a) for f, a in pairs if a is not None]

    @property
    def absorption_achieved(self) -> bool | None:
        """Whether the spending reached the echelon-I's absorption target (None: unknown)."""
        spent = self.budget.spending_pct if self.budget else None
        if spent is None or self.absorption_target_pct is None:
            return None
        return spent >= self.absorption_target_pct

    @property
    def is_draft(self) -> bool:
        return bool(self.open_errors)

    @property
    def achieved_count(self) -> int:
        return sum(1 for i in self.indicators if i.achieved)

    @property
    def measured_count(self) -> int:
        return sum(1 for i in self.indicators if i.achievement_pct is not None)

    @property
    def achievement_summary(self) -> AchievementSummary:
        """The fair headline: achieved count, median and capped mean (reports.calculations.
        summary), with the indicators whose achievement exceeds the cap."""
        return summarise(
            {i.code: i.achievement_pct for i in self.indicators if i.achievement_pct is not None}
        )

    @property
    def average_achievement_pct(self) -> Decimal | None:
        values = [i.achievement_pct for i in self.indicators if i.achievement_pct is not None]
        return round2(sum(values) / len(values)) if values else None


# --- builders ------------------------------------------------------------------------------


def compute_report(
    unit: WorkUnit, year: int, quarter: int, *, full: bool = True, narratives: bool | None = None
) -> QuarterlyReport:
    """Computes the quarterly report of (unit, year, quarter) from the stored facts (without
    the consistency findings: reports.checks.build_quarterly_report adds them)."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError("quarter must be 1..4")
    facts = fetch_facts(unit, year, full=full, narratives=narratives)
    return report_from_facts(facts, quarter)


def report_from_facts(facts: Facts, quarter: int) -> QuarterlyReport:
    """Computes the report from facts already fetched (one unit of a multi-unit fetch)."""
    unit, year = facts.unit, facts.year
    last = 3 * quarter
    recorded = previous.recorded_totals(facts, quarter)
    revenue = revenue_result(facts, year, last, recorded.revenue if recorded else None)
    services = services_result(facts, year, last, recorded.service_outputs if recorded else None)
    indicators = [
        _indicator(ind, facts, year, quarter, revenue, services) for ind in facts.indicators
    ]
    previous.previous_year(indicators, facts, quarter)
    absorption = previous.absorption_target(facts, quarter)
    goals: dict[int, GoalResult] = {}
    for r in indicators:
        goals.setdefault(r.goal_number, GoalResult(r.goal_number, r.goal_roman, r.goal_text, []))
        goals[r.goal_number].indicators.append(r)
    return QuarterlyReport(
        unit=unit,
        year=year,
        quarter=quarter,
        indicators=indicators,
        goals=list(goals.values()),
        budget=budget_result(facts, year, quarter),
        revenue=revenue,
        services=services,
        sakip_peers=_peers(facts, "sakip", quarter_end(year, quarter)),
        financial_peers=_peers(facts, "financial_report", quarter_end(year, quarter)),
        texts={t.key: t.text for t in facts.texts if t.quarter == quarter},
        trainings=[t for t in facts.trainings if t.start <= quarter_end(year, quarter)],
        staff=facts.staff,
        locked=any(lock.quarter == quarter and lock.locked for lock in facts.locks),
        facts=facts,
        absorption_target_pct=absorption.target_pct if absorption else None,
        absorption_target_basis=absorption.basis if absorption else "",
        acknowledgements=list(facts.acknowledgements),
        org_chart=facts.org_chart,
    )


def _indicator(
    ind: Indicator,
    facts: Facts,
    year: int,
    quarter: int,
    revenue: RevenueResult,
    services: ServiceResult,
) -> IndicatorResult:
    last = 3 * quarter
    r = IndicatorResult(
        pk=ind.pk,
        code=ind.code,
        goal_number=ind.goal.number,
        goal_roman=ind.goal.roman,
        goal_text=ind.goal.text,
        number=ind.number,
        name=ind.name,
        target=ind.target,
        unit=ind.unit,
        direction=ind.direction,
        method=ind.method,
        method_label=str(ind.get_method_display()),
        growth_basis=ind.growth_basis,
        definition=ind.definition,
        data_source=ind.data_source,
        team=ind.team.name if ind.team else "",
        team_id=ind.team_id,
    )
    plan = {s.month: s for s in facts.plan_steps if s.indicator_id == ind.pk}
    real = {m.month: m for m in facts.realisations if m.indicator_id == ind.pk}
    for month in range(1, 13):
        # the plan is dated at the start of the year; a realisation belongs to its month, so a
        # quarter's view never shows what was realised after its end
        step, rec = plan.get(month), real.get(month) if month <= last else None
        r.months.append(
            MonthRow(
                month=month,
                interim_target_pct=step.interim_target_pct if step else None,
                planned_activities=step.planned_activities if step else "",
                physical_pct=rec.physical_pct if rec else None,
                activities_done=rec.activities_done if rec else "",
                value_to_date=rec.value_to_date if rec else None,
                status=rec.status if rec else "",
                realisation_id=rec.pk if rec else None,
            )
        )
    steps = [(m.month, m.interim_target_pct) for m in r.months if m.interim_target_pct is not None]
    r.plan_cumulative = first_decrease(steps) is None
    r.physical_target_pct = r.months[last - 1].interim_target_pct if r.plan_cumulative else None
    r.physical_realised_pct = r.months[last - 1].physical_pct
    for row in reversed(r.months[:last]):
        if row.value_to_date is not None:
            r.last_value_to_date, r.last_value_month = row.value_to_date, row.month
            break
    narrative = next(
        (n for n in facts.narratives if n.indicator_id == ind.pk and n.quarter == quarter), None
    )
    if narrative:
        r.analysis, r.obstacles = narrative.analysis, narrative.obstacles
        r.recommendation = narrative.recommendation

    given = Inputs(facts, year, last, revenue, services)
    r.realisation = method_for(ind.method).realise(ind, r, given)
    r.achievement_pct = achievement_pct(r.realisation, ind.target, ind.direction)
    r.achieved = is_achieved(r.achievement_pct)
    return r


def _peers(facts: Facts, kind: str, end: date) -> list[PeerRow]:
    """Peer units' evaluations (tables 3.17, 3.18) published by ``end``, ranked within their
    kind of unit."""
    bands = [b for b in facts.bands if b.scheme == "sakip"]
    rows = []
    for e in facts.evaluations:
        if e.kind != kind or (e.published_on is not None and e.published_on > end):
            continue
        comps = [c.score for c in e.components.all()]
        computed = methods.components_sum(comps) if comps else None
        total = computed if computed is not None else e.stated_total
        band = classify(total, bands) if kind == "sakip" else None
        rows.append(
            PeerRow(
                code=e.unit.code,
                name=e.unit.display_name,
                kind=e.unit.kind,
                components=comps,
                total=total,
                stated_total=e.stated_total,
                category_code=band.code if band else "",
                rank=None,
                is_self=e.unit_id == facts.unit.pk,
                assessed_year=e.assessed_year,
            )
        )
    order = {"balai_besar": 0, "balai": 1, "pusat": 2, "eselon1": 3}
    rows.sort(key=lambda r: (order.get(r.kind, 9), -(r.total or 0), r.name))
    for group in {r.kind for r in rows}:
        members = [r for r in rows if r.kind == group]
        ranks = competition_rank({id(r): r.total for r in members})
        for r in members:
            r.rank = ranks.get(id(r))
    return rows
