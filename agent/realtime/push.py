"""Pushes to a shopper's open web chat from anywhere (another ASGI process, a Celery task, a
dashboard view): a person's reply after a handoff, a message written by a job, a person
typing. They go through the channel layer to the conversation's group, which every socket of
that conversation joins; a socket sends each sequence number at most once, and a widget that
was offline gets the message on its next resume (it is in the database).

Call these after the message is committed (``transaction.on_commit``), with ids, not open
transactions.
"""

from __future__ import annotations

from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from agent.models import Message
from agent.realtime.frames import message_frame
from agent.realtime.history import message_payload

#: The event types the web chat consumer handles (``webchat.message`` -> ``webchat_message``).
MESSAGE_EVENT = "webchat.message"
TYPING_EVENT = "webchat.typing"


def conversation_group(conversation_id: int) -> str:
    """The channel-layer group of one conversation's sockets."""
    return f"webchat.conversation.{conversation_id}"


def message_event(message: Message, *, language: str) -> dict[str, Any]:
    payload = (
        {"text": message.text, "blocks": []}
        if message.role == Message.Role.SHOPPER
        else message_payload(message, language=language)
    )
    frame = message_frame(
        seq=message.seq, role=message.role, payload=payload, client_id=message.client_id
    )
    return {"type": MESSAGE_EVENT, "frame": frame}


def webchat_message_push(*, message: Message, language: str) -> None:
    """Send a stored message of a web chat conversation to its open sockets (rendered in
    ``language``, normally the conversation's). Sync; use from views, services and tasks."""
    layer = get_channel_layer()
    if layer is None:
        return
    event = message_event(message, language=language)
    async_to_sync(layer.group_send)(conversation_group(message.conversation_id), event)


def webchat_typing_push(*, conversation_id: int, role: str = Message.Role.HUMAN) -> None:
    """Show the shopper that a person is typing."""
    layer = get_channel_layer()
    if layer is None:
        return
    event = {"type": TYPING_EVENT, "role": str(role)}
    async_to_sync(layer.group_send)(conversation_group(conversation_id), event)
