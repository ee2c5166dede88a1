"""The budget (DIPA) and its revisions, output realisation, non-tax revenue (PNBP) and
service outputs."""

from simple_history import register as register_history

from budget.models.absorption import AbsorptionTarget
from budget.models.base import MONEY, PeriodFact, period_checks
from budget.models.dipa import (
    Allocation,
    Budget,
    BudgetItem,
    BudgetRevision,
    DisbursementPlan,
    OutputNarrative,
    OutputRealisation,
    RevisionBreakdown,
)
from budget.models.revenue import (
    RevenueLine,
    RevenueReceipt,
    RevenueTarget,
    ServiceKind,
    ServiceOutput,
)

# Every change to anything a report shows is kept (who, when, old, new, why); the monthly
# money facts declare their history themselves.
for _model in (
    Budget,
    BudgetItem,
    BudgetRevision,
    Allocation,
    RevisionBreakdown,
    DisbursementPlan,
    OutputNarrative,
    RevenueLine,
    RevenueTarget,
    ServiceKind,
    AbsorptionTarget,
):
    register_history(_model)

__all__ = [
    "MONEY",
    "AbsorptionTarget",
    "Allocation",
    "Budget",
    "BudgetItem",
    "BudgetRevision",
    "DisbursementPlan",
    "OutputNarrative",
    "OutputRealisation",
    "PeriodFact",
    "RevenueLine",
    "RevenueReceipt",
    "RevenueTarget",
    "RevisionBreakdown",
    "ServiceKind",
    "ServiceOutput",
    "period_checks",
]
