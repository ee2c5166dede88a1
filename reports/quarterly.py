"""The computed quarterly report: one object from which the HTML page, the PDF, the workbook,
the JSON export and the dashboard are all rendered, so no number can differ between them.

Quarter q covers months up to 3q ("sampai Triwulan q"). Indicator physical progress is that of
month 3q against its interim target; money and counts are cumulative to month 3q.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from perkin.models import ROMAN, Indicator, WorkUnit
from reports.calculations import budget as budget_calc
from reports.calculations import methods
from reports.calculations.achievement import achievement_pct, is_achieved
from reports.calculations.categories import Band, classify
from reports.calculations.periods import PeriodValue, cumulative_series, cumulative_to
from reports.calculations.ranking import competition_rank
from reports.calculations.rounding import pct, round2
from reports.selectors import Facts, fetch_facts

MONTH_NAMES = [
    "",
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def quarter_end(year: int, quarter: int) -> date:
    month = 3 * quarter
    return date(year, month, 31 if month in (3, 12) else 30)


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
class RevisionRow:
    number: int
    label: str
    date: date
    authority: str
    authority_label: str
    reason: str
    pagu: Decimal
    stated_pagu: Decimal | None


@dataclass
class OutputRow:
    code: str  # 'AEC'
    short_code: str  # '6077.AEC'
    activity_code: str
    programme_code: str
    name: str
    pagu: Decimal
    spent: Decimal | None
    spending_pct: Decimal | None
    planned_financial_pct: Decimal | None
    physical_pct: Decimal | None
    planned_physical_pct: Decimal | None
    pagu_by_revision: list[Decimal] = field(default_factory=list)
    analysis: str = ""

    @property
    def lags(self) -> bool:
        if self.planned_financial_pct is None:
            return False
        return self.spending_pct is None or self.spending_pct < self.planned_financial_pct


@dataclass
class ProgrammeRow:
    code: str
    name: str
    activity_code: str
    activity_name: str
    pagu: Decimal
    share_pct: Decimal | None
    weighted_spending_pct: Decimal | None
    weighted_physical_pct: Decimal | None
    weighted_planned_financial_pct: Decimal | None
    weighted_planned_physical_pct: Decimal | None
    outputs: list[OutputRow]
    analysis: str = ""
    obstacles: str = ""
    recommendation: str = ""


@dataclass
class TreeRow:
    level: str
    code: str
    name: str
    pagu: Decimal
    depth: int


@dataclass
class BreakdownRow:
    category: str
    label: str
    amount: Decimal


@dataclass
class BudgetResult:
    pagu: Decimal
    initial_pagu: Decimal | None
    revision_number: int
    revision_count: int
    revisions: list[RevisionRow]
    programmes: list[ProgrammeRow]
    outputs: list[OutputRow]
    matrix_totals: list[Decimal]
    tree: list[TreeRow]
    spent: Decimal | None
    spending_pct: Decimal | None
    physical_pct: Decimal | None
    planned_financial_pct: Decimal | None
    planned_physical_pct: Decimal | None
    spending_types: list[BreakdownRow]
    funding_sources: list[BreakdownRow]
    initial_funding_sources: list[BreakdownRow]
    monthly_planned_pct: list[Decimal | None]
    monthly_actual_pct: list[Decimal | None]


@dataclass
class RevenueLineRow:
    code: str
    name: str
    group_number: int | None
    group_name: str
    is_refund_line: bool
    target: Decimal | None
    realisation: Decimal | None
    previous_year: Decimal | None
    growth_pct: Decimal | None


@dataclass
class RevenueResult:
    target: Decimal | None
    realisation: Decimal | None
    previous_year: Decimal | None
    growth_pct: Decimal | None
    target_achievement_pct: Decimal | None
    lines: list[RevenueLineRow]
    monthly_cumulative: list[Decimal | None]
    previous_monthly_cumulative: list[Decimal | None]


@dataclass
class ServiceKindRow:
    code: str
    name: str
    unit_of_measure: str
    current: int | None
    previous_year: int | None
    growth_pct: Decimal | None


@dataclass
class ServiceResult:
    current: int | None
    previous_year: int | None
    growth_pct: Decimal | None
    kinds: list[ServiceKindRow]


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
    revenue = _revenue(facts, year, last)
    services = _services(facts, year, last)
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
        budget=_budget(facts, year, quarter),
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


def _revision_in_effect(revisions: list, end: date):
    """The highest-numbered revision dated on or before the quarter's end (the initial DIPA
    when none is)."""
    dated = [r for r in revisions if r.date <= end]
    if dated:
        return max(dated, key=lambda r: r.number)
    return revisions[0] if revisions else None


def _budget(facts: Facts, year: int, quarter: int) -> BudgetResult | None:
    if not facts.budget or not facts.revisions:
        return None
    last = 3 * quarter
    end = quarter_end(year, quarter)
    items = {i.pk: i for i in facts.items}
    kro_of: dict[int, int] = {}
    for i in facts.items:
        if i.level == "kro":
            kro_of[i.pk] = i.pk
        elif i.level == "ro" and i.parent_id:
            kro_of[i.pk] = i.parent_id
    shown = [r for r in facts.revisions if r.number == 0 or r.date <= end]
    effective = _revision_in_effect(facts.revisions, end)
    alloc_by_rev: dict[int, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    item_alloc: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for a in facts.allocations:
        kro = kro_of.get(a.item_id)
        if kro is not None:
            alloc_by_rev[a.revision_id][kro] += a.amount
        item_alloc[a.revision_id][a.item_id] = a.amount
    revisions = [
        RevisionRow(
            number=r.number,
            label=str(r),
            date=r.date,
            authority=r.authority,
            authority_label=str(r.get_authority_display()),
            reason=r.reason,
            pagu=budget_calc.pagu(alloc_by_rev[r.pk].values()),
            stated_pagu=r.stated_pagu,
        )
        for r in shown
    ]
    kro_pagu = alloc_by_rev[effective.pk]
    total = budget_calc.pagu(kro_pagu.values())

    spent_values: dict[int, list[PeriodValue]] = defaultdict(list)
    physical: dict[int, list] = defaultdict(list)
    for o in facts.output_realisations:
        kro = kro_of.get(o.item_id)
        if kro is None:
            continue
        spent_values[kro].append(PeriodValue(o.month, o.period_start_month, o.spent))
        if o.physical_pct is not None:
            physical[kro].append((o.month, o.physical_pct))
    plan_by_kro: dict[int, dict[int, tuple]] = defaultdict(dict)
    for p in facts.plans:
        kro = kro_of.get(p.item_id)
        if kro is not None:
            plan_by_kro[kro][p.month] = (p.financial_pct, p.physical_pct)
    narratives = {n.item_id: n for n in facts.output_narratives if n.quarter == quarter}

    def latest(series: dict[int, tuple] | list, month: int, index: int):
        months = [m for m in series if m <= month] if isinstance(series, dict) else None
        if months is not None:
            return series[max(months)][index] if months else None
        values = [v for m, v in series if m <= month]
        return values[-1] if values else None

    outputs: list[OutputRow] = []
    for i in facts.items:
        if i.level != "kro":
            continue
        activity = items.get(i.parent_id)
        programme = items.get(activity.parent_id) if activity else None
        amount = kro_pagu.get(i.pk, Decimal("0"))
        spent = cumulative_to(spent_values[i.pk], last) if spent_values[i.pk] else Decimal("0")
        phys = sorted(physical[i.pk])
        outputs.append(
            OutputRow(
                code=i.code,
                short_code=f"{activity.code}.{i.code}" if activity else i.code,
                activity_code=activity.code if activity else "",
                programme_code=programme.code if programme else "",
                name=i.name,
                pagu=amount,
                spent=spent,
                spending_pct=budget_calc.absorption_pct(spent, amount),
                planned_financial_pct=latest(plan_by_kro[i.pk], last, 0),
                physical_pct=latest(phys, last, 0),
                planned_physical_pct=latest(plan_by_kro[i.pk], last, 1),
                pagu_by_revision=[alloc_by_rev[r.pk].get(i.pk, Decimal("0")) for r in shown],
                analysis=narratives[i.pk].analysis if i.pk in narratives else "",
            )
        )
    programmes: list[ProgrammeRow] = []
    for p in (i for i in facts.items if i.level == "programme"):
        activities = [i for i in facts.items if i.parent_id == p.pk]
        rows = [o for o in outputs if o.programme_code == p.code]
        p_pagu = sum((o.pagu for o in rows), Decimal("0"))
        act = activities[0] if activities else None
        n = narratives.get(act.pk) if act else None
        programmes.append(
            ProgrammeRow(
                code=p.code,
                name=p.name,
                activity_code=act.code if act else "",
                activity_name=act.name if act else "",
                pagu=p_pagu,
                share_pct=budget_calc.share_pct(p_pagu, total),
                weighted_spending_pct=budget_calc.weighted_pct(
                    [(o.pagu, o.spending_pct) for o in rows], total
                ),
                weighted_physical_pct=budget_calc.weighted_pct(
                    [(o.pagu, o.physical_pct) for o in rows], total
                ),
                weighted_planned_financial_pct=budget_calc.weighted_pct(
                    [(o.pagu, o.planned_financial_pct) for o in rows], total
                ),
                weighted_planned_physical_pct=budget_calc.weighted_pct(
                    [(o.pagu, o.planned_physical_pct) for o in rows], total
                ),
                outputs=rows,
                analysis=n.analysis if n else "",
                obstacles=n.obstacles if n else "",
                recommendation=n.recommendation if n else "",
            )
        )

    def overall(attr: str) -> Decimal | None:
        values = [getattr(p, attr) for p in programmes]
        if not values or any(v is None for v in values):
            return None
        return round2(sum(values))

    totals = {
        attr: overall(attr)
        for attr in (
            "weighted_spending_pct",
            "weighted_physical_pct",
            "weighted_planned_financial_pct",
            "weighted_planned_physical_pct",
        )
    }
    for p in programmes:
        for attr in totals:
            setattr(p, attr, round2(getattr(p, attr)))
    spent_total = None
    if all(o.spent is not None for o in outputs):
        spent_total = sum((o.spent for o in outputs), Decimal("0"))

    tree = _tree(facts, item_alloc[effective.pk])

    def breakdown(revision_pk: int, dimension: str) -> list[BreakdownRow]:
        from budget.models import RevisionBreakdown

        labels = RevisionBreakdown.CATEGORY_LABELS
        return [
            BreakdownRow(b.category, str(labels.get(b.category, b.category)), b.amount)
            for b in sorted(facts.breakdowns, key=lambda b: b.category)
            if b.revision_id == revision_pk and b.dimension == dimension
        ]

    initial = facts.revisions[0]
    monthly_actual = []
    series = (
        cumulative_series([v for values in spent_values.values() for v in values], 12)
        if spent_values
        else [None] * 12
    )
    for m, value in enumerate(series, start=1):
        monthly_actual.append(round2(pct(value, total)) if m <= last or value is not None else None)
    kros = [i for i in facts.items if i.level == "kro"]
    monthly_planned = [
        round2(
            budget_calc.weighted_pct(
                [
                    (o.pagu, latest(plan_by_kro[i.pk], m, 0))
                    for i, o in zip(kros, outputs, strict=True)
                ],
                total,
            )
        )
        for m in range(1, 13)
    ]
    return BudgetResult(
        pagu=total,
        initial_pagu=budget_calc.pagu(alloc_by_rev[initial.pk].values()),
        revision_number=effective.number,
        revision_count=effective.number,
        revisions=revisions,
        programmes=programmes,
        outputs=outputs,
        matrix_totals=[r.pagu for r in revisions],
        tree=tree,
        spent=spent_total,
        spending_pct=totals["weighted_spending_pct"],
        physical_pct=totals["weighted_physical_pct"],
        planned_financial_pct=totals["weighted_planned_financial_pct"],
        planned_physical_pct=totals["weighted_planned_physical_pct"],
        spending_types=breakdown(effective.pk, "spending_type"),
        funding_sources=breakdown(effective.pk, "funding_source"),
        initial_funding_sources=breakdown(initial.pk, "funding_source"),
        monthly_planned_pct=monthly_planned,
        monthly_actual_pct=monthly_actual,
    )


def _tree(facts: Facts, allocation: dict[int, Decimal]) -> list[TreeRow]:
    """The budget tree with each node's pagu = its own allocation + its children's."""
    children: dict[int | None, list] = defaultdict(list)
    for i in facts.items:
        children[i.parent_id].append(i)
    rows: list[TreeRow] = []

    def total(item) -> Decimal:
        return allocation.get(item.pk, Decimal("0")) + sum(
            (total(c) for c in children[item.pk]), Decimal("0")
        )

    def walk(item, depth: int) -> None:
        rows.append(TreeRow(item.level, item.code, item.name, total(item), depth))
        for c in children[item.pk]:
            walk(c, depth + 1)

    for root in children[None]:
        walk(root, 0)
    return rows


def _revenue(facts: Facts, year: int, last: int) -> RevenueResult:
    targets = {t.line_id: t.amount for t in facts.revenue_targets}
    by_line: dict[tuple[int, int], list[PeriodValue]] = defaultdict(list)
    for r in facts.receipts:
        by_line[(r.line_id, r.year)].append(PeriodValue(r.month, r.period_start_month, r.amount))
    years_with_data = {r.year for r in facts.receipts}
    lines = []
    for line in facts.revenue_lines:
        current = (
            cumulative_to(by_line[(line.pk, year)], last) if by_line[(line.pk, year)] else None
        )
        previous = (
            cumulative_to(by_line[(line.pk, year - 1)], last)
            if by_line[(line.pk, year - 1)]
            else None
        )
        lines.append(
            RevenueLineRow(
                code=line.code,
                name=line.name,
                group_number=line.group_number,
                group_name=line.group_name,
                is_refund_line=line.is_refund_line,
                target=targets.get(line.pk),
                realisation=current,
                previous_year=previous,
                growth_pct=methods.growth_pct(current, previous),
            )
        )

    def total(year_: int, values: list[Decimal | None], unknown_if) -> Decimal | None:
        if year_ not in years_with_data or unknown_if:
            return None
        return sum((v for v in values if v is not None), Decimal("0"))

    current_unknown = any(
        by_line[(line.pk, year)]
        and cumulative_to(by_line[(line.pk, year)], last) is None
        and any(v.period_start_month <= last for v in by_line[(line.pk, year)])
        for line in facts.revenue_lines
    )
    previous_unknown = any(
        by_line[(line.pk, year - 1)]
        and cumulative_to(by_line[(line.pk, year - 1)], last) is None
        and any(v.period_start_month <= last for v in by_line[(line.pk, year - 1)])
        for line in facts.revenue_lines
    )
    realisation = total(year, [ln.realisation for ln in lines], current_unknown)
    previous = total(year - 1, [ln.previous_year for ln in lines], previous_unknown)
    target = sum(targets.values(), Decimal("0")) if targets else None
    all_current = [v for (lid, y), vals in by_line.items() if y == year for v in vals]
    all_previous = [v for (lid, y), vals in by_line.items() if y == year - 1 for v in vals]
    return RevenueResult(
        target=target,
        realisation=realisation,
        previous_year=previous,
        growth_pct=methods.growth_pct(realisation, previous),
        target_achievement_pct=round2(pct(realisation, target)),
        lines=lines,
        monthly_cumulative=cumulative_series(all_current),
        previous_monthly_cumulative=cumulative_series(all_previous),
    )


def _services(facts: Facts, year: int, last: int) -> ServiceResult:
    by_kind: dict[tuple[int, int], list[PeriodValue]] = defaultdict(list)
    for o in facts.service_outputs:
        by_kind[(o.kind_id, o.year)].append(
            PeriodValue(o.month, o.period_start_month, Decimal(o.count))
        )
    years = {o.year for o in facts.service_outputs}
    kinds = []
    unknown = {year: False, year - 1: False}
    for kind in facts.service_kinds:
        values = {}
        for y in (year, year - 1):
            rows = by_kind[(kind.pk, y)]
            v = cumulative_to(rows, last) if rows else None
            if rows and v is None and any(r.period_start_month <= last for r in rows):
                unknown[y] = True
            values[y] = v
        kinds.append(
            ServiceKindRow(
                code=kind.code,
                name=kind.name,
                unit_of_measure=kind.unit_of_measure,
                current=int(values[year]) if values[year] is not None else None,
                previous_year=int(values[year - 1]) if values[year - 1] is not None else None,
                growth_pct=methods.growth_pct(values[year], values[year - 1]),
            )
        )

    def total(y: int, attr: str) -> int | None:
        if y not in years or unknown[y]:
            return None
        return sum(getattr(k, attr) or 0 for k in kinds)

    current, previous = total(year, "current"), total(year - 1, "previous_year")
    return ServiceResult(
        current=current,
        previous_year=previous,
        growth_pct=methods.growth_pct(
            Decimal(current) if current is not None else None,
            Decimal(previous) if previous is not None else None,
        ),
        kinds=kinds,
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
