"""A support user works a handoff: takes it over, replies (stored as the person's message,
pushed to the shopper's web chat), sees the shopper's new messages (polled), and the agent
stays silent meanwhile. Validation in English and Dutch, roles, other stores, closed
handoffs and channels without a transport yet."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from agent.engine import Engine, SkillGate
from agent.engine.production import engine_deps
from agent.models import Conversation, Handoff, Message
from agent.realtime.push import conversation_group
from agent.services import conversation_start, message_receive
from agent.services.handoff_reply import (
    MAX_REPLY_CHARS,
    HandoffNotTakenOver,
    handoff_reply,
)
from agent.services.settings import HandoffClosed
from core.errors import NotFound, ValidationFailed
from core.models import Store
from core.roles import Role
from tests.agent.engine_support import handoff_behaviour, skills
from tests.factories.agent import ConversationFactory, HandoffFactory, MessageFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2026, 5, 4, 8, 0, tzinfo=dt.UTC)  # 10:00 in Amsterdam: business hours


def _engine(*, store: Store, skill_id: str) -> SkillGate:
    return SkillGate(skill=skill_id, usable=True)


def engine() -> Engine:
    found = skills("smalltalk", "general_qa", "order_edit", "returns", handoff=handoff_behaviour)
    return Engine(replace(engine_deps(now=MONDAY), handlers=found, skill_gate=_engine))


def say(store: Store, conversation: Conversation, text: str) -> Any:
    return message_receive(store=store, conversation=conversation, text=text, engine=engine())


def url(store: Store, name: str, handoff: Handoff) -> str:
    return reverse(name, kwargs={"store_slug": store.slug, "handoff_id": handoff.pk})


def claimed_by(store: Store, user: Any, *, channel: str = "webchat", **kwargs: Any) -> Handoff:
    conversation = ConversationFactory.create(store=store, channel=channel, **kwargs)
    return HandoffFactory.create(
        store=store, conversation=conversation, status="claimed", assigned_to=user
    )


def human_messages(handoff: Handoff) -> list[Message]:
    return list(Message.objects.filter(conversation=handoff.conversation_id, role="human"))


# --- the whole round: shopper asks, support takes over and replies, shopper answers ------------


def test_support_takes_over_replies_and_sees_the_shoppers_answer_while_the_agent_is_silent(
    store, member_of, client_for
):
    # given: a web chat shopper asked for a person
    conversation = conversation_start(store=store, channel="webchat", now=MONDAY)
    say(store, conversation, "I want to talk to a person")
    handoff = Handoff.objects.get(conversation=conversation)
    support = member_of(store, Role.SUPPORT)
    client = client_for(support)
    # when: support takes it over and replies
    claimed = client.post(url(store, "agent:handoff-claim", handoff), follow=True)
    assert claimed.context["can_reply"]
    response = client.post(
        url(store, "agent:handoff-reply", handoff), {"text": "Hi, this is Yara. How can I help?"}
    )
    # then: stored as the person's message, after the agent's
    assert response.status_code == 302
    assert response.url == url(store, "agent:handoff-detail", handoff) + "#reply"
    reply = Message.objects.get(conversation=conversation, role="human")
    assert (reply.seq, reply.text, reply.author_id) == (
        3,
        "Hi, this is Yara. How can I help?",
        support.user.pk,
    )
    page = client.get(response.url)
    assert [str(m) for m in page.context["messages"]] == ["Reply sent to the shopper."]
    assert [(line.seq, line.role, line.text) for line in page.context["live_lines"]] == [
        (3, "human", "Hi, this is Yara. How can I help?")
    ]
    assert page.context["last_seq"] == 3

    # when: the shopper answers
    result = say(store, conversation, "My parcel never arrived")
    # then: the agent stays silent, and the page's next poll brings the message
    assert result.taken_over and result.agent_messages == ()
    assert list(conversation.messages.values_list("seq", "role")) == [
        (1, "shopper"),
        (2, "agent"),
        (3, "human"),
        (4, "shopper"),
    ]
    poll = client.get(url(store, "agent:handoff-messages", handoff), {"after": 3})
    assert [(line.seq, line.text) for line in poll.context["live_lines"]] == [
        (4, "My parcel never arrived")
    ]
    html = poll.content.decode()
    assert "My parcel never arrived" in html
    assert "Hi, this is Yara" not in html
    assert "?after=4" in html  # the next poll asks after the last one shown
    assert 'hx-swap-oob="true"' in html


def test_the_reply_is_pushed_to_the_conversations_web_chat_after_commit(
    store, member_of, django_capture_on_commit_callbacks
):
    # given: a socket of the conversation listens on its group
    user = member_of(store, Role.SUPPORT).user
    handoff = claimed_by(store, user, language="nl")
    layer = get_channel_layer()
    assert layer is not None
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(conversation_group(handoff.conversation_id), channel)
    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = handoff_reply(
            store=store, handoff_id=handoff.pk, user=user, text="  Ik kijk het na.  "
        )
    # then
    assert len(callbacks) == 1
    assert result.delivered
    event = async_to_sync(layer.receive)(channel)
    frame = event["frame"]
    assert (event["type"], frame["type"], frame["seq"], frame["role"]) == (
        "webchat.message",
        "message",
        result.message.seq,
        "human",
    )
    assert frame["payload"]["text"] == "Ik kijk het na."
    assert result.message.text == "Ik kijk het na."
    handoff.conversation.refresh_from_db()
    assert handoff.conversation.next_seq == result.message.seq + 1


def test_the_detail_page_shows_the_reply_form_only_to_the_member_who_took_it_over(
    store, member_of, client_for
):
    # given
    support = member_of(store, Role.SUPPORT)
    colleague = member_of(store, Role.SUPPORT)
    handoff = claimed_by(store, support.user)
    detail = url(store, "agent:handoff-detail", handoff)
    reply_url = url(store, "agent:handoff-reply", handoff)
    # when
    mine = client_for(support).get(detail)
    theirs = client_for(colleague).get(detail)
    analyst = client_for(member_of(store, Role.ANALYST)).get(detail)
    # then
    assert mine.context["can_reply"] and reply_url in mine.content.decode()
    assert 'name="csrfmiddlewaretoken"' in mine.content.decode()
    assert "<textarea" in mine.content.decode()
    assert not theirs.context["can_reply"] and reply_url not in theirs.content.decode()
    assert "Take over this handoff to reply to the shopper." in theirs.content.decode()
    assert not analyst.context["can_reply"] and reply_url not in analyst.content.decode()
    assert "Your role can read handoffs but not reply to shoppers." in analyst.content.decode()
    # the page polls for new messages while the handoff is open
    assert url(store, "agent:handoff-messages", handoff) + "?after=0" in mine.content.decode()


# --- validation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "error"),
    [
        ("en", "", "Write a reply first."),
        ("en", "   \n ", "Write a reply first."),
        ("nl", "", "Schrijf eerst een antwoord."),
        (
            "en",
            "x" * (MAX_REPLY_CHARS + 1),
            f"The reply is too long: at most {MAX_REPLY_CHARS} characters "
            f"(it has {MAX_REPLY_CHARS + 1}).",
        ),
        (
            "nl",
            "x" * (MAX_REPLY_CHARS + 1),
            f"Het antwoord is te lang: maximaal {MAX_REPLY_CHARS} tekens "
            f"(het heeft er {MAX_REPLY_CHARS + 1}).",
        ),
    ],
)
def test_an_empty_or_too_long_reply_is_refused_with_a_clear_error_and_nothing_is_saved(
    store, member_of, client_for, language, text, error
):
    # given
    support = member_of(store, Role.SUPPORT)
    handoff = claimed_by(store, support.user)
    client = client_for(support)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    # when
    response = client.post(url(store, "agent:handoff-reply", handoff), {"text": text})
    # then
    assert response.status_code == 200
    assert response.context["reply_form"].errors["text"] == [error]
    assert error in response.content.decode()
    assert human_messages(handoff) == []


def test_a_reply_of_exactly_the_maximum_length_is_sent(store, member_of, client_for):
    support = member_of(store, Role.SUPPORT)
    handoff = claimed_by(store, support.user)
    response = client_for(support).post(
        url(store, "agent:handoff-reply", handoff), {"text": "y" * MAX_REPLY_CHARS}
    )
    assert response.status_code == 302
    assert [len(m.text) for m in human_messages(handoff)] == [MAX_REPLY_CHARS]


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Write a reply first."), ("z" * (MAX_REPLY_CHARS + 1), "The reply is too long")],
)
def test_the_service_refuses_empty_and_too_long_replies_itself(store, member_of, text, message):
    user = member_of(store, Role.SUPPORT).user
    handoff = claimed_by(store, user)
    with pytest.raises(ValidationFailed) as raised:
        handoff_reply(store=store, handoff_id=handoff.pk, user=user, text=text)
    assert str(raised.value.message).startswith(message)
    assert human_messages(handoff) == []


# --- who may reply, to what ---------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ANALYST])
def test_roles_that_only_view_handoffs_get_403_and_nothing_is_saved(
    store, member_of, client_for, role
):
    # given: even a handoff assigned to them
    membership = member_of(store, role)
    handoff = claimed_by(store, membership.user)
    # when
    response = client_for(membership).post(
        url(store, "agent:handoff-reply", handoff), {"text": "Hello"}
    )
    # then
    assert response.status_code == 403
    assert human_messages(handoff) == []


def test_another_stores_handoff_is_404_for_reply_and_polling(
    store, other_store, member_of, client_for
):
    # given
    support = member_of(store, Role.SUPPORT)
    foreign = claimed_by(other_store, member_of(other_store, Role.SUPPORT).user)
    MessageFactory.create(conversation=foreign.conversation, seq=1, text="Private")
    client = client_for(support)
    reply_url = reverse(
        "agent:handoff-reply", kwargs={"store_slug": store.slug, "handoff_id": foreign.pk}
    )
    poll_url = reverse(
        "agent:handoff-messages", kwargs={"store_slug": store.slug, "handoff_id": foreign.pk}
    )
    # when
    replied = client.post(reply_url, {"text": "Hello"})
    polled = client.get(poll_url)
    # then
    assert (replied.status_code, polled.status_code) == (404, 404)
    assert human_messages(foreign) == []
    with pytest.raises(NotFound):
        handoff_reply(store=store, handoff_id=foreign.pk, user=support.user, text="Hello")


def test_a_closed_handoff_cannot_be_replied_to(store, member_of, client_for):
    # given
    support = member_of(store, Role.SUPPORT)
    handoff = claimed_by(store, support.user)
    Handoff.objects.filter(pk=handoff.pk).update(status="closed", closed_at=timezone.now())
    client = client_for(support)
    # when
    response = client.post(
        url(store, "agent:handoff-reply", handoff), {"text": "Hello"}, follow=True
    )
    # then
    assert [str(m) for m in response.context["messages"]] == ["This handoff is closed already."]
    assert human_messages(handoff) == []
    html = response.content.decode()
    assert url(store, "agent:handoff-reply", handoff) not in html
    assert "This handoff is closed: replies are no longer possible." in html
    assert url(store, "agent:handoff-messages", handoff) not in html  # no polling
    with pytest.raises(HandoffClosed):
        handoff_reply(store=store, handoff_id=handoff.pk, user=support.user, text="Hello")


@pytest.mark.parametrize("status", ["open", "claimed"])
def test_a_handoff_not_taken_over_by_the_user_cannot_be_replied_to(
    store, member_of, client_for, status
):
    # given: open, or taken over by a colleague
    support = member_of(store, Role.SUPPORT)
    colleague = member_of(store, Role.SUPPORT).user
    handoff = HandoffFactory.create(
        store=store, status=status, assigned_to=colleague if status == "claimed" else None
    )
    client = client_for(support)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "nl"
    # when
    response = client.post(url(store, "agent:handoff-reply", handoff), {"text": "Hoi"}, follow=True)
    # then
    assert [str(m) for m in response.context["messages"]] == [
        "Neem deze overdracht eerst over voordat je antwoordt."
    ]
    assert human_messages(handoff) == []
    with pytest.raises(HandoffNotTakenOver):
        handoff_reply(store=store, handoff_id=handoff.pk, user=support.user, text="Hoi")


# --- channels without a transport yet -----------------------------------------------------------


@pytest.mark.parametrize("channel", ["sms", "whatsapp", "email"])
def test_on_other_channels_the_reply_is_stored_not_sent_and_the_page_says_so(
    store, member_of, client_for, channel, django_capture_on_commit_callbacks
):
    # given
    support = member_of(store, Role.SUPPORT)
    handoff = claimed_by(store, support.user, channel=channel)
    client = client_for(support)
    page = client.get(url(store, "agent:handoff-detail", handoff)).content.decode()
    assert "Your reply is saved in the conversation but not sent" in page
    assert "Save reply" in page
    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            url(store, "agent:handoff-reply", handoff), {"text": "We'll call you."}, follow=True
        )
    # then
    assert callbacks == []  # nothing is pushed or sent
    assert [m.text for m in human_messages(handoff)] == ["We'll call you."]
    label = handoff.conversation.get_channel_display()
    assert [str(m) for m in response.context["messages"]] == [
        f"Reply saved, not sent: replies on {label} reach the shopper in a later release. "
        "Contact them another way meanwhile."
    ]


def test_the_web_chat_page_in_dutch(store, member_of, client_for):
    support = member_of(store, Role.SUPPORT)
    handoff = claimed_by(store, support.user)
    client = client_for(support)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "nl"
    html = client.get(url(store, "agent:handoff-detail", handoff)).content.decode()
    assert "Antwoord versturen" in html
    assert "Sinds de overdracht" in html
    assert "Je antwoord aan de klant" in html


def test_polled_messages_show_their_time_in_the_stores_zone(store, member_of, client_for):
    # given: a shopper message after the transcript, at 10:00 UTC
    support = member_of(store, Role.SUPPORT)
    handoff = claimed_by(store, support.user)
    Handoff.objects.filter(pk=handoff.pk).update(
        transcript=[
            {"role": "shopper", "text": "A person please", "at": "2026-03-02T09:00:00+00:00"}
        ]
    )
    message = MessageFactory.create(conversation=handoff.conversation, seq=3, text="Hello?")
    Message.objects.filter(pk=message.pk).update(
        created_at=dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
    )
    # when
    response = client_for(support).get(url(store, "agent:handoff-messages", handoff))
    # then
    html = response.content.decode()
    assert "Hello?" in html
    assert "2 Mar 2026 11:00" in html  # Europe/Amsterdam, as on the full page
