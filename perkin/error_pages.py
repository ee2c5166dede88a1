"""The 403 and 404 pages in Indonesian with a way back, wired as Django's handlers
(perkin.urls). They render inside the site's layout (navigation included).

The 500 and 503 pages (templates/500.html, 503.html) are self-contained: they render without
a request, context processors or the database, so they still render while the database is
down; Django's default handler500 renders 500.html that way."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


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
