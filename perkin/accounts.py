"""Signing in: besides django-axes (5 failures of a username from an address lock it for 15
minutes), an address is throttled as a whole after LOGIN_FAILURES_PER_ADDRESS failures in 15
minutes, whatever usernames it tries."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView
from django.core.cache import cache
from django.dispatch import receiver


def _address(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "unknown") if request is not None else "unknown"


def address_key(request) -> str:
    return f"perkin:login-failures:{_address(request)}"


def address_throttled(request) -> bool:
    """Too many failed logins from this address in the window (whatever the usernames)."""
    return cache.get(address_key(request), 0) >= settings.LOGIN_FAILURES_PER_ADDRESS


@receiver(user_login_failed, dispatch_uid="perkin-login-failed-per-address")
def count_failure(sender, credentials, request=None, **kwargs) -> None:
    key = address_key(request)
    if cache.add(key, 1, settings.LOGIN_FAILURE_WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired meanwhile
        cache.set(key, 1, settings.LOGIN_FAILURE_WINDOW_SECONDS)


class ThrottledLoginView(LoginView):
    """The login page; a throttled address gets the page with a message and HTTP 429."""

    def post(self, request, *args, **kwargs):
        if address_throttled(request):
            form = self.get_form()
            return self.render_to_response(
                self.get_context_data(form=form, address_throttled=True), status=429
            )
        return super().post(request, *args, **kwargs)
