"""A real browser on both sides of a handoff, against a real ASGI server (daphne in its own
process: HTTP, static files and websockets) over the demo shop as ``make run`` loads it.

A shopper on the demo storefront asks for a person. A support user signs into the dashboard
in a second browser context, opens the handoff from the inbox and takes it over: the widget's
header names her ("Yara from Noord & Co is helping you"); while she types her reply the
shopper sees "Yara is typing…"; the reply appears in the shopper's widget, labelled as the
support team's, without a page load. The shopper answers: the agent stays silent, the handoff
page shows the answer and the inbox (open in another tab) badges it — both polled.

Runs in its own pytest process (`make browser`; STACK.md pitfall 3), Playwright opened inside
the test body, the machine's Chromium (pitfall 5). Screenshots go to var/screenshots/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from agent.models import Handoff, Message
from core import demo
from core.models import Store
from tests.browser import test_webchat_storefront as storefront
from tests.browser.conftest import needs_chromium

# The storefront tests' server, demo shop, browser and screenshot folder (fixtures).
server = storefront.server
demo_shop = storefront.demo_shop
browser = storefront.browser
screenshots = storefront.screenshots
off_loop = storefront.off_loop

SUPPORT = next(u for u in demo.USERS if u.role == "support")
REPLY = "Hi, this is Yara from Noord & Co. I'm looking into your parcel now."
ANSWER = "Thank you! It is order #1001."

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    needs_chromium,
]


def sign_in(page: Page, server: str) -> None:
    page.goto(f"{server}/login/")
    page.get_by_label("Username").fill(SUPPORT.username)
    page.get_by_label("Password").fill(SUPPORT.password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/s/[\w-]+/"))


def test_a_support_users_reply_reaches_the_shoppers_widget_live(
    server: str, demo_shop: Store, browser: Browser, screenshots: Path
) -> None:
    # The shopper asks for a person on the storefront.
    shopper_context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 860})
    shop = shopper_context.new_page()
    shop.set_default_timeout(20_000)
    shop.goto(f"{server}/demo-shop/?lang=en")
    panel = storefront.open_chat(shop)
    storefront.say(panel, "I want to talk to a person", label="Your message")
    expect(storefront.answers(panel)).to_have_count(1)
    storefront.wait_ready(shop)
    subtitle = panel.locator(".sa-subtitle")
    expect(subtitle).to_have_text("Our assistant answers right away")
    handoff = off_loop(lambda: Handoff.objects.get(store=demo_shop))
    assert handoff.status == "open"
    shop.evaluate("window.__samePage = true")
    shop.screenshot(path=str(screenshots / "handoff-01-shopper-asks.png"))

    # A support user signs in (another browser context) and opens it from the inbox.
    support_context = browser.new_context(locale="en-GB", viewport={"width": 1440, "height": 1000})
    desk = support_context.new_page()
    desk.set_default_timeout(20_000)
    sign_in(desk, server)
    desk.goto(f"{server}/s/{demo_shop.slug}/handoff/inbox/")
    desk.screenshot(path=str(screenshots / "handoff-02-inbox.png"), full_page=True)
    desk.get_by_role("link", name="Unknown shopper").click()
    desk.wait_for_url(re.compile(rf"/handoff/inbox/{handoff.pk}/$"))
    expect(desk.get_by_role("heading", name=re.compile(f"Handoff #{handoff.pk}"))).to_be_visible()
    expect(desk.locator(".transcript").first).to_contain_text("I want to talk to a person")
    expect(desk.get_by_label("Your reply to the shopper")).to_have_count(0)

    # Takes it over: the shopper's widget names who helps them now.
    desk.get_by_role("button", name="Take over").click()
    expect(desk.get_by_role("status")).to_contain_text("You took over this handoff.")
    reply_field = desk.get_by_label("Your reply to the shopper")
    expect(reply_field).to_be_visible()
    expect(subtitle).to_have_text("Yara from Noord & Co is helping you")

    # An empty reply is refused and nothing reaches the shopper.
    desk.get_by_role("button", name="Send reply").click()
    expect(desk.locator(".errorlist")).to_contain_text("Write a reply first.")
    expect(panel.locator(".sa-typing")).to_be_hidden()
    # While she types, the shopper sees her typing.
    desk.get_by_label("Your reply to the shopper").press_sequentially(REPLY[:12], delay=20)
    typing = panel.locator(".sa-typing")
    expect(typing).to_be_visible()
    expect(typing).to_have_text("Yara is typing…")
    shop.screenshot(path=str(screenshots / "handoff-03b-shopper-sees-yara-typing.png"))
    desk.get_by_label("Your reply to the shopper").fill(REPLY)
    desk.screenshot(path=str(screenshots / "handoff-03-reply-typed.png"), full_page=True)
    desk.get_by_role("button", name="Send reply").click()
    expect(desk.get_by_role("status")).to_contain_text("Reply sent to the shopper.")
    expect(desk.locator("#handoff-live")).to_contain_text(REPLY)
    expect(desk.locator("#handoff-live")).to_contain_text("Yara El Amrani (Support agent)")

    # The shopper's widget shows it, as the support team's, on the same page (no reload).
    person = panel.locator(".sa-from-person")
    expect(person).to_have_count(1)
    expect(person).to_contain_text(REPLY)
    expect(person.locator(".sa-author")).to_have_text("Support team")
    expect(panel.locator(".sa-typing")).to_be_hidden()
    expect(subtitle).to_have_text("Yara from Noord & Co is helping you")
    assert shop.evaluate("window.__samePage") is True
    shop.screenshot(path=str(screenshots / "handoff-04-shopper-sees-reply.png"))

    # The inbox, open in another tab, has nobody waiting for an answer yet.
    inbox = support_context.new_page()
    inbox.set_default_timeout(20_000)
    inbox.goto(f"{server}/s/{demo_shop.slug}/handoff/inbox/")
    row = inbox.locator(f'tr[data-handoff="{handoff.pk}"]')
    expect(row).to_contain_text("Taken over")
    expect(row.locator(".handoff-waiting")).to_have_count(0)
    inbox.evaluate("window.__samePage = true")

    # The shopper answers: the agent stays silent, the handoff page shows it (polled).
    storefront.say(panel, ANSWER, label="Your message")
    storefront.wait_ready(shop)
    expect(storefront.log_of(panel).locator(".sa-from-shopper[data-seq]")).to_have_count(2)
    expect(desk.locator("#handoff-live")).to_contain_text(ANSWER, timeout=10_000)
    expect(panel.locator(".sa-typing")).to_be_hidden()
    expect(storefront.answers(panel)).to_have_count(1)
    roles = off_loop(
        lambda: list(
            Message.objects.filter(conversation_id=handoff.conversation_id)
            .order_by("seq")
            .values_list("role", flat=True)
        )
    )
    assert roles == ["shopper", "agent", "human", "shopper"]
    shop.screenshot(path=str(screenshots / "handoff-05-shopper-answers.png"))
    desk.screenshot(path=str(screenshots / "handoff-06-desk-sees-answer.png"), full_page=True)
    # and the inbox badges it on its next poll (no page load)
    expect(row.locator(".handoff-waiting")).to_have_text("1 new message", timeout=12_000)
    assert inbox.evaluate("window.__samePage") is True
    inbox.screenshot(path=str(screenshots / "handoff-07-inbox-waiting-badge.png"), full_page=True)
    support_context.close()
    shopper_context.close()
