"""`make loadtest`: 50 users for 60 s against gunicorn + PostgreSQL (+ Redis and a worker):
planners saving a month, heads on their dashboards and indicator pages, a reviewer on the view
across units, and PDF downloads. Accounts come from `manage.py loadtest_users`; every request
goes to the server on this machine (LOADTEST_HOST, default http://127.0.0.1:8100)."""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from html.parser import HTMLParser
from pathlib import Path

from locust import HttpUser, between, events, task

SESSIONS = json.loads(
    Path(os.environ.get("LOADTEST_SESSIONS", "var/loadtest/sessions.json")).read_text()
)
UNITS = int(os.environ.get("LOADTEST_UNITS", "50"))
PDF_UNITS = int(os.environ.get("LOADTEST_PDF_UNITS", "10"))
YEAR = int(os.environ.get("LOADTEST_YEAR", "2024"))
PERIOD = f"?year={YEAR}&q=4"
_next_unit = itertools.count()


class FormFields(HTMLParser):
    """The named inputs and textareas of a page (the entry form), with their values."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("file", "submit", "checkbox"):
            self.fields[name] = a.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None


def unit_code(n: int) -> str:
    return f"SYN-{n % UNITS + 1:03d}"


class PerkinUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def login(self, username: str) -> None:
        """Uses the signed-in session `manage.py loadtest_users --sessions` made for the
        account (the server runs with SECURE_COOKIES=0: plain HTTP on the loopback)."""
        self.client.cookies.set("sessionid", SESSIONS[username])
        self.client.get("/accounts/login/", name="login (GET)")


class Planner(PerkinUser):
    """Opens a month of their unit and saves it with one activity text changed."""

    weight = 4

    def on_start(self):
        self.unit = unit_code(next(_next_unit))
        self.login(f"load-planner-{self.unit.lower()}")

    @task
    def save_month(self):
        month = random.randint(1, 12)
        url = f"/u/{self.unit}/isi/{YEAR}/{month}/"
        page = self.client.get(url, name="isian bulan (GET)")
        parser = FormFields()
        parser.feed(page.text)
        data = {
            k: v
            for k, v in parser.fields.items()
            if k.startswith("r") or k == "csrfmiddlewaretoken"
        }
        activity = next((k for k in data if k.endswith("-activities_done")), None)
        if activity is None:
            return
        data[activity] = f"Kegiatan diperbarui {time.time():.0f}"
        data["action"] = "save"
        # the save and the page it redirects to are two requests, each timed under its own name
        # (requests would otherwise follow the redirect inside the save's timing)
        with self.client.post(
            url, data, name="isian bulan (simpan)", catch_response=True, allow_redirects=False
        ) as r:
            if r.status_code in (302, 409):  # saved, or a conflict: an answer, not a failure
                r.success()
            else:
                r.failure(f"status {r.status_code}")
            location = r.headers.get("Location")
        if location:
            self.client.get(location, name="isian bulan (GET)")


class Head(PerkinUser):
    """The unit's dashboard, then one of its indicator pages."""

    weight = 3

    def on_start(self):
        self.unit = unit_code(next(_next_unit))
        self.login(f"load-head-{self.unit.lower()}")
        self.indicators: list[str] = []

    @task
    def dashboard(self):
        page = self.client.get(f"/u/{self.unit}/{PERIOD}", name="dasbor")
        self.indicators = (
            re.findall(rf"/u/{self.unit}/indikator/(\d+)/", page.text) or self.indicators
        )
        if self.indicators:
            pk = random.choice(self.indicators)
            self.client.get(f"/u/{self.unit}/indikator/{pk}/{PERIOD}", name="halaman indikator")


class Reviewer(PerkinUser):
    weight = 2

    def on_start(self):
        self.login("load-reviewer")

    @task
    def across_units(self):
        self.client.get(f"/unit/{PERIOD}", name="antar unit")


class PdfReader(PerkinUser):
    """Downloads a unit's Q4 PDF; when the server answers that the file is being prepared
    (202 with the job's status URL), polls it and downloads the file once it is ready."""

    weight = 1

    def on_start(self):
        self.login("load-reviewer")

    @task
    def download(self):
        unit = f"SYN-{random.randint(1, PDF_UNITS):03d}"
        url = f"/u/{unit}/laporan/unduh/{YEAR}/4.pdf"
        start = time.perf_counter()
        r = self.client.get(url, name="unduh PDF")
        deadline = time.time() + 120
        while r.status_code == 202 and time.time() < deadline:
            time.sleep(1)
            status = self.client.get(r.headers["X-Report-Job"], name="status berkas").json()
            if status.get("ready"):
                r = self.client.get(url, name="unduh PDF")
        events.request.fire(
            request_type="FILE",
            name="PDF sampai siap",
            response_time=(time.perf_counter() - start) * 1000,
            response_length=len(r.content),
            exception=None if r.status_code == 200 else Exception(f"status {r.status_code}"),
            context={},
        )
