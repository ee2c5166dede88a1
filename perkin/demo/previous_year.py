"""The demo's last year (2023), recorded by hand as a unit's first year in Perkin records it:
each indicator's Q4 2023 figures, the PNBP and service totals, last year's evaluation scores,
and BSKJI's budget-absorption target for 2024 (fixtures/demo/previous-2023.json, from the seed's
comparisons with 2023)."""

from __future__ import annotations

from budget.models import AbsorptionTarget
from perkin.demo.base import _dec, _load
from perkin.models import PriorYearIndicator, PriorYearTotals, UnitEvaluation, WorkUnit


class PreviousYearLoaderMixin:
    def previous_year(self, units: dict[str, WorkUnit], unit: WorkUnit) -> None:
        data = _load("previous-2023.json")
        year = data["year"]
        for row in data["indicators"]:
            self.upsert(
                PriorYearIndicator,
                {"unit": unit, "year": year, "quarter": row["quarter"], "code": row["code"]},
                {
                    "physical_pct": _dec(row["physical_pct"]),
                    "realisation": _dec(row["realisation"]),
                    "source": row["source"],
                },
            )
        for row in data["totals"]:
            self.upsert(
                PriorYearTotals,
                {"unit": unit, "year": year, "quarter": row["quarter"]},
                {
                    "revenue": _dec(row["revenue"]),
                    "service_outputs": row["service_outputs"],
                    "source": row["source"],
                },
            )
        for row in data["evaluations"]:
            self.upsert(
                UnitEvaluation,
                {"unit": unit, "year": year, "kind": row["kind"]},
                {
                    "assessed_year": row["assessed_year"],
                    "stated_total": _dec(row["stated_total"]),
                    "note": row["note"],
                },
            )
        for row in data["absorption_targets"]:
            self.upsert(
                AbsorptionTarget,
                {"issuer": units[row["issuer"]], "year": row["year"], "quarter": row["quarter"]},
                {"target_pct": _dec(row["target_pct"]), "basis": row["basis"]},
            )
