"""The channel-layer group of a web chat conversation and the pushes to it that need no
rendering: a person typing, and who answers the shopper now. ``push`` re-exports them next
to the message push; services that ``agent.realtime.push`` depends on (the handoff claim)
import them from here, which imports nothing of ``agent.services``.

Call the pushes after commit (``transaction.on_commit``), with ids, not open transactions.
"""

from __future__ import annotations

from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from agent.models import Message

#: The event types the web chat consumer handles (``webchat.message`` -> ``webchat_message``).
MESSAGE_EVENT = "webchat.message"
TYPING_EVENT = "webchat.typing"
RESPONDER_EVENT = "webchat.responder"


def conversation_group(conversation_id: int) -> str:
    """The channel-layer group of one conversation's sockets."""
    return f"webchat.conversation.{conversation_id}"


def group_push(conversation_id: int, event: dict[str, Any]) -> None:
    """Send ``event`` to the conversation's open sockets (nothing without a channel layer).
    Sync; use from views, services and tasks."""
    layer = get_channel_layer()
    if layer is None:
        return
    async_to_sync(layer.group_send)(conversation_group(conversation_id), event)


def webchat_typing_push(*, conversation_id: int, role: str = Message.Role.HUMAN) -> None:
    """Show the shopper that a person is typing."""
    group_push(conversation_id, {"type": TYPING_EVENT, "role": str(role)})


def webchat_responder_push(*, conversation_id: int, name: str | None) -> None:
    """Tell the conversation's open widgets who answers now: ``name`` None for the assistant,
    else the person who took it over (first name, "" when they have none). Each socket words
    it in its shopper's language."""
    group_push(conversation_id, {"type": RESPONDER_EVENT, "name": name})
