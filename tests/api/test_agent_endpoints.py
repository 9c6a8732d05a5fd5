"""Handoff settings, channels, conversations and handoffs through the API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from agent.models import Channel, ChannelConfig, Conversation, Handoff, HandoffSettings
from core.models import Membership, Store
from core.roles import Role
from tests.factories.agent import (
    ChannelConfigFactory,
    ConversationFactory,
    HandoffFactory,
    MessageFactory,
)


def test_handoff_settings_defaults_then_patch(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    client = api_for(member_of(store, Role.MANAGER))

    # given settings never saved, the defaults show
    before = client.get("/api/v1/handoff-settings").json()
    assert before["destination"] == "inbox"
    assert before["business_hours"]["1"] == [["09:00", "17:00"]]

    # when the Dutch message and the hours change
    response = client.patch(
        "/api/v1/handoff-settings",
        {"message_nl": "We bellen je terug.", "business_hours": {"6": [["10:00", "14:00"]]}},
        format="json",
    )

    # then they are stored, the rest kept
    assert response.status_code == 200
    saved = HandoffSettings.objects.get(store=store)
    assert saved.message_nl == "We bellen je terug."
    assert saved.business_hours == {"6": [["10:00", "14:00"]]}
    assert saved.message_en == before["message_en"]


@pytest.mark.parametrize(
    "hours",
    [{"8": [["09:00", "17:00"]]}, {"1": [["17:00", "09:00"]]}, {"1": [["9", "17"]]}, []],
    ids=["weekday-8", "end-before-start", "not-hh-mm", "not-an-object"],
)
def test_handoff_business_hours_are_validated(
    hours: object,
    store: Store,
    member_of: Callable[..., Membership],
    api_for: Callable[..., APIClient],
) -> None:
    response = api_for(member_of(store)).patch(
        "/api/v1/handoff-settings", {"business_hours": hours}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["detail"]) == ["business_hours"]
    assert HandoffSettings.objects.filter(store=store).exists() is False


def test_channel_list_has_all_four_channels(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    saved = ChannelConfigFactory.create(
        store=store, kind=Channel.SMS, settings={"sender": "+31970102"}
    )
    body = api_for(member_of(store, Role.SUPPORT)).get("/api/v1/channels").json()
    assert [(c["kind"], c["enabled"], c["public_key"]) for c in body["results"]] == [
        ("webchat", False, None),
        ("sms", True, saved.public_key),
        ("whatsapp", False, None),
        ("email", False, None),
    ]


def test_webchat_patch_normalizes_allowed_origins(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    # when a manager activates web chat for two origins
    response = api_for(member_of(store, Role.MANAGER)).patch(
        "/api/v1/channels/webchat",
        {
            "enabled": True,
            "settings": {
                "allowed_origins": ["https://Shop.Example.com/", "http://localhost:8000"],
                "accent_color": "#112233",
            },
        },
        format="json",
    )

    # then they are stored as origins
    assert response.status_code == 200
    config = ChannelConfig.objects.get(store=store, kind="webchat")
    assert config.enabled is True
    assert config.settings == {
        "allowed_origins": ["https://shop.example.com", "http://localhost:8000"],
        "accent_color": "#112233",
    }
    assert response.json()["public_key"] == config.public_key


@pytest.mark.parametrize(
    "origin",
    ["ftp://shop.example.com", "https://shop.example.com/chat", "shop.example.com", "https://"],
)
def test_webchat_rejects_what_is_not_an_http_origin(
    origin: str,
    store: Store,
    member_of: Callable[..., Membership],
    api_for: Callable[..., APIClient],
) -> None:
    response = api_for(member_of(store)).patch(
        "/api/v1/channels/webchat", {"settings": {"allowed_origins": [origin]}}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["detail"]["settings"]) == ["allowed_origins"]


def test_channel_settings_reject_unknown_keys(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    response = api_for(member_of(store)).patch(
        "/api/v1/channels/sms", {"settings": {"colour": "red"}}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == {"settings": ["Unknown settings: colour."]}


def test_unknown_channel_is_404(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    client = api_for(member_of(store))
    assert client.get("/api/v1/channels/pigeon").status_code == 404
    assert client.patch("/api/v1/channels/pigeon", {}, format="json").status_code == 404


def test_conversation_filters(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    # given conversations on several channels, statuses and days
    day = dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC)
    wanted = ConversationFactory.create(store=store, channel="sms", created_at=day)
    ConversationFactory.create(store=store, channel="sms", is_preview=True, created_at=day)
    ConversationFactory.create(store=store, channel="webchat", created_at=day)
    ConversationFactory.create(store=store, channel="sms", created_at=day - dt.timedelta(days=3))
    ConversationFactory.create(
        store=store, channel="sms", status=Conversation.Status.CLOSED, created_at=day
    )
    client = api_for(member_of(store, Role.ANALYST))

    # when filtered on channel, status, preview flag and day
    response = client.get(
        "/api/v1/conversations?channel=sms&status=open&is_preview=false"
        "&date_from=2026-03-10&date_to=2026-03-10"
    )

    # then only the one that matches every filter is listed
    assert response.status_code == 200
    assert [c["id"] for c in response.json()["results"]] == [wanted.pk]
    assert client.get("/api/v1/conversations").json()["count"] == 5


def test_conversation_filter_dates_are_validated(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    response = api_for(member_of(store)).get(
        "/api/v1/conversations?date_from=2026-03-10&date_to=2026-03-01"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == {"date_to": ["Must not be before date_from."]}


def test_conversation_detail_has_its_messages(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    conversation = ConversationFactory.create(store=store)
    MessageFactory.create(conversation=conversation, seq=1, text="Kan ik mijn bestelling wijzigen?")
    MessageFactory.create(conversation=conversation, seq=2, role="agent", text="Log eerst in.")

    body = api_for(member_of(store)).get(f"/api/v1/conversations/{conversation.pk}").json()

    assert [(m["seq"], m["role"], m["text"]) for m in body["messages"]] == [
        (1, "shopper", "Kan ik mijn bestelling wijzigen?"),
        (2, "agent", "Log eerst in."),
    ]


def test_handoff_claim_then_close(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    # given an open handoff and a support member
    handoff = HandoffFactory.create(store=store)
    support = member_of(store, Role.SUPPORT)
    client = api_for(support)

    # when they claim it, it is theirs
    claimed = client.post(f"/api/v1/handoffs/{handoff.pk}/claim").json()
    assert claimed["status"] == "claimed"
    assert claimed["assigned_to"] == {"id": support.user.pk, "username": support.user.username}

    # when they close it, it is closed; closing again changes nothing
    closed = client.post(f"/api/v1/handoffs/{handoff.pk}/close").json()
    assert closed["status"] == "closed"
    assert client.post(f"/api/v1/handoffs/{handoff.pk}/close").json() == closed

    # and a closed handoff cannot be claimed
    response = client.post(f"/api/v1/handoffs/{handoff.pk}/claim")
    assert response.status_code == 409
    assert response.json()["code"] == "handoff_closed"


def test_handoff_list_filters_on_status(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    open_one = HandoffFactory.create(store=store)
    HandoffFactory.create(store=store, status=Handoff.Status.CLOSED)
    body = api_for(member_of(store)).get("/api/v1/handoffs?status=open").json()
    assert [h["id"] for h in body["results"]] == [open_one.pk]
    assert "shopper_email" in body["results"][0]


def test_agent_objects_of_another_store_are_404(
    store: Store,
    other_store: Store,
    member_of: Callable[..., Membership],
    api_for: Callable[..., APIClient],
) -> None:
    # given a conversation and a handoff of another store
    handoff = HandoffFactory.create(store=other_store)
    client = api_for(member_of(store))

    # then our member cannot read or work them
    assert client.get(f"/api/v1/conversations/{handoff.conversation.pk}").status_code == 404
    assert client.post(f"/api/v1/handoffs/{handoff.pk}/claim").status_code == 404
    assert client.post(f"/api/v1/handoffs/{handoff.pk}/close").status_code == 404
    assert client.get("/api/v1/handoffs").json()["count"] == 0
    assert client.get("/api/v1/conversations").json()["count"] == 0
    handoff.refresh_from_db()
    assert (handoff.status, handoff.assigned_to) == (Handoff.Status.OPEN, None)

    # and naming the other store is 404 too
    other = api_for(member_of(store), store_header=other_store.slug)
    assert other.get("/api/v1/handoff-settings").status_code == 404
    assert other.get("/api/v1/channels").status_code == 404
