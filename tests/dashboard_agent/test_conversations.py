"""Conversation list (filters, pagination) and detail (transcript, traces, shopper)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings as django_settings
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


@pytest.fixture
def handoffs(conversations):
    """Tickets: the SMS conversation's open one; a closed one on the web chat (the agent went
    on to resolve it); the preview's and another store's, which never count for the filter."""
    for key, status in (
        ("sms_handed_off", "open"),
        ("webchat_resolved", "closed"),
        ("preview_webchat", "open"),
        ("foreign", "open"),
    ):
        conversation = conversations[key]
        HandoffFactory.create(store=conversation.store, conversation=conversation, status=status)


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
        # Agent Preview conversations are left out unless asked for.
        ({}, ["email_open", "sms_handed_off", "webchat_resolved"]),
        (
            {"preview": "all"},
            ["email_open", "preview_webchat", "sms_handed_off", "webchat_resolved"],
        ),
        ({"preview": "yes"}, ["preview_webchat"]),
        ({"channel": "webchat"}, ["webchat_resolved"]),
        ({"channel": "webchat", "preview": "all"}, ["preview_webchat", "webchat_resolved"]),
        ({"status": "handed_off"}, ["sms_handed_off"]),
        ({"status": "resolved"}, ["webchat_resolved"]),
        ({"skill": "order_edit"}, ["webchat_resolved"]),
        ({"skill": "returns"}, ["sms_handed_off"]),
        # A handoff ticket of any status counts, whatever the conversation's status says.
        ({"handoff": "yes"}, ["sms_handed_off", "webchat_resolved"]),
        ({"handoff": "no"}, ["email_open"]),
        (
            {"handoff": "yes", "preview": "all"},
            ["preview_webchat", "sms_handed_off", "webchat_resolved"],
        ),
        ({"date_from": "2026-01-05"}, ["email_open", "sms_handed_off", "webchat_resolved"]),
        ({"date_to": "2026-01-06"}, ["sms_handed_off", "webchat_resolved"]),
        (
            {"date_to": "2026-01-06", "preview": "all"},
            ["preview_webchat", "sms_handed_off", "webchat_resolved"],
        ),
        ({"date_from": "2026-01-06", "date_to": "2026-01-06"}, ["sms_handed_off"]),
        ({"channel": "webchat", "handoff": "yes", "skill": "order_edit"}, ["webchat_resolved"]),
        ({"channel": "webchat", "handoff": "no", "skill": "order_edit"}, []),
        ({"channel": "sms", "handoff": "yes", "date_from": "2026-01-07"}, []),
        ({"channel": "whatsapp"}, []),
    ],
)
def test_filters_return_exactly_the_expected_conversations(
    store, member_of, client_for, conversations, handoffs, params, expected
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


def test_preview_conversations_are_hidden_by_default_and_tagged_when_shown(
    store, member_of, client_for, conversations
):
    # given
    client = client_for(member_of(store, Role.OWNER))
    badge = '<span class="badge badge-info">Preview</span>'
    # when
    default = _list(client, store).content.decode()
    shown = _list(client, store, preview="all").content.decode()
    # then
    assert default.count(badge) == 0
    assert shown.count(badge) == 1
    assert '<option value="" selected>Shoppers only</option>' in default


def test_rows_show_the_skill_by_name_and_whether_it_was_handed_off(
    store, member_of, client_for, conversations, handoffs
):
    # given
    client = client_for(member_of(store, Role.SUPPORT))
    # when
    html = _list(client, store).content.decode()
    # then
    assert "<td>Order editing</td>" in html
    assert "<td>Returns &amp; exchanges</td>" in html
    assert "<td>order_edit</td>" not in html
    assert html.count('<span class="handoff-yes">Yes</span>') == 2


def test_list_is_paginated_by_fifty_keeping_the_filters_in_the_query_string(
    store, member_of, client_for
):
    # given
    ConversationFactory.create_batch(51, store=store, channel="webchat", last_skill="returns")
    ConversationFactory.create(store=store, channel="sms", last_skill="returns")
    client = client_for(member_of(store, Role.OWNER))
    params = {"channel": "webchat", "skill": "returns", "handoff": "no"}
    # when
    first = _list(client, store, **params)
    second = _list(client, store, **params, page=2)
    # then
    assert (len(first.context["page"]), len(second.context["page"])) == (50, 1)
    assert "?channel=webchat&amp;skill=returns&amp;handoff=no&amp;page=2" in first.content.decode()
    assert "?channel=webchat&amp;skill=returns&amp;handoff=no&amp;page=1" in second.content.decode()
    assert 'value="webchat" selected' in second.content.decode()


def test_an_unknown_filter_value_is_an_error_not_a_crash(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.ANALYST))
    # when
    response = _list(client, store, handoff="maybe", channel="fax")
    # then
    assert list(response.context["page"]) == []
    assert set(response.context["form"].errors) == {"handoff", "channel"}


TRACE = {
    "language": "nl",
    "language_confidence": 0.97,
    "intent": "order_change",
    "confidence": 0.913,
    "skill": "order_edit",
    "route": "classified",
    "verified": True,
    "passages": [
        {
            "article_id": 41,
            "article_title": "Bestelling wijzigen",
            "article_version": 3,
            "heading_path": ["Wijzigen", "Binnen een uur"],
            "score": 0.8312,
            "chunk_id": 9,
        }
    ],
    "order_facts": [
        {"order_name": "#1001", "name": "display_fulfillment_status", "value": "UNFULFILLED"}
    ],
    "eligibility": [
        {
            "subject": "Linnen overhemd",
            "action": "edit",
            "allowed": False,
            "reason": "het wijzigvenster van 1 uur is voorbij",
            "code": "edit_window_passed",
        }
    ],
    "prerequisites": [{"name": "hub_active", "met": True, "detail": ""}],
}


def _detail(client, store, conversation):
    return client.get(
        reverse(
            "agent:conversation-detail",
            kwargs={"store_slug": store.slug, "conversation_id": conversation.pk},
        )
    )


def test_detail_shows_transcript_in_turns_each_with_its_readable_trace(
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
        last_skill="order_edit",
    )
    reply = MessageFactory.create(
        conversation=conversation, seq=2, role="agent", text="Dat kan helaas niet meer."
    )
    MessageFactory.create(
        conversation=conversation, seq=1, role="shopper", text="Kan ik mijn maat wijzigen?"
    )
    MessageFactory.create(conversation=conversation, seq=3, role="shopper", text="Een mens graag")
    MessageFactory.create(conversation=conversation, seq=4, role="human", text="Ik help je.")
    ConversationEventFactory.create(
        conversation=conversation, message=reply, kind="turn", skill="order_edit", data=TRACE
    )
    ConversationEventFactory.create(conversation=conversation, kind="verified", skill="", data={})
    handoff = HandoffFactory.create(
        store=store, conversation=conversation, reason="prerequisite_missing:hub_active"
    )
    client = client_for(member_of(store, Role.SUPPORT))
    # when
    response = _detail(client, store, conversation)
    # then the turns: each shopper message with what followed it
    detail = response.context["detail"]
    assert [[(m.seq, m.role) for m in t.messages] for t in detail.turns] == [
        [(1, "shopper"), (2, "agent")],
        [(3, "shopper"), (4, "human")],
    ]
    first, second = detail.turns
    assert second.trace is None
    assert first.trace is not None
    assert (first.trace.trace.intent, first.trace.trace.skill) == ("order_change", "order_edit")
    assert [e.kind for e in detail.events] == [ConversationEvent.Kind.VERIFIED]
    assert detail.handoffs == [handoff]
    # and the page: the trace in words, collapsed per turn
    html = response.content.decode()
    trace_html = html.split('id="trace-1"', 1)[1].split("</details>\n</li>", 1)[0]
    assert 'id="trace-2"' not in html
    assert html.count('<details class="trace-turn"') == 1
    for shown in (
        "<code>nl</code>",
        "97% sure",
        "<code>order_change</code>",
        "confidence 91.3%",
        "Order editing</a>",
        "Bestelling wijzigen</a>",
        "version 3",
        "Wijzigen › Binnen een uur",
        "score 0.83",
        "Order #1001",
        "<code>display_fulfillment_status</code></dt><dd>UNFULFILLED</dd>",
        "Not allowed",
        "het wijzigvenster van 1 uur is voorbij",
        "edit_window_passed",
    ):
        assert shown in trace_html, shown
    assert "Kan ik mijn maat wijzigen?" in html
    assert "Ik help je." in html
    assert "Sanne de Vries" in html
    assert "Yes, at 5 Jan 2026 10:00" in html
    assert "<dt>Last skill</dt><dd>Order editing</dd>" in html
    assert "A prerequisite is missing: Customer Hub active." in html
    assert (
        reverse("agent:handoff-detail", kwargs={"store_slug": store.slug, "handoff_id": handoff.pk})
        in html
    )


def test_a_trace_stored_by_an_older_version_still_shows(store, member_of, client_for):
    # given a turn event without the newer keys, and one that is not even an object
    conversation = ConversationFactory.create(store=store)
    MessageFactory.create(conversation=conversation, seq=1, role="shopper", text="Hoi")
    reply = MessageFactory.create(conversation=conversation, seq=2, role="agent", text="Hallo!")
    ConversationEventFactory.create(
        conversation=conversation, message=reply, kind="turn", skill="smalltalk", data={}
    )
    client = client_for(member_of(store, Role.ANALYST))
    # when
    response = _detail(client, store, conversation)
    # then
    assert response.status_code == 200
    assert "No content used in this turn." in response.content.decode()


def test_detail_page_in_dutch(store, member_of, client_for):
    # given
    conversation = ConversationFactory.create(store=store)
    MessageFactory.create(conversation=conversation, seq=1, role="shopper", text="Hoi")
    reply = MessageFactory.create(conversation=conversation, seq=2, role="agent", text="Hallo!")
    ConversationEventFactory.create(
        conversation=conversation, message=reply, kind="turn", skill="order_edit", data=TRACE
    )
    client = client_for(member_of(store, Role.ANALYST))
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "nl"
    # when
    html = _detail(client, store, conversation).content.decode()
    # then
    assert f"Gesprek #{conversation.pk}" in html
    assert "Beurt 1" in html
    assert "Bestelling wijzigen</a>" in html
    assert "Niet toegestaan" in html
    assert "Bij elk antwoord van de agent staat waarom hij zo antwoordde" in html


def test_detail_of_unverified_conversation_says_no(store, member_of, client_for):
    # given
    conversation = ConversationFactory.create(store=store, contact="+31612345678")
    client = client_for(member_of(store, Role.ANALYST))
    # when
    response = _detail(client, store, conversation)
    # then
    html = response.content.decode()
    assert "<dt>Verified</dt><dd>No</dd>" in html
    assert "Not handed off." in html
