"""Who answers the web chat shopper, through the real ASGI application: a person taking the
handoff over is announced to the open widget by name (in the shopper's language), their
typing is passed on as a person's, closing the handoff hands the chat back to the assistant,
and every resume says who answers now."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.contrib.auth.models import User

from agent.models import Conversation, Handoff
from agent.realtime.push import webchat_responder_push, webchat_typing_push
from agent.services import handoff_claim, handoff_close
from core.models import Store
from core.roles import Role
from tests.agent import test_webchat_consumer as consumer
from tests.factories.agent import ConversationFactory, HandoffFactory
from tests.factories.core import MembershipFactory

# The consumer tests' fixtures: echo skills, both channel layers, the shop's web chat.
echo_skills = consumer.echo_skills
layer = consumer.layer
cleanup_layer = consumer.cleanup_layer
webchat = consumer.webchat
conversation = consumer.conversation
connect = consumer.connect
token_for = consumer.token_for
frames_until = consumer.frames_until

pytestmark = pytest.mark.django_db(transaction=True)

ASSISTANT_EN = {
    "type": "responder",
    "kind": "assistant",
    "name": "",
    "subtitle": "Our assistant answers right away",
    "typing": "The assistant is typing…",
}


def support_user(store: Store, first_name: str = "Yara") -> User:
    membership = MembershipFactory.create(store=store, role=Role.SUPPORT)
    membership.user.first_name = first_name
    membership.user.last_name = "El Amrani"
    membership.user.save()
    return membership.user


@pytest.fixture
def shop(store: Store) -> Store:
    store.name = "Noord & Co"
    store.save(update_fields=["name"])
    return store


async def resume(communicator: Any) -> list[dict[str, Any]]:
    await communicator.send_json_to({"type": "resume", "after_seq": 0})
    return await frames_until(communicator, "resumed")


async def test_taking_over_tells_the_open_widget_who_answers_and_closing_hands_it_back(
    layer: str, shop: Store, conversation: Conversation
) -> None:
    # given: the shopper's widget is open; the conversation was handed off
    user = await sync_to_async(support_user)(shop)
    handoff = await sync_to_async(HandoffFactory.create)(store=shop, conversation=conversation)
    communicator, _ = await connect(token_for(conversation))
    assert (await resume(communicator))[-2] == ASSISTANT_EN
    # when: Yara takes it over in the dashboard
    await sync_to_async(handoff_claim)(store=shop, handoff_id=handoff.pk, user=user)
    # then
    assert await communicator.receive_json_from(timeout=5) == {
        "type": "responder",
        "kind": "person",
        "name": "Yara",
        "subtitle": "Yara from Noord & Co is helping you",
        "typing": "Yara is typing…",
    }
    # when: she types: the widget hears a person typing
    await sync_to_async(webchat_typing_push)(conversation_id=conversation.pk, role="human")
    assert await communicator.receive_json_from(timeout=5) == {"type": "typing", "role": "human"}
    # when: she closes the handoff: the assistant answers again
    await sync_to_async(handoff_close)(store=shop, handoff_id=handoff.pk, user=user)
    assert await communicator.receive_json_from(timeout=5) == ASSISTANT_EN
    assert await communicator.receive_nothing(timeout=0.2)
    await communicator.disconnect()


async def test_the_person_is_named_in_the_shoppers_language(
    shop: Store, conversation: Conversation
) -> None:
    user = await sync_to_async(support_user)(shop)
    handoff = await sync_to_async(HandoffFactory.create)(store=shop, conversation=conversation)
    communicator, _ = await connect(token_for(conversation, language="nl"))
    await sync_to_async(handoff_claim)(store=shop, handoff_id=handoff.pk, user=user)
    frame = await communicator.receive_json_from(timeout=5)
    assert (frame["subtitle"], frame["typing"]) == ("Yara van Noord & Co helpt je", "Yara typt…")
    await communicator.disconnect()


async def test_a_resume_says_who_answers_now_a_person_without_a_first_name_by_the_store(
    shop: Store, conversation: Conversation
) -> None:
    # given: taken over (before the widget connected) by a user without a first name
    user = await sync_to_async(support_user)(shop, first_name="")
    await sync_to_async(HandoffFactory.create)(
        store=shop, conversation=conversation, status=Handoff.Status.CLAIMED, assigned_to=user
    )
    # when
    communicator, _ = await connect(token_for(conversation))
    frames = await resume(communicator)
    # then: after the replay, before its end
    assert frames == [
        {
            "type": "responder",
            "kind": "person",
            "name": "",
            "subtitle": "A person from Noord & Co is helping you",
            "typing": "A person is typing…",
        },
        {"type": "resumed", "last_seq": 0, "more": False},
    ]
    await communicator.disconnect()


async def test_a_closed_handoff_and_other_conversations_handoffs_leave_the_assistant(
    shop: Store, conversation: Conversation
) -> None:
    user = await sync_to_async(support_user)(shop)
    other = await sync_to_async(ConversationFactory.create)(store=shop)
    await sync_to_async(HandoffFactory.create)(
        store=shop, conversation=conversation, status=Handoff.Status.CLOSED, assigned_to=user
    )
    await sync_to_async(HandoffFactory.create)(
        store=shop, conversation=other, status=Handoff.Status.CLAIMED, assigned_to=user
    )
    communicator, _ = await connect(token_for(conversation))
    assert (await resume(communicator))[0] == ASSISTANT_EN
    # and another conversation's push does not reach this widget
    await sync_to_async(webchat_responder_push)(conversation_id=other.pk, name="Yara")
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.disconnect()


async def test_the_shoppers_own_typing_is_not_sent_back_to_them(
    conversation: Conversation,
) -> None:
    communicator, _ = await connect(token_for(conversation))
    await communicator.send_json_to({"type": "typing"})
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.disconnect()
