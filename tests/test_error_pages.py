"""Error pages: Indonesian, with a way back; 500 and 503 render without a request and without
touching the database (503.html is shown while the database is down)."""

import pytest
from django.template import loader
from django.test import RequestFactory
from django.views import defaults

from perkin import urls

pytestmark = pytest.mark.django_db


def test_the_handlers_are_wired():
    assert urls.handler403 == "perkin.error_pages.permission_denied"
    assert urls.handler404 == "perkin.error_pages.page_not_found"


def test_404_is_indonesian_with_navigation(client, planner):
    client.force_login(planner)
    response = client.get("/u/BSPJI-PLG/halaman-yang-tidak-ada/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in body
    assert "Not Found" not in body
    assert 'href="/u/BSPJI-PLG/"' in body  # back to the unit's dashboard
    assert 'href="/"' in body


def test_404_says_why_when_the_view_says(client, planner):
    client.force_login(planner)
    response = client.get("/u/BSPJI-PLG/indikator/999999/")
    assert response.status_code == 404
    assert "Indikator tidak ditemukan" in response.content.decode()


def test_403_is_indonesian_with_navigation(client, head):
    client.force_login(head)
    response = client.get("/u/BSPJI-PLG/atur/2024/unduh.xlsx")  # a head may not edit the setup
    body = response.content.decode()
    assert response.status_code == 403
    assert "Akses ditolak" in body
    assert "Peran Anda tidak mengizinkan" in body
    assert 'href="/u/BSPJI-PLG/"' in body


def test_404_for_anonymous_offers_the_login(client):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "/accounts/login/?next=/tidak-ada/" in response.content.decode()


@pytest.mark.parametrize("name", ["500.html", "503.html"])
def test_500_and_503_render_without_context_or_database(name, django_assert_num_queries):
    with django_assert_num_queries(0):
        html = loader.get_template(name).render()  # no request, no context processors
    assert 'href="/"' in html
    assert "Kembali ke halaman awal" in html
    assert "{%" not in html and "{{" not in html


def test_the_500_handler_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = defaults.server_error(request)
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server" in response.content.decode()


def test_an_exception_in_a_view_gives_the_indonesian_500(client, planner, monkeypatch):
    from reports.dashboard import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "computed_report", broken)
    client.raise_request_exception = False
    client.force_login(planner)
    response = client.get("/u/BSPJI-PLG/?year=2024&q=4")
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server" in response.content.decode()


def test_an_outage_log_record_keeps_its_own_message_on_one_line():
    """The filter replaces the traceback by the cause's name; the request's own message (with
    its arguments) stays, and any other record passes unchanged."""
    import logging

    from django.db import OperationalError

    from perkin.errors import DatabaseOutageFilter

    def record(exc, msg="Internal Server Error: %s", args=("/u/BSPJI-PLG/",)):
        try:
            raise exc
        except Exception:
            import sys

            return logging.LogRecord(
                "django.request", logging.ERROR, "", 0, msg, args, sys.exc_info()
            )

    outage = record(OperationalError("connection refused"))
    assert DatabaseOutageFilter().filter(outage)
    assert outage.getMessage() == (
        "Internal Server Error: /u/BSPJI-PLG/ (database unavailable: OperationalError)"
    )
    assert outage.exc_info is None
    other = record(ValueError("x"), msg="Task %s[%s] raised: %r", args=("t", "id", "x"))
    assert DatabaseOutageFilter().filter(other) and other.exc_info is not None
    assert other.getMessage() == "Task t[id] raised: 'x'"
