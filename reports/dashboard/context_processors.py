"""Navigation context: the unit the page is about and what the user may do there."""

from django.http import Http404
from django.urls import NoReverseMatch, reverse

from perkin import access
from perkin.access import Action


def navigation(request) -> dict:
    """Computed once per request (tables render their own contexts and would ask again)."""
    cached = getattr(request, "_perkin_navigation", None)
    if cached is None:
        cached = request._perkin_navigation = _navigation(request)
    return cached


def _navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    code = (
        getattr(request, "resolver_match", None) and request.resolver_match.kwargs.get("code")
    ) or None
    unit = None
    if code:
        try:
            unit = access.get_unit_for_user(user, code)
        except Http404:  # a 404 page still renders the navigation
            unit = None
    if unit is None:
        unit = access.home_unit(user)
    m = access.membership(user)
    links = {}
    if unit is not None:
        for key, name in (
            ("report", "reports:report"),
            ("entry", "entry:entry_today"),
            ("board", "entry:board_today"),
        ):
            try:
                links[key] = reverse(name, args=[unit.code])
            except NoReverseMatch:
                links[key] = ""
    return {
        "nav_links": links,
        "nav_member_unit": m.unit if m else None,
        "nav_unit": unit,
        "nav_can_enter": bool(unit and access.can(user, Action.ENTER_REALISATIONS, unit)),
        "nav_is_head": bool(unit and access.can(user, Action.APPROVE, unit)),
        "nav_can_board": bool(unit and access.can(user, Action.OPEN_BOARD, unit)),
        "nav_can_compare": access.can(user, Action.COMPARE_UNITS),
    }
