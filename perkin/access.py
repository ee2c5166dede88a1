"""Who may read and write what. Every view reaches units and their objects through these
helpers, so another unit's object answers 404 and an action without the role answers 403.

Roles (``UnitMembership.role``): planner (all data of their unit), pic (enters and reads the
indicators of their team: their months, evidence and indicator pages; the unit's dashboard
and report are read by every member), head (reads the unit; approves, returns, locks),
reviewer (reads every unit under their echelon-I unit, writes nothing). Superusers may do
everything.

``ACTIONS`` is the one table of which role may do what on its own unit; a view asks
``can(user, action, unit)`` or gets the unit with ``unit_for(user, code, action)``.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from perkin.models import Indicator, UnitMembership, WorkUnit

Role = UnitMembership.Role


class Action(StrEnum):
    OPEN_ENTRY = "open_entry"  # the month's entry page and the setup pages (read)
    ENTER_REALISATIONS = "enter_realisations"  # indicators: all (planner) or the team's (PIC)
    ENTER_WORKBOOK = "enter_workbook"  # download and import the month/year workbook
    OPEN_MONEY = "open_money"  # the money page (read)
    ENTER_MONEY = "enter_money"  # spending, receipts, service outputs
    EDIT_SETUP = "edit_setup"  # the annual setup and every supporting table
    APPROVE = "approve"  # approve or return a month, lock and unlock a quarter
    COMPARE_UNITS = "compare_units"  # the view across units
    OPEN_BOARD = "open_board"  # the quarter's status board: who filled, submitted, approved
    SET_DEADLINE = "set_deadline"  # the date a quarter's report is due


ACTIONS: dict[Action, frozenset[str]] = {
    Action.OPEN_ENTRY: frozenset({Role.PLANNER, Role.PIC, Role.HEAD}),
    Action.ENTER_REALISATIONS: frozenset({Role.PLANNER, Role.PIC}),
    Action.ENTER_WORKBOOK: frozenset({Role.PLANNER, Role.PIC}),
    Action.OPEN_MONEY: frozenset({Role.PLANNER, Role.HEAD}),
    Action.ENTER_MONEY: frozenset({Role.PLANNER}),
    Action.EDIT_SETUP: frozenset({Role.PLANNER}),
    Action.APPROVE: frozenset({Role.HEAD}),
    Action.COMPARE_UNITS: frozenset({Role.REVIEWER}),
    Action.OPEN_BOARD: frozenset({Role.PLANNER, Role.HEAD}),
    Action.SET_DEADLINE: frozenset({Role.PLANNER, Role.HEAD}),
}
# Actions on the reviewer's echelon-I unit's children rather than on the own unit.
ACROSS_UNITS = {Action.COMPARE_UNITS}


def membership(user) -> UnitMembership | None:
    """The user's membership with its unit (one query per request, then cached on the user)."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_perkin_membership"):
        user._perkin_membership = (
            UnitMembership.objects.select_related("unit__parent").filter(user=user).first()
        )
    return user._perkin_membership


def can(user, action: Action, unit: WorkUnit | None = None) -> bool:
    """May the user do action on unit (on any unit for actions across units)?"""
    if user.is_superuser:
        return True
    m = membership(user)
    if m is None or m.role not in ACTIONS[action]:
        return False
    return action in ACROSS_UNITS or (unit is not None and m.unit_id == unit.pk)


def require(condition: bool) -> None:
    """403 for an action the user's role does not allow."""
    if not condition:
        raise PermissionDenied(_("Peran Anda tidak mengizinkan perubahan ini."))


def readable_units(user) -> QuerySet[WorkUnit]:
    """Units whose data the user may read."""
    if user.is_superuser:
        return WorkUnit.objects.all()
    m = membership(user)
    if m is None:
        return WorkUnit.objects.none()
    if m.role == Role.REVIEWER:
        return WorkUnit.objects.filter(parent_id=m.unit_id)
    return WorkUnit.objects.filter(pk=m.unit_id)


def can_read_unit(user, unit: WorkUnit) -> bool:
    if user.is_superuser:
        return True
    m = membership(user)
    if m is None:
        return False
    if m.role == Role.REVIEWER:
        return unit.parent_id == m.unit_id
    return unit.pk == m.unit_id


def get_unit_for_user(user, code: str) -> WorkUnit:
    """The unit with this code if the user may read it; 404 otherwise (no existence leak)."""
    m = membership(user)
    if m is not None and m.unit.code == code:
        return m.unit
    unit = WorkUnit.objects.select_related("parent").filter(code=code).first()
    if unit is None or not can_read_unit(user, unit):
        raise Http404(_("Unit kerja tidak ditemukan."))
    return unit


def unit_for(user, code: str, action: Action) -> WorkUnit:
    """The unit if the user may read it (else 404) and do action there (else 403)."""
    unit = get_unit_for_user(user, code)
    require(can(user, action, unit))
    return unit


def is_planner(user, unit: WorkUnit) -> bool:
    return can(user, Action.EDIT_SETUP, unit)


def is_head(user, unit: WorkUnit) -> bool:
    return can(user, Action.APPROVE, unit)


def can_edit_indicator(user, indicator: Indicator, unit: WorkUnit) -> bool:
    """Planners edit every indicator of their unit; a PIC only those of their team."""
    if not can(user, Action.ENTER_REALISATIONS, unit):
        return False
    m = membership(user)
    if user.is_superuser or m.role == Role.PLANNER:
        return True
    return m.team_id is not None and indicator.team_id == m.team_id


def team_scope(user, unit: WorkUnit) -> int | None:
    """The team a PIC is limited to on their unit (their indicators' pages, months and
    evidence); None when the user reads every indicator of the unit. A PIC without a team
    sees no indicator (-1 matches no team)."""
    m = membership(user)
    if user.is_superuser or m is None or m.unit_id != unit.pk or m.role != Role.PIC:
        return None
    return m.team_id or -1


def can_read_indicator(user, indicator: Indicator, unit: WorkUnit) -> bool:
    """Every reader of the unit reads its indicators, except a PIC: only their team's."""
    team = team_scope(user, unit)
    return team is None or indicator.team_id == team


def home_unit(user) -> WorkUnit | None:
    """The unit whose dashboard the user lands on after login (None for reviewers/admins)."""
    m = membership(user)
    if m is None or m.role == Role.REVIEWER:
        return None
    return m.unit
