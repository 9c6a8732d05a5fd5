"""Conversation list (filters, pagination) and detail (transcript, traces, shopper)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from agent.models import ConversationEvent
from core.roles import Role
from tests.factories.agent import (
    ConversationEventFactory,
    ConversationFactory,
    HandoffFactory,
    MessageFactory,
)
from tests.factories.integrations import CustomerFactory

pytestmark = pytest.mark.django_db

AMS = dt.timezone(dt.timedelta(hours=1))  # Europe/Amsterdam in winter


@pytest.fixture
def conversations(store, other_store):
    """A small set covering every filter; the store's time zone is Europe/Amsterdam."""
    return {
        "webchat_resolved": ConversationFactory.create(
            store=store,
            channel="webchat",
            status="resolved",
            last_skill="order_edit",
            created_at=dt.datetime(2026, 1, 5, 0, 30, tzinfo=AMS),
        ),
        "sms_handed_off": ConversationFactory.create(
            store=store,
            channel="sms",
            status="handed_off",
            last_skill="returns",
            created_at=dt.datetime(2026, 1, 6, 23, 59, tzinfo=AMS),
        ),
        "email_open": ConversationFactory.create(
            store=store,
            channel="email",
            status="open",
            last_skill="",
            created_at=dt.datetime(2026, 1, 7, 0, 0, tzinfo=AMS),
        ),
        "preview_webchat": ConversationFactory.create(
            store=store,
            channel="webchat",
            status="resolved",
            is_preview=True,
            last_skill="order_edit",
            created_at=dt.datetime(2026, 1, 4, 23, 59, tzinfo=AMS),
        ),
        "foreign": ConversationFactory.create(
            store=other_store,
            channel="webchat",
            status="resolved",
            last_skill="order_edit",
            created_at=dt.datetime(2026, 1, 5, 12, 0, tzinfo=AMS),
        ),
    }


def _list(client, store, **params):
    response = client.get(reverse("agent:conversations", kwargs={"store_slug": store.slug}), params)
    assert response.status_code == 200
    return response


def _keys(response, conversations):
    by_pk = {c.pk: key for key, c in conversations.items()}
    return sorted(by_pk[c.pk] for c in response.context["page"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["email_open", "preview_webchat", "sms_handed_off", "webchat_resolved"]),
        ({"channel": "webchat"}, ["preview_webchat", "webchat_resolved"]),
        ({"status": "handed_off"}, ["sms_handed_off"]),
        ({"status": "resolved"}, ["preview_webchat", "webchat_resolved"]),
        ({"skill": "order_edit"}, ["preview_webchat", "webchat_resolved"]),
        ({"skill": "returns"}, ["sms_handed_off"]),
        ({"preview": "yes"}, ["preview_webchat"]),
        ({"preview": "no"}, ["email_open", "sms_handed_off", "webchat_resolved"]),
        ({"date_from": "2026-01-05"}, ["email_open", "sms_handed_off", "webchat_resolved"]),
        ({"date_to": "2026-01-06"}, ["preview_webchat", "sms_handed_off", "webchat_resolved"]),
        ({"date_from": "2026-01-06", "date_to": "2026-01-06"}, ["sms_handed_off"]),
        ({"channel": "webchat", "preview": "no", "skill": "order_edit"}, ["webchat_resolved"]),
        ({"channel": "whatsapp"}, []),
    ],
)
def test_filters_return_exactly_the_expected_conversations(
    store, member_of, client_for, conversations, params, expected
):
    # given
    client = client_for(member_of(store, Role.ANALYST))
    # when
    response = _list(client, store, **params)
    # then
    assert _keys(response, conversations) == expected


def test_invalid_filter_shows_error_and_no_rows(store, member_of, client_for, conversations):
    # given
    client = client_for(member_of(store, Role.SUPPORT))
    # when
    response = _list(client, store, date_from="2026-01-07", date_to="2026-01-05")
    # then
    assert list(response.context["page"]) == []
    assert response.context["form"].errors == {
        "date_to": ["The end date must not be before the start date."]
    }


def test_preview_conversations_are_tagged(store, member_of, client_for, conversations):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = _list(client, store)
    # then
    assert response.content.decode().count('<span class="badge badge-info">Preview</span>') == 1


def test_list_is_paginated_by_fifty(store, member_of, client_for):
    # given
    ConversationFactory.create_batch(51, store=store)
    client = client_for(member_of(store, Role.OWNER))
    # when
    first = _list(client, store, channel="webchat")
    second = _list(client, store, channel="webchat", page=2)
    # then
    assert (len(first.context["page"]), len(second.context["page"])) == (50, 1)
    assert "?channel=webchat&amp;page=2" in first.content.decode()


def test_detail_shows_transcript_in_order_with_traces_under_their_turns(
    store, member_of, client_for
):
    # given
    customer = CustomerFactory.create(store=store, first_name="Sanne", last_name="de Vries")
    conversation = ConversationFactory.create(
        store=store,
        language="nl",
        customer=customer,
        contact="sanne@example.com",
        verified_at=dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC),
    )
    reply = MessageFactory.create(
        conversation=conversation, seq=2, role="agent", text="Dat kan nog."
    )
    MessageFactory.create(
        conversation=conversation, seq=1, role="shopper", text="Kan ik mijn maat wijzigen?"
    )
    ConversationEventFactory.create(
        conversation=conversation,
        message=reply,
        kind="turn",
        skill="order_edit",
        data={"intent": "order_change", "order": "#1001", "editable": True, "passages": [3, 7]},
    )
    ConversationEventFactory.create(conversation=conversation, kind="verified", skill="", data={})
    handoff = HandoffFactory.create(store=store, conversation=conversation)
    client = client_for(member_of(store, Role.SUPPORT))
    # when
    response = client.get(
        reverse(
            "agent:conversation-detail",
            kwargs={"store_slug": store.slug, "conversation_id": conversation.pk},
        )
    )
    # then
    detail = response.context["detail"]
    assert [(t.message.seq, t.message.role) for t in detail.turns] == [(1, "shopper"), (2, "agent")]
    assert detail.turns[0].traces == []
    assert [[(i.key, i.value) for i in trace] for trace in detail.turns[1].traces] == [
        [
            ("skill", "order_edit"),
            ("editable", "yes"),
            ("intent", "order_change"),
            ("order", "#1001"),
            ("passages", "3, 7"),
        ]
    ]
    assert [e.kind for e in detail.events] == [ConversationEvent.Kind.VERIFIED]
    assert detail.handoffs == [handoff]
    html = response.content.decode()
    assert "Kan ik mijn maat wijzigen?" in html
    assert "Sanne de Vries" in html
    assert "Yes, at 5 Jan 2026 10:00" in html
    assert "Dutch" in html
    assert (
        reverse("agent:handoff-detail", kwargs={"store_slug": store.slug, "handoff_id": handoff.pk})
        in html
    )


def test_detail_of_unverified_conversation_says_no(store, member_of, client_for):
    # given
    conversation = ConversationFactory.create(store=store, contact="+31612345678")
    client = client_for(member_of(store, Role.ANALYST))
    # when
    response = client.get(
        reverse(
            "agent:conversation-detail",
            kwargs={"store_slug": store.slug, "conversation_id": conversation.pk},
        )
    )
    # then
    html = response.content.decode()
    assert "<dt>Verified</dt><dd>No</dd>" in html
    assert "Not handed off." in html
