"""The budget half of the demo loader: DIPA tree, revisions and allocations, output
realisation, PNBP and service outputs of the seed year (fixtures/demo/budget-2024.json)."""

from __future__ import annotations

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
from perkin.demo.base import _date, _dec, _load
from perkin.models import WorkUnit


class BudgetLoaderMixin:
    """Methods of the demo Loader that load the budget, revenue and service facts."""

    def budget(self, unit: WorkUnit) -> Budget:
        data = _load("budget-2024.json")
        budget = self.upsert(
            Budget,
            {"unit": unit, "year": data["year"]},
            {
                "dipa_number": data["dipa_number"],
                "function_label": data["function_label"],
                "subfunction_label": data["subfunction_label"],
                "location": data["location"],
            },
        )
        items: dict[str, BudgetItem] = {}
        order = 0

        def add(node: dict, parent: BudgetItem | None) -> None:
            nonlocal order
            order += 1
            full = f"{parent.full_code}.{node['code']}" if parent else node["code"]
            item = self.upsert(
                BudgetItem,
                {"budget": budget, "full_code": full},
                {
                    "parent": parent,
                    "level": node["level"],
                    "code": node["code"],
                    "name": node["name"],
                    "order": order,
                },
            )
            items[item.full_code] = item
            for child in node.get("children", []):
                add(child, item)

        for node in data["items"]:
            add(node, None)
        by_short = {self._item_key(it): it for it in items.values()}

        revisions = {}
        for r in data["revisions"]:
            revisions[r["number"]] = self.upsert(
                BudgetRevision,
                {"budget": budget, "number": r["number"]},
                {
                    "date": _date(r["date"]),
                    "authority": r["authority"],
                    "reason": r["reason"],
                    "stated_pagu": _dec(r["stated_pagu"]),
                },
            )
        for a in data["allocations"]:
            self.upsert(
                Allocation,
                {"revision": revisions[a["revision"]], "item": by_short[a["item"]]},
                {"amount": _dec(a["amount"])},
            )
        for b in data["breakdowns"]:
            self.upsert(
                RevisionBreakdown,
                {
                    "revision": revisions[b["revision"]],
                    "dimension": b["dimension"],
                    "category": b["category"],
                },
                {"amount": _dec(b["amount"])},
            )
        for p in data["disbursement_plans"]:
            self.upsert(
                DisbursementPlan,
                {"item": by_short[p["item"]], "month": p["month"]},
                {
                    "financial_pct": _dec(p["financial_pct"]),
                    "physical_pct": _dec(p["physical_pct"]),
                },
            )
        for o in data["output_realisations"]:
            self.upsert(
                OutputRealisation,
                {"item": by_short[o["item"]], "month": o["month"]},
                {
                    "period_start_month": o["period_start_month"],
                    "spent": _dec(o["spent"]),
                    "physical_pct": _dec(o["physical_pct"]),
                    "note": o["note"],
                },
            )
        self._output_narratives(by_short)
        self._revenue(unit, data)
        self._services(unit, data)
        return budget

    @staticmethod
    def _item_key(item: BudgetItem) -> str:
        """'6077.AEC' for a KRO and '6077.AEC.002' for an RO, as the fixtures name them."""
        parts = item.full_code.split(".")
        return ".".join(parts[1:]) if item.level in ("kro", "ro") else item.full_code

    def _output_narratives(self, by_short: dict[str, BudgetItem]) -> None:
        data = _load("profile-2024.json")
        activities = {it.code: it for it in by_short.values() if it.level == "activity"}
        for a in data["activity_outputs"]:
            activity = activities[a["activity_code"]]
            self.upsert(
                OutputNarrative,
                {"item": activity, "quarter": 4},
                {
                    "analysis": a["intro"],
                    "obstacles": a["obstacles"],
                    "recommendation": a["recommendation"],
                },
            )
            for kro, text in a["kro_texts"].items():
                self.upsert(
                    OutputNarrative,
                    {"item": by_short[f"{activity.code}.{kro}"], "quarter": 4},
                    {"analysis": text},
                )

    def _revenue(self, unit: WorkUnit, data: dict) -> None:
        lines = {}
        for ln in data["revenue_lines"]:
            lines[ln["code"]] = self.upsert(
                RevenueLine,
                {"unit": unit, "code": ln["code"]},
                {
                    "name": ln["name"],
                    "group_number": ln["group_number"],
                    "group_name": ln["group_name"],
                    "order": ln["order"],
                    "is_refund_line": ln["is_refund_line"],
                },
            )
        for t in data["revenue_targets"]:
            self.upsert(
                RevenueTarget,
                {"line": lines[t["line"]], "year": t["year"]},
                {"amount": _dec(t["amount"])},
            )
        for r in data["revenue_receipts"]:
            self.upsert(
                RevenueReceipt,
                {"line": lines[r["line"]], "year": r["year"], "month": r["month"]},
                {
                    "period_start_month": r["period_start_month"],
                    "amount": _dec(r["amount"]),
                    "is_refund": r["is_refund"],
                    "note": r["note"],
                },
            )

    def _services(self, unit: WorkUnit, data: dict) -> None:
        kinds = {}
        for k in data["service_kinds"]:
            kinds[k["code"]] = self.upsert(
                ServiceKind,
                {"unit": unit, "code": k["code"]},
                {"name": k["name"], "unit_of_measure": k["unit_of_measure"], "order": k["order"]},
            )
        for o in data["service_outputs"]:
            self.upsert(
                ServiceOutput,
                {"kind": kinds[o["kind"]], "year": o["year"], "month": o["month"]},
                {
                    "period_start_month": o["period_start_month"],
                    "count": o["count"],
                    "note": o["note"],
                },
            )
