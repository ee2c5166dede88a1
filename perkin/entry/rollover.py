"""Preparing next year from this one ("Siapkan tahun berikutnya"): the agreement with its
goals and indicators (targets, methods, definitions, teams), the action plan, the budget tree
with its disbursement plan, an initial DIPA carrying this year's final allocation per output,
and the PNBP targets. Revenue lines, service kinds and teams belong to the unit, not to a
year, so next year already has them. Realisations, supporting rows, narratives and report
texts are facts of this year and stay behind.

The planner then adjusts the targets and the DIPA allocation in one grid each
(perkin.entry.grid_views)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from budget.models import (
    Allocation,
    Budget,
    BudgetItem,
    BudgetRevision,
    DisbursementPlan,
    RevenueLine,
    RevenueTarget,
    ServiceKind,
)
from perkin.formatting import rupiah
from perkin.locks import hold_unit
from perkin.models import ActionPlanStep, Agreement, Goal, Indicator, WorkUnit
from perkin.signals import facts_bulk_changed

INDICATOR_FIELDS = (
    "number",
    "name",
    "target",
    "unit",
    "direction",
    "method",
    "growth_basis",
    "definition",
    "team_id",
    "data_source",
    "forecastable",
)
LEVEL_ORDER = {"programme": 0, "activity": 1, "kro": 2, "ro": 3}


class RolloverRefused(Exception):
    """Next year cannot be prepared from this one; the message says why."""


@dataclass
class RolloverPlan:
    """What preparing year + 1 from year copies (or why it cannot)."""

    unit: WorkUnit
    year: int
    agreement: Agreement | None = None
    goals: int = 0
    indicators: int = 0
    plan_steps: int = 0
    budget: Budget | None = None
    items: int = 0
    disbursement_plans: int = 0
    final_revision: BudgetRevision | None = None
    allocations: int = 0
    pagu: Decimal = Decimal(0)
    revenue_targets: int = 0
    revenue_lines: int = 0
    service_kinds: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def next_year(self) -> int:
        return self.year + 1

    @property
    def possible(self) -> bool:
        return not self.problems


def _agreement(unit: WorkUnit, year: int) -> Agreement | None:
    return Agreement.objects.filter(unit=unit, year=year).order_by("-revision_no").first()


def rollover_plan(unit: WorkUnit, year: int) -> RolloverPlan:
    """Counts what would be copied from year to year + 1 and lists what stands in the way."""
    plan = RolloverPlan(unit=unit, year=year)
    plan.agreement = _agreement(unit, year)
    if plan.agreement is None:
        plan.problems.append(
            _("Tahun %(year)s belum memiliki perjanjian kinerja untuk disalin.") % {"year": year}
        )
    else:
        plan.goals = plan.agreement.goals.count()
        indicators = Indicator.objects.filter(goal__agreement=plan.agreement)
        plan.indicators = indicators.count()
        plan.plan_steps = ActionPlanStep.objects.filter(indicator__in=indicators).count()
    plan.budget = Budget.objects.filter(unit=unit, year=year).first()
    if plan.budget is not None:
        plan.items = plan.budget.items.count()
        plan.disbursement_plans = DisbursementPlan.objects.filter(item__budget=plan.budget).count()
        plan.final_revision = plan.budget.revisions.order_by("-number").first()
        if plan.final_revision is not None:
            allocations = plan.final_revision.allocations.all()
            plan.allocations = allocations.count()
            plan.pagu = sum((a.amount for a in allocations), Decimal(0))
    plan.revenue_targets = RevenueTarget.objects.filter(line__unit=unit, year=year).count()
    plan.revenue_lines = RevenueLine.objects.filter(unit=unit).count()
    plan.service_kinds = ServiceKind.objects.filter(unit=unit).count()
    target = year + 1
    if Agreement.objects.filter(unit=unit, year=target).exists():
        plan.problems.append(
            _("Tahun %(year)s sudah memiliki perjanjian kinerja; ubah di pengaturan tahunannya.")
            % {"year": target}
        )
    existing_budget = Budget.objects.filter(unit=unit, year=target).first()
    if existing_budget is not None and (
        existing_budget.items.exists() or existing_budget.revisions.exists()
    ):
        plan.problems.append(
            _(
                "DIPA %(year)s sudah berisi butir anggaran atau revisi; ubah di pengaturan tahunannya."
            )
            % {"year": target}
        )
    return plan


@dataclass(frozen=True)
class RolloverResult:
    year: int
    goals: int
    indicators: int
    plan_steps: int
    items: int
    allocations: int
    pagu: Decimal
    revenue_targets: int

    @property
    def summary(self) -> str:
        return _(
            "Tahun %(year)s disiapkan: %(goals)s sasaran, %(indicators)s indikator, "
            "%(steps)s langkah rencana aksi, %(items)s butir anggaran, %(allocations)s alokasi "
            "DIPA awal (pagu %(pagu)s) dan %(targets)s target PNBP disalin."
        ) % {
            "year": self.year,
            "goals": self.goals,
            "indicators": self.indicators,
            "steps": self.plan_steps,
            "items": self.items,
            "allocations": self.allocations,
            "pagu": rupiah(self.pagu),
            "targets": self.revenue_targets,
        }


@transaction.atomic
def prepare_next_year(*, unit: WorkUnit, year: int, user) -> RolloverResult:
    """Copies year's setup into year + 1 (all or nothing); RolloverRefused says why not."""
    hold_unit(unit.pk)  # one preparation at a time, after every other write of the unit
    plan = rollover_plan(unit, year)
    if not plan.possible:
        raise RolloverRefused(plan.problems[0])
    target = year + 1
    try:
        with transaction.atomic():
            result = _copy(plan, target)
    except IntegrityError:  # prepared at the same moment by someone else
        raise RolloverRefused(
            _("Tahun %(year)s baru saja disiapkan oleh pengguna lain.") % {"year": target}
        ) from None
    facts_bulk_changed.send(sender=Agreement, unit_ids=[unit.pk])
    return result


def _copy(plan: RolloverPlan, target: int) -> RolloverResult:
    unit, source = plan.unit, plan.agreement
    agreement = Agreement.objects.create(
        unit=unit,
        year=target,
        revision_no=0,
        first_party=source.first_party,
        second_party=source.second_party,
    )
    new_goal = {
        g.pk: Goal.objects.create(agreement=agreement, number=g.number, text=g.text)
        for g in source.goals.order_by("number")
    }
    new_indicator: dict[int, Indicator] = {}
    for ind in Indicator.objects.filter(goal__agreement=source).order_by("goal__number", "number"):
        values = {name: getattr(ind, name) for name in INDICATOR_FIELDS}
        new_indicator[ind.pk] = Indicator.objects.create(goal=new_goal[ind.goal_id], **values)
    steps = bulk_create_with_history(
        [
            ActionPlanStep(
                indicator=new_indicator[s.indicator_id],
                month=s.month,
                interim_target_pct=s.interim_target_pct,
                planned_activities=s.planned_activities,
            )
            for s in ActionPlanStep.objects.filter(indicator_id__in=new_indicator)
        ],
        ActionPlanStep,
    )
    items, allocations, pagu = _copy_budget(plan, target)
    targets = bulk_create_with_history(
        [
            RevenueTarget(line_id=t.line_id, year=target, amount=t.amount)
            for t in RevenueTarget.objects.filter(line__unit=unit, year=plan.year)
        ],
        RevenueTarget,
    )
    return RolloverResult(
        year=target,
        goals=len(new_goal),
        indicators=len(new_indicator),
        plan_steps=len(steps),
        items=items,
        allocations=allocations,
        pagu=pagu,
        revenue_targets=len(targets),
    )


def _copy_budget(plan: RolloverPlan, target: int) -> tuple[int, int, Decimal]:
    """The budget tree, its disbursement plan and an initial DIPA with this year's final
    allocation per item: (items, allocations, pagu)."""
    old = plan.budget
    if old is None:
        return 0, 0, Decimal(0)
    budget, _created = Budget.objects.get_or_create(
        unit=plan.unit,
        year=target,
        defaults={
            "function_label": old.function_label,
            "subfunction_label": old.subfunction_label,
            "location": old.location,
        },
    )
    new_item: dict[int, BudgetItem] = {}
    old_items = sorted(old.items.all(), key=lambda i: (LEVEL_ORDER[i.level], i.order, i.full_code))
    for item in old_items:  # parents before children
        new_item[item.pk] = BudgetItem.objects.create(
            budget=budget,
            parent=new_item.get(item.parent_id),
            level=item.level,
            code=item.code,
            name=item.name,
            order=item.order,
        )
    bulk_create_with_history(
        [
            DisbursementPlan(
                item=new_item[p.item_id],
                month=p.month,
                financial_pct=p.financial_pct,
                physical_pct=p.physical_pct,
            )
            for p in DisbursementPlan.objects.filter(item__budget=old)
        ],
        DisbursementPlan,
    )
    final = plan.final_revision
    if final is None:
        return len(new_item), 0, Decimal(0)
    allocations = [
        Allocation(item=new_item[a.item_id], amount=a.amount)
        for a in final.allocations.all()
        if a.item_id in new_item
    ]
    pagu = sum((a.amount for a in allocations), Decimal(0))
    initial = BudgetRevision.objects.create(
        budget=budget,
        number=0,
        date=date(target, 1, 1),
        authority=BudgetRevision.Authority.INITIAL,
        # stored data, in the report's language whatever the user's
        reason=f"Disalin dari pagu akhir {plan.year} ({final}); sesuaikan dengan DIPA {target}.",
        stated_pagu=pagu,
    )
    for a in allocations:
        a.revision = initial
    bulk_create_with_history(allocations, Allocation)
    return len(new_item), len(allocations), pagu
