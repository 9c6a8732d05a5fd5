"""Reads for working a handoff in the dashboard: the conversation's messages since it was
handed off (the shopper's new messages and the support team's replies), polled by the
handoff page while someone works it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.dateparse import parse_datetime
from django.utils.functional import Promise

from agent.models import Handoff, Message

#: The most messages the handoff page shows after the handoff (the latest ones).
LIVE_MESSAGES = 200


@dataclass(frozen=True)
class LiveLine:
    seq: int
    role: str
    role_label: str | Promise
    author: str
    text: str
    at: dt.datetime


def handoff_messages_list(
    *, handoff: Handoff, after_seq: int = 0, limit: int = LIVE_MESSAGES
) -> list[LiveLine]:
    """The messages of the handoff's conversation after its transcript (stored after the
    transcript's last message, else after the handoff was created) and after ``after_seq``,
    oldest first, at most ``limit`` (the latest); each support reply names its author."""
    messages = list(
        Message.objects.filter(
            store_id=handoff.store_id,
            conversation_id=handoff.conversation_id,
            created_at__gt=_transcript_end(handoff),
            seq__gt=after_seq,
        )
        .select_related("author")
        .order_by("-seq")[:limit]
    )
    labels = dict(Message.Role.choices)
    return [
        LiveLine(
            seq=m.seq,
            role=m.role,
            role_label=labels.get(m.role, m.role),
            author=(m.author.get_full_name() or m.author.get_username()) if m.author else "",
            text=m.text,
            at=m.created_at,
        )
        for m in reversed(messages)
    ]


def _transcript_end(handoff: Handoff) -> dt.datetime:
    """When the transcript's last message was stored (the transcript is refreshed when the
    shopper asks for a person again); the handoff's creation when it has no dated message."""
    transcript = handoff.transcript if isinstance(handoff.transcript, list) else []
    last = transcript[-1] if transcript and isinstance(transcript[-1], dict) else {}
    at = parse_datetime(last["at"]) if isinstance(last.get("at"), str) else None
    return at if at is not None else handoff.created_at
