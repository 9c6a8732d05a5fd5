"""Agent Preview page: the test setup, a preview conversation run through the real engine on the
demo shop (fixed clock), each channel's rendering, the trace, roles, other stores, escaping."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from agent.engine import Engine
from agent.engine.production import engine_deps
from agent.models import Conversation, Message
from core.models import Membership, Store
from core.roles import Role
from integrations.shopify.models import Customer
from tests.factories.agent import ConversationFactory
from tests.factories.core import MembershipFactory
from tests.factories.integrations import CustomerFactory
from tests.skills.conftest import NOW, DemoShop, demo_shop_load

pytestmark = pytest.mark.django_db

CHANGE_SIZE = "Can I change the size of my recent order?"
OUTBOX = "integrations.messaging.backends.OutboxEmailBackend"


def engine_at_demo_clock(*, now: Any = None) -> Engine:
    """The production engine with the clock of the demo shop's orders (tests.skills.NOW)."""
    return Engine(engine_deps(now=NOW))


@pytest.fixture(autouse=True)
def demo_clock_and_outbox(settings: Any) -> None:
    settings.AGENT_ENGINE = f"{__name__}.engine_at_demo_clock"
    settings.EMAIL_BACKEND = OUTBOX


@pytest.fixture
def shop(db: None) -> DemoShop:
    return demo_shop_load()


@pytest.fixture
def owner(shop: DemoShop, client_for: Callable[[Membership], Client]) -> Client:
    return client_for(MembershipFactory.create(store=shop.store, role=Role.OWNER))


@pytest.fixture
def oliver(shop: DemoShop) -> Customer:
    """Unfulfilled order #1061 (two items) inside the edit window at NOW."""
    return Customer.objects.get(store=shop.store, email="oliver.bennett@example.com")


def _url(store: Store, name: str = "preview", **kwargs: Any) -> str:
    return reverse(f"agent:{name}", kwargs={"store_slug": store.slug, **kwargs})


def start(client: Client, store: Store, **data: Any) -> Conversation:
    response = client.post(_url(store, "preview-start"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    conversation = Conversation.objects.filter(store=store).latest("id")
    assert response["Location"] == _url(
        store, "preview-conversation", conversation_id=conversation.pk
    )
    return conversation


def say(client: Client, conversation: Conversation, text: str, **extra: Any) -> Any:
    url = _url(conversation.store, "preview-message", conversation_id=conversation.pk)
    return client.post(url, {"text": text, **extra.pop("data", {})}, **extra)


def page(client: Client, conversation: Conversation) -> str:
    url = _url(conversation.store, "preview-conversation", conversation_id=conversation.pk)
    response = client.get(url)
    assert response.status_code == 200
    return str(response.content.decode())


def htmx(client: Client, conversation: Conversation, text: str) -> str:
    response = say(client, conversation, text, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return str(response.content.decode())


# --- the setup ---------------------------------------------------------------------------------


def test_setup_lists_the_stores_customers_anonymous_first_and_the_questions_to_try(
    store: Store, other_store: Store, member_of: Callable[..., Membership], client_for: Any
) -> None:
    # given
    CustomerFactory.create(
        store=store, first_name="Anna", last_name="Bakker", email="anna@example.com"
    )
    CustomerFactory.create(store=other_store, first_name="Frank", last_name="Foreign")
    client = client_for(member_of(store, Role.SUPPORT))
    # when
    response = client.get(_url(store))
    # then
    assert response.status_code == 200
    choices = [label for _value, label in response.context["form"].fields["customer"].choices]
    assert choices == ["Anonymous shopper (no customer)", "Anna Bakker <anna@example.com>"]
    html = response.content.decode()
    assert CHANGE_SIZE in html
    assert "What is your return policy?" in html
    assert 'href="/static/dashboard/preview.css"' in html
    for channel in ("webchat", "sms", "whatsapp", "email"):
        assert f'value="{channel}"' in html


def test_start_an_unverified_preview_as_a_customer(
    shop: DemoShop, owner: Client, oliver: Any
) -> None:
    # when
    conversation = start(owner, shop.store, channel="webchat", customer=oliver.pk)
    # then
    assert conversation.is_preview is True
    assert conversation.channel == "webchat"
    assert conversation.verified_at is None
    assert conversation.customer is None
    assert conversation.contact == "oliver.bennett@example.com"
    html = page(owner, conversation)
    assert "oliver.bennett@example.com" in html
    assert "Not signed in" in html
    assert "#1061" in html  # the test shopper's orders, to check the agent's pick against


def test_start_a_verified_preview(shop: DemoShop, owner: Client, oliver: Any) -> None:
    # when
    conversation = start(owner, shop.store, channel="sms", customer=oliver.pk, verified="on")
    # then
    assert conversation.customer == oliver
    assert conversation.verified_at is not None
    assert "Signed in" in page(owner, conversation)


def test_start_anonymous(shop: DemoShop, owner: Client) -> None:
    conversation = start(owner, shop.store, channel="email", customer="")
    assert (conversation.customer, conversation.contact) == (None, "")
    assert "Anonymous shopper" in page(owner, conversation)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"channel": "webchat", "customer": "", "verified": "on"}, "customer"),
        ({"channel": "fax", "customer": ""}, "channel"),
    ],
)
def test_start_refuses_a_bad_setup(
    shop: DemoShop, owner: Client, data: dict[str, str], field: str
) -> None:
    # when
    response = owner.post(_url(shop.store, "preview-start"), data)
    # then
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not Conversation.objects.filter(store=shop.store).exists()


def test_start_refuses_another_stores_customer(
    shop: DemoShop, other_store: Store, owner: Client
) -> None:
    foreign = CustomerFactory.create(store=other_store)
    response = owner.post(
        _url(shop.store, "preview-start"), {"channel": "webchat", "customer": foreign.pk}
    )
    assert list(response.context["form"].errors) == ["customer"]
    assert not Conversation.objects.exists()


# --- chatting ----------------------------------------------------------------------------------


def test_unverified_shopper_gets_the_sign_in_request_then_the_order_card(
    shop: DemoShop,
    owner: Client,
    oliver: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given
    conversation = start(owner, shop.store, channel="webchat", customer=oliver.pk)

    # when: the question, without JS (the form posts, the page comes back)
    response = say(owner, conversation, CHANGE_SIZE)

    # then: the sign-in request, with the test shopper's email offered
    assert response.status_code == 302
    assert response["Location"].endswith(f"/preview/{conversation.pk}/#latest")
    html = page(owner, conversation)
    assert CHANGE_SIZE in html
    assert 'class="sign-in-block"' in html
    assert "What is the email address on your account?" in html
    assert 'autocomplete="email"' in html
    assert 'value="oliver.bennett@example.com"' in html  # prefilled from the setup
    assert "order-card" not in html
    assert "<code>shopper_verified</code>" in html  # the prerequisite, missing
    assert "<code>order_change</code>" in html

    # when: the email (the code email goes to the outbox on commit)
    with django_capture_on_commit_callbacks(execute=True):
        say(owner, conversation, "oliver.bennett@example.com")
    html = page(owner, conversation)

    # then: the code hint shows the code from the outbox, prefilled in the code field
    code = re.search(r'class="sign-in-code">(\d{6})<', html)
    assert code is not None
    assert f'value="{code.group(1)}"' in html
    assert 'autocomplete="one-time-code"' in html
    assert "/channels/#outbox-title" in html

    # when: the code
    html = htmx(owner, conversation, code.group(1))

    # then: signed in, the order card of #1061 with its edit link opening in a new tab
    conversation.refresh_from_db()
    assert conversation.verified_at is not None
    assert 'class="order-card"' in html
    assert "Order #1061" in html
    assert "Noord Runner Sneaker" in html
    assert "Can be changed" in html
    edit = re.search(r'<a class="btn btn-primary" href="([^"]+)" target="_blank"', html)
    assert edit is not None
    assert "/hub/demo/orders/1061/edit?t=" in edit.group(1)
    assert 'rel="noopener noreferrer" data-action="edit"' in html
    # and the trace of that turn: skill, eligibility decision, order facts, passage
    trace = html[html.index('id="trace-3"') :]
    trace = trace[: trace.index("</details>\n")]
    assert '<a href="/s/demo/skills/order_edit/">Order editing</a>' in trace
    assert "<code>order_edit</code>" in trace
    assert "Allowed" in trace
    assert "not shipped; the 1 hour window is open until 11:35 today" in trace
    assert '<code class="muted">editable</code>' in trace
    assert "<code>display_fulfillment_status</code>" in trace
    assert "UNFULFILLED" in trace
    assert "Changing or cancelling your order" in trace
    assert re.search(r'href="/s/demo/content/\d+/versions/1/">version 1</a>', trace)


def test_htmx_answer_is_the_panel_only_with_a_fresh_form(
    shop: DemoShop, owner: Client, oliver: Any
) -> None:
    # given
    conversation = start(owner, shop.store, channel="webchat", customer=oliver.pk, verified="on")
    # when
    html = htmx(owner, conversation, CHANGE_SIZE)
    # then
    assert html.lstrip().startswith('<div id="preview-session"')
    assert "<html" not in html
    assert 'hx-swap-oob="true"' in html  # the screen-reader announcement
    assert 'id="preview-announce"' in html
    assert 'name="text" autocomplete="off" autofocus' in html
    assert 'value="' + CHANGE_SIZE not in html.split('id="preview-send"')[1].split("</form>")[0]
    assert 'id="trace-1" open' in html
    assert html.count('class="bubble bubble-shopper"') == 1


def test_verified_sms_shows_the_text_sent_with_its_length(
    shop: DemoShop, owner: Client, oliver: Any
) -> None:
    # given
    conversation = start(owner, shop.store, channel="sms", customer=oliver.pk, verified="on")
    # when
    html = htmx(owner, conversation, CHANGE_SIZE)
    # then: exactly the stored SMS text, its count against the 320 limit, no card
    sent = Message.objects.filter(conversation=conversation, role="agent").get().text
    assert len(sent) <= 320
    assert "http://" in sent
    assert f'<pre class="channel-text">{_escape(sent)}</pre>' in html
    assert f"{len(sent)} / 320 characters" in html
    assert "SMS parts" in html or "SMS part" in html
    assert "order-card" not in html


def test_email_shows_subject_text_and_the_html_escaped_in_a_sandbox(
    shop: DemoShop, owner: Client, oliver: Any
) -> None:
    # given
    conversation = start(owner, shop.store, channel="email", customer=oliver.pk, verified="on")
    # when
    html = htmx(owner, conversation, CHANGE_SIZE)
    # then
    assert "Subject:</span> Your order #1061" in html
    assert 'sandbox="" srcdoc="&lt;!DOCTYPE html&gt;' in html
    assert "order-card" not in html


def test_quick_replies_post_their_payload_and_only_the_last_turns_are_buttons(
    shop: DemoShop, owner: Client
) -> None:
    # given
    conversation = start(owner, shop.store, channel="webchat", customer="")
    # when: a greeting (answered with what the agent can do, as quick replies)
    first = htmx(owner, conversation, "Hello")
    # then
    buttons = re.findall(r'<button type="submit" class="chip" name="text" value="([^"]+)">', first)
    assert len(buttons) >= 2
    # when: another message
    second = htmx(owner, conversation, "What is your return policy?")
    # then: the earlier options are shown, but no longer as buttons
    assert "chip chip-past" in second
    assert second.count('class="quick-replies"') <= 1


def test_the_passage_links_lead_to_the_article_and_the_version_used(
    shop: DemoShop, owner: Client, oliver: Any
) -> None:
    # given
    conversation = start(owner, shop.store, channel="webchat", customer=oliver.pk, verified="on")
    html = htmx(owner, conversation, CHANGE_SIZE)
    # when
    links = re.findall(r'href="(/s/demo/content/\d+/(?:versions/\d+/)?)"', html)
    # then
    assert len(links) >= 2
    for link in links:
        assert owner.get(link).status_code == 200


def test_asking_for_a_person_shows_the_handoff_notice(shop: DemoShop, owner: Client) -> None:
    conversation = start(owner, shop.store, channel="webchat", customer="")
    html = htmx(owner, conversation, "I want to talk to a person")
    assert 'class="handoff-notice"' in html
    assert "<code>handoff</code>" in html
    conversation.refresh_from_db()
    assert conversation.status == "handed_off"


def test_anonymous_sign_in_hint_asks_for_a_customers_email(shop: DemoShop, owner: Client) -> None:
    conversation = start(owner, shop.store, channel="webchat", customer="")
    html = htmx(owner, conversation, CHANGE_SIZE)
    assert "type the email of one of your customers" in html
    assert 'autocomplete="email"' in html


def test_a_form_sent_twice_is_one_message(shop: DemoShop, owner: Client) -> None:
    conversation = start(owner, shop.store, channel="webchat", customer="")
    for _ in range(2):
        say(owner, conversation, "What is your return policy?", data={"client_id": "abc123"})
    assert conversation.messages.filter(role="shopper").count() == 1


def test_an_empty_message_is_refused_and_nothing_is_stored(shop: DemoShop, owner: Client) -> None:
    conversation = start(owner, shop.store, channel="webchat", customer="")
    response = say(owner, conversation, "   ")
    assert response.status_code == 200
    assert "Type a message to send." in response.content.decode()
    html = htmx(owner, conversation, "")
    assert "Type a message to send." in html
    assert not conversation.messages.exists()


def test_shopper_and_customer_text_is_escaped(shop: DemoShop, owner: Client) -> None:
    # given
    CustomerFactory.create(
        store=shop.store, first_name="<b>Bold</b>", last_name="<i>x</i>", email="b@example.com"
    )
    customer = Customer.objects.get(store=shop.store, email="b@example.com")
    conversation = start(owner, shop.store, channel="webchat", customer=customer.pk, verified="on")
    # when
    html = htmx(owner, conversation, "<script>alert(1)</script> where is my order?")
    html += page(owner, conversation)
    # then
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>Bold</b>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html


# --- roles and stores --------------------------------------------------------------------------


@pytest.mark.parametrize("role", list(Role))
def test_every_role_may_use_the_preview(
    shop: DemoShop, client_for: Callable[[Membership], Client], role: Role
) -> None:
    client = client_for(MembershipFactory.create(store=shop.store, role=role))
    assert client.get(_url(shop.store)).status_code == 200
    conversation = start(client, shop.store, channel="webchat", customer="")
    response = say(client, conversation, "What is your return policy?")
    assert response.status_code == 302
    assert conversation.messages.filter(role="agent").exists()


def test_a_member_without_the_preview_right_gets_403(
    shop: DemoShop, client_for: Callable[[Membership], Client]
) -> None:
    # given: a role that is not known (and so may do nothing)
    client = client_for(MembershipFactory.create(store=shop.store, role="guest"))
    conversation = ConversationFactory.create(store=shop.store, is_preview=True)
    # then
    assert client.get(_url(shop.store)).status_code == 403
    assert client.post(_url(shop.store, "preview-start"), {"channel": "sms"}).status_code == 403
    url = _url(shop.store, "preview-conversation", conversation_id=conversation.pk)
    assert client.get(url).status_code == 403
    assert say(client, conversation, "hi").status_code == 403
    assert not Conversation.objects.filter(store=shop.store).exclude(pk=conversation.pk).exists()
    assert not conversation.messages.exists()


def test_another_stores_or_a_shoppers_conversation_is_404(
    shop: DemoShop, other_store: Store, owner: Client
) -> None:
    foreign = ConversationFactory.create(store=other_store, is_preview=True)
    real = ConversationFactory.create(store=shop.store, is_preview=False)
    for conversation in (foreign, real):
        url = _url(shop.store, "preview-conversation", conversation_id=conversation.pk)
        assert owner.get(url).status_code == 404
        url = _url(shop.store, "preview-message", conversation_id=conversation.pk)
        assert owner.post(url, {"text": "hi"}).status_code == 404
        assert not conversation.messages.exists()


def test_a_non_member_gets_404(shop: DemoShop, other_store: Store, client_for: Any) -> None:
    client = client_for(MembershipFactory.create(store=other_store, role=Role.OWNER))
    assert client.get(_url(shop.store)).status_code == 404


def test_earlier_previews_link_to_the_preview_and_the_transcript(
    shop: DemoShop, other_store: Store, owner: Client
) -> None:
    preview = ConversationFactory.create(store=shop.store, is_preview=True)
    ConversationFactory.create(store=shop.store, is_preview=False)
    ConversationFactory.create(store=other_store, is_preview=True)
    response = owner.get(_url(shop.store))
    assert response.context["previews"] == [preview]
    html = response.content.decode()
    assert _url(shop.store, "preview-conversation", conversation_id=preview.pk) in html
    assert _url(shop.store, "conversation-detail", conversation_id=preview.pk) in html


# --- Dutch -------------------------------------------------------------------------------------


def test_dutch_dashboard(shop: DemoShop, owner: Client, oliver: Any) -> None:
    # given
    owner.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "nl"
    # when
    setup = owner.get(_url(shop.store)).content.decode()
    conversation = start(owner, shop.store, channel="webchat", customer=oliver.pk, verified="on")
    html = htmx(owner, conversation, "Kan ik de maat van mijn laatste bestelling wijzigen?")
    # then: the page in Dutch, the questions to try in Dutch
    assert '<html lang="nl">' in setup
    assert "Test starten" in setup
    assert "Kan ik de maat van mijn laatste bestelling wijzigen?" in setup
    assert "Waarom de agent zo antwoordde" in html
    assert "Toegestaan" in html
    assert "Versturen" in html
    # and the agent answered the Dutch question in Dutch, with the card
    assert "Bestelling #1061" in html
    assert "<code>order_edit</code>" in html


def _escape(text: str) -> str:
    return str(escape(text))
