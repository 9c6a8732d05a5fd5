"""Agent Preview through the API: start a conversation as a test shopper on a channel, send
messages, get them rendered for that channel with the trace. Fake skills (the AGENT_ENGINE
setting names ``fake_engine``), everything else real."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from rest_framework.test import APIClient

from agent.engine import Engine, SkillGate
from agent.engine.production import engine_deps
from agent.models import Conversation
from core.models import Membership, Store
from core.roles import Role
from integrations.messaging.models import OutboxMessage
from integrations.shopify.models import Customer
from skills.base import SkillContext, SkillResult
from skills.replies import TextBlock
from tests.agent.engine_support import handoff_behaviour, order_edit_behaviour, reply, skills
from tests.factories.agent import ConversationFactory
from tests.factories.integrations import CustomerFactory

URL = "/api/v1/preview/conversations"


def policy(context: SkillContext) -> SkillResult:
    text = (
        "Je kunt binnen 30 dagen retourneren."
        if context.request.language == "nl"
        else ("You can return <b>unworn</b> items within 30 days.")
    )
    return SkillResult(reply=reply(TextBlock(text)), resolved=True)


FAKE_HANDLERS = {
    **skills("smalltalk", "general_qa", returns=policy, handoff=handoff_behaviour),
    "order_edit": skills(order_edit=order_edit_behaviour)["order_edit"],
}


def live(*, store: Store, skill_id: str) -> SkillGate:
    return SkillGate(skill=skill_id, usable=True)


def fake_engine(*, now: dt.datetime | None = None) -> Engine:
    """Production collaborators with fake skills that are all Live."""
    return Engine(replace(engine_deps(now=now), handlers=FAKE_HANDLERS, skill_gate=live))


@pytest.fixture(autouse=True)
def fake_skills_and_outbox(settings: Any) -> None:
    settings.AGENT_ENGINE = "tests.api.test_preview_api.fake_engine"
    settings.EMAIL_BACKEND = "integrations.messaging.backends.OutboxEmailBackend"


@pytest.fixture
def owner_api(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> APIClient:
    return api_for(member_of(store, Role.OWNER))


@pytest.fixture
def sanne(store: Store) -> Customer:
    return CustomerFactory.create(store=store, email="sanne@example.com", phone="+31612345678")


def start(client: APIClient, **body: Any) -> int:
    response = client.post(URL, body, format="json")
    assert response.status_code == 201, response.json()
    return int(response.json()["id"])


def say(client: APIClient, conversation_id: int, text: str) -> dict[str, Any]:
    response = client.post(f"{URL}/{conversation_id}/messages", {"text": text}, format="json")
    assert response.status_code == 200, response.json()
    return dict(response.json())


def test_start_an_anonymous_web_chat_preview(store: Store, owner_api: APIClient) -> None:
    # when
    response = owner_api.post(URL, {"channel": "webchat"}, format="json")
    # then
    assert response.status_code == 201
    body = response.json()
    assert body == {
        "id": body["id"],
        "channel": "webchat",
        "language": store.default_language,
        "verified": False,
    }
    conversation = Conversation.objects.get(pk=body["id"])
    assert conversation.is_preview and conversation.store == store


def test_start_as_a_verified_test_shopper(owner_api: APIClient, sanne: Customer) -> None:
    # when
    conversation_id = start(
        owner_api, channel="sms", customer_email="SANNE@example.com", verified=True
    )
    # then
    conversation = Conversation.objects.get(pk=conversation_id)
    assert conversation.customer == sanne and conversation.verified_at is not None
    assert conversation.contact == "+31612345678"


def test_an_unknown_customer_email_is_a_clear_400(owner_api: APIClient, other_store: Store) -> None:
    # given: a customer of another store only
    CustomerFactory.create(store=other_store, email="elsewhere@example.com")
    # when
    response = owner_api.post(
        URL, {"channel": "webchat", "customer_email": "elsewhere@example.com"}, format="json"
    )
    # then
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["message"] == "No customer of this store has that email address."


def test_verified_needs_a_customer_and_the_channel_must_exist(owner_api: APIClient) -> None:
    # when
    no_customer = owner_api.post(URL, {"channel": "webchat", "verified": True}, format="json")
    bad_channel = owner_api.post(URL, {"channel": "telegram"}, format="json")
    # then
    assert no_customer.status_code == 400
    assert no_customer.json()["detail"]["customer_email"] == ["Choose the customer to sign in as."]
    assert bad_channel.status_code == 400


def test_a_web_chat_turn_returns_blocks_and_the_trace(owner_api: APIClient) -> None:
    # given
    conversation_id = start(owner_api, channel="webchat")
    # when
    body = say(owner_api, conversation_id, "What is your return policy?")
    # then
    assert set(body) == {"language", "intent", "skill", "handoff", "messages", "trace"}
    assert (body["language"], body["intent"], body["skill"], body["handoff"]) == (
        "en",
        "return_policy",
        "returns",
        False,
    )
    (message,) = body["messages"]
    assert message["text"] == "You can return unworn items within 30 days."  # markup neutralised
    assert message["blocks"][0]["type"] == "text"
    trace = body["trace"]
    assert (trace["skill"], trace["intent"], trace["route"]) == (
        "returns",
        "return_policy",
        "classified",
    )
    assert {"passages", "order_facts", "eligibility", "prerequisites", "confidence"} <= set(trace)


@pytest.mark.parametrize("channel", ["sms", "whatsapp"])
def test_sms_and_whatsapp_turns_return_exactly_the_text_sent(
    owner_api: APIClient, channel: str
) -> None:
    # given
    conversation_id = start(owner_api, channel=channel)
    # when
    body = say(owner_api, conversation_id, "Wat is jullie retourbeleid?")
    # then
    assert body["language"] == "nl"
    assert body["messages"] == [{"text": "Je kunt binnen 30 dagen retourneren.", "blocks": []}]


def test_an_email_turn_has_subject_text_and_html(owner_api: APIClient) -> None:
    # given
    conversation_id = start(owner_api, channel="email")
    # when
    body = say(owner_api, conversation_id, "What is your return policy?")
    # then
    (message,) = body["messages"]
    assert message["blocks"] == []
    assert message["subject"] and "30 days" in message["text"]
    assert "<b>" not in message["html"]


def test_preview_shows_sign_in_then_the_order_after_the_code(
    owner_api: APIClient, sanne: Customer, django_capture_on_commit_callbacks: Any
) -> None:
    # given: the test shopper is not signed in
    conversation_id = start(owner_api, channel="webchat", customer_email="sanne@example.com")
    # when
    asked = say(owner_api, conversation_id, "Can I change the size of my recent order?")
    with django_capture_on_commit_callbacks(execute=True):
        sent = say(owner_api, conversation_id, "sanne@example.com")
    mail = OutboxMessage.objects.get(to="sanne@example.com")
    code = re.search(r"^(\d{6})$", mail.body, flags=re.MULTILINE)
    assert code is not None
    done = say(owner_api, conversation_id, code.group(1))
    # then
    assert asked["messages"][0]["blocks"][-1]["type"] == "sign_in"
    assert asked["skill"] == "order_edit" and asked["trace"]["expecting"] == "email"
    assert sent["messages"][0]["blocks"][0]["ask"] == "code"
    assert [m["text"] for m in done["messages"]][:1] == ["Thank you, you are signed in."]
    assert done["trace"]["verified"] is True


def test_a_human_request_reports_the_handoff(owner_api: APIClient) -> None:
    # given
    conversation_id = start(owner_api, channel="webchat")
    # when
    body = say(owner_api, conversation_id, "I want to talk to a human")
    # then
    assert body["handoff"] is True
    assert body["messages"][0]["blocks"][-1]["type"] == "handoff"


def test_every_role_may_use_preview(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    for role in Role.values:
        client = api_for(member_of(store, role))
        conversation_id = start(client, channel="webchat")
        assert say(client, conversation_id, "hi")["skill"] == "smalltalk"


def test_anonymous_requests_are_refused(store: Store) -> None:
    response = APIClient().post(URL, {"channel": "webchat"}, format="json")
    assert response.status_code in (401, 403)


def test_another_stores_conversation_is_404(
    owner_api: APIClient,
    other_store: Store,
    member_of: Callable[..., Membership],
    api_for: Callable[..., APIClient],
) -> None:
    # given: a preview conversation of another store, and a real one of this store
    theirs = start(api_for(member_of(other_store)), channel="webchat")
    real = ConversationFactory.create(store=Conversation.objects.get(pk=theirs).store)
    # when
    cross = owner_api.post(f"{URL}/{theirs}/messages", {"text": "hi"}, format="json")
    # then
    assert cross.status_code == 404
    assert cross.json()["code"] == "not_found"
    assert Conversation.objects.get(pk=theirs).messages.count() == 0
    assert real.pk != theirs


def test_a_shopper_conversation_cannot_be_written_through_preview(
    store: Store, owner_api: APIClient
) -> None:
    # given
    real = ConversationFactory.create(store=store, is_preview=False)
    # when
    response = owner_api.post(f"{URL}/{real.pk}/messages", {"text": "hi"}, format="json")
    # then
    assert response.status_code == 404
    assert real.messages.count() == 0


def test_empty_text_is_asked_again_without_storing(owner_api: APIClient) -> None:
    # given
    conversation_id = start(owner_api, channel="webchat")
    # when
    body = say(owner_api, conversation_id, "   ")
    # then
    assert body["messages"][0]["text"] == "I didn't receive any text. What can I help you with?"
    assert Conversation.objects.get(pk=conversation_id).messages.count() == 0
