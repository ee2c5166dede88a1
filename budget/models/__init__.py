"""The budget (DIPA) and its revisions, output realisation, non-tax revenue (PNBP) and
service outputs."""

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
