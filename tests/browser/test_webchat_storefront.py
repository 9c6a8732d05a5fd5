"""A real browser on the demo storefront with the web chat widget, against a real ASGI server
(daphne in its own process, websockets included) over the demo shop loaded as ``make run``
loads it (orders synced from the sandbox through the real Shopify client).

1. A Dutch shopper asks to change their order, signs in with the emailed code (read from the
   outbox table) and gets an order card whose edit link opens in a new tab.
2. The socket drops mid-conversation (also while an answer is on its way) and the page is
   reloaded: every message is shown exactly once, in order.

Runs in its own pytest process (`make browser`; STACK.md pitfall 3), opens Playwright inside
the test body and drives the machine's Chromium (pitfall 5). Screenshots go to
var/screenshots/.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import TypeVar
from urllib.parse import parse_qs, urlsplit

import pytest
from channels.testing.live import make_application
from daphne.testing import DaphneProcess
from django.conf import settings
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.db import connection
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, expect
from pytest_django.fixtures import Settings

from agent.demo import demo_store_load
from agent.models import ChannelConfig, Conversation, Message
from core import demo
from core.demo.store import WEBCHAT_PUBLIC_KEY
from core.models import Store
from integrations.customer_hub.links import hub_link_verify
from integrations.messaging.models import OutboxMessage
from integrations.shopify.models import Order
from integrations.shopify.sandbox.models import SandboxShop
from integrations.shopify.sandbox.seed import sandbox_shop_seed
from tests.browser.conftest import needs_chromium

SANNE = next(c.email for c in demo.CUSTOMERS if c.key == "sanne")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    needs_chromium,
]

T = TypeVar("T")


def off_loop(call: Callable[[], T]) -> T:
    """Run ORM code while Playwright's event loop runs in this thread (Django refuses it
    here): in another thread, closing that thread's connection after."""

    def run() -> T:
        try:
            return call()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _database_use(name: str) -> None:
    """In the server's child process: use the test database this process created. (Channels'
    ``set_database_connection`` reads ``DATABASES["default"]["TEST"]["NAME"]``, which is only
    set for SQLite here; on PostgreSQL it named a database that does not exist.)"""
    settings.DATABASES["default"]["NAME"] = name


@pytest.fixture
def server(transactional_db: None, settings: Settings) -> Iterator[str]:
    """Daphne serving config.asgi (HTTP, static files, websockets) in a child process on a
    port chosen first, so the settings the child inherits already name its own address (hub
    links, the sandbox's Admin API)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    settings.APP_BASE_URL = url
    settings.SHOPIFY_ADMIN_URL_TEMPLATE = url + "/shopify-sandbox/{shop}"
    settings.EMAIL_BACKEND = "integrations.messaging.backends.OutboxEmailBackend"
    process = DaphneProcess(
        "127.0.0.1",
        partial(make_application, static_wrapper=ASGIStaticFilesHandler),
        setup=partial(_database_use, connection.settings_dict["NAME"]),
        port=port,
    )
    process.start()
    if not process.ready.wait(timeout=30):
        process.terminate()
        raise RuntimeError("daphne did not start")
    try:
        yield url
    finally:
        process.terminate()
        process.join(timeout=10)


@pytest.fixture
def demo_shop(server: str) -> Store:
    """The demo shop as ``make run`` loads it, its orders synced from the sandbox (served by
    the server above; the sandbox's query budget lifted so the sync does not wait), its web
    chat allowed on the server's address."""
    now = timezone.now()
    sandbox_shop_seed(shop_domain=demo.STORE.shop_domain, now=now)
    SandboxShop.objects.filter(domain=demo.STORE.shop_domain).update(
        throttle_maximum=1_000_000, throttle_restore_rate=1_000_000
    )
    result = demo_store_load(now=now)
    assert Order.objects.filter(store=result.store).count() == len(demo.demo_orders(now=now))
    config = ChannelConfig.objects.get(public_key=WEBCHAT_PUBLIC_KEY)
    config.settings = {**config.settings, "allowed_origins": [server]}
    config.save()
    return result.store


@pytest.fixture
def browser(chromium: Browser) -> Browser:
    return chromium


@pytest.fixture
def screenshots(screenshot_dir: Path) -> Path:
    return screenshot_dir


def open_chat(page: Page) -> Locator:
    page.get_by_role("button", name=re.compile("^(Chat with us|Chat met ons)")).click()
    panel = page.get_by_role("dialog")
    expect(panel).to_be_visible()
    return panel


def say(panel: Locator, text: str, *, label: str) -> None:
    field = panel.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Enter")


def log_of(panel: Locator) -> Locator:
    return panel.get_by_role("log")


def answers(panel: Locator) -> Locator:
    return log_of(panel).locator(".sa-from-agent[data-seq]")


def code_sent_to(address: str) -> str:
    mail = OutboxMessage.objects.filter(to=address).order_by("-id").first()
    assert mail is not None, "no sign-in email in the outbox"
    found = re.search(r"\b(\d{6})\b", mail.body)
    assert found is not None, mail.body
    return found.group(1)


# --- 1. sign in with a code, get the order card, open the edit link ----------------------------


def test_a_dutch_shopper_signs_in_with_a_code_and_opens_the_edit_link_of_the_order_card(
    server: str, demo_shop: Store, browser: Browser, screenshots: Path
) -> None:
    sanne_order = off_loop(
        lambda: (
            Order.objects.select_related("customer")
            .filter(store=demo_shop, customer__email=SANNE)
            .order_by("-shop_created_at")
            .first()
        )
    )
    assert sanne_order is not None
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{server}/demo-shop/?lang=nl")
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    # The widget in Dutch, with the shop's greeting.
    panel = open_chat(page)
    expect(panel.get_by_role("heading", name="Noord & Co")).to_be_visible()
    expect(panel).to_contain_text("Hoi! Ik ben de assistent van Noord & Co.")
    expect(panel.get_by_label("Jouw bericht", exact=True)).to_be_focused()
    page.screenshot(path=str(screenshots / "webchat-01-open-nl.png"))

    # Asking about an order: the policy, then the sign-in request (email first).
    say(panel, "Kan ik de maat van mijn laatste bestelling aanpassen?", label="Jouw bericht")
    email_field = panel.get_by_label("E-mailadres", exact=True)
    expect(email_field).to_be_visible()
    expect(email_field).to_be_focused()
    page.screenshot(path=str(screenshots / "webchat-02-sign-in-email.png"))
    email_field.fill(SANNE)
    panel.get_by_role("button", name="Code versturen").click()

    # The code step; the code comes from the email in the outbox.
    code_field = panel.get_by_label("Code", exact=True)
    expect(code_field).to_be_visible()
    expect(panel).to_contain_text("s•••@example.com")
    code = off_loop(lambda: code_sent_to(SANNE))
    code_field.fill(code)
    page.screenshot(path=str(screenshots / "webchat-03-sign-in-code.png"))
    panel.get_by_role("button", name="Inloggen").click()

    # Signed in: the order card of the most recent order, with its items and an edit link.
    card = panel.get_by_role("article", name=f"Bestelling {sanne_order.name}")
    expect(card).to_be_visible()
    expect(log_of(panel)).to_contain_text("je bent ingelogd")
    edit = card.locator("a.sa-action-edit").first
    expect(edit).to_be_visible()
    expect(edit).to_have_attribute("target", "_blank")
    expect(edit).to_have_attribute("rel", "noopener noreferrer")
    edit.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "webchat-04-order-card.png"))

    # The edit link opens the hub on that order's edit step, in a new tab without an opener.
    with page.context.expect_page() as opened:
        edit.click()
    hub = opened.value
    hub.wait_for_load_state()
    url = urlsplit(hub.url)
    assert f"{url.scheme}://{url.netloc}" == server
    assert url.path == f"/hub/demo/orders/{sanne_order.number}/edit"
    token = parse_qs(url.query)["t"][0]
    claims = hub_link_verify(
        store=demo_shop, token=token, order_number=sanne_order.number, action="edit"
    )
    assert claims.customer_id == sanne_order.customer.shopify_id  # type: ignore[union-attr]
    assert hub.evaluate("window.opener") is None
    hub.screenshot(path=str(screenshots / "webchat-05-hub-link-opened.png"))
    hub.close()

    # Stored once each: what the widget shows is what the conversation holds.
    conversation = off_loop(lambda: Conversation.objects.get(store=demo_shop))
    assert conversation.customer_id == sanne_order.customer_id
    seqs = [int(s) for s in log_of(panel).locator("[data-seq]").evaluate_all(SEQS)]
    assert seqs == off_loop(lambda: list_seqs(conversation))

    # The same conversation on a phone-sized screen after a page load.
    phone = context.new_page()
    phone.set_viewport_size({"width": 390, "height": 780})
    phone.goto(f"{server}/demo-shop/?lang=nl")
    phone_panel = phone.get_by_role("dialog")  # it was left open: it opens again
    expect(
        phone_panel.get_by_role("article", name=f"Bestelling {sanne_order.name}")
    ).to_be_visible()
    box = phone_panel.bounding_box()
    assert box is not None and (box["width"], box["height"]) == (390, 780)
    phone.screenshot(path=str(screenshots / "webchat-06-phone.png"))
    context.close()


SEQS = "nodes => nodes.map(n => n.getAttribute('data-seq'))"


def list_seqs(conversation: Conversation) -> list[int]:
    return list(Message.objects.filter(conversation=conversation).values_list("seq", flat=True))


# --- 2. reconnect mid-conversation -------------------------------------------------------------


def wait_ready(page: Page) -> None:
    page.wait_for_function(
        "() => { const s = window.shopAgentWebchat.state(); return s.ready && !s.pending; }"
    )


def test_a_reconnect_mid_conversation_loses_nothing_and_shows_nothing_twice(
    server: str, demo_shop: Store, browser: Browser, screenshots: Path
) -> None:
    page = browser.new_page(locale="en-GB", viewport={"width": 1280, "height": 860})
    page.set_default_timeout(20_000)
    page.goto(f"{server}/demo-shop/?lang=en")
    panel = open_chat(page)
    label = "Your message"

    # An ordinary first turn.
    say(panel, "What is your return policy?", label=label)
    expect(answers(panel)).to_have_count(1)
    wait_ready(page)

    # The socket drops; a message typed meanwhile is sent once it is back.
    page.evaluate("window.shopAgentWebchat.dropConnection()")
    say(panel, "How long does shipping take?", label=label)
    wait_ready(page)
    expect(log_of(panel).locator(".sa-from-shopper[data-seq]")).to_have_count(2)

    # The socket drops while the answer is on its way: the resume brings it.
    say(panel, "How do I start a return?", label=label)
    page.evaluate("window.shopAgentWebchat.dropConnection()")
    page.screenshot(path=str(screenshots / "webchat-07-reconnecting.png"))
    wait_ready(page)
    expect(log_of(panel).locator(".sa-from-shopper[data-seq]")).to_have_count(3)

    conversation = off_loop(lambda: Conversation.objects.get(store=demo_shop))
    stored = off_loop(lambda: list_seqs(conversation))
    assert len(stored) >= 6
    page.wait_for_function(
        f"() => document.querySelector('#shopagent-webchat').shadowRoot"
        f".querySelectorAll('[data-seq]').length === {len(stored)}"
    )
    shown = [int(s) for s in log_of(panel).locator("[data-seq]").evaluate_all(SEQS)]
    assert shown == stored  # every message once, in order
    for text in (
        "What is your return policy?",
        "How long does shipping take?",
        "How do I start a return?",
    ):
        expect(log_of(panel).locator(".sa-from-shopper").filter(has_text=text)).to_have_count(1)
    expect(log_of(panel).locator(".sa-pending")).to_have_count(0)
    page.screenshot(path=str(screenshots / "webchat-08-after-reconnects.png"))

    # A page load keeps the conversation: the same messages, once each.
    page.reload()
    panel = page.get_by_role("dialog")
    expect(panel.locator("[data-seq]")).to_have_count(len(stored))
    assert [int(s) for s in log_of(panel).locator("[data-seq]").evaluate_all(SEQS)] == stored
    assert off_loop(lambda: Conversation.objects.filter(store=demo_shop).count()) == 1
    page.screenshot(path=str(screenshots / "webchat-09-after-reload.png"))
    page.close()
