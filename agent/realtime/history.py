"""A web chat conversation's messages as the widget's ``message`` frames: from a turn just run,
or from the database for a resume (what the widget missed after a sequence number)."""

from __future__ import annotations

from typing import Any

from agent.channels_out import render_reply
from agent.handoff_selectors import conversation_responder_get
from agent.models import Channel, Conversation, ConversationEvent, Message
from agent.realtime.frames import message_frame, responder_frame
from agent.realtime.strings import responder_words
from agent.services import TurnResult, rendered_payload
from skills.replies import Reply, ReplyFormatError, TextBlock, Trace, blocks_from_json

#: The most messages one resume sends; the widget asks again from the last one it got.
RESUME_LIMIT = 200


def turn_frames(result: TurnResult) -> list[dict[str, Any]]:
    """The shopper's message (with its ``client_id``) and the agent's answer, in order. A
    replayed turn gives the frames first sent, with the same sequence numbers."""
    frames = []
    shopper = result.shopper_message
    if shopper is not None:
        frames.append(_shopper_frame(shopper))
    for message, rendered in zip(result.agent_messages, result.rendered, strict=False):
        frames.append(
            message_frame(seq=message.seq, role=message.role, payload=rendered_payload(rendered))
        )
    return frames


def message_frames_after(
    *, conversation: Conversation, after_seq: int, limit: int = RESUME_LIMIT
) -> list[dict[str, Any]]:
    """Every message of ``conversation`` after ``after_seq`` (at most ``limit``), oldest first,
    each agent or person's message rendered for web chat again from its stored blocks in the
    language it was answered in."""
    messages = list(
        Message.objects.filter(
            store_id=conversation.store_id, conversation=conversation, seq__gt=after_seq
        ).order_by("seq")[:limit]
    )
    languages = _answer_languages(conversation, messages)
    return [
        _shopper_frame(m)
        if m.role == Message.Role.SHOPPER
        else message_frame(
            seq=m.seq,
            role=m.role,
            payload=message_payload(m, language=languages.get(m.pk, conversation.language)),
        )
        for m in messages
    ]


def responder_frame_for(*, name: str | None, store_name: str, language: str) -> dict[str, Any]:
    """The ``responder`` frame for ``name`` (None: the assistant), worded in ``language``."""
    subtitle, typing = responder_words(name=name, store_name=store_name, language=language)
    return responder_frame(name=name, subtitle=subtitle, typing=typing)


def resume_frames(
    *, conversation: Conversation, after_seq: int, language: str
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """What a resume sends: the messages after ``after_seq`` (``message_frames_after``) and
    who answers the shopper now (a ``responder`` frame in ``language``)."""
    frames = message_frames_after(conversation=conversation, after_seq=after_seq)
    name = conversation_responder_get(
        store_id=conversation.store_id, conversation_id=conversation.pk
    )
    store_name = conversation.store.name
    return frames, responder_frame_for(name=name, store_name=store_name, language=language)


def message_payload(message: Message, *, language: str) -> dict[str, Any]:
    """A stored agent or person's message as the widget's ``{"text", "blocks"}``."""
    try:
        blocks = blocks_from_json(message.blocks) if message.blocks else ()
    except ReplyFormatError:
        blocks = ()
    if not blocks:
        blocks = (TextBlock(text=message.text),)
    reply = Reply(blocks=blocks, trace=Trace(language=language))
    return rendered_payload(render_reply(reply, channel=Channel.WEBCHAT, language=language))


def _shopper_frame(message: Message) -> dict[str, Any]:
    return message_frame(
        seq=message.seq,
        role=message.role,
        payload={"text": message.text, "blocks": []},
        client_id=message.client_id,
    )


def _answer_languages(conversation: Conversation, messages: list[Message]) -> dict[int, str]:
    """Agent message id -> the language its turn answered in (from the turn's trace)."""
    ids = [m.pk for m in messages if m.role == Message.Role.AGENT]
    if not ids:
        return {}
    rows = ConversationEvent.objects.filter(
        store_id=conversation.store_id,
        conversation=conversation,
        kind=ConversationEvent.Kind.TURN,
        message_id__in=ids,
    ).values_list("message_id", "data")
    return {
        message_id: str(data["language"])
        for message_id, data in rows
        if isinstance(data, dict) and data.get("language")
    }
