"""Sign-in through message_receive with the real verification services: the code from the
outbox, five wrong codes lock it, expiry, silent storefront identity, phone identification."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Any

import pytest

from agent.engine import Engine, SkillGate
from agent.engine.production import engine_deps
from agent.models import Conversation, ConversationEvent
from agent.services import (
    TurnResult,
    conversation_identify,
    conversation_start,
    message_receive,
)
from core.models import Store
from integrations.customer_hub.verification import (
    ShopperIdentityInvalid,
    identity_secret_rotate,
    shopper_identity_signature,
)
from integrations.messaging.models import OutboxMessage
from integrations.shopify.models import Customer
from tests.agent.engine_support import order_edit_behaviour, skills
from tests.factories.integrations import CustomerFactory

T0 = dt.datetime(2026, 5, 4, 8, 0, tzinfo=dt.UTC)
Capture = Callable[..., AbstractContextManager[Any]]


def live(*, store: Store, skill_id: str) -> SkillGate:
    return SkillGate(skill=skill_id, usable=True)


class Chat:
    def __init__(self, store: Store, conversation: Conversation, capture: Capture) -> None:
        self.store, self.conversation, self.capture = store, conversation, capture
        self.handlers = skills("returns", "smalltalk", order_edit=order_edit_behaviour)
        self.now = T0

    def say(self, text: str) -> TurnResult:
        engine = Engine(replace(engine_deps(now=self.now), handlers=self.handlers, skill_gate=live))
        with self.capture(execute=True):  # the code email goes out on commit
            return message_receive(
                store=self.store,
                conversation=self.conversation,
                text=text,
                now=self.now,
                engine=engine,
            )


def code_sent_to(address: str) -> str:
    mail = OutboxMessage.objects.filter(to=address).order_by("-id").first()
    assert mail is not None
    found = re.search(r"^(\d{6})$", mail.body, flags=re.MULTILINE)
    assert found is not None
    return found.group(1)


@pytest.fixture(autouse=True)
def outbox_email(settings: Any) -> None:
    """Email goes through the embedded outbox backend (pytest-django would swap in locmem)."""
    settings.EMAIL_BACKEND = "integrations.messaging.backends.OutboxEmailBackend"


@pytest.fixture
def sanne(store: Store) -> Customer:
    return CustomerFactory.create(
        store=store, email="sanne@example.com", phone="+31612345678", shopify_id=7_001
    )


@pytest.fixture
def chat(store: Store, sanne: Customer, django_capture_on_commit_callbacks: Capture) -> Chat:
    conversation = conversation_start(store=store, channel="webchat", now=T0)
    return Chat(store, conversation, django_capture_on_commit_callbacks)


def test_email_code_sign_in_verifies_the_conversation_and_reruns_the_request(
    chat: Chat, sanne: Customer
) -> None:
    # given
    asked = chat.say("Can I change the size of my recent order?")
    assert asked.payload()["messages"][0]["blocks"][-1]["type"] == "sign_in"
    sent = chat.say("sanne@example.com")
    (block,) = sent.payload()["messages"][0]["blocks"]
    assert (block["type"], block["ask"], block["masked_email"]) == (
        "sign_in",
        "code",
        "s•••@example.com",
    )
    # when
    done = chat.say(code_sent_to("sanne@example.com"))
    # then
    conversation = chat.conversation
    conversation.refresh_from_db()
    assert (conversation.customer, conversation.verified_at) == (sanne, T0)
    assert done.payload()["messages"][0]["text"] == "Thank you, you are signed in."
    assert done.payload()["messages"][1]["text"].startswith("Which order?")
    kinds = list(
        ConversationEvent.objects.filter(conversation=conversation)
        .exclude(kind__in=["turn", "skill_chosen", "started"])
        .values_list("kind", "data")
    )
    assert kinds == [
        ("verification_asked", {"step": "email"}),
        ("verification_asked", {"step": "code"}),
        ("verification_succeeded", {"method": "code"}),
    ]
    assert conversation.state["verified_by"] == "code"
    assert "sign_in" not in conversation.state


def test_five_wrong_codes_lock_the_code_even_for_the_right_one(chat: Chat) -> None:
    # given
    chat.say("I need to cancel my order")
    chat.say("sanne@example.com")
    right = code_sent_to("sanne@example.com")
    wrong = "000000" if right != "000000" else "111111"
    # when
    answers = [chat.say(wrong).rendered[0].text for _ in range(5)]
    after = chat.say(right)
    # then
    assert answers[0] == "That code is not right. You can try 4 more times."
    assert answers[4].startswith("That code was entered wrongly too many times")
    assert after.rendered[0].text.startswith("That code was entered wrongly too many times")
    chat.conversation.refresh_from_db()
    assert chat.conversation.customer is None


def test_an_expired_code_no_longer_signs_in(chat: Chat) -> None:
    # given
    chat.say("I need to cancel my order")
    chat.say("sanne@example.com")
    code = code_sent_to("sanne@example.com")
    # when
    chat.now = T0 + dt.timedelta(minutes=10)
    result = chat.say(code)
    # then
    assert result.rendered[0].text.startswith(
        "That code is no longer valid. Please ask for a new code."
    )
    chat.conversation.refresh_from_db()
    assert chat.conversation.customer is None


def test_dutch_shopper_gets_the_sign_in_in_dutch(chat: Chat) -> None:
    # given
    chat.say("Kan ik de maat van mijn recente bestelling wijzigen?")
    # when
    result = chat.say("sanne@example.com")
    # then
    assert result.language == "nl"
    mail = OutboxMessage.objects.get(to="sanne@example.com")
    assert "code" in mail.subject.lower()
    assert result.rendered[0].text.startswith("Ik heb een code van 6 cijfers gestuurd naar")


def test_signed_storefront_identity_verifies_silently(store: Store, sanne: Customer) -> None:
    # given
    secret = identity_secret_rotate(store=store)
    conversation = conversation_start(store=store, channel="webchat", now=T0)
    expires = str(int((T0 + dt.timedelta(hours=1)).timestamp()))
    signature = shopper_identity_signature(
        secret=secret, customer_id="7001", email="sanne@example.com", expires=expires
    )
    # when
    conversation_identify(
        conversation=conversation,
        customer_id="7001",
        email="sanne@example.com",
        expires=expires,
        signature=signature,
        now=T0,
    )
    conversation_identify(  # again: idempotent
        conversation=conversation,
        customer_id="7001",
        email="sanne@example.com",
        expires=expires,
        signature=signature,
        now=T0,
    )
    # then
    conversation.refresh_from_db()
    assert (conversation.customer, conversation.verified_at) == (sanne, T0)
    assert conversation.state["verified_by"] == "identity"
    assert (
        ConversationEvent.objects.filter(
            conversation=conversation, kind="verification_succeeded"
        ).count()
        == 1
    )
    with pytest.raises(ShopperIdentityInvalid):
        conversation_identify(
            conversation=conversation,
            customer_id="7001",
            email="sanne@example.com",
            expires=expires,
            signature="0" * 64,
            now=T0,
        )


def test_sms_number_of_exactly_one_customer_identifies_the_shopper(
    store: Store, sanne: Customer, django_capture_on_commit_callbacks: Capture
) -> None:
    # given
    conversation = conversation_start(store=store, channel="sms", contact="+31612345678")
    chat = Chat(store, conversation, django_capture_on_commit_callbacks)
    # when
    result = chat.say("I want to change my order")
    # then
    assert result.rendered[0].text.startswith("Which order?")
    conversation.refresh_from_db()
    assert conversation.customer == sanne
    assert conversation.state["verified_by"] == "phone"


def test_whatsapp_number_shared_by_two_customers_asks_for_the_email(
    store: Store, sanne: Customer, django_capture_on_commit_callbacks: Capture
) -> None:
    # given
    CustomerFactory.create(store=store, phone="+31612345678")
    conversation = conversation_start(
        store=store, channel="whatsapp", contact="whatsapp:+31612345678"
    )
    chat = Chat(store, conversation, django_capture_on_commit_callbacks)
    # when
    result = chat.say("I want to change my order")
    # then
    assert result.replies[0].blocks[-1].to_dict()["type"] == "sign_in"
    conversation.refresh_from_db()
    assert conversation.customer is None


def test_email_channel_sends_the_code_to_the_senders_address_on_a_profile(
    store: Store, sanne: Customer, django_capture_on_commit_callbacks: Capture
) -> None:
    # given sanne writes by email from the address on her profile
    conversation = conversation_start(
        store=store, channel="email", contact="Sanne <SANNE@example.com>", now=T0
    )
    chat = Chat(store, conversation, django_capture_on_commit_callbacks)

    # when
    asked = chat.say("I need to cancel my order")

    # then the code is in her mailbox without the address being asked, and it signs her in
    assert "s•••@example.com" in asked.rendered[0].text
    assert "What is the email address" not in asked.rendered[0].text
    done = chat.say(code_sent_to("sanne@example.com"))
    conversation.refresh_from_db()
    assert (conversation.customer, conversation.verified_at) == (sanne, T0)
    assert done.rendered[0].text.startswith("Thank you, you are signed in.")
    kinds = list(
        ConversationEvent.objects.filter(conversation=conversation, kind__startswith="verif")
        .order_by("id")
        .values_list("kind", "data")
    )
    assert kinds == [
        ("verification_asked", {"step": "code", "to": "sender"}),
        ("verification_succeeded", {"method": "code"}),
    ]


def test_email_channel_asks_for_the_address_when_no_profile_has_the_senders(
    store: Store, sanne: Customer, django_capture_on_commit_callbacks: Capture
) -> None:
    conversation = conversation_start(
        store=store, channel="email", contact="sanne.private@example.org", now=T0
    )
    chat = Chat(store, conversation, django_capture_on_commit_callbacks)
    asked = chat.say("I need to cancel my order")
    assert "What is the email address on your account?" in asked.rendered[0].text
    assert not OutboxMessage.objects.exists()
