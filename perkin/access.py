"""Who may read and write what. Every view reaches units and their objects through these
helpers, so another unit's object answers 404 and a write without the role answers 403.

Roles (``UnitMembership.role``): planner (all data of their unit), pic (the indicators of
their team), head (reads the unit; approves, returns, locks), reviewer (reads every unit under
their echelon-I unit, writes nothing). Superusers may do everything.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from perkin.models import Indicator, UnitMembership, WorkUnit

Role = UnitMembership.Role


def membership(user) -> UnitMembership | None:
    """The user's membership with its unit (one query per request, then cached on the user)."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_perkin_membership"):
        user._perkin_membership = (
            UnitMembership.objects.select_related("unit__parent").filter(user=user).first()
        )
    return user._perkin_membership


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
        raise Http404("Unit kerja tidak ditemukan.")
    return unit


def is_planner(user, unit: WorkUnit) -> bool:
    m = membership(user)
    return user.is_superuser or (m is not None and m.unit_id == unit.pk and m.role == Role.PLANNER)


def is_head(user, unit: WorkUnit) -> bool:
    m = membership(user)
    return user.is_superuser or (m is not None and m.unit_id == unit.pk and m.role == Role.HEAD)


def can_edit_indicator(user, indicator: Indicator, unit: WorkUnit) -> bool:
    """Planners edit every indicator of their unit; a PIC only those of their team."""
    if is_planner(user, unit):
        return True
    m = membership(user)
    return (
        m is not None
        and m.unit_id == unit.pk
        and m.role == Role.PIC
        and m.team_id is not None
        and indicator.team_id == m.team_id
    )


def can_enter_data(user, unit: WorkUnit) -> bool:
    """May open the entry pages of the unit (planner or PIC of the unit)."""
    m = membership(user)
    return user.is_superuser or (
        m is not None and m.unit_id == unit.pk and m.role in (Role.PLANNER, Role.PIC)
    )


def require(condition: bool) -> None:
    """403 for a write the user's role does not allow."""
    if not condition:
        raise PermissionDenied("Peran Anda tidak mengizinkan perubahan ini.")


def home_unit(user) -> WorkUnit | None:
    """The unit whose dashboard the user lands on after login (None for reviewers/admins)."""
    m = membership(user)
    if m is None or m.role == Role.REVIEWER:
        return None
    return m.unit
