"""A real browser on the Skills dashboard.

1. An owner deactivates the Customer Hub on the Integrations page (one button), opens Skills
   and sees Order editing turn Unavailable with the reason "Customer Hub is not active.",
   follows "Fix this" back to the hub, reactivates it and sees Order editing Live again.
2. An analyst opens a skill's detail page: everything is readable, nothing is editable (no
   settings form, no on/off button), and a forged settings POST (with a valid CSRF token) is
   refused with 403.

Runs in its own pytest process (`make browser`; STACK.md pitfall 3), Playwright opened inside
the test body, the machine's Chromium (pitfall 5). Screenshots go to var/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from core import demo
from core.models import Membership, Store
from core.roles import Role
from tests.browser.conftest import DASHBOARD_BROWSER_MARKS, dashboard_log_in
from tests.factories.agent import ChannelConfigFactory
from tests.factories.integrations import (
    CustomerHubSettingsFactory,
    ReturnsProviderConnectionFactory,
    ShopifyConnectionFactory,
)
from tests.knowledge.search_content import article_publish_indexed

pytestmark = DASHBOARD_BROWSER_MARKS


@pytest.fixture
def ready_store(store: Store) -> Store:
    """Every prerequisite of the order skills met. Made before Playwright starts: its sync API
    runs an event loop in this thread, and Django refuses ORM calls while a loop runs."""
    CustomerHubSettingsFactory.create(store=store, active=True)
    ShopifyConnectionFactory.create(store=store)
    ReturnsProviderConnectionFactory.create(store=store)
    ChannelConfigFactory.create(store=store, kind="webchat", enabled=True)
    for article in demo.ARTICLES_EN[:2]:  # order changes, returns
        article_publish_indexed(
            store=store, title=article.title, body=article.body, language=article.language
        )
    return store


@pytest.fixture
def owner(ready_store: Store, member_of: Callable[..., Membership]) -> Membership:
    return member_of(ready_store, Role.OWNER)


@pytest.fixture
def analyst(ready_store: Store, member_of: Callable[..., Membership]) -> Membership:
    return member_of(ready_store, Role.ANALYST)


def _nav(page: Page, name: str) -> None:
    page.locator("nav.sidenav").get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state("load")


def test_owner_deactivates_the_hub_and_order_editing_turns_unavailable(
    live_server: LiveServer,
    owner: Membership,
    chromium: Browser,
    screenshot_dir: Path,
) -> None:
    page = chromium.new_page(locale="en-US", viewport={"width": 1280, "height": 900})
    page.set_default_timeout(15_000)
    dashboard_log_in(page, live_server, owner)
    order_edit = page.locator("#skill-order_edit")

    # Skills: Order editing is Live.
    _nav(page, "Skills")
    expect(order_edit.locator(".badge")).to_have_text(["Live"])

    # Integrations: the hub section's one switch (htmx swaps the section in place).
    _nav(page, "Integrations")
    hub = page.locator("#hub-section")
    expect(hub.locator("#hub-switch")).to_contain_text("The Customer Hub is active.")
    hub.get_by_role("button", name="Deactivate the Customer Hub").click()
    hub = page.locator("#hub-section")
    expect(hub.get_by_role("status")).to_contain_text("Customer Hub deactivated.")
    expect(hub.locator("#hub-switch")).to_contain_text("The Customer Hub is not active.")
    expect(hub.get_by_role("button", name="Activate the Customer Hub")).to_be_visible()
    hub.screenshot(path=str(screenshot_dir / "skills-01-hub-deactivated.png"))

    # Skills: Order editing is Unavailable, and says why with a link to fix it.
    _nav(page, "Skills")
    expect(order_edit.locator(".badge")).to_have_text(["Unavailable"])
    expect(order_edit.locator(".skill-prereqs")).to_contain_text("Customer Hub is not active.")
    page.screenshot(path=str(screenshot_dir / "skills-02-list-unavailable.png"), full_page=True)

    # Its detail page: the checklist marks the hub missing; the tool shows Not active.
    order_edit.get_by_role("link", name="Order editing").click()
    page.wait_for_url(re.compile(r"/skills/order_edit/$"))
    hub_check = page.locator('#prerequisites li[data-code="hub_active"]')
    expect(hub_check).to_contain_text("Missing")
    expect(hub_check).to_contain_text("Customer Hub is not active.")
    expect(page.locator('#tools li[data-tool="hub"]')).to_contain_text("Not active")
    expect(page.locator("#skill-enabled .badge")).to_have_text(["Unavailable"])
    page.screenshot(path=str(screenshot_dir / "skills-03-detail-unavailable.png"), full_page=True)

    # "Fix this" leads to the hub section; activate it again.
    hub_check.get_by_role("link", name=re.compile("Fix this")).click()
    page.wait_for_url(re.compile(r"/integrations/#hub-section$"))
    page.locator("#hub-section").get_by_role("button", name="Activate the Customer Hub").click()
    expect(page.locator("#hub-section").get_by_role("status")).to_contain_text(
        "Customer Hub activated."
    )

    # Skills: Live again.
    _nav(page, "Skills")
    expect(order_edit.locator(".badge")).to_have_text(["Live"])
    expect(order_edit).not_to_contain_text("Customer Hub is not active.")
    page.screenshot(path=str(screenshot_dir / "skills-04-list-live.png"), full_page=True)
    page.close()


def test_analyst_sees_a_skill_but_cannot_change_its_settings(
    live_server: LiveServer,
    ready_store: Store,
    analyst: Membership,
    chromium: Browser,
    screenshot_dir: Path,
) -> None:
    page = chromium.new_page(locale="en-US", viewport={"width": 1280, "height": 900})
    page.set_default_timeout(15_000)
    dashboard_log_in(page, live_server, analyst)

    _nav(page, "Skills")
    page.locator("#skill-returns").get_by_role("link", name="Returns & exchanges").click()
    page.wait_for_url(re.compile(r"/skills/returns/$"))

    # Everything readable: status, order-state table, channels, settings as text.
    expect(page.locator("#skill-enabled .badge")).to_have_text(["Live"])
    expect(page.locator('#order-states tr[data-code="eligible"]')).to_contain_text("Delivered")
    expect(page.locator('#channels tr[data-channel="sms"]')).to_contain_text("one link")
    settings_card = page.locator("#settings")
    expect(settings_card.locator("#settings-read-only")).to_contain_text("30 days after delivery")
    expect(settings_card).to_contain_text(
        "Only the store's owner and admins can change skill settings."
    )

    # Nothing editable: no form, no field, no save or on/off button anywhere on the page.
    expect(settings_card.locator("form, input, select, textarea")).to_have_count(0)
    expect(page.get_by_role("button", name="Save settings")).to_have_count(0)
    expect(page.get_by_role("button", name="Turn off")).to_have_count(0)
    expect(page.locator("main form")).to_have_count(0)
    page.screenshot(path=str(screenshot_dir / "skills-05-analyst-detail.png"), full_page=True)

    # A forged POST with the page's valid CSRF token: the role rule refuses it.
    status = page.evaluate(
        """async (url) => {
            const headers = JSON.parse(document.body.getAttribute("hx-headers"));
            const body = new URLSearchParams({return_window_days: "1"});
            const response = await fetch(url, {method: "POST", headers, body});
            return response.status;
        }""",
        f"/s/{ready_store.slug}/skills/returns/settings/",
    )
    assert status == 403

    # Nothing changed: the page still shows the default window.
    page.reload()
    expect(page.locator("#settings-read-only")).to_contain_text("30 days after delivery")
    page.close()
