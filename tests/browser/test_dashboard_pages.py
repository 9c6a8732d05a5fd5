"""A real browser on the Channels, Handoff (settings and inbox) and Conversations pages, at
desktop and phone width, in English and Dutch.

1. Channels: the web chat snippet is copied with its button; the look preview follows the
   accent colour and greeting as they are typed; SMS says honestly that only settings are
   stored; a wildcard origin is refused with a clear error.
2. Handoff: the settings say where tickets go and whether the team is open now; a closing time
   before the opening time is refused; the inbox shows reasons in words and never the Agent
   Preview's handoff.
3. Conversations: filters work together and stay in the address; a turn's trace opens to show
   the intent, the passages, the order facts and the eligibility decision.

Runs in its own pytest process (`make browser`; STACK.md pitfall 3), Playwright opened inside
the test body, the machine's Chromium (pitfall 5). Screenshots go to var/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from core.models import Membership, Store
from core.roles import Role
from tests.browser.conftest import DASHBOARD_BROWSER_MARKS, dashboard_log_in
from tests.factories.agent import (
    ChannelConfigFactory,
    ConversationEventFactory,
    ConversationFactory,
    HandoffFactory,
    HandoffSettingsFactory,
    MessageFactory,
)
from tests.factories.integrations import CustomerFactory

DESKTOP = ViewportSize(width=1280, height=900)
PHONE = ViewportSize(width=390, height=844)
ANY_STORE = re.compile(r"/s/")  # where logging in lands

pytestmark = DASHBOARD_BROWSER_MARKS

TRACE: dict[str, Any] = {
    "language": "en",
    "language_confidence": 0.98,
    "intent": "order_change",
    "confidence": 0.913,
    "skill": "order_edit",
    "route": "classified",
    "verified": True,
    "passages": [
        {
            "article_id": 41,
            "article_title": "Changing your order",
            "article_version": 3,
            "heading_path": ["Changes", "Within one hour"],
            "score": 0.8312,
        }
    ],
    "order_facts": [
        {"order_name": "#1001", "name": "display_fulfillment_status", "value": "UNFULFILLED"},
        {"order_name": "#1001", "name": "created_at", "value": "2026-03-02T09:12:00Z"},
    ],
    "eligibility": [
        {
            "subject": "Linen shirt",
            "action": "edit",
            "allowed": False,
            "reason": "the 1-hour change window ended at 10:12",
            "code": "edit_window_passed",
        }
    ],
    "prerequisites": [{"name": "hub_active", "met": True, "detail": ""}],
}


@pytest.fixture
def shop(store: Store) -> dict[str, Any]:
    """Made before Playwright starts (its event loop forbids ORM calls in this thread)."""
    webchat = ChannelConfigFactory.create(
        store=store,
        kind="webchat",
        enabled=True,
        settings={
            "allowed_origins": ["https://shop.example.com"],
            "accent_color": "#0b7a5a",
            "greeting_en": "Hi! How can we help you today?",
            "greeting_nl": "Hoi! Waarmee kunnen we je helpen?",
        },
    )
    ChannelConfigFactory.create(
        store=store, kind="sms", enabled=False, settings={"sender": "+31201234567"}
    )
    HandoffSettingsFactory.create(store=store)
    customer = CustomerFactory.create(
        store=store, first_name="Sanne", last_name="de Vries", email="sanne@example.com"
    )
    edit = ConversationFactory.create(
        store=store,
        channel="webchat",
        customer=customer,
        contact="sanne@example.com",
        status="handed_off",
        last_skill="order_edit",
    )
    MessageFactory.create(
        conversation=edit, seq=1, role="shopper", text="Can I change the size of my order?"
    )
    answer = MessageFactory.create(
        conversation=edit,
        seq=2,
        role="agent",
        text="Order #1001 can no longer be changed: the 1-hour change window has passed.",
    )
    ConversationEventFactory.create(
        conversation=edit, message=answer, kind="turn", skill="order_edit", data=TRACE
    )
    MessageFactory.create(conversation=edit, seq=3, role="shopper", text="A person please")
    MessageFactory.create(conversation=edit, seq=4, role="human", text="Hi Sanne, I can help.")
    HandoffFactory.create(
        store=store, conversation=edit, reason="shopper_asked", shopper_name="Sanne de Vries"
    )
    other = ConversationFactory.create(
        store=store, channel="sms", status="resolved", last_skill="returns", language="nl"
    )
    HandoffFactory.create(
        store=store,
        conversation=other,
        reason="prerequisite_missing:hub_active",
        shopper_name="Pieter Bakker",
    )
    ConversationFactory.create_batch(3, store=store, channel="email", last_skill="general_qa")
    preview = ConversationFactory.create(store=store, is_preview=True, last_skill="order_edit")
    HandoffFactory.create(store=store, conversation=preview, shopper_name="Preview Piet")
    return {"webchat": webchat, "conversation": edit}


@pytest.fixture
def owner(store: Store, member_of: Callable[..., Membership], shop: dict[str, Any]) -> Membership:
    return member_of(store, Role.OWNER)


def _shoot(page: Page, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"pages-{name}.png"), full_page=True)


def _fits_the_screen(page: Page) -> None:
    """Nothing in the page's content is wider than the screen (tables scroll inside their
    wrapper)."""
    wide = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter((el) => !el.closest('.table-wrap') || el.matches('.table-wrap'))
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 8)
            .map((el) => [el.tagName, el.className, el.getBoundingClientRect().right])"""
    )
    assert wide == [], f"wider than the screen: {wide}"


def test_channels_pages(
    live_server: LiveServer,
    store: Store,
    owner: Membership,
    shop: dict[str, Any],
    chromium: Browser,
    screenshot_dir: Path,
) -> None:
    context = chromium.new_context(locale="en-US", viewport=DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    dashboard_log_in(page, live_server, owner, lands_on=ANY_STORE)
    base = f"{live_server.url}/s/{store.slug}"

    # The list: four channels, the snippet with its copy button, honest notes.
    page.goto(f"{base}/channels/")
    snippet = page.locator("#snippet-webchat")
    expect(snippet).to_have_value(
        re.compile(
            r'^<script src="http://[^"]+/static/webchat/webchat\.js" '
            rf'data-store="{shop["webchat"].public_key}" async></script>$'
        )
    )
    expect(page.get_by_text("before the closing </body> tag").first).to_be_visible()
    page.get_by_role("button", name="Copy snippet").first.click()
    expect(page.get_by_role("button", name="Copied").first).to_be_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == snippet.input_value()
    expect(page.get_by_text("Settings only for now:")).to_have_count(3)
    _shoot(page, screenshot_dir, "channels-desktop")

    # Web chat: the look follows what is typed; a wildcard origin is refused.
    page.goto(f"{base}/channels/webchat/")
    page.get_by_label("Greeting (English)").fill("Welcome to Noord & Co!")
    expect(page.locator("[data-look-greeting=greeting_en]")).to_have_text("Welcome to Noord & Co!")
    page.locator("#id_accent_color").evaluate(
        "(el) => { el.value = '#f5c518'; el.dispatchEvent(new Event('input')); }"
    )
    launcher = page.locator("[data-look-accent]").first
    expect(launcher).to_have_css("background-color", "rgb(245, 197, 24)")
    expect(launcher).to_have_css("color", "rgb(17, 17, 17)")  # dark text on a light accent
    page.get_by_label("Allowed origins").fill("https://*.example.com")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("wildcards are not supported")).to_be_visible()
    _shoot(page, screenshot_dir, "channel-webchat-desktop")

    page.goto(f"{base}/channels/sms/")
    expect(page.get_by_text("Settings only, for now.")).to_be_visible()
    _shoot(page, screenshot_dir, "channel-sms-desktop")

    # Phone width.
    page.set_viewport_size(PHONE)
    for name, path in (("channels", "channels/"), ("channel-webchat", "channels/webchat/")):
        page.goto(f"{base}/{path}")
        _fits_the_screen(page)
        _shoot(page, screenshot_dir, f"{name}-phone")
    context.close()


def test_handoff_pages(
    live_server: LiveServer,
    store: Store,
    owner: Membership,
    chromium: Browser,
    screenshot_dir: Path,
) -> None:
    page = chromium.new_page(locale="en-US", viewport=DESKTOP)
    page.set_default_timeout(10_000)
    dashboard_log_in(page, live_server, owner, lands_on=ANY_STORE)
    base = f"{live_server.url}/s/{store.slug}"

    page.goto(f"{base}/handoff/")
    expect(page.get_by_text("Built-in handoff inbox")).to_be_visible()
    expect(page.locator(".hours-now")).to_contain_text(re.compile("Open now|Closed now"))
    # Saturday is closed: its times are greyed out and read-only until it is ticked.
    saturday = page.locator("#id_day_6_start")
    expect(saturday).to_have_js_property("readOnly", True)
    page.locator("#id_day_6_open").check()
    expect(saturday).to_have_js_property("readOnly", False)
    saturday.fill("17:00")
    page.locator("#id_day_6_end").fill("09:00")
    page.get_by_role("button", name="Save handoff settings").click()
    expect(page.get_by_text("The closing time must be after the opening time.")).to_be_visible()
    _shoot(page, screenshot_dir, "handoff-settings-desktop")

    page.goto(f"{base}/handoff/inbox/")
    rows = page.locator("table.data tbody tr")
    expect(rows).to_have_count(2)
    expect(page.get_by_text("The shopper asked for a person.")).to_be_visible()
    expect(page.get_by_text("A prerequisite is missing: Customer Hub active.")).to_be_visible()
    expect(page.get_by_text("Preview Piet")).to_have_count(0)
    _shoot(page, screenshot_dir, "handoff-inbox-desktop")

    page.set_viewport_size(PHONE)
    for name, path in (("handoff-settings", "handoff/"), ("handoff-inbox", "handoff/inbox/")):
        page.goto(f"{base}/{path}")
        _fits_the_screen(page)
        _shoot(page, screenshot_dir, f"{name}-phone")

    # Dutch.
    page.set_viewport_size(DESKTOP)
    page.locator("form[action$='/i18n/setlang/'] button[value='nl']").click()
    page.wait_for_load_state("load")
    expect(page.get_by_text("De klant vroeg om een medewerker.")).to_be_visible()
    _shoot(page, screenshot_dir, "handoff-inbox-nl")
    page.goto(f"{base}/handoff/")
    expect(page.get_by_text("Waar tickets heen gaan")).to_be_visible()
    _shoot(page, screenshot_dir, "handoff-settings-nl")
    page.close()


def test_conversations_pages(
    live_server: LiveServer,
    store: Store,
    owner: Membership,
    shop: dict[str, Any],
    chromium: Browser,
    screenshot_dir: Path,
) -> None:
    page = chromium.new_page(locale="en-US", viewport=DESKTOP)
    page.set_default_timeout(10_000)
    dashboard_log_in(page, live_server, owner, lands_on=ANY_STORE)
    base = f"{live_server.url}/s/{store.slug}"

    page.goto(f"{base}/conversations/")
    rows = page.locator("table.data tbody tr")
    expect(rows).to_have_count(5)  # the Agent Preview conversation is left out
    expect(page.get_by_role("cell", name="Order editing")).to_be_visible()
    _shoot(page, screenshot_dir, "conversations-desktop")

    # Two filters together, kept in the address.
    page.get_by_label("Handoff").select_option("yes")
    page.get_by_label("Channel").select_option("webchat")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"channel=webchat.*handoff=yes"))
    expect(rows).to_have_count(1)
    expect(page.get_by_label("Handoff")).to_have_value("yes")

    # The transcript: the trace opens per turn and reads in words.
    rows.first.get_by_role("link").click()
    page.wait_for_url(re.compile(rf"/conversations/{shop['conversation'].pk}/$"))
    trace = page.locator("details.trace-turn").first
    expect(trace).not_to_have_attribute("open", "")
    trace.locator("summary").click()
    expect(trace.get_by_text("confidence 91.3%")).to_be_visible()
    expect(trace.get_by_role("link", name="Changing your order")).to_be_visible()
    expect(trace.get_by_text("Changes › Within one hour")).to_be_visible()
    expect(trace.get_by_text("the 1-hour change window ended at 10:12")).to_be_visible()
    expect(page.get_by_text("Hi Sanne, I can help.")).to_be_visible()
    _shoot(page, screenshot_dir, "conversation-detail-desktop")

    page.set_viewport_size(PHONE)
    _fits_the_screen(page)
    _shoot(page, screenshot_dir, "conversation-detail-phone")
    page.goto(f"{base}/conversations/")
    _fits_the_screen(page)
    _shoot(page, screenshot_dir, "conversations-phone")

    page.set_viewport_size(DESKTOP)
    page.locator("form[action$='/i18n/setlang/'] button[value='nl']").click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("cell", name="Bestelling wijzigen")).to_be_visible()
    _shoot(page, screenshot_dir, "conversations-nl")
    page.close()
