"""The budget (DIPA) part of the computed quarterly report: revisions, outputs and
programmes with their absorption, the budget tree and the pagu breakdowns (tables 2.1 to
2.4, 3.19, 3.20 and 4.2, and the dashboard's budget charts)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from perkin.calendar import quarter_end
from reports.calculations import budget as budget_calc
from reports.calculations.periods import PeriodValue, cumulative_series, cumulative_to
from reports.calculations.rounding import pct, round2
from reports.engine.facts import Facts


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
    pagu: Decimal | None
    depth: int


@dataclass
class BreakdownRow:
    category: str
    label: str
    amount: Decimal


@dataclass
class BreakdownResult:
    """A split of the pagu (by spending type or funding source) with its total."""

    rows: list[BreakdownRow]

    @property
    def total(self) -> Decimal | None:
        return breakdown_total(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)


def breakdown_total(rows: list[BreakdownRow]) -> Decimal | None:
    """Sum of a pagu breakdown (spending types or funding sources): table 2.4's total row."""
    return sum((r.amount for r in rows), Decimal(0)) if rows else None


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
    spending_types: BreakdownResult
    funding_sources: BreakdownResult
    initial_funding_sources: BreakdownResult
    monthly_planned_pct: list[Decimal | None]
    monthly_actual_pct: list[Decimal | None]
    function_label: str = ""  # 'Fungsi 04 Ekonomi', printed above the budget tree
    subfunction_label: str = ""
    location: str = ""  # the DIPA's location, printed in the output tables


def _revision_in_effect(revisions: list, end: date):
    """The highest-numbered revision dated on or before the quarter's end (the initial DIPA
    when none is)."""
    dated = [r for r in revisions if r.date <= end]
    if dated:
        return max(dated, key=lambda r: r.number)
    return revisions[0] if revisions else None


def budget_result(facts: Facts, year: int, quarter: int) -> BudgetResult | None:
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

    def breakdown(revision_pk: int, dimension: str) -> BreakdownResult:
        from budget.models import RevisionBreakdown

        labels = RevisionBreakdown.CATEGORY_LABELS
        return BreakdownResult(
            [
                BreakdownRow(b.category, str(labels.get(b.category, b.category)), b.amount)
                for b in sorted(facts.breakdowns, key=lambda b: b.category)
                if b.revision_id == revision_pk and b.dimension == dimension
            ]
        )

    initial = facts.revisions[0]
    monthly_actual = []
    series = (
        cumulative_series([v for values in spent_values.values() for v in values], 12)
        if spent_values
        else [None] * 12
    )
    for m, value in enumerate(series, start=1):
        monthly_actual.append(round2(pct(value, total)) if m <= last else None)
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
        function_label=facts.budget.function_label,
        subfunction_label=facts.budget.subfunction_label,
        location=facts.budget.location,
    )


def _tree(facts: Facts, allocation: dict[int, Decimal]) -> list[TreeRow]:
    """The budget tree with each node's pagu = its own allocation + its children's. A detailed
    output (RO) without an allocation in the revision is left out (not printed as 0 under a
    KRO that has a pagu); a node none of whose subtree is allocated has no pagu (None)."""
    children: dict[int | None, list] = defaultdict(list)
    for i in facts.items:
        children[i.parent_id].append(i)
    rows: list[TreeRow] = []

    def total(item) -> Decimal | None:
        known = [allocation[item.pk]] if item.pk in allocation else []
        known += [v for v in (total(c) for c in children[item.pk]) if v is not None]
        return sum(known, Decimal("0")) if known else None

    def walk(item, depth: int) -> None:
        amount = total(item)
        if amount is None and item.level == "ro":
            return
        rows.append(TreeRow(item.level, item.code, item.name, amount, depth))
        for c in children[item.pk]:
            walk(c, depth + 1)

    for root in children[None]:
        walk(root, 0)
    return rows
