"""Shared setup of the dashboard browser tests: the machine's Chromium (STACK.md pitfall 5),
the screenshots folder and the dashboard's log-in form.

The Chromium fixture is per test on purpose: Playwright's sync API runs an event loop in this
thread for as long as it is open, and Django refuses ORM calls while a loop runs, so the data a
test needs (and the database flush after it) must happen while no Playwright is open. A second
``sync_playwright()`` inside an open one fails for the same reason.

The fixtures are named ``chromium`` and ``screenshot_dir`` so they never meet the ``browser``
and ``screenshots`` fixtures the storefront and handoff tests define for themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

from core.models import Membership

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PASSWORD = "correct-horse-battery"  # tests/factories/core.py

# Marks of a dashboard browser test module: `pytestmark = DASHBOARD_BROWSER_MARKS`.
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} not found: apt-get install -y chromium"
)
DASHBOARD_BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    needs_chromium,
]


@pytest.fixture
def chromium() -> Iterator[Browser]:
    """The machine's Chromium, headless, through Playwright opened for this test only."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def screenshot_dir() -> Path:
    """var/screenshots/, made if missing."""
    folder = Path(settings.VAR_DIR) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def dashboard_log_in(
    page: Page,
    live_server: LiveServer,
    member: Membership,
    password: str = PASSWORD,
    *,
    lands_on: re.Pattern[str] | None = None,
) -> None:
    """Log in through the dashboard's form and wait for the landing page: by default the
    member's store's dashboard (``member.store`` must already be loaded: no ORM calls while
    Playwright is open)."""
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(member.user.get_username())
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lands_on or re.compile(rf"/s/{re.escape(member.store.slug)}/"))
