"""A real browser on Agent Preview: the owner logs in, starts a web chat preview as a demo
customer who is not signed in, asks to change the size of their order and gets the sign-in
request; signs in with the code the page shows from the outbox and gets the order card. Then a
preview as the same customer signed in: the order card with its edit link (opening the
Customer Hub in a new tab) and the trace naming the skill and the eligibility decision.

Runs in its own pytest process (`make browser`; STACK.md pitfall 3), Playwright opened inside
the test body, the machine's Chromium (pitfall 5). The demo shop's orders are anchored at a
fixed time, so the engine runs with that clock (the AGENT_ENGINE setting). Screenshots go to
var/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from agent.engine import Engine
from agent.engine.production import engine_deps
from core.models import Membership
from core.roles import Role
from tests.browser.conftest import DASHBOARD_BROWSER_MARKS, PASSWORD, dashboard_log_in
from tests.skills.conftest import NOW, DemoShop, demo_shop_load

OLIVER = "Oliver Bennett <oliver.bennett@example.com>"  # order #1061, editable at NOW
CHANGE_SIZE = "Can I change the size of my recent order?"

pytestmark = DASHBOARD_BROWSER_MARKS


def engine_at_demo_clock(*, now: Any = None) -> Engine:
    return Engine(engine_deps(now=NOW))


@pytest.fixture
def shop(settings: Any, live_server: LiveServer) -> DemoShop:
    # Before Playwright starts: its sync API runs an event loop in this thread, and Django
    # refuses ORM calls while a loop runs.
    settings.AGENT_ENGINE = f"{__name__}.engine_at_demo_clock"
    settings.EMAIL_BACKEND = "integrations.messaging.backends.OutboxEmailBackend"
    settings.APP_BASE_URL = live_server.url  # hub links lead to this server
    return demo_shop_load()


@pytest.fixture
def owner(shop: DemoShop, member_of: Callable[..., Membership]) -> Membership:
    return member_of(shop.store, Role.OWNER)


def _start(page: Page, *, signed_in: bool, channel: str = "Web chat") -> None:
    setup = page.locator("form.preview-setup").first
    setup.get_by_label(channel).check()
    setup.get_by_label("Test shopper").select_option(label=OLIVER)
    checkbox = setup.get_by_label("Signed in")
    if signed_in:
        checkbox.check()
    else:
        checkbox.uncheck()
    setup.get_by_role("button", name="Start").click()
    page.wait_for_url(re.compile(r"/s/demo/preview/\d+/$"))


def _ask(page: Page, text: str) -> None:
    field = page.get_by_label("Message as the test shopper")
    field.fill(text)
    field.press("Enter")


def test_owner_previews_sign_in_then_the_order_card_with_the_trace(
    live_server: LiveServer,
    shop: DemoShop,
    owner: Membership,
    chromium: Browser,
    screenshot_dir: Path,
) -> None:
    page = chromium.new_page(locale="en-US", viewport={"width": 1440, "height": 1000})
    page.set_default_timeout(15_000)
    dashboard_log_in(page, live_server, owner)  # lands on /s/demo/

    # Agent Preview from the navigation; web chat as Oliver, not signed in.
    page.locator("nav.sidenav").get_by_role("link", name="Agent Preview", exact=True).click()
    page.wait_for_url(re.compile(r"/s/demo/preview/$"))
    expect(page.get_by_role("heading", name="Start a preview")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "preview-01-setup.png"), full_page=True)
    _start(page, signed_in=False)
    expect(page.locator(".chat-who")).to_contain_text("oliver.bennett@example.com")
    expect(page.locator(".chat-who")).to_contain_text("Not signed in")

    # The question, answered in place (htmx: the page is not reloaded).
    page.evaluate("window.__samePage = true")
    _ask(page, CHANGE_SIZE)
    sign_in = page.locator(".chat-turn").last.locator(".sign-in-block")
    expect(sign_in).to_contain_text("What is the email address on your account?")
    assert page.evaluate("window.__samePage") is True
    expect(page.locator(".bubble-shopper .bubble-text").last).to_have_text(CHANGE_SIZE)
    expect(page.locator(".order-card")).to_have_count(0)
    trace = page.locator("#trace-1")
    expect(trace).to_contain_text("order_edit")
    expect(trace.locator(".prerequisites")).to_contain_text("shopper_verified")
    expect(page.get_by_label("Message as the test shopper")).to_be_focused()
    expect(page.get_by_label("Message as the test shopper")).to_have_value("")
    page.screenshot(path=str(screenshot_dir / "preview-02-sign-in-request.png"), full_page=True)

    # Sign in from the card's form: the email is offered, the code comes from the outbox.
    sign_in_form = page.locator(".chat-turn").last.locator("form.sign-in-form")
    expect(sign_in_form.get_by_label("Email address")).to_have_value("oliver.bennett@example.com")
    sign_in_form.get_by_role("button", name="Send code").click()
    expect(page.locator(".sign-in-hint")).to_contain_text("o•••@example.com")
    code = page.locator(".sign-in-code").inner_text()
    assert re.fullmatch(r"\d{6}", code)
    code_form = page.locator(".chat-turn").last.locator("form.sign-in-form")
    expect(code_form.get_by_label("Code")).to_have_value(code)
    page.screenshot(path=str(screenshot_dir / "preview-03-code.png"), full_page=True)
    code_form.get_by_role("button", name="Sign in").click()
    card = page.locator(".chat-turn").last.locator(".order-card")
    expect(card).to_contain_text("Order #1061")
    expect(page.locator(".chat-who")).to_contain_text("Signed in")
    expect(page.locator(".chat-turn").last).to_be_in_viewport()  # the log scrolled down
    page.screenshot(path=str(screenshot_dir / "preview-04-signed-in-card.png"), full_page=True)

    # A new preview as the same customer, signed in from the start.
    page.locator("details.preview-restart > summary").click()
    _start(page, signed_in=True)
    expect(page.locator(".chat-who")).to_contain_text("Oliver Bennett")
    expect(page.locator(".chat-who")).to_contain_text("Signed in")
    page.get_by_role("button", name=CHANGE_SIZE).click()  # from the Try list

    card = page.locator(".order-card")
    expect(card).to_have_count(1)
    expect(card.locator(".order-title")).to_have_text("Order #1061")
    expect(card.locator(".order-status")).to_have_text("Not shipped yet")
    expect(card.locator(".order-line")).to_have_count(2)
    expect(card.locator(".order-line").first).to_contain_text("Noord Runner Sneaker")
    expect(card.locator(".line-status").first).to_have_text("Can be changed")
    edit = card.locator(".order-actions a[data-action='edit']")
    expect(edit).to_contain_text("Change order")
    expect(edit).to_have_attribute("target", "_blank")
    expect(edit).to_have_attribute("href", re.compile(r"/hub/demo/orders/1061/edit\?t="))

    # The trace: the skill chosen, the passage used, the order facts and the decision.
    trace = page.locator("#trace-1")
    expect(trace).to_have_attribute("open", "")
    expect(trace.locator(".trace-facts").first).to_contain_text("Order editing")
    expect(trace.locator(".trace-facts").first).to_contain_text("order_change")
    expect(trace.locator(".passages")).to_contain_text("Changing or cancelling your order")
    expect(trace.locator(".order-facts").first).to_contain_text("UNFULFILLED")
    decision = trace.locator(".decisions li").first
    expect(decision).to_contain_text("Allowed")
    expect(decision).to_contain_text("Change")
    expect(decision).to_contain_text("the 1 hour window is open")
    page.screenshot(path=str(screenshot_dir / "preview-05-verified-card-trace.png"), full_page=True)

    # The edit link opens the Customer Hub in a new tab.
    with page.context.expect_page() as new_tab:
        edit.click()
    hub = new_tab.value
    hub.wait_for_load_state()
    assert re.search(r"/hub/demo/orders/1061/edit\?t=", hub.url)
    hub.close()

    # On SMS the same question gets exactly the text sent, with its length.
    page.locator("details.preview-restart > summary").click()
    _start(page, signed_in=True, channel="SMS")
    _ask(page, CHANGE_SIZE)
    sms = page.locator(".bubble-plain .channel-text")
    expect(sms).to_contain_text("Order #1061")
    expect(sms).to_contain_text("/hub/demo/orders/1061/edit?t=")
    expect(page.locator(".sms-count")).to_contain_text(re.compile(r"\b\d{2,3} / 320 characters"))
    expect(page.locator(".order-card")).to_have_count(0)
    page.screenshot(path=str(screenshot_dir / "preview-06-sms.png"), full_page=True)
    page.close()


def test_without_javascript_the_forms_post_and_the_page_comes_back_in_dutch_on_a_phone(
    live_server: LiveServer,
    shop: DemoShop,
    owner: Membership,
    chromium: Browser,
    screenshot_dir: Path,
) -> None:
    context = chromium.new_context(
        java_script_enabled=False, locale="nl-NL", viewport={"width": 390, "height": 844}
    )
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "nl", "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/login/")
    page.locator("input[name='username']").fill(owner.user.get_username())
    page.locator("input[name='password']").fill(PASSWORD)
    page.locator("button.btn-primary[type='submit']").click()
    page.wait_for_url(re.compile(r"/s/demo/"))

    page.goto(f"{live_server.url}/s/demo/preview/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    setup = page.locator("form.preview-setup")
    setup.get_by_label("Testklant").select_option(label=OLIVER)
    setup.get_by_label("Ingelogd").check()
    setup.get_by_role("button", name="Starten").click()
    page.wait_for_url(re.compile(r"/s/demo/preview/\d+/$"))

    page.get_by_role("button", name="Kan ik de maat van mijn laatste bestelling wijzigen?").click()
    page.wait_for_url(re.compile(r"/s/demo/preview/\d+/#latest$"))
    card = page.locator(".order-card")
    expect(card.locator(".order-title")).to_have_text("Bestelling #1061")
    expect(card.locator(".order-actions a[data-action='edit']")).to_have_attribute(
        "target", "_blank"
    )
    expect(page.locator("#trace-1")).to_contain_text("Toegestaan")
    expect(page.locator(".chat-turn").last).to_be_in_viewport()
    page.screenshot(path=str(screenshot_dir / "preview-07-nl-phone-no-js.png"), full_page=True)
    context.close()
