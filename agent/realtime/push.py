"""Pushes to a shopper's open web chat from anywhere (another ASGI process, a Celery task, a
dashboard view): a person's reply after a handoff, a message written by a job, a person
typing, who answers now (a person took the conversation over, or handed it back). They go
through the channel layer to the conversation's group, which every socket of that
conversation joins; a socket sends each sequence number at most once, and a widget that was
offline gets the message on its next resume (it is in the database).

Call these after the message is committed (``transaction.on_commit``), with ids, not open
transactions.
"""

from __future__ import annotations

from typing import Any

from agent.models import Message
from agent.realtime.frames import message_frame
from agent.realtime.groups import (
    MESSAGE_EVENT,
    RESPONDER_EVENT,
    TYPING_EVENT,
    conversation_group,
    group_push,
    webchat_responder_push,
    webchat_typing_push,
)
from agent.realtime.history import message_payload

__all__ = [
    "MESSAGE_EVENT",
    "RESPONDER_EVENT",
    "TYPING_EVENT",
    "conversation_group",
    "message_event",
    "webchat_message_push",
    "webchat_responder_push",
    "webchat_typing_push",
]


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
    group_push(message.conversation_id, message_event(message, language=language))
