"""Read queries shared by the quarterly report, the dashboard and the exports.

``fetch_facts`` runs a fixed number of queries whatever the number of indicators, months,
outputs or revenue lines, and hands plain rows to the calculations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Prefetch, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from budget.models import (
    AbsorptionTarget,
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
    OrganisationChart,
    PriorYearIndicator,
    PriorYearTotals,
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
from reports.models import CategoryBand, FindingAcknowledgement


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
    # last year as recorded by hand (a unit's first year in Perkin) and last year's evaluations
    prior_indicators: list[PriorYearIndicator] = field(default_factory=list)
    prior_totals: list[PriorYearTotals] = field(default_factory=list)
    previous_evaluations: list[UnitEvaluation] = field(default_factory=list)
    absorption_targets: list[AbsorptionTarget] = field(default_factory=list)
    acknowledgements: list[FindingAcknowledgement] = field(default_factory=list)
    org_chart: OrganisationChart | None = None


BANDS_CACHE_KEY = "perkin:category-bands:v1"


def category_bands() -> list[Band]:
    """The editable category bands, cached (shared cache) until an administrator edits them."""

    def load() -> list[Band]:
        return [
            Band(b.scheme, b.lower, b.lower_inclusive, b.upper, b.code, b.label)
            for b in CategoryBand.objects.order_by("scheme", "lower")
        ]

    return cache.get_or_set(BANDS_CACHE_KEY, load, timeout=None)


@receiver([post_save, post_delete], sender=CategoryBand)
def _bands_changed(**kwargs) -> None:
    cache.delete(BANDS_CACHE_KEY)


def fetch_facts(
    unit: WorkUnit, year: int, *, full: bool = True, narratives: bool | None = None
) -> Facts:
    """Loads the facts of (unit, year) and of last year where the report compares with it.

    ``full=False`` skips what only the printed report needs (narratives, texts, trainings,
    staff, output narratives, locks), for the dashboard; ``narratives=True`` still loads the
    indicators' narratives (the indicator page shows them).
    """
    return fetch_facts_many([unit], year, full=full, narratives=narratives)[unit.pk]


def _latest_agreement_indicators(indicators: list[Indicator], year: int) -> list[Indicator]:
    latest = max((i.goal.agreement.revision_no for i in indicators), default=0)
    return [i for i in indicators if i.goal.agreement.revision_no == latest]


def _lean(queryset):
    """Row timestamps are not facts: skipping them saves a third of the object-building time."""
    return queryset.defer("created_at", "updated_at")


def fetch_facts_many(
    units: list[WorkUnit], year: int, *, full: bool = True, narratives: bool | None = None
) -> dict[int, Facts]:
    """Facts of several units at once, with the same fixed number of queries as one unit:
    each query filters on all the units and the rows are partitioned in Python."""
    facts = {u.pk: Facts(unit=u, year=year) for u in units}
    unit_ids = list(facts)
    both_years = [year - 1, year]

    indicators = list(
        Indicator.objects.filter(
            goal__agreement__unit_id__in=unit_ids, goal__agreement__year__in=both_years
        )
        .select_related("goal__agreement", "team")
        .order_by("goal__agreement__year", "goal__agreement__revision_no", "goal__number", "number")
    )
    grouped: dict[tuple[int, int], list[Indicator]] = {}
    for ind in indicators:
        key = (ind.goal.agreement.unit_id, ind.goal.agreement.year)
        grouped.setdefault(key, []).append(ind)
    unit_of_indicator: dict[int, int] = {}
    for uid, f in facts.items():
        f.indicators = _latest_agreement_indicators(grouped.get((uid, year), []), year)
        f.previous_indicators = _latest_agreement_indicators(
            grouped.get((uid, year - 1), []), year - 1
        )
        for ind in f.indicators + f.previous_indicators:
            unit_of_indicator[ind.pk] = uid
    current_ids = [i.pk for f in facts.values() for i in f.indicators]
    all_ids = list(unit_of_indicator)

    def by_indicator(attr: str, rows) -> None:
        for row in _lean(rows):
            getattr(facts[unit_of_indicator[row.indicator_id]], attr).append(row)

    by_indicator("plan_steps", ActionPlanStep.objects.filter(indicator_id__in=current_ids))
    by_indicator("realisations", MonthlyRealisation.objects.filter(indicator_id__in=all_ids))
    by_indicator(
        "measurements",
        Measurement.objects.filter(indicator_id__in=current_ids).order_by("order", "pk"),
    )
    by_indicator(
        "companies",
        FacilitatedCompany.objects.filter(indicator_id__in=current_ids).order_by("month", "pk"),
    )
    by_indicator(
        "survey",
        SurveyElementScore.objects.filter(indicator_id__in=current_ids).order_by("month", "number"),
    )
    by_indicator(
        "aspects",
        ServiceIndexAspect.objects.filter(indicator_id__in=current_ids).order_by("month", "number"),
    )
    by_indicator(
        "ratios", RatioObservation.objects.filter(indicator_id__in=current_ids).order_by("month")
    )

    parent_ids = {u.parent_id for u in units if u.parent_id}
    evaluations = (
        UnitEvaluation.objects.filter(year=year)
        .filter(
            Q(unit_id__in=unit_ids) | Q(unit__parent_id__in=parent_ids)
            if full
            else Q(unit_id__in=unit_ids)
        )
        .select_related("unit")
        .prefetch_related(
            Prefetch("components", queryset=EvaluationComponent.objects.order_by("number"))
        )
    )
    for e in evaluations:
        for f in facts.values():
            if e.unit_id == f.unit.pk or (
                full and e.unit.parent_id and e.unit.parent_id == f.unit.parent_id
            ):
                f.evaluations.append(e)

    budget_unit: dict[int, int] = {}
    for revision in (
        BudgetRevision.objects.filter(budget__unit_id__in=unit_ids, budget__year=year)
        .select_related("budget")
        .order_by("number")
    ):
        f = facts[revision.budget.unit_id]
        f.budget = revision.budget
        budget_unit[revision.budget_id] = revision.budget.unit_id
        f.revisions.append(revision)
    budget_ids = list(budget_unit)
    item_unit: dict[int, int] = {}
    for item in BudgetItem.objects.filter(budget_id__in=budget_ids).order_by("order", "full_code"):
        facts[budget_unit[item.budget_id]].items.append(item)
        item_unit[item.pk] = budget_unit[item.budget_id]
    revision_unit = {r.pk: budget_unit[r.budget_id] for f in facts.values() for r in f.revisions}
    for a in _lean(Allocation.objects.filter(revision__budget_id__in=budget_ids)):
        facts[revision_unit[a.revision_id]].allocations.append(a)
    for b in _lean(RevisionBreakdown.objects.filter(revision__budget_id__in=budget_ids)):
        facts[revision_unit[b.revision_id]].breakdowns.append(b)
    for p in _lean(DisbursementPlan.objects.filter(item__budget_id__in=budget_ids)):
        facts[item_unit[p.item_id]].plans.append(p)
    for o in _lean(OutputRealisation.objects.filter(item__budget_id__in=budget_ids)):
        facts[item_unit[o.item_id]].output_realisations.append(o)

    line_unit: dict[int, int] = {}
    for line in RevenueLine.objects.filter(unit_id__in=unit_ids).order_by("order", "pk"):
        facts[line.unit_id].revenue_lines.append(line)
        line_unit[line.pk] = line.unit_id
    for t in RevenueTarget.objects.filter(line_id__in=list(line_unit), year=year):
        facts[line_unit[t.line_id]].revenue_targets.append(t)
    for r in _lean(RevenueReceipt.objects.filter(line_id__in=list(line_unit), year__in=both_years)):
        facts[line_unit[r.line_id]].receipts.append(r)
    kind_unit: dict[int, int] = {}
    for kind in ServiceKind.objects.filter(unit_id__in=unit_ids).order_by("order", "pk"):
        facts[kind.unit_id].service_kinds.append(kind)
        kind_unit[kind.pk] = kind.unit_id
    for o in _lean(ServiceOutput.objects.filter(kind_id__in=list(kind_unit), year__in=both_years)):
        facts[kind_unit[o.kind_id]].service_outputs.append(o)
    for p in PublishedFigure.objects.filter(unit_id__in=unit_ids, year=year):
        facts[p.unit_id].published.append(p)
    bands = category_bands()
    for f in facts.values():
        f.bands = bands
    if full if narratives is None else narratives:
        by_indicator("narratives", QuarterNarrative.objects.filter(indicator_id__in=current_ids))
    if full:
        for lock in QuarterLock.objects.filter(unit_id__in=unit_ids, year=year):
            facts[lock.unit_id].locks.append(lock)
        for n in OutputNarrative.objects.filter(item__budget_id__in=budget_ids):
            facts[item_unit[n.item_id]].output_narratives.append(n)
        for t in ReportText.objects.filter(unit_id__in=unit_ids, year=year):
            facts[t.unit_id].texts.append(t)
        for t in Training.objects.filter(unit_id__in=unit_ids, year=year).order_by("number"):
            facts[t.unit_id].trainings.append(t)
        for s in StaffComposition.objects.filter(unit_id__in=unit_ids, year=year):
            facts[s.unit_id].staff.append(s)
        _fetch_around_the_report(facts, unit_ids, parent_ids, year)
    return facts


def _fetch_around_the_report(
    facts: dict[int, Facts], unit_ids: list[int], parent_ids: set[int], year: int
) -> None:
    """What only the printed report needs besides its facts: last year's recorded figures and
    evaluations, the absorption targets of the unit's parent, the head's acknowledgements of
    findings and the organisation chart (six queries)."""
    for p in PriorYearIndicator.objects.filter(unit_id__in=unit_ids, year=year - 1):
        facts[p.unit_id].prior_indicators.append(p)
    for t in PriorYearTotals.objects.filter(unit_id__in=unit_ids, year=year - 1):
        facts[t.unit_id].prior_totals.append(t)
    for e in UnitEvaluation.objects.filter(unit_id__in=unit_ids, year=year - 1).prefetch_related(
        Prefetch("components", queryset=EvaluationComponent.objects.order_by("number"))
    ):
        facts[e.unit_id].previous_evaluations.append(e)
    issuers = parent_ids | set(unit_ids)
    for t in AbsorptionTarget.objects.filter(issuer_id__in=issuers, year=year):
        for f in facts.values():
            if t.issuer_id in (f.unit.pk, f.unit.parent_id):
                f.absorption_targets.append(t)
    for a in FindingAcknowledgement.objects.filter(unit_id__in=unit_ids, year=year).order_by(
        "acknowledged_at", "pk"
    ):
        facts[a.unit_id].acknowledgements.append(a)
    for c in OrganisationChart.objects.filter(unit_id__in=unit_ids, year=year):
        facts[c.unit_id].org_chart = c
