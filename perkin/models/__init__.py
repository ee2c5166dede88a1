"""The performance agreement and its monitoring: units, goals, indicators, the action plan,
monthly realisations and the supporting rows each realisation method needs.

Per-row facts live here; figures that combine rows are computed in ``reports.calculations``.
"""

from simple_history import register as register_history

from perkin.models.agreement import ActionPlanStep, Agreement, Goal, Indicator
from perkin.models.base import (
    PCT,
    VALUE,
    TimeStampedModel,
    month_check,
    month_validators,
    pct_check,
    pct_validators,
)
from perkin.models.deadlines import QuarterDeadline, ReminderSent
from perkin.models.monitoring import (
    Evidence,
    MonthlyRealisation,
    PublishedFigure,
    QuarterLock,
    QuarterNarrative,
    ReportText,
    evidence_upload_to,
)
from perkin.models.prior import (
    OrganisationChart,
    PriorYearIndicator,
    PriorYearTotals,
)
from perkin.models.supporting import (
    EvaluationComponent,
    FacilitatedCompany,
    Measurement,
    RatioObservation,
    ServiceIndexAspect,
    StaffComposition,
    SurveyElementScore,
    Training,
    UnitEvaluation,
)
from perkin.models.units import Team, UnitMembership, WorkUnit

# Every change to anything a report shows (or to who may see it) is kept: who, when, old, new
# and, where given, why. Realisations and quarter locks declare their history themselves.
for _model in (
    WorkUnit,
    Team,
    UnitMembership,
    Agreement,
    Goal,
    Indicator,
    ActionPlanStep,
    Evidence,
    QuarterNarrative,
    ReportText,
    PublishedFigure,
    Measurement,
    FacilitatedCompany,
    SurveyElementScore,
    ServiceIndexAspect,
    RatioObservation,
    UnitEvaluation,
    EvaluationComponent,
    Training,
    StaffComposition,
    PriorYearIndicator,
    PriorYearTotals,
    OrganisationChart,
):
    register_history(_model)

__all__ = [
    "PCT",
    "VALUE",
    "ActionPlanStep",
    "Agreement",
    "EvaluationComponent",
    "Evidence",
    "FacilitatedCompany",
    "Goal",
    "Indicator",
    "Measurement",
    "OrganisationChart",
    "PriorYearIndicator",
    "PriorYearTotals",
    "MonthlyRealisation",
    "PublishedFigure",
    "QuarterDeadline",
    "QuarterLock",
    "QuarterNarrative",
    "RatioObservation",
    "ReminderSent",
    "ReportText",
    "ServiceIndexAspect",
    "StaffComposition",
    "SurveyElementScore",
    "Team",
    "TimeStampedModel",
    "Training",
    "UnitEvaluation",
    "UnitMembership",
    "WorkUnit",
    "evidence_upload_to",
    "month_check",
    "month_validators",
    "pct_check",
    "pct_validators",
]
