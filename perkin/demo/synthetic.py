"""Deterministic synthetic units shaped like the seed year, for scale tests and benchmarks.

Every generated unit is clearly marked (code ``SYN-...``, name ending in "(SINTETIS)",
``is_synthetic``), sits under its own synthetic echelon-I parent, and has facts that agree
with each other, so the consistency check finds nothing in them.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Model

from budget.models import (
    Allocation,
    Budget,
    BudgetItem,
    BudgetRevision,
    DisbursementPlan,
    OutputRealisation,
    RevenueLine,
    RevenueReceipt,
    RevenueTarget,
    RevisionBreakdown,
    ServiceKind,
    ServiceOutput,
)
from perkin.calendar import ROMAN
from perkin.demo.base import _load, quantized
from perkin.demo.synthetic_methods import METHODS, SUPPORTING_ORDER
from perkin.models import (
    ActionPlanStep,
    Agreement,
    EvaluationComponent,
    Goal,
    Indicator,
    MonthlyRealisation,
    Team,
    UnitEvaluation,
    WorkUnit,
)

PARENT_CODE = "SYN-ESELON1"
PLAN = [5, 10, 25, 35, 40, 50, 60, 65, 75, 80, 90, 100]
GROWTH_BASIS = {"III.2": "revenue", "III.3": "service_outputs"}


class Generator:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.agreement_shape = _load("agreement-2024.json")
        self.budget_shape = _load("budget-2024.json")

    def parent(self) -> WorkUnit:
        parent, _ = WorkUnit.objects.get_or_create(
            code=PARENT_CODE,
            defaults={
                "name": "Unit Eselon I Sintetis (SINTETIS)",
                "short_name": "Eselon I Sintetis",
                "kind": WorkUnit.Kind.ECHELON_I,
                "is_synthetic": True,
            },
        )
        return parent

    def unit(self, index: int, parent: WorkUnit) -> WorkUnit:
        code = f"SYN-{index:03d}"
        unit, _ = WorkUnit.objects.get_or_create(
            code=code,
            defaults={
                "name": f"Balai Sintetis {index:03d} (SINTETIS)",
                "short_name": f"Sintetis {index:03d}",
                "kind": WorkUnit.Kind.OFFICE,
                "parent": parent,
                "city": f"Kota {index:03d}",
                "head_name": f"Kepala Sintetis {index:03d}",
                "head_title": f"Kepala Balai Sintetis {index:03d}",
                "is_synthetic": True,
            },
        )
        return unit

    # --- one unit-year ----------------------------------------------------------------------

    def year(self, unit: WorkUnit, year: int, lines: dict, kinds: dict) -> None:
        if Agreement.objects.filter(unit=unit, year=year).exists():
            return
        # one stream per unit-year: the same arguments give the same data in any order
        self.rng = random.Random(f"{self.seed}:{unit.code}:{year}")
        rng = self.rng
        agreement = Agreement.objects.create(
            unit=unit, year=year, revision_no=0, signed_on=date(year, 1, 31)
        )
        team, _ = Team.objects.get_or_create(unit=unit, name="Tim Sintetis")
        # goals and indicators in two statements (pks come back from the insert)
        goals = Goal.objects.bulk_create(
            [
                Goal(agreement=agreement, number=g["number"], text=g["text"])
                for g in self.agreement_shape["goals"]
            ]
        )
        shapes = []
        for goal, g in zip(goals, self.agreement_shape["goals"], strict=True):
            for i in g["indicators"]:
                code = f"{ROMAN[g['number']]}.{i['number']}"
                indicator = Indicator(
                    goal=goal,
                    number=i["number"],
                    name=i["name"],
                    target=Decimal(i["target"]),
                    unit=i["unit"],
                    direction=i["direction"],
                    method=i["method"],
                    growth_basis=GROWTH_BASIS.get(code, ""),
                    definition=i["definition"],
                    team=team,
                )
                shapes.append((code, i, indicator))
        Indicator.objects.bulk_create([row for _code, _shape, row in shapes])
        steps, reals = [], []
        supporting: dict[type[Model], list[Model]] = defaultdict(list)
        for code, i, ind in shapes:
            lag = rng.choice([0, 0, 0, 5, 10])
            generated = METHODS[Indicator.Method(i["method"])](rng, ind, code, i)
            physical = 0
            for m in range(1, 13):
                steps.append(
                    ActionPlanStep(
                        indicator=ind,
                        month=m,
                        interim_target_pct=Decimal(PLAN[m - 1]),
                        planned_activities=f"Rencana kegiatan B{m:02d} ({code})",
                    )
                )
                physical = max(physical, max(0, PLAN[m - 1] - (lag if m < 12 else 0)))
                reals.append(
                    MonthlyRealisation(
                        indicator=ind,
                        month=m,
                        physical_pct=Decimal(physical),
                        activities_done=f"Kegiatan B{m:02d} terlaksana ({code})",
                        value_to_date=generated.values[m - 1],
                        status=MonthlyRealisation.Status.APPROVED,
                    )
                )
            for row in generated.rows:
                supporting[type(row)].append(row)
        # the financial report's score is drawn after every indicator's rows (fixed stream order)
        UnitEvaluation.objects.bulk_create(
            [
                UnitEvaluation(
                    unit=unit,
                    year=year,
                    assessed_year=year - 1,
                    kind=UnitEvaluation.Kind.FINANCIAL_REPORT,
                    stated_total=quantized(rng.uniform(85, 99.9)),
                    published_on=date(year, 7, 22),
                ),
                *supporting.pop(UnitEvaluation, []),
            ]
        )
        for model, rows in (
            (EvaluationComponent, supporting.pop(EvaluationComponent, [])),
            (ActionPlanStep, steps),
            (MonthlyRealisation, reals),
            *((model, supporting.pop(model, [])) for model in SUPPORTING_ORDER),
        ):
            model.objects.bulk_create(rows, batch_size=1000)
        if supporting:
            raise ValueError(f"no insert order for {sorted(m.__name__ for m in supporting)}")
        self._budget(unit, year)
        self._revenue(year, lines)
        self._services(year, kinds)

    def _budget(self, unit: WorkUnit, year: int) -> None:
        rng = self.rng
        budget = Budget.objects.create(
            unit=unit,
            year=year,
            location="SINTETIS",
            function_label="04 EKONOMI",
            subfunction_label="07 INDUSTRI DAN KONSTRUKSI",
        )
        kros: list[BudgetItem] = []
        levels: list[list[BudgetItem]] = []
        order = 0

        def add(node, parent, depth):
            nonlocal order
            order += 1
            item = BudgetItem(
                budget=budget,
                parent=parent,
                level=node["level"],
                code=node["code"],
                full_code=f"{parent.full_code}.{node['code']}" if parent else node["code"],
                name=node["name"],
                order=order,
            )
            if len(levels) <= depth:
                levels.append([])
            levels[depth].append(item)
            if item.level == "kro":
                kros.append(item)
                return  # synthetic budgets are allocated at KRO level
            for child in node.get("children", []):
                add(child, item, depth + 1)

        for node in self.budget_shape["items"]:
            add(node, None, 0)
        for items in levels:  # parents first: their ids come back before the children go in
            BudgetItem.objects.bulk_create(items)
        base = {k.pk: quantized(rng.uniform(50e6, 3e9), 0) for k in kros}
        n_revisions = rng.randint(2, 5)
        allocations, plans, outs, revisions, breakdowns = [], [], [], [], []
        for number in range(n_revisions + 1):
            revision = BudgetRevision(
                budget=budget,
                number=number,
                date=date(year, 1 + 2 * number, 5 + number),
                authority="initial" if number == 0 else "Kanwil",
                reason="Revisi sintetis",
            )
            revisions.append(revision)
            if number:
                bump = rng.choice(kros)
                base[bump.pk] += quantized(rng.uniform(1e6, 2e8), 0)
            for k in kros:
                allocations.append(Allocation(revision=revision, item=k, amount=base[k.pk]))
            total = sum(base.values())
            revision.stated_pagu = total
            if number == n_revisions:
                p51 = quantized(float(total) * 0.45, 0)
                p53 = quantized(float(total) * 0.15, 0)
                breakdowns.extend(
                    [
                        RevisionBreakdown(
                            revision=revision, dimension="spending_type", category="51", amount=p51
                        ),
                        RevisionBreakdown(
                            revision=revision,
                            dimension="spending_type",
                            category="52",
                            amount=total - p51 - p53,
                        ),
                        RevisionBreakdown(
                            revision=revision, dimension="spending_type", category="53", amount=p53
                        ),
                        RevisionBreakdown(
                            revision=revision,
                            dimension="funding_source",
                            category="RM",
                            amount=quantized(float(total) * 0.8, 0),
                        ),
                        RevisionBreakdown(
                            revision=revision,
                            dimension="funding_source",
                            category="PNBP",
                            amount=total - quantized(float(total) * 0.8, 0),
                        ),
                    ]
                )
        for k in kros:
            pace = rng.uniform(0.85, 1.0)
            spent_total = Decimal(0)
            for m in range(1, 13):
                planned = Decimal(round(100 * m / 12, 2)).quantize(Decimal("0.01"))
                plans.append(
                    DisbursementPlan(item=k, month=m, financial_pct=planned, physical_pct=planned)
                )
                target_cum = quantized(float(base[k.pk]) * m / 12 * pace, 0)
                amount = max(Decimal(0), target_cum - spent_total)
                spent_total += amount
                outs.append(
                    OutputRealisation(
                        item=k, month=m, period_start_month=m, spent=amount, physical_pct=planned
                    )
                )
        BudgetRevision.objects.bulk_create(revisions)
        RevisionBreakdown.objects.bulk_create(breakdowns)
        Allocation.objects.bulk_create(allocations, batch_size=1000)
        DisbursementPlan.objects.bulk_create(plans, batch_size=1000)
        OutputRealisation.objects.bulk_create(outs, batch_size=1000)

    def _revenue(self, year: int, lines: dict) -> None:
        rng = self.rng
        targets, receipts = [], []
        for line in lines.values():
            if line.is_refund_line:
                continue
            monthly = quantized(rng.uniform(2e6, 1.2e8), 0)
            targets.append(RevenueTarget(line=line, year=year, amount=monthly * 11))
            for m in range(1, 13):
                receipts.append(
                    RevenueReceipt(
                        line=line,
                        year=year,
                        month=m,
                        period_start_month=m,
                        amount=quantized(float(monthly) * rng.uniform(0.7, 1.4), 0),
                    )
                )
        RevenueTarget.objects.bulk_create(targets)
        RevenueReceipt.objects.bulk_create(receipts, batch_size=1000)

    def _services(self, year: int, kinds: dict) -> None:
        rng = self.rng
        ServiceOutput.objects.bulk_create(
            [
                ServiceOutput(
                    kind=kind, year=year, month=m, period_start_month=m, count=rng.randint(5, 200)
                )
                for kind in kinds.values()
                for m in range(1, 13)
            ],
            batch_size=1000,
        )

    def lines_and_kinds(self, unit: WorkUnit) -> tuple[dict, dict]:
        """The unit's revenue lines and service kinds by code, the missing ones created."""
        lines = {line.code: line for line in RevenueLine.objects.filter(unit=unit)}
        RevenueLine.objects.bulk_create(
            [
                RevenueLine(
                    unit=unit,
                    code=ln["code"],
                    name=ln["name"],
                    group_number=ln["group_number"],
                    group_name=ln["group_name"],
                    order=ln["order"],
                    is_refund_line=ln["is_refund_line"],
                )
                for ln in self.budget_shape["revenue_lines"]
                if ln["code"] not in lines
            ]
        )
        lines = {line.code: line for line in RevenueLine.objects.filter(unit=unit)}
        kinds = {kind.code: kind for kind in ServiceKind.objects.filter(unit=unit)}
        ServiceKind.objects.bulk_create(
            [
                ServiceKind(
                    unit=unit,
                    code=k["code"],
                    name=k["name"],
                    unit_of_measure=k["unit_of_measure"],
                    order=k["order"],
                )
                for k in self.budget_shape["service_kinds"]
                if k["code"] not in kinds
            ]
        )
        kinds = {kind.code: kind for kind in ServiceKind.objects.filter(unit=unit)}
        ordered_lines = {ln["code"]: lines[ln["code"]] for ln in self.budget_shape["revenue_lines"]}
        ordered_kinds = {k["code"]: kinds[k["code"]] for k in self.budget_shape["service_kinds"]}
        return ordered_lines, ordered_kinds


def generate_synthetic(
    *, units: int, years: int, seed: int, last_year: int, first: int = 1
) -> list[WorkUnit]:
    """Creates (or completes) `units` synthetic units with `years` years ending at last_year.
    The same arguments always produce the same data; existing unit-years are left alone
    (``first`` > 1 starts at that unit, so several processes can share the work).
    Rows go in by bulk inserts with the per-row version signals paused; each unit's versions
    are raised once, in its transaction."""
    from reports.engine import versions

    gen = Generator(seed)
    created = []
    parent = gen.parent()
    for index in range(first, units + 1):
        with transaction.atomic(), versions.paused():
            unit = gen.unit(index, parent)
            lines, kinds = gen.lines_and_kinds(unit)
            for year in range(last_year - years + 1, last_year + 1):
                gen.year(unit, year, lines, kinds)
            versions.bump_units([unit.pk, parent.pk])
        created.append(unit)
    return created
