"""The computed quarterly report: one object from which the HTML page, the PDF, the workbook,
the JSON export and the dashboard are all rendered, so no number can differ between them.

Quarter q covers months up to 3q ("sampai Triwulan q"). Indicator physical progress is that of
month 3q against its interim target; money and counts are cumulative to month 3q.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from perkin.calendar import MONTHS, ROMAN
from perkin.models import Indicator, WorkUnit
from reports.calculations import methods
from reports.calculations.achievement import achievement_pct, is_achieved
from reports.calculations.categories import Band, classify
from reports.calculations.ranking import competition_rank
from reports.calculations.rounding import round2
from reports.engine.facts import Facts, fetch_facts
from reports.engine.money import (  # noqa: F401 - part of this module's interface
    BreakdownRow,
    BudgetResult,
    OutputRow,
    ProgrammeRow,
    RevenueLineRow,
    RevenueResult,
    RevisionRow,
    ServiceKindRow,
    ServiceResult,
    TreeRow,
    budget_result,
    quarter_end,
    revenue_result,
    services_result,
)

MONTH_NAMES = MONTHS  # "" then Januari..Desember, as the entry pages name them


# --- result rows ---------------------------------------------------------------------------


@dataclass
class MonthRow:
    month: int
    interim_target_pct: Decimal | None
    planned_activities: str
    physical_pct: Decimal | None
    activities_done: str
    value_to_date: Decimal | None
    status: str
    realisation_id: int | None = None

    @property
    def label(self) -> str:
        return f"B{self.month:02d}"

    @property
    def status_label(self) -> str:
        labels = {
            "draft": "Draf",
            "submitted": "Diajukan",
            "returned": "Dikembalikan",
            "approved": "Disetujui",
        }
        return labels.get(self.status, "Belum diisi")

    @property
    def behind(self) -> bool:
        if self.interim_target_pct is None or self.physical_pct is None:
            return False
        return self.physical_pct < self.interim_target_pct


@dataclass
class MeasurementRow:
    order: int
    company: str
    service: str
    kind: str
    before_text: str
    after_text: str
    before_value: Decimal | None
    after_value: Decimal | None
    measure_unit: str
    computed_pct: Decimal | None
    stated_pct: Decimal | None
    published_pct: Decimal | None
    stated_is_off: bool


@dataclass
class SimpleRow:
    """A supporting row shown as number, label and value(s): companies, survey elements,
    IPP aspects and SAKIP components."""

    number: int
    label: str
    value: Decimal | None = None
    extra: Decimal | None = None
    weighted: Decimal | None = None
    note: str = ""


@dataclass
class IndicatorResult:
    pk: int
    code: str
    goal_number: int
    goal_roman: str
    goal_text: str
    number: int
    name: str
    target: Decimal
    unit: str
    direction: str
    method: str
    method_label: str
    definition: str
    data_source: str
    team: str
    realisation: Decimal | None = None
    achievement_pct: Decimal | None = None
    achieved: bool | None = None
    physical_target_pct: Decimal | None = None
    physical_realised_pct: Decimal | None = None
    months: list[MonthRow] = field(default_factory=list)
    measurements: list[MeasurementRow] = field(default_factory=list)
    rows: list[SimpleRow] = field(default_factory=list)
    ratio: dict | None = None
    growth_current: Decimal | None = None
    growth_previous: Decimal | None = None
    category_code: str = ""
    category_label: str = ""
    converted_value: Decimal | None = None
    last_value_to_date: Decimal | None = None
    last_value_month: int | None = None
    previous_realisation: Decimal | None = None
    previous_achievement_pct: Decimal | None = None
    previous_physical_pct: Decimal | None = None
    analysis: str = ""
    obstacles: str = ""
    recommendation: str = ""

    @property
    def physical_behind(self) -> bool:
        if self.physical_target_pct is None:
            return False
        if self.physical_realised_pct is None:
            return True
        return self.physical_realised_pct < self.physical_target_pct


@dataclass
class GoalResult:
    number: int
    roman: str
    text: str
    indicators: list[IndicatorResult]


@dataclass
class PeerRow:
    code: str
    name: str
    kind: str
    components: list[Decimal | None]
    total: Decimal | None
    stated_total: Decimal | None
    category_code: str
    rank: int | None
    is_self: bool


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
    checks: list = field(default_factory=list)
    facts: Facts | None = field(default=None, repr=False)

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
        return [MONTH_NAMES[m] for m in self.months]

    @property
    def achieved_count(self) -> int:
        return sum(1 for i in self.indicators if i.achieved)

    @property
    def measured_count(self) -> int:
        return sum(1 for i in self.indicators if i.achievement_pct is not None)

    @property
    def average_achievement_pct(self) -> Decimal | None:
        values = [i.achievement_pct for i in self.indicators if i.achievement_pct is not None]
        return round2(sum(values) / len(values)) if values else None


# --- builders ------------------------------------------------------------------------------


def build_quarterly_report(
    unit: WorkUnit, year: int, quarter: int, *, full: bool = True, with_checks: bool = True
) -> QuarterlyReport:
    """Computes the quarterly report of (unit, year, quarter) from the stored facts."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError("quarter must be 1..4")
    return report_from_facts(fetch_facts(unit, year, full=full), quarter, with_checks=with_checks)


def report_from_facts(facts: Facts, quarter: int, *, with_checks: bool = True) -> QuarterlyReport:
    """Computes the report from facts already fetched (one unit of a multi-unit fetch)."""
    unit, year = facts.unit, facts.year
    last = 3 * quarter
    revenue = revenue_result(facts, year, last)
    services = services_result(facts, year, last)
    indicators = [
        _indicator(ind, facts, year, quarter, revenue, services) for ind in facts.indicators
    ]
    _previous_year(indicators, facts, quarter)
    goals: dict[int, GoalResult] = {}
    for r in indicators:
        goals.setdefault(r.goal_number, GoalResult(r.goal_number, r.goal_roman, r.goal_text, []))
        goals[r.goal_number].indicators.append(r)
    report = QuarterlyReport(
        unit=unit,
        year=year,
        quarter=quarter,
        indicators=indicators,
        goals=list(goals.values()),
        budget=budget_result(facts, year, quarter),
        revenue=revenue,
        services=services,
        sakip_peers=_peers(facts, "sakip"),
        financial_peers=_peers(facts, "financial_report"),
        texts={t.key: t.text for t in facts.texts if t.quarter == quarter},
        trainings=[t for t in facts.trainings if t.start.month <= last],
        staff=facts.staff,
        locked=any(lock.quarter == quarter and lock.locked for lock in facts.locks),
        facts=facts,
    )
    if with_checks:
        from reports.checks import run_checks

        report.checks = run_checks(report)
    return report


def _bands(facts: Facts, scheme: str) -> list[Band]:
    return [b for b in facts.bands if b.scheme == scheme]


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
        definition=ind.definition,
        data_source=ind.data_source,
        team=ind.team.name if ind.team else "",
    )
    plan = {s.month: s for s in facts.plan_steps if s.indicator_id == ind.pk}
    real = {m.month: m for m in facts.realisations if m.indicator_id == ind.pk}
    for month in range(1, 13):
        step, rec = plan.get(month), real.get(month)
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
    r.physical_target_pct = r.months[last - 1].interim_target_pct
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

    r.realisation = _realisation(ind, r, facts, year, last, revenue, services)
    r.achievement_pct = achievement_pct(r.realisation, ind.target, ind.direction)
    r.achieved = is_achieved(r.achievement_pct)
    return r


def _realisation(
    ind: Indicator,
    r: IndicatorResult,
    facts: Facts,
    year: int,
    last: int,
    revenue: RevenueResult,
    services: ServiceResult,
) -> Decimal | None:
    method = ind.method
    if method == Indicator.Method.DIRECT:
        return round2(r.last_value_to_date)
    if method == Indicator.Method.COUNT:
        companies = [c for c in facts.companies if c.indicator_id == ind.pk and c.month <= last]
        r.rows = [SimpleRow(i + 1, c.company, note=c.standard) for i, c in enumerate(companies)]
        return methods.distinct_count(c.company for c in companies)
    if method == Indicator.Method.AVERAGE_CHANGE:
        rows = [m for m in facts.measurements if m.indicator_id == ind.pk and m.month <= last]
        for m in rows:
            p = methods.measurement_pct(m.before_value, m.after_value, m.kind, m.stated_pct)
            r.measurements.append(
                MeasurementRow(
                    order=m.order,
                    company=m.company,
                    service=m.service,
                    kind=m.kind,
                    before_text=m.before_text,
                    after_text=m.after_text,
                    before_value=m.before_value,
                    after_value=m.after_value,
                    measure_unit=m.measure_unit,
                    computed_pct=round2(p.computed),
                    stated_pct=p.stated,
                    published_pct=p.published,
                    stated_is_off=p.stated_is_off,
                )
            )
        return methods.average_change([m.published_pct for m in r.measurements])
    if method == Indicator.Method.GROWTH:
        if ind.growth_basis == Indicator.GrowthBasis.REVENUE:
            current, previous, growth = (
                revenue.realisation,
                revenue.previous_year,
                revenue.growth_pct,
            )
        else:
            current, previous, growth = (
                services.current,
                services.previous_year,
                services.growth_pct,
            )
        r.growth_current = Decimal(current) if current is not None else None
        r.growth_previous = Decimal(previous) if previous is not None else None
        return growth
    if method == Indicator.Method.RATIO:
        obs = [o for o in facts.ratios if o.indicator_id == ind.pk and o.month <= last]
        if not obs:
            return None
        o = obs[-1]
        r.ratio = {
            "month": o.month,
            "numerator_label": o.numerator_label,
            "numerator": o.numerator,
            "denominator_label": o.denominator_label,
            "denominator": o.denominator,
            "stated_pct": o.stated_pct,
            "note": o.note,
        }
        return methods.ratio_pct(o.numerator, o.denominator, o.stated_pct)
    if method == Indicator.Method.SURVEY_INDEX:
        rows = [s for s in facts.survey if s.indicator_id == ind.pk and s.month <= last]
        if not rows:
            return None
        latest = max(s.month for s in rows)
        rows = [s for s in rows if s.month == latest]
        bands = _bands(facts, "ikm")
        for s in rows:
            band = classify(methods.survey_converted(s.score), bands)
            r.rows.append(SimpleRow(s.number, s.element, s.score, note=band.label if band else ""))
        value = methods.survey_index([s.score for s in rows])
        r.converted_value = methods.survey_converted(value)
        band = classify(r.converted_value, bands)
        r.category_code, r.category_label = (band.code, band.label) if band else ("", "")
        return value
    if method == Indicator.Method.WEIGHTED_INDEX:
        rows = [a for a in facts.aspects if a.indicator_id == ind.pk and a.month <= last]
        if not rows:
            return None
        latest = max(a.month for a in rows)
        rows = [a for a in rows if a.month == latest]
        for a in rows:
            r.rows.append(
                SimpleRow(
                    a.number,
                    a.aspect,
                    a.index_value,
                    a.weight_pct,
                    weighted=methods.aspect_weighted(a.index_value, a.weight_pct),
                )
            )
        value = methods.weighted_index([(a.index_value, a.weight_pct) for a in rows])
        band = classify(value, _bands(facts, "ipp"))
        r.category_code, r.category_label = (band.code, band.label) if band else ("", "")
        return value
    if method == Indicator.Method.COMPONENTS_SUM:
        end = quarter_end(year, last // 3)
        evaluation = next(
            (
                e
                for e in facts.evaluations
                if e.unit_id == ind.goal.agreement.unit_id
                and e.kind == "sakip"
                and (e.published_on is None or e.published_on <= end)
            ),
            None,
        )
        if evaluation is None:
            return None
        comps = list(evaluation.components.all())
        r.rows = [SimpleRow(c.number, c.name, c.score, c.max_score) for c in comps]
        value = methods.components_sum([c.score for c in comps])
        band = classify(value, _bands(facts, "sakip"))
        r.category_code, r.category_label = (band.code, band.label) if band else ("", "")
        return value
    return None


def _previous_year(indicators: list[IndicatorResult], facts: Facts, quarter: int) -> None:
    """Same quarter of last year for indicators with the same code, where data exists."""
    last = 3 * quarter
    by_code = {p.code: p for p in facts.previous_indicators}
    for r in indicators:
        prev = by_code.get(r.code)
        if prev is None:
            continue
        rows = {m.month: m for m in facts.realisations if m.indicator_id == prev.pk}
        if last in rows:
            r.previous_physical_pct = rows[last].physical_pct
        values = [
            rows[m].value_to_date
            for m in sorted(rows)
            if m <= last and rows[m].value_to_date is not None
        ]
        if values and prev.method == Indicator.Method.DIRECT:
            r.previous_realisation = round2(values[-1])
            r.previous_achievement_pct = achievement_pct(
                r.previous_realisation, prev.target, prev.direction
            )


def _peers(facts: Facts, kind: str) -> list[PeerRow]:
    """Peer units' evaluations (tables 3.17, 3.18), ranked within their kind of unit."""
    bands = _bands(facts, "sakip")
    rows = []
    for e in facts.evaluations:
        if e.kind != kind:
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
