"""A real browser: log in through the login form, land on the dashboard, switch to Dutch.

Runs in its own pytest process (`make browser`; STACK.md pitfall 3), opens Playwright inside
the test body (no pytest-playwright fixtures) and drives the machine's Chromium (pitfall 5).
Screenshots go to var/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer

from core.models import Membership, Store
from core.roles import Role
from tests.browser.conftest import DASHBOARD_BROWSER_MARKS, PASSWORD

NAV_EN = [
    "Skills",
    "Content",
    "Integrations",
    "Channels",
    "Handoff",
    "Agent Preview",
    "Conversations",
    "Analytics",
]
NAV_NL = [
    "Vaardigheden",
    "Inhoud",
    "Koppelingen",
    "Kanalen",
    "Overdracht",
    "Agent testen",
    "Gesprekken",
    "Statistieken",
]

pytestmark = DASHBOARD_BROWSER_MARKS


@pytest.fixture
def owner(store: Store, member_of: Callable[..., Membership]) -> Membership:
    # Made before Playwright starts: its sync API runs an event loop in this thread, and
    # Django refuses ORM calls while a loop runs.
    return member_of(store, Role.OWNER)


def test_owner_logs_in_and_switches_the_dashboard_to_dutch(
    live_server: LiveServer,
    store: Store,
    owner: Membership,
    chromium: Browser,
    screenshot_dir: Path,
) -> None:
    page = chromium.new_page(locale="en-US", viewport={"width": 1280, "height": 800})
    page.set_default_timeout(10_000)

    # Log in through the real form (Django's LoginView: username + password).
    page.goto(f"{live_server.url}/login/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Username").fill(owner.user.get_username())
    page.get_by_label("Password").fill(PASSWORD)
    page.screenshot(path=str(screenshot_dir / "01-login.png"), full_page=True)
    page.get_by_role("button", name="Log in").click()

    # The dashboard of the member's store, in English.
    page.wait_for_url(re.compile(rf"/s/{re.escape(store.slug)}/"))
    sidenav = page.locator("nav.sidenav")
    for label in NAV_EN:
        expect(sidenav.get_by_role("link", name=label, exact=True)).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "02-dashboard-en.png"), full_page=True)

    # The language switcher posts to Django's set_language view and comes back here.
    dashboard_url = page.url
    page.locator("form[action$='/i18n/setlang/'] button[value='nl']").click()
    page.wait_for_load_state("load")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert page.url == dashboard_url
    for label in NAV_NL:
        expect(sidenav.get_by_role("link", name=label, exact=True)).to_be_visible()
    for label in NAV_EN:
        if label not in NAV_NL:
            expect(sidenav.get_by_role("link", name=label, exact=True)).to_have_count(0)
    page.screenshot(path=str(screenshot_dir / "03-dashboard-nl.png"), full_page=True)

    # The choice sticks: another page is Dutch too.
    sidenav.get_by_role("link", name="Inhoud", exact=True).click()
    page.wait_for_url(re.compile(rf"/s/{re.escape(store.slug)}/content/"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(sidenav.get_by_role("link", name="Vaardigheden", exact=True)).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "04-content-nl.png"), full_page=True)
    page.close()
