"""Error pages in Indonesian with a way back, wired as Django's handlers (perkin.urls).

403 and 404 render inside the site's layout (navigation included). 500 and 503 come from
self-contained templates rendered without a request: no context processor runs and nothing
touches the database, so they still render while the database is down (503.html is what the
site shows then)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader

RETRY_AFTER_SECONDS = 60


def _reason(exception: Exception | None) -> str:
    """The message an Http404 or PermissionDenied was raised with (our messages are written
    for the user), or '' when it carries none."""
    if exception is None or not exception.args:
        return ""
    message = exception.args[0]
    return message if isinstance(message, str) else ""


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", {"reason": _reason(exception)}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", {"reason": _reason(exception)}, status=404)


def server_error(request: HttpRequest | None = None) -> HttpResponse:
    return HttpResponse(loader.render_to_string("500.html"), status=500)


def service_unavailable(request: HttpRequest | None = None) -> HttpResponse:
    """The 503 page (database or another service down), with a Retry-After header."""
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
