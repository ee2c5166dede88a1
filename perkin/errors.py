"""Requests that fail: a database that is down or frozen answers 503 with an Indonesian page
that needs no database, and the log gets one line per failed request instead of a traceback;
every other failure is the 500 page."""

from __future__ import annotations

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

OUTAGE = (OperationalError, InterfaceError)


def is_outage(exc: BaseException | None) -> bool:
    """A database that cannot be reached, or a statement/lock that timed out."""
    if isinstance(exc, OUTAGE):
        return True
    cause = getattr(exc, "__cause__", None)
    return isinstance(exc, DatabaseError) and "timeout" in str(cause or exc).lower()


def render_plain(template: str, status: int) -> HttpResponse:
    """A page rendered without the request's context: no context processor, no database."""
    return HttpResponse(loader.get_template(template).render({}), status=status)


def server_error(request, *args, **kwargs) -> HttpResponse:
    """handler500: 503 while the database is unavailable, else the 500 page."""
    import sys

    if is_outage(sys.exc_info()[1]):
        response = render_plain("503.html", 503)
        response["Retry-After"] = "30"
        return response
    try:
        return render_plain("500.html", 500)
    except Exception:  # noqa: BLE001 - the error page itself must not fail
        return HttpResponseServerError("500")


class DatabaseOutageFilter(logging.Filter):
    """Keeps a failed request's log record to one line when the database is the cause."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if is_outage(exc):
            message = record.getMessage()  # with the record's own arguments, before replacing
            record.msg = "%s (database unavailable: %s)"
            record.args = (message, type(exc).__name__)
            record.exc_info = None
            record.exc_text = None
        return True
