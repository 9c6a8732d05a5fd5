"""Reads for working a handoff: the conversation's messages since it was handed off (the
shopper's new messages and the support team's replies), polled by the handoff page while
someone works it; how many shopper messages wait for an answer (the inbox's badges); and
who answers a web chat shopper now (the widget's header)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
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


def handoff_waiting_counts(*, handoffs: Iterable[Handoff]) -> dict[int, int]:
    """Handoff id -> how many messages the shopper wrote since the support team's last reply
    (since the handoff when nobody replied yet), for handoffs that are not closed; a closed
    handoff, or one whose shopper has had the last word from the team, counts 0. One query
    for all of them (the inbox page's)."""
    pending = [h for h in handoffs if h.status != Handoff.Status.CLOSED]
    counts = {h.pk: 0 for h in handoffs}
    if not pending:
        return counts
    starts = {h.pk: _transcript_end(h) for h in pending}
    rows = (
        Message.objects.filter(
            store_id=pending[0].store_id,
            conversation_id__in={h.conversation_id for h in pending},
            role__in=(Message.Role.SHOPPER, Message.Role.HUMAN),
            created_at__gt=min(starts.values()),
        )
        .order_by("seq")
        .values_list("conversation_id", "role", "created_at")
    )
    by_conversation: dict[int, list[tuple[str, dt.datetime]]] = {}
    for conversation_id, role, at in rows:
        by_conversation.setdefault(conversation_id, []).append((role, at))
    for handoff in pending:
        waiting = 0
        for role, at in by_conversation.get(handoff.conversation_id, []):
            if at > starts[handoff.pk]:
                waiting = waiting + 1 if role == Message.Role.SHOPPER else 0
        counts[handoff.pk] = waiting
    return counts


def responder_name(user: AbstractBaseUser | AnonymousUser | None) -> str:
    """How the shopper's widget names a support user: their first name only ("" without)."""
    return str(getattr(user, "first_name", "") or "").strip()


def conversation_responder_get(*, store_id: int, conversation_id: int) -> str | None:
    """Who answers the conversation's shopper now: None while the agent does; the first name
    of the person who took its handoff over ("" when they have none) while they have it."""
    handoff = (
        Handoff.objects.filter(
            store_id=store_id, conversation_id=conversation_id, status=Handoff.Status.CLAIMED
        )
        .select_related("assigned_to")
        .order_by("-created_at")
        .first()
    )
    return None if handoff is None else responder_name(handoff.assigned_to)
