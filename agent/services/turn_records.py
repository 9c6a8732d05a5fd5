"""Storing what one agent turn decided: messages with sequence numbers, the conversation's
new state and status, the handoff ticket with its transcript, and the turn's events."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.contrib.auth.models import User

from agent.engine import TurnOutcome
from agent.models import Channel, Conversation, ConversationEvent, Handoff, Message
from skills.base import Shopper

logger = logging.getLogger(__name__)

#: At most this many messages go into a handoff's transcript (the latest ones).
TRANSCRIPT_MESSAGES = 200
PHONE_CHANNELS = (Channel.SMS, Channel.WHATSAPP)
# Skills that say nothing about what the conversation was about (analytics count the last
# other one).
_BACKGROUND_SKILLS = frozenset({"smalltalk", "handoff"})


def shopper_of(conversation: Conversation) -> Shopper:
    customer = conversation.customer if conversation.verified_at is not None else None
    if customer is None:
        return Shopper(verified=False, email="", phone="")
    return Shopper(
        verified=True,
        customer_id=customer.pk,
        shopify_customer_id=customer.shopify_id,
        email=customer.email,
        phone=customer.phone,
        name=customer.full_name,
    )


def message_add(
    conversation: Conversation,
    *,
    role: str,
    text: str,
    client_id: str = "",
    blocks: list[dict[str, Any]] | None = None,
    author: User | None = None,
) -> Message:
    message = Message.objects.create(
        store_id=conversation.store_id,
        conversation=conversation,
        seq=conversation.next_seq,
        role=role,
        text=text,
        blocks=blocks or [],
        client_id=client_id,
        author=author,
    )
    conversation.next_seq += 1
    return message


def conversation_after_turn(
    conversation: Conversation, outcome: TurnOutcome, *, now: dt.datetime
) -> None:
    """State, language, last skill, status and the verified customer after a turn.

    Status: a handoff makes it ``handed_off`` (and it stays so); a resolved turn makes an open
    or resolved conversation ``resolved``. ``last_skill`` is the last skill that says what the
    conversation was about (greetings and the handoff itself do not replace it)."""
    conversation.state = outcome.state.to_json()
    conversation.language = outcome.language
    conversation.last_message_at = now
    if outcome.skill and (outcome.skill not in _BACKGROUND_SKILLS or not conversation.last_skill):
        conversation.last_skill = outcome.skill
    if outcome.handoff is not None:
        conversation.status = Conversation.Status.HANDED_OFF
    elif outcome.resolved and conversation.status in (
        Conversation.Status.OPEN,
        Conversation.Status.RESOLVED,
    ):
        conversation.status = Conversation.Status.RESOLVED
    if outcome.verified_customer is not None:
        conversation.customer_id = outcome.verified_customer.id
        conversation.verified_at = now
    conversation.save(
        update_fields=[
            "state",
            "language",
            "last_message_at",
            "last_skill",
            "status",
            "customer",
            "verified_at",
            "next_seq",
            "updated_at",
        ]
    )


def handoff_for(conversation: Conversation, outcome: TurnOutcome) -> Handoff:
    """The conversation's open handoff, else a new one with the transcript and the shopper's
    details (the verified customer's, else the contact the channel gave)."""
    existing = (
        Handoff.objects.filter(store_id=conversation.store_id, conversation=conversation)
        .exclude(status=Handoff.Status.CLOSED)
        .order_by("-created_at", "-id")
        .first()
    )
    if existing is not None:
        existing.transcript = _transcript(conversation)
        existing.save(update_fields=["transcript", "updated_at"])
        return existing
    assert outcome.handoff is not None
    customer = conversation.customer if conversation.verified_at is not None else None
    contact = conversation.contact
    email = customer.email if customer else (contact if "@" in contact else "")
    phone = customer.phone if customer else ("" if "@" in contact else contact)
    return Handoff.objects.create(
        store_id=conversation.store_id,
        conversation=conversation,
        reason=outcome.handoff.reason[:200],
        shopper_name=customer.full_name[:200] if customer else "",
        shopper_email=email[:254],
        shopper_phone=phone[:32],
        transcript=_transcript(conversation),
    )


def _transcript(conversation: Conversation) -> list[dict[str, Any]]:
    messages = list(
        conversation.messages.order_by("-seq").values("role", "text", "created_at")[
            :TRANSCRIPT_MESSAGES
        ]
    )
    return [
        {"role": m["role"], "text": m["text"], "at": m["created_at"].isoformat()}
        for m in reversed(messages)
    ]


def events_record(
    conversation: Conversation,
    outcome: TurnOutcome,
    agent_messages: tuple[Message, ...],
    handoff: Handoff | None,
) -> None:
    """The turn's events (on its first agent message) and its trace (``turn``, on the last)."""
    first = agent_messages[0] if agent_messages else None
    known = set(ConversationEvent.Kind.values)
    rows = []
    for event in outcome.events:
        if event.kind not in known:
            logger.warning("skill %s recorded an unknown event kind %r", event.skill, event.kind)
            continue
        rows.append(
            ConversationEvent(
                store_id=conversation.store_id,
                conversation=conversation,
                message=first,
                kind=event.kind,
                skill=event.skill[:50],
                data=event.data,
            )
        )
    if handoff is not None and outcome.handoff is not None:
        rows.append(
            ConversationEvent(
                store_id=conversation.store_id,
                conversation=conversation,
                message=first,
                kind=ConversationEvent.Kind.HANDOFF,
                skill=outcome.skill[:50],
                data={"reason": outcome.handoff.reason, "handoff_id": handoff.pk},
            )
        )
    rows.append(
        ConversationEvent(
            store_id=conversation.store_id,
            conversation=conversation,
            message=agent_messages[-1] if agent_messages else None,
            kind=ConversationEvent.Kind.TURN,
            skill=outcome.skill[:50],
            data=outcome.trace,
        )
    )
    ConversationEvent.objects.bulk_create(rows)


def event_add(
    conversation: Conversation, kind: str, *, data: dict[str, Any], skill: str = ""
) -> ConversationEvent:
    return ConversationEvent.objects.create(
        store_id=conversation.store_id,
        conversation=conversation,
        kind=kind,
        skill=skill,
        data=data,
    )


def copy_fields(source: Conversation, target: Conversation) -> None:
    """The caller's conversation object shows what the turn stored."""
    if source is target:
        return
    for name in (
        "state",
        "language",
        "status",
        "last_skill",
        "last_message_at",
        "next_seq",
        "customer_id",
        "verified_at",
        "updated_at",
    ):
        setattr(target, name, getattr(source, name))
    if "customer" in target._state.fields_cache:
        del target._state.fields_cache["customer"]
