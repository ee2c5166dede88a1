"""Read queries shared by the quarterly report, the dashboard and the exports.

``fetch_facts`` runs a fixed number of queries whatever the number of indicators, months,
outputs or revenue lines, and hands plain rows to the calculations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from budget.models import (
    Allocation,
    Budget,
    BudgetItem,
    BudgetRevision,
    DisbursementPlan,
    OutputNarrative,
    OutputRealisation,
    RevenueLine,
    RevenueReceipt,
    RevenueTarget,
    RevisionBreakdown,
    ServiceKind,
    ServiceOutput,
)
from perkin.models import (
    ActionPlanStep,
    EvaluationComponent,
    FacilitatedCompany,
    Indicator,
    Measurement,
    MonthlyRealisation,
    PublishedFigure,
    QuarterLock,
    QuarterNarrative,
    RatioObservation,
    ReportText,
    ServiceIndexAspect,
    StaffComposition,
    SurveyElementScore,
    Training,
    UnitEvaluation,
    WorkUnit,
)
from reports.calculations.categories import Band
from reports.models import CategoryBand


@dataclass
class Facts:
    """Every stored fact the quarterly report of one unit and year needs."""

    unit: WorkUnit
    year: int
    indicators: list[Indicator] = field(default_factory=list)
    previous_indicators: list[Indicator] = field(default_factory=list)
    plan_steps: list[ActionPlanStep] = field(default_factory=list)
    realisations: list[MonthlyRealisation] = field(default_factory=list)
    narratives: list[QuarterNarrative] = field(default_factory=list)
    measurements: list[Measurement] = field(default_factory=list)
    companies: list[FacilitatedCompany] = field(default_factory=list)
    survey: list[SurveyElementScore] = field(default_factory=list)
    aspects: list[ServiceIndexAspect] = field(default_factory=list)
    ratios: list[RatioObservation] = field(default_factory=list)
    evaluations: list[UnitEvaluation] = field(default_factory=list)
    budget: Budget | None = None
    items: list[BudgetItem] = field(default_factory=list)
    revisions: list[BudgetRevision] = field(default_factory=list)
    allocations: list[Allocation] = field(default_factory=list)
    breakdowns: list[RevisionBreakdown] = field(default_factory=list)
    plans: list[DisbursementPlan] = field(default_factory=list)
    output_realisations: list[OutputRealisation] = field(default_factory=list)
    output_narratives: list[OutputNarrative] = field(default_factory=list)
    revenue_lines: list[RevenueLine] = field(default_factory=list)
    revenue_targets: list[RevenueTarget] = field(default_factory=list)
    receipts: list[RevenueReceipt] = field(default_factory=list)
    service_kinds: list[ServiceKind] = field(default_factory=list)
    service_outputs: list[ServiceOutput] = field(default_factory=list)
    published: list[PublishedFigure] = field(default_factory=list)
    texts: list[ReportText] = field(default_factory=list)
    trainings: list[Training] = field(default_factory=list)
    staff: list[StaffComposition] = field(default_factory=list)
    locks: list[QuarterLock] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)


def category_bands() -> list[Band]:
    return [
        Band(b.scheme, b.lower, b.lower_inclusive, b.upper, b.code, b.label)
        for b in CategoryBand.objects.order_by("scheme", "lower")
    ]


def fetch_facts(unit: WorkUnit, year: int, *, full: bool = True) -> Facts:
    """Loads the facts of (unit, year) and of last year where the report compares with it.

    ``full=False`` skips what only the printed report needs (narratives, texts, trainings,
    staff, output narratives), for the dashboard.
    """
    f = Facts(unit=unit, year=year)
    both_years = [year - 1, year]
    indicators = list(
        Indicator.objects.filter(goal__agreement__unit=unit, goal__agreement__year__in=both_years)
        .select_related("goal__agreement", "team")
        .order_by("goal__agreement__year", "goal__agreement__revision_no", "goal__number", "number")
    )
    latest_rev: dict[int, int] = {}
    for ind in indicators:
        y = ind.goal.agreement.year
        latest_rev[y] = max(latest_rev.get(y, 0), ind.goal.agreement.revision_no)
    current = [
        i
        for i in indicators
        if i.goal.agreement.year == year and i.goal.agreement.revision_no == latest_rev.get(year)
    ]
    previous = [
        i
        for i in indicators
        if i.goal.agreement.year == year - 1
        and i.goal.agreement.revision_no == latest_rev.get(year - 1)
    ]
    f.indicators, f.previous_indicators = current, previous
    ids = [i.pk for i in current]
    both_ids = ids + [i.pk for i in previous]

    f.plan_steps = list(ActionPlanStep.objects.filter(indicator_id__in=ids))
    f.realisations = list(MonthlyRealisation.objects.filter(indicator_id__in=both_ids))
    f.measurements = list(Measurement.objects.filter(indicator_id__in=ids).order_by("order", "pk"))
    f.companies = list(
        FacilitatedCompany.objects.filter(indicator_id__in=ids).order_by("month", "pk")
    )
    f.survey = list(
        SurveyElementScore.objects.filter(indicator_id__in=ids).order_by("month", "number")
    )
    f.aspects = list(
        ServiceIndexAspect.objects.filter(indicator_id__in=ids).order_by("month", "number")
    )
    f.ratios = list(RatioObservation.objects.filter(indicator_id__in=ids).order_by("month"))
    f.evaluations = list(
        UnitEvaluation.objects.filter(year=year)
        .filter(unit__parent_id=unit.parent_id)
        .select_related("unit")
        .prefetch_related(
            Prefetch("components", queryset=EvaluationComponent.objects.order_by("number"))
        )
        if unit.parent_id
        else UnitEvaluation.objects.filter(year=year, unit=unit).prefetch_related("components")
    )

    f.budget = Budget.objects.filter(unit=unit, year=year).first()
    if f.budget:
        f.items = list(BudgetItem.objects.filter(budget=f.budget).order_by("order", "full_code"))
        f.revisions = list(BudgetRevision.objects.filter(budget=f.budget).order_by("number"))
        f.allocations = list(Allocation.objects.filter(revision__budget=f.budget))
        f.breakdowns = list(RevisionBreakdown.objects.filter(revision__budget=f.budget))
        f.plans = list(DisbursementPlan.objects.filter(item__budget=f.budget))
        f.output_realisations = list(OutputRealisation.objects.filter(item__budget=f.budget))
        if full:
            f.output_narratives = list(OutputNarrative.objects.filter(item__budget=f.budget))

    f.revenue_lines = list(RevenueLine.objects.filter(unit=unit).order_by("order", "pk"))
    f.revenue_targets = list(RevenueTarget.objects.filter(line__unit=unit, year=year))
    f.receipts = list(RevenueReceipt.objects.filter(line__unit=unit, year__in=both_years))
    f.service_kinds = list(ServiceKind.objects.filter(unit=unit).order_by("order", "pk"))
    f.service_outputs = list(ServiceOutput.objects.filter(kind__unit=unit, year__in=both_years))
    f.published = list(PublishedFigure.objects.filter(unit=unit, year=year))
    f.locks = list(QuarterLock.objects.filter(unit=unit, year=year))
    f.bands = category_bands()
    if full:
        f.narratives = list(QuarterNarrative.objects.filter(indicator_id__in=ids))
        f.texts = list(ReportText.objects.filter(unit=unit, year=year))
        f.trainings = list(Training.objects.filter(unit=unit, year=year).order_by("number"))
        f.staff = list(StaffComposition.objects.filter(unit=unit, year=year))
    return f
