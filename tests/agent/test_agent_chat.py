"""manage.py agent_chat: the preview API's JSON per stdin line, the interactive text per
channel, outbox code hints, bad arguments."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from agent.models import Conversation
from core.models import Store
from tests.factories.integrations import CustomerFactory


@pytest.fixture(autouse=True)
def fake_skills(settings: Any) -> None:
    settings.AGENT_ENGINE = "tests.api.test_preview_api.fake_engine"
    settings.EMAIL_BACKEND = "integrations.messaging.backends.OutboxEmailBackend"


def chat(store: Store, lines: list[str], *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "agent_chat",
        "--store",
        store.slug,
        *args,
        stdin=io.StringIO("".join(f"{line}\n" for line in lines)),
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


def test_json_mode_gives_one_preview_json_line_per_input_line(store: Store) -> None:
    # when
    out, _err = chat(
        store,
        [
            json.dumps({"text": "What is your return policy?"}),
            "not json",
            json.dumps({"text": "Ik wil met een medewerker praten"}),
        ],
        "--channel",
        "sms",
        "--json",
    )
    # then
    first, error, third = (json.loads(line) for line in out.splitlines())
    assert set(first) == {"language", "intent", "skill", "handoff", "messages", "trace"}
    assert (first["intent"], first["skill"], first["handoff"]) == (
        "return_policy",
        "returns",
        False,
    )
    assert first["messages"] == [
        {"text": "You can return unworn items within 30 days.", "blocks": []}
    ]
    assert error == {"error": 'expected {"text": "..."}'}
    assert (third["language"], third["handoff"]) == ("nl", True)
    conversation = Conversation.objects.get(store=store)
    assert conversation.is_preview and conversation.channel == "sms"
    assert conversation.messages.count() == 4


def test_json_mode_web_chat_has_blocks(store: Store) -> None:
    # when
    out, _err = chat(store, [json.dumps({"text": "hi"})], "--channel", "webchat", "--json")
    # then
    (row,) = (json.loads(line) for line in out.splitlines())
    assert row["messages"][0]["blocks"] == [
        {"type": "text", "text": "smalltalk: greeting", "citation": None}
    ]


def test_verified_customer_starts_signed_in(store: Store) -> None:
    # given
    customer = CustomerFactory.create(store=store, email="sanne@example.com")
    # when
    chat(store, [], "--channel", "email", "--customer", "sanne@example.com", "--verified")
    # then
    conversation = Conversation.objects.get(store=store)
    assert conversation.customer == customer and conversation.verified_at is not None


@pytest.mark.django_db(transaction=True)
def test_interactive_mode_prints_the_channel_text_and_the_outbox_code(store: Store) -> None:
    # given
    CustomerFactory.create(store=store, email="sanne@example.com")
    # when
    out, _err = chat(
        store,
        ["I need to cancel my order", "sanne@example.com"],
        "--channel",
        "whatsapp",
        "--customer",
        "sanne@example.com",
    )
    # then
    assert "agent> Orders can be changed within 1 hour." in out
    assert "agent> I've sent a 6-digit code to s•••@example.com." in out
    assert re.search(r"\[outbox\] code \d{6} sent to sanne@example\.com", out)


def test_unknown_store_or_customer_is_a_command_error(store: Store) -> None:
    with pytest.raises(CommandError, match="No store"):
        call_command("agent_chat", "--store", "nope", "--channel", "sms", stdin=io.StringIO(""))
    with pytest.raises(CommandError, match="No customer"):
        chat(store, [], "--channel", "sms", "--customer", "nobody@example.com")
    with pytest.raises(CommandError, match="--verified needs --customer"):
        chat(store, [], "--channel", "sms", "--verified")
