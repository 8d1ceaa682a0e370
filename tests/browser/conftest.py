"""Browser tests: Debian's Chromium driven by Playwright against a real Daphne.

Run in their own pytest process (`make test-browser`, marker `browser`): once
Playwright's event loop is up, asyncio tests in the same process fail. The
session seeds the demo world into the test database once and serves it; tests
read it and may add rows of their own (committed, so the server sees them).
"""

import os
from pathlib import Path

import pytest

from tests.support.servers import ROOT, daphne

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).parent.name == "browser":
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """The test database, always: pytest-django 4.14 sets one up only for tests marked django_db,
    and browser tests are not (their rows must be committed for the server to see them)."""
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=0)


@pytest.fixture(scope="session")
def demo_world(django_db_setup, django_db_blocker):
    """The demo data, loaded once into the test database for the whole browser session."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("seed_demo")
    yield True
    # Runs after the server has stopped and before pytest-django drops the test database:
    # PostgreSQL refuses to drop a database that still has sessions (kept-alive connections).
    from django.db import connection, connections

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
        connections.close_all()


@pytest.fixture(scope="session")
def site_url(demo_world):
    from urllib.request import urlopen

    with daphne() as base:
        for asset in ("/static/css/site.css", "/static/js/room.js", "/static/js/notifications.js"):
            with urlopen(base + asset, timeout=10) as response:  # noqa: S310 - loopback only
                assert response.status == 200, f"{asset} is not served: {response.status}"
        yield base


@pytest.fixture
def orm(django_db_blocker):
    """ORM access inside a browser test; what it writes is committed at once."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture(scope="session")
def browser(site_url):
    # site_url first: seeding the demo world sends channel-layer events through async_to_sync,
    # which refuses to run once Playwright's event loop is up in this thread.
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: `make test-browser` installs Debian's chromium"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def nojs_page(browser, site_url):
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    tab = context.new_page()
    tab.javascript_disabled = True
    yield tab
    context.close()


def login(page, email, password=None):
    """Sign in through the real login form."""
    from community.demo import DEMO_PASSWORD

    page.goto("/en/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password or DEMO_PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_load_state()


def axe_violations(page, impact=("serious", "critical"), tags=None):
    """Run axe-core on the current page; return serious and critical violations.

    `tags` runs only the rules with those tags (e.g. "wcag2a", "wcag22aa"); `impact=None`
    keeps violations of every impact (minor and moderate too)."""
    if getattr(page, "javascript_disabled", False):
        # axe.run() never settles where scripts are off: check the page in a JavaScript tab instead.
        pytest.fail("axe cannot run on a page with JavaScript disabled; use the `page` fixture")
    if not AXE.exists():
        pytest.fail("axe-core is missing: `make test-browser` installs it with npm")
    # Evaluated through the DevTools protocol, not as a <script> tag: the page's strict CSP stays on.
    page.evaluate(AXE.read_text())
    options = {"resultTypes": ["violations"]}
    if tags:
        options["runOnly"] = {"type": "tag", "values": list(tags)}
    result = page.evaluate("async (options) => await axe.run(document, options)", options)
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if impact is None or v["impact"] in impact
    ]


def screenshot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
