"""Working a handoff live: taking it over tells the web chat shopper who answers, typing a
reply shows them "<name> is typing…" (a small throttled endpoint), each reply is a
``human_reply`` event in the conversation, and the inbox shows which shoppers wrote since the
team's last reply, refreshed by htmx polling. Roles, CSRF, other stores, other channels."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from agent.handoff_selectors import handoff_waiting_counts
from agent.models import ConversationEvent, Handoff, Message
from agent.realtime.push import conversation_group
from agent.services.handoff_reply import handoff_reply
from core.models import Store
from core.roles import Role
from tests.factories.agent import ConversationFactory, HandoffFactory, MessageFactory

pytestmark = pytest.mark.django_db


def url(store: Store, name: str, handoff: Handoff) -> str:
    return reverse(name, kwargs={"store_slug": store.slug, "handoff_id": handoff.pk})


def inbox_url(store: Store) -> str:
    return reverse("agent:handoff-inbox", kwargs={"store_slug": store.slug})


def named(membership: Any, first_name: str = "Yara") -> Any:
    membership.user.first_name = first_name
    membership.user.last_name = "El Amrani"
    membership.user.save()
    return membership


def claimed_by(store: Store, user: Any, *, channel: str = "webchat") -> Handoff:
    conversation = ConversationFactory.create(store=store, channel=channel)
    return HandoffFactory.create(
        store=store, conversation=conversation, status="claimed", assigned_to=user
    )


def listen(conversation_id: int) -> tuple[Any, str]:
    """A socket's stand-in: a channel in the conversation's group."""
    layer = get_channel_layer()
    assert layer is not None
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(conversation_group(conversation_id), channel)
    return layer, channel


def received(layer: Any, channel: str, *, quiet: float = 0.3) -> list[dict[str, Any]]:
    """The events that reached the channel, on whichever layer the settings name (in-memory,
    or Redis when REDIS_URL is set): read until none arrives for ``quiet`` seconds."""

    async def drain() -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = []
        while True:
            try:
                events.append(await asyncio.wait_for(layer.receive(channel), quiet))
            except TimeoutError:
                return events

    return async_to_sync(drain)()


# --- taking over tells the shopper who answers ---------------------------------------------------


def test_taking_over_a_web_chat_tells_the_shoppers_widget_the_persons_first_name(
    store, member_of, client_for, django_capture_on_commit_callbacks
):
    # given
    support = named(member_of(store, Role.SUPPORT))
    handoff = HandoffFactory.create(store=store)
    layer, channel = listen(handoff.conversation_id)
    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client_for(support).post(url(store, "agent:handoff-claim", handoff))
    # then: after commit, the name only (the socket words it in the shopper's language)
    assert len(callbacks) == 1
    assert received(layer, channel) == [{"type": "webchat.responder", "name": "Yara"}]
    # when: closed, the assistant answers again (a new listener: on Redis a channel's receive
    # buffer belongs to the event loop that first read it)
    layer, channel = listen(handoff.conversation_id)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(support).post(url(store, "agent:handoff-close", handoff))
    assert received(layer, channel) == [{"type": "webchat.responder", "name": None}]


@pytest.mark.parametrize("channel", ["sms", "email"])
def test_taking_over_on_other_channels_pushes_nothing(
    store, member_of, client_for, django_capture_on_commit_callbacks, channel
):
    support = member_of(store, Role.SUPPORT)
    conversation = ConversationFactory.create(store=store, channel=channel)
    handoff = HandoffFactory.create(store=store, conversation=conversation)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client_for(support).post(url(store, "agent:handoff-claim", handoff))
    assert callbacks == []
    assert Handoff.objects.get(pk=handoff.pk).status == "claimed"


# --- "Yara is typing…" ----------------------------------------------------------------------------


def test_typing_a_reply_tells_the_web_chat_shopper_a_person_is_typing(store, member_of, client_for):
    # given
    support = member_of(store, Role.SUPPORT)
    handoff = claimed_by(store, support.user)
    layer, channel = listen(handoff.conversation_id)
    # when
    response = client_for(support).post(url(store, "agent:handoff-typing", handoff))
    # then
    assert response.status_code == 204
    assert received(layer, channel) == [{"type": "webchat.typing", "role": "human"}]


def test_the_reply_field_pings_the_typing_endpoint_at_most_every_3_seconds(
    store, member_of, client_for
):
    support = member_of(store, Role.SUPPORT)
    webchat = claimed_by(store, support.user)
    sms = claimed_by(store, support.user, channel="sms")
    client = client_for(support)
    html = client.get(url(store, "agent:handoff-detail", webchat)).content.decode()
    assert f'hx-post="{url(store, "agent:handoff-typing", webchat)}"' in html
    assert 'hx-trigger="input throttle:3s"' in html
    assert 'hx-params="none"' in html  # the reply's text is not sent while typing
    assert "handoff-typing" not in html.replace(url(store, "agent:handoff-typing", webchat), "")
    sms_html = client.get(url(store, "agent:handoff-detail", sms)).content.decode()
    assert url(store, "agent:handoff-typing", sms) not in sms_html


def test_the_typing_endpoint_needs_the_csrf_token(store, member_of):
    support = member_of(store, Role.SUPPORT)
    handoff = claimed_by(store, support.user)
    client = Client(enforce_csrf_checks=True)
    client.force_login(support.user)
    assert client.post(url(store, "agent:handoff-typing", handoff)).status_code == 403
    page = client.get(url(store, "agent:handoff-detail", handoff))
    token = str(page.context["csrf_token"])
    response = client.post(url(store, "agent:handoff-typing", handoff), HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 204


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ANALYST])
def test_roles_that_only_view_handoffs_get_403_for_typing(store, member_of, client_for, role):
    membership = member_of(store, role)
    handoff = claimed_by(store, membership.user)
    layer, channel = listen(handoff.conversation_id)
    response = client_for(membership).post(url(store, "agent:handoff-typing", handoff))
    assert response.status_code == 403
    assert received(layer, channel) == []


def test_typing_in_another_stores_handoff_is_404(store, other_store, member_of, client_for):
    support = member_of(store, Role.SUPPORT)
    foreign = claimed_by(other_store, member_of(other_store, Role.SUPPORT).user)
    layer, channel = listen(foreign.conversation_id)
    typing_url = reverse(
        "agent:handoff-typing", kwargs={"store_slug": store.slug, "handoff_id": foreign.pk}
    )
    assert client_for(support).post(typing_url).status_code == 404
    assert received(layer, channel) == []


@pytest.mark.parametrize("case", ["open", "colleague", "closed", "sms"])
def test_typing_is_refused_unless_the_user_has_the_web_chat_handoff(
    store, member_of, client_for, case
):
    # given: open, taken over by a colleague, closed, or on a channel without a live widget
    support = member_of(store, Role.SUPPORT)
    colleague = member_of(store, Role.SUPPORT).user
    owner = colleague if case == "colleague" else support.user
    handoff = claimed_by(store, owner, channel="sms" if case == "sms" else "webchat")
    if case in ("open", "closed"):
        Handoff.objects.filter(pk=handoff.pk).update(status=case)
    layer, channel = listen(handoff.conversation_id)
    # when
    response = client_for(support).post(url(store, "agent:handoff-typing", handoff))
    # then
    assert response.status_code == 409
    assert received(layer, channel) == []


def test_typing_needs_post(store, member_of, client_for):
    support = member_of(store, Role.SUPPORT)
    handoff = claimed_by(store, support.user)
    assert client_for(support).get(url(store, "agent:handoff-typing", handoff)).status_code == 405


# --- the reply is a conversation event ----------------------------------------------------------


def test_a_reply_is_recorded_as_a_human_reply_event_shown_in_the_conversation(
    store, member_of, client_for
):
    # given
    support = member_of(store, Role.SUPPORT)
    handoff = claimed_by(store, support.user)
    # when
    reply = handoff_reply(store=store, handoff_id=handoff.pk, user=support.user, text="Hi!")
    # then
    event = ConversationEvent.objects.get(conversation=handoff.conversation_id)
    assert (event.kind, event.store_id, event.message_id, event.data) == (
        "human_reply",
        store.pk,
        reply.message.pk,
        {"message_id": reply.message.pk, "author_id": support.user.pk, "handoff_id": handoff.pk},
    )
    detail = reverse(
        "agent:conversation-detail",
        kwargs={"store_slug": store.slug, "conversation_id": handoff.conversation_id},
    )
    client = client_for(support)
    assert "Reply from a person" in client.get(detail).content.decode()
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "nl"
    assert "Antwoord van een medewerker" in client.get(detail).content.decode()


def test_a_refused_reply_records_no_event(store, member_of):
    support = member_of(store, Role.SUPPORT)
    handoff = HandoffFactory.create(store=store)  # not taken over
    with pytest.raises(Exception):  # noqa: B017 - HandoffNotTakenOver, tested elsewhere
        handoff_reply(store=store, handoff_id=handoff.pk, user=support.user, text="Hi")
    assert not ConversationEvent.objects.filter(kind="human_reply").exists()


# --- the inbox: who waits for an answer, refreshed by polling -----------------------------------


def write(handoff: Handoff, *roles: str) -> None:
    start = Message.objects.filter(conversation=handoff.conversation_id).count()
    for offset, role in enumerate(roles, start=start + 1):
        MessageFactory.create(conversation=handoff.conversation, seq=offset, role=role)


def test_the_waiting_count_is_the_shoppers_messages_since_the_teams_last_reply(store, member_of):
    # given
    user = member_of(store, Role.SUPPORT).user
    new = HandoffFactory.create(store=store)
    answered = claimed_by(store, user)
    waiting_again = claimed_by(store, user)
    quiet = HandoffFactory.create(store=store)
    closed = HandoffFactory.create(store=store, status="closed")
    write(new, "shopper", "shopper")
    write(answered, "shopper", "human")
    write(waiting_again, "shopper", "human", "shopper", "agent", "shopper", "shopper")
    write(closed, "shopper")
    # when
    counts = handoff_waiting_counts(handoffs=[new, answered, waiting_again, quiet, closed])
    # then
    assert counts == {new.pk: 2, answered.pk: 0, waiting_again.pk: 3, quiet.pk: 0, closed.pk: 0}


def test_messages_before_the_handoff_do_not_count(store):
    # given: the transcript ends after the first message
    handoff = HandoffFactory.create(store=store)
    write(handoff, "shopper", "agent")
    last = Message.objects.filter(conversation=handoff.conversation_id).order_by("-seq").first()
    assert last is not None
    Handoff.objects.filter(pk=handoff.pk).update(
        transcript=[
            {"role": "agent", "text": "A colleague helps you", "at": last.created_at.isoformat()}
        ]
    )
    handoff.refresh_from_db()
    write(handoff, "shopper")
    assert handoff_waiting_counts(handoffs=[handoff]) == {handoff.pk: 1}


def test_the_inbox_shows_a_badge_for_shoppers_waiting_and_polls_its_list(
    store, member_of, client_for
):
    # given
    support = member_of(store, Role.SUPPORT)
    waiting = HandoffFactory.create(store=store, shopper_name="Sanne de Vries")
    answered = claimed_by(store, support.user)
    write(waiting, "shopper", "shopper", "shopper")
    write(answered, "shopper", "human")
    client = client_for(support)
    # when
    page = client.get(inbox_url(store))
    # then
    html = page.content.decode()
    assert [(h.pk, n) for h, n in page.context["rows"]] == [(answered.pk, 0), (waiting.pk, 3)]
    assert html.count("handoff-waiting") == 1
    assert "3 new messages" in html
    assert 'id="handoff-list"' in html
    assert 'hx-trigger="every 5s"' in html
    assert f'hx-get="{inbox_url(store)}"' in html


def test_the_polled_list_is_the_list_alone_and_shows_new_messages(store, member_of, client_for):
    # given: the inbox is open; then the shopper writes
    support = member_of(store, Role.SUPPORT)
    handoff = HandoffFactory.create(store=store)
    client = client_for(support)
    assert "new message" not in client.get(inbox_url(store)).content.decode()
    write(handoff, "shopper")
    # when: htmx polls (the filter is kept)
    response = client.get(inbox_url(store), {"status": "open"}, HTTP_HX_REQUEST="true")
    # then
    html = response.content.decode()
    assert response.templates[0].name == "agent/_handoff_inbox_list.html"
    assert "<html" not in html and '<nav class="filter-tabs"' in html
    assert html.lstrip().startswith('<div id="handoff-list"')
    assert "1 new message" in html
    assert 'hx-get="' + inbox_url(store) + '?status=open"' in html


def test_the_badge_in_dutch(store, member_of, client_for):
    support = member_of(store, Role.SUPPORT)
    one = HandoffFactory.create(store=store)
    two = HandoffFactory.create(store=store)
    write(one, "shopper")
    write(two, "shopper", "shopper")
    client = client_for(support)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "nl"
    html = client.get(inbox_url(store), HTTP_HX_REQUEST="true").content.decode()
    assert "1 nieuw bericht" in html
    assert "2 nieuwe berichten" in html


def test_the_polled_list_of_another_store_is_404(store, other_store, member_of, client_for):
    outsider = member_of(other_store, Role.SUPPORT)
    response = client_for(outsider).get(inbox_url(store), HTTP_HX_REQUEST="true")
    assert response.status_code == 404
