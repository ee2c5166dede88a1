"""The performance agreement and its monitoring: units, goals, indicators, the action plan,
monthly realisations and the supporting rows each realisation method needs.

Per-row facts live here; figures that combine rows are computed in ``reports.calculations``.
"""

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
