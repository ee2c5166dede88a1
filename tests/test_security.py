"""Security settings of issue 10: a Content-Security-Policy without inline scripts, the idle
session timeout, password rules against office guesses, login throttling per address, one log
line per request during a database outage, and HTTPS settings switched on from the
environment."""

import io
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.test import override_settings

from perkin.errors import DatabaseOutageFilter
from perkin.middleware import IdleSessionMiddleware

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = "/u/BSPJI-PLG/?year=2024&q=4"


def _directives(header: str) -> dict[str, list[str]]:
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


@pytest.mark.parametrize(
    "url", ["/accounts/login/", DASHBOARD, "/u/BSPJI-PLG/isi/2024/11/", "/tidak-ada/"]
)
def test_pages_carry_a_csp_without_inline_scripts(client, planner, url):
    if url != "/accounts/login/":
        client.force_login(planner)
    response = client.get(url)
    header = response["Content-Security-Policy"]
    policy = _directives(header)
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]


def test_pages_have_no_inline_script_or_handler(client, planner):
    """What the CSP would block: a <script> with a body (data blocks of type application/json
    are not run), or an on...= attribute."""
    import re

    client.force_login(planner)
    for url in (DASHBOARD, "/u/BSPJI-PLG/isi/2024/11/", "/u/BSPJI-PLG/keuangan/2024/11/"):
        html = client.get(url).content.decode()
        assert not re.search(
            r'<script(?![^>]*\b(src=|type="application/json"))[^>]*>\s*\S', html
        ), url
        assert not re.search(r"<[^>]+\son[a-z]+=", html), url


def _age_session(client, seconds: int) -> None:
    session = client.session
    session[IdleSessionMiddleware.KEY] = int(time.time()) - seconds
    session.save()


def test_an_idle_session_is_logged_out(client, planner):
    client.force_login(planner)
    assert client.get(DASHBOARD).status_code == 200  # the first request stamps the session
    _age_session(client, settings.SESSION_IDLE_SECONDS + 5)
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(settings.LOGIN_URL)
    assert "sesi=habis" in response["Location"]
    assert "_auth_user_id" not in client.session
    assert client.get(DASHBOARD).status_code == 302  # still logged out


def test_a_session_used_within_the_idle_time_stays(client, planner):
    client.force_login(planner)
    client.get(DASHBOARD)
    _age_session(client, settings.SESSION_IDLE_SECONDS - 60)
    assert client.get(DASHBOARD).status_code == 200
    assert client.session[IdleSessionMiddleware.KEY] >= int(time.time()) - 5  # stamped anew


def test_the_idle_time_is_thirty_minutes_by_default():
    assert settings.SESSION_IDLE_SECONDS == 30 * 60
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600


@pytest.mark.parametrize(
    "password",
    ["Perkin2024", "perkin-demo-2024!", "Bandung123!", "Kemenperin#1", "pendek1", "12345678901234"],
)
def test_guessable_or_short_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_unguessable_passphrase_is_accepted():
    assert validate_password("kopi tubruk di tepi Musi 7") is None


@override_settings(LOGIN_FAILURES_PER_ADDRESS=6)
def test_an_address_is_throttled_across_usernames(client):
    address = {"REMOTE_ADDR": "10.20.30.40"}
    for n in range(6):  # one or two failures per username: django-axes never locks one
        response = client.post(
            "/accounts/login/", {"username": f"tamu{n // 2}", "password": "salah"}, **address
        )
        assert response.status_code == 200
    response = client.post(
        "/accounts/login/", {"username": "kepala", "password": "perkin-demo"}, **address
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    other = client.post(
        "/accounts/login/",
        {"username": "kepala", "password": "perkin-demo"},
        REMOTE_ADDR="10.20.30.41",
    )
    assert other.status_code == 302  # another address is not throttled


@pytest.fixture
def console_log():
    """What the console handler (with the outage filter) writes, captured."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, DatabaseOutageFilter) for f in h.filters)
    )
    buffer = io.StringIO()
    old = handler.setStream(buffer)
    try:
        yield buffer
    finally:
        handler.setStream(old)


def test_a_database_outage_answers_503_with_one_log_line(client, planner, monkeypatch, console_log):
    from reports.dashboard import views

    def down(*args, **kwargs):
        raise OperationalError('connection to server at "db" failed: Connection refused')

    monkeypatch.setattr(views, "computed_report", down)
    client.raise_request_exception = False
    client.force_login(planner)
    response = client.get(DASHBOARD)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Server Error (500)" not in response.content.decode()
    lines = console_log.getvalue().splitlines()
    assert len(lines) == 1, lines
    assert "database unavailable: OperationalError" in lines[0]
    assert "Traceback" not in console_log.getvalue()


def test_another_error_still_logs_its_traceback(client, planner, monkeypatch, console_log):
    from reports.dashboard import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "computed_report", broken)
    client.raise_request_exception = False
    client.force_login(planner)
    assert client.get(DASHBOARD).status_code == 500
    assert "Traceback" in console_log.getvalue()


def _production_settings(**env: str) -> dict[str, str]:
    base = {
        k: v
        for k, v in os.environ.items()
        # the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE, which no deployment may
        if not k.startswith(("SECURE_", "SESSION_", "CSRF_", "DEBUG", "DJANGO_ALLOW_ASYNC"))
    }
    base.update(
        SECRET_KEY="k" * 20 + "-production-key-with-enough-entropy-0123456789abcdef",
        DEBUG="0",
        ALLOWED_HOSTS="perkin.contoh.go.id",
        DJANGO_SETTINGS_MODULE="perkin.settings",
    )
    base.update(env)
    return base


def _settings_in(env: dict[str, str], *names: str) -> list[str]:
    shown = ", ".join(f"repr(s.{n})" for n in names)
    code = f"import perkin.settings as s; print('|'.join([{shown}]))"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return out.stdout.strip().split("|")


NAMES = (
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_IDLE_SECONDS",
)


def test_https_settings_switch_on_from_the_environment():
    env = _production_settings(
        SECURE_SSL_REDIRECT="1",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="true",
        SECURE_HSTS_PRELOAD="1",
        SESSION_IDLE_MINUTES="15",
    )
    assert _settings_in(env, *NAMES) == ["True", "31536000", "True", "True", "True", "True", "900"]


def test_without_the_environment_https_is_off_but_cookies_are_secure_in_production():
    assert _settings_in(_production_settings(), *NAMES) == [
        "False",
        "0",
        "False",
        "False",
        "True",
        "True",
        "1800",
    ]


def test_check_deploy_passes_with_the_production_environment():
    env = _production_settings(
        SECURE_SSL_REDIRECT="1",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
        SECURE_HSTS_PRELOAD="1",
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues" in out.stdout
