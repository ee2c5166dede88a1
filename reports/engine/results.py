"""The rows of the computed report: an indicator's result with its months and supporting
rows, goals and peer evaluations. Built by reports.engine.report and the indicator methods."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from perkin.calendar import month_label
from perkin.models import MonthlyRealisation


@dataclass
class MonthRow:
    month: int
    interim_target_pct: Decimal | None
    planned_activities: str
    physical_pct: Decimal | None
    activities_done: str
    value_to_date: Decimal | None
    status: str
    realisation_id: int | None = None

    @property
    def label(self) -> str:
        return month_label(self.month)

    @property
    def status_label(self) -> str:
        """'Disetujui' ('Approved' in English); 'Belum diisi' when the month is not entered."""
        if self.status in MonthlyRealisation.Status.values:
            return str(MonthlyRealisation.Status(self.status).label)
        return _("Belum diisi")

    @property
    def behind(self) -> bool:
        if self.interim_target_pct is None or self.physical_pct is None:
            return False
        return self.physical_pct < self.interim_target_pct


@dataclass
class MeasurementRow:
    order: int
    company: str
    service: str
    kind: str
    before_text: str
    after_text: str
    before_value: Decimal | None
    after_value: Decimal | None
    measure_unit: str
    computed_pct: Decimal | None
    stated_pct: Decimal | None
    published_pct: Decimal | None
    stated_is_off: bool


@dataclass
class SimpleRow:
    """A supporting row shown as number, label and value(s): companies, survey elements,
    IPP aspects and SAKIP components."""

    number: int
    label: str
    value: Decimal | None = None
    extra: Decimal | None = None
    weighted: Decimal | None = None
    note: str = ""


@dataclass
class IndicatorResult:
    pk: int
    code: str
    goal_number: int
    goal_roman: str
    goal_text: str
    number: int
    name: str
    target: Decimal
    unit: str
    direction: str
    method: str
    method_label: str
    growth_basis: str
    definition: str
    data_source: str
    team: str
    team_id: int | None
    realisation: Decimal | None = None
    achievement_pct: Decimal | None = None
    achieved: bool | None = None
    physical_target_pct: Decimal | None = None
    physical_realised_pct: Decimal | None = None
    # False when the action plan's interim targets decrease (not cumulative): they are then
    # not printed as the quarter's physical target (the checks report the plan)
    plan_cumulative: bool = True
    months: list[MonthRow] = field(default_factory=list)
    measurements: list[MeasurementRow] = field(default_factory=list)
    rows: list[SimpleRow] = field(default_factory=list)
    ratio: dict | None = None
    growth_current: Decimal | None = None
    growth_previous: Decimal | None = None
    category_code: str = ""
    category_label: str = ""
    converted_value: Decimal | None = None
    last_value_to_date: Decimal | None = None
    last_value_month: int | None = None
    previous_realisation: Decimal | None = None
    previous_achievement_pct: Decimal | None = None
    previous_physical_pct: Decimal | None = None
    analysis: str = ""
    obstacles: str = ""
    recommendation: str = ""

    @property
    def physical_behind(self) -> bool:
        if self.physical_target_pct is None:
            return False
        if self.physical_realised_pct is None:
            return True
        return self.physical_realised_pct < self.physical_target_pct


@dataclass
class GoalResult:
    number: int
    roman: str
    text: str
    indicators: list[IndicatorResult]


@dataclass
class PeerRow:
    code: str
    name: str
    kind: str
    components: list[Decimal | None]
    total: Decimal | None
    stated_total: Decimal | None
    category_code: str
    rank: int | None
    is_self: bool
    assessed_year: int | None = None
