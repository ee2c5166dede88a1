"""Browser tests: Playwright drives Debian's Chromium against a live server with the demo
year. They run last (this folder sorts last): a live server needs a transactional database,
which is emptied after each test, so every test loads the demo year again."""

import importlib
import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "perkin-demo"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed (apt-get install chromium); .ci/run installs it")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def live_demo(transactional_db, live_server):
    from django.apps import apps

    from perkin.demo.loader import load_demo
    from reports.models import CategoryBand

    if not CategoryBand.objects.exists():
        importlib.import_module("reports.migrations.0002_seed_category_bands").seed(apps, None)
    load_demo(password=PASSWORD)
    ARTIFACTS.mkdir(exist_ok=True)
    return live_server


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    pg = context.new_page()
    yield pg
    context.close()


def login(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def draw_every_chart(page) -> None:
    """Charts are drawn as they come near the screen; draw them all (as printing does)."""
    page.wait_for_load_state("load")
    page.wait_for_function("window.PerkinCharts !== undefined", timeout=20000)
    page.evaluate("window.PerkinCharts.drawAll()")
    page.wait_for_function(
        "[...document.querySelectorAll('[data-chart]')].every(el => el.querySelector('.main-svg'))",
        timeout=20000,
    )
