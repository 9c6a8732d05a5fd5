"""The whole path with the real skills, skill status, knowledge and order facts on the demo
shop: the four "done when" questions through message_receive, on each channel."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from agent.engine.production import engine_default
from agent.models import ChannelConfig, Conversation, Handoff
from agent.services import TurnResult, conversation_start, message_receive
from core import demo
from core.demo.types import DemoCase
from integrations.customer_hub.models import CustomerHubSettings
from integrations.messaging.models import OutboxMessage
from integrations.shopify.models import Customer
from tests.skills.conftest import NOW, DemoShop, demo_shop_load


@pytest.fixture(scope="module")
def demo_shop(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoShop]:
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield demo_shop_load()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def shop(demo_shop: DemoShop, db: None, settings: Any) -> DemoShop:
    settings.EMAIL_BACKEND = "integrations.messaging.backends.OutboxEmailBackend"
    return demo_shop


def customer_whose_latest_order(shop: DemoShop, case: DemoCase) -> Customer:
    for order in shop.with_case(case):
        key = shop.owner(order.number)
        if shop.of(key)[0].number == order.number:
            email = next(c.email for c in demo.CUSTOMERS if c.key == key)
            return Customer.objects.get(store=shop.store, email=email)
    raise AssertionError(f"no customer whose latest order is {case}")


def say(conversation: Conversation, text: str, capture: Any = None) -> TurnResult:
    def run() -> TurnResult:
        return message_receive(
            store=conversation.store,
            conversation=conversation,
            text=text,
            now=NOW,
            engine=engine_default(now=NOW),
        )

    if capture is None:
        return run()
    with capture(execute=True):
        return run()


def block_types(result: TurnResult) -> list[list[str]]:
    return [[b.to_dict()["type"] for b in r.blocks] for r in result.replies]


def test_dutch_size_change_signs_in_then_shows_the_order_with_an_edit_link(
    shop: DemoShop, django_capture_on_commit_callbacks: Any
) -> None:
    # given: a shopper whose latest order can still be edited, not signed in, on web chat
    customer = customer_whose_latest_order(shop, DemoCase.UNFULFILLED_IN_EDIT_WINDOW)
    conversation = conversation_start(store=shop.store, channel="webchat", now=NOW)
    # when
    asked = say(conversation, "Kan ik de maat van mijn recente bestelling wijzigen?")
    sent = say(conversation, customer.email, django_capture_on_commit_callbacks)
    mail = OutboxMessage.objects.filter(to=customer.email).latest("id")
    code = re.search(r"^(\d{6})$", mail.body, flags=re.MULTILINE)
    assert code is not None
    done = say(conversation, code.group(1))
    # then
    assert (asked.language, asked.intent, asked.skill) == ("nl", "order_change", "order_edit")
    assert block_types(asked)[0][-1] == "sign_in"
    assert asked.trace["passages"]  # the change policy, quoted before sign-in
    assert block_types(sent) == [["sign_in"]]
    assert done.replies[0].blocks[0].to_dict()["text"] == "Bedankt, je bent ingelogd."
    card = next(b for r in done.replies for b in r.blocks if b.to_dict()["type"] == "order_card")
    latest = shop.of(shop.owner(int(card.to_dict()["order_name"].lstrip("#"))))[0]
    assert card.to_dict()["order_name"] == latest.name
    assert any("/edit?t=" in a["url"] for a in card.to_dict()["actions"])
    conversation.refresh_from_db()
    assert conversation.customer == customer
    events = set(conversation.events.values_list("kind", flat=True))
    assert {"verification_asked", "verification_succeeded", "link_presented"} <= events


def test_cancel_on_sms_for_a_verified_shopper_sends_the_cancel_link(shop: DemoShop) -> None:
    # given
    customer = customer_whose_latest_order(shop, DemoCase.UNFULFILLED_IN_EDIT_WINDOW)
    conversation = conversation_start(
        store=shop.store, channel="sms", customer=customer, verified=True, now=NOW
    )
    # when
    result = say(conversation, "I need to cancel my order")
    # then
    assert (result.language, result.intent, result.skill) == ("en", "order_cancel", "order_edit")
    (text,) = (r.text for r in result.rendered)
    assert len(text) <= 320 and "/cancel?t=" in text
    assert result.trace["eligibility"] and result.trace["order_facts"]


@pytest.mark.parametrize("channel", ["webchat", "whatsapp", "email"])
def test_start_a_return_presents_the_return_link(shop: DemoShop, channel: str) -> None:
    # given
    customer = customer_whose_latest_order(shop, DemoCase.DELIVERED_IN_RETURN_WINDOW)
    conversation = conversation_start(
        store=shop.store, channel=channel, customer=customer, verified=True, now=NOW
    )
    # when
    result = say(conversation, "How do I start a return?")
    # then
    assert (result.intent, result.skill) == ("return_start", "returns")
    assert "/return?t=" in " ".join(r.text for r in result.rendered)
    assert conversation.events.filter(kind="link_presented").exists()


def test_return_policy_is_answered_from_content_without_sign_in(shop: DemoShop) -> None:
    # given
    conversation = conversation_start(store=shop.store, channel="email", now=NOW)
    # when
    result = say(conversation, "What is your return policy?")
    # then
    assert (result.intent, result.skill, result.handed_off) == ("return_policy", "returns", False)
    assert "30" in result.rendered[0].text
    assert result.trace["passages"]
    assert conversation.events.filter(kind="knowledge_answer").exists()


def test_without_the_hub_order_editing_is_unavailable_and_handed_off(shop: DemoShop) -> None:
    # given
    CustomerHubSettings.objects.filter(store=shop.store).update(active=False)
    conversation = conversation_start(store=shop.store, channel="webchat", now=NOW)
    # when
    result = say(conversation, "I want to change the size of my order")
    # then
    assert result.handed_off
    handoff = Handoff.objects.get(conversation=conversation)
    assert handoff.reason == "prerequisite_missing:hub_active"
    hub = {p["name"]: p["met"] for p in result.trace["prerequisites"]}["hub_active"]
    assert hub is False


# --- a skill Unavailable for a missing prerequisite still answers from content ---------------


@pytest.mark.parametrize(
    ("language", "text", "said"),
    [
        ("en", "How long can I change my order?", "1 hour (60 minutes)"),
        ("nl", "Hoe lang kan ik mijn bestelling nog wijzigen?", "1 uur (60 minuten)"),
    ],
)
def test_without_the_hub_a_change_policy_question_is_answered_from_content(
    shop: DemoShop, language: str, text: str, said: str
) -> None:
    # given order editing is Unavailable: the Customer Hub is off
    CustomerHubSettings.objects.filter(store=shop.store).update(active=False)
    conversation = conversation_start(store=shop.store, channel="webchat", now=NOW)
    # when
    result = say(conversation, text)
    # then quoted and cited, no apology, no handoff
    assert (result.intent, result.skill, result.handed_off) == (
        "order_change_policy",
        "order_edit",
        False,
    )
    assert said in result.rendered[0].text
    assert result.trace["passages"]
    assert not Handoff.objects.filter(conversation=conversation).exists()
    assert conversation.events.filter(kind="knowledge_answer").exists()


@pytest.mark.parametrize(
    ("language", "text", "said"),
    [
        (
            "en",
            "I need to cancel my order",
            "I can't cancel your order in this chat, so I'm passing your request to a colleague.",
        ),
        (
            "nl",
            "Ik moet mijn bestelling annuleren",
            "Ik kan je bestelling in deze chat niet annuleren, dus ik geef je vraag door aan een "
            "collega.",
        ),
    ],
)
def test_without_the_hub_a_cancel_request_gets_the_policy_then_a_person(
    shop: DemoShop, language: str, text: str, said: str
) -> None:
    CustomerHubSettings.objects.filter(store=shop.store).update(active=False)
    conversation = conversation_start(store=shop.store, channel="webchat", now=NOW)
    result = say(conversation, text)
    assert (result.intent, result.skill, result.handed_off) == ("order_cancel", "order_edit", True)
    assert said in result.rendered[0].text
    assert result.trace["passages"]  # the cancellation policy, quoted
    handoff = Handoff.objects.get(conversation=conversation)
    assert handoff.reason == "prerequisite_missing:hub_active"


@pytest.mark.parametrize(
    ("language", "policy", "request_text"),
    [
        ("en", "What is your return policy?", "I want to return order 1034"),
        ("nl", "Wat is jullie retourbeleid?", "Ik wil bestelling 1034 retourneren"),
    ],
)
def test_returns_unavailable_without_an_active_channel_still_answers_the_policy(
    shop: DemoShop, language: str, policy: str, request_text: str
) -> None:
    # given returns is Unavailable (not limited mode): no channel is active
    ChannelConfig.objects.filter(store=shop.store).update(enabled=False)
    conversation = conversation_start(store=shop.store, channel="webchat", now=NOW)
    # when the shopper asks the policy, then asks for a return
    answered = say(conversation, policy)
    asked = say(conversation, request_text)
    # then the policy is answered; the request gets the policy and a person
    assert (answered.skill, answered.handed_off) == ("returns", False)
    assert answered.trace["passages"]
    assert "30" in answered.rendered[0].text
    assert (asked.skill, asked.handed_off) == ("returns", True)
    handoff = Handoff.objects.get(conversation=conversation)
    assert handoff.reason == "prerequisite_missing:channel_active"
