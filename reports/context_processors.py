"""Navigation context: the unit the page is about and what the user may do there."""

from perkin import access


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    code = (getattr(request, "resolver_match", None) and request.resolver_match.kwargs.get("code")) or None
    unit = None
    if code:
        unit = access.readable_units(user).filter(code=code).first()
    if unit is None:
        unit = access.home_unit(user)
    m = access.membership(user)
    return {
        "nav_unit": unit,
        "nav_can_enter": bool(unit and access.can_enter_data(user, unit)),
        "nav_is_head": bool(unit and access.is_head(user, unit)),
        "nav_can_compare": user.is_superuser or (m is not None and m.role == "reviewer"),
    }
