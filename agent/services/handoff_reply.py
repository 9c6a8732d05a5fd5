"""A support user's reply in a conversation they took over from the agent (the handoff inbox).

The reply is stored as the conversation's next message (role ``human``, authored by the
user). On web chat it is pushed after commit to the shopper's open widget through the
conversation's channel-layer group (``agent.realtime.push``); a widget that is offline gets it
on its next resume. SMS, WhatsApp and email replies are stored only: their transports come
later, and nothing pretends to have sent them (``HandoffReply.delivered`` is False).
Each reply is also a ``human_reply`` conversation event (the conversation's timeline).

While the user types a reply, ``handoff_typing`` shows the web chat shopper "Yara is
typing…".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agent.models import Channel, Conversation, ConversationEvent, Handoff, Message
from agent.realtime.push import webchat_message_push, webchat_typing_push
from agent.services.settings import HandoffClosed
from agent.services.turn_records import message_add
from core.errors import ApplicationError, NotFound, ValidationFailed
from core.models import Store

#: The longest reply, in characters (the same as the longest shopper message on web chat).
MAX_REPLY_CHARS = 2_000
#: Channels whose replies reach the shopper now; the others are stored for later delivery.
LIVE_CHANNELS = frozenset({Channel.WEBCHAT})


class HandoffNotTakenOver(ApplicationError):
    code = "handoff_not_taken_over"
    http_status = 409
    default_message = _("Take over this handoff before you reply.")


@dataclass(frozen=True)
class HandoffReply:
    """``delivered``: the reply goes to the shopper now (web chat, after commit); False for a
    channel whose transport does not exist yet (stored only)."""

    handoff: Handoff
    message: Message
    delivered: bool


def handoff_reply_live(*, channel: str) -> bool:
    """True when a reply on ``channel`` reaches the shopper now."""
    return channel in LIVE_CHANNELS


def handoff_reply(
    *,
    store: Store,
    handoff_id: int,
    user: User,
    text: str,
    now: dt.datetime | None = None,
) -> HandoffReply:
    """Store ``user``'s reply to the shopper of a handoff they have taken over, and push it to
    the shopper's web chat after commit.

    ``text`` is stripped; empty or longer than ``MAX_REPLY_CHARS`` raises ValidationFailed and
    stores nothing. Raises NotFound for another store's handoff, HandoffClosed for a closed
    one and HandoffNotTakenOver unless ``user`` has it (claimed by them): while a person has
    the conversation, ``message_receive`` keeps the agent silent. Not idempotent: each call is
    one more message (and one more ``human_reply`` event naming it and its author).
    """
    text = (text or "").strip()
    if not text:
        raise ValidationFailed(_("Write a reply first."), detail={"field": "text"})
    if len(text) > MAX_REPLY_CHARS:
        raise ValidationFailed(
            _("The reply is too long (at most %(max)d characters).") % {"max": MAX_REPLY_CHARS},
            detail={"field": "text"},
        )
    now = now or timezone.now()
    with transaction.atomic():
        handoff = Handoff.objects.select_for_update().filter(store=store, id=handoff_id).first()
        if handoff is None:
            raise NotFound()
        _check_taken_over(handoff, user=user)
        conversation = Conversation.objects.select_for_update().get(
            pk=handoff.conversation_id, store=store
        )
        message = message_add(conversation, role=Message.Role.HUMAN, text=text, author=user)
        conversation.last_message_at = now
        conversation.save(update_fields=["last_message_at", "next_seq", "updated_at"])
        ConversationEvent.objects.create(
            store=store,
            conversation=conversation,
            message=message,
            kind=ConversationEvent.Kind.HUMAN_REPLY,
            data={"message_id": message.pk, "author_id": user.pk, "handoff_id": handoff.pk},
        )
        delivered = handoff_reply_live(channel=conversation.channel)
        if delivered:
            transaction.on_commit(
                partial(webchat_message_push, message=message, language=conversation.language)
            )
    return HandoffReply(handoff=handoff, message=message, delivered=delivered)


def handoff_typing(*, store: Store, handoff_id: int, user: User) -> bool:
    """Show the web chat shopper of a handoff ``user`` has taken over that they are typing
    (pushed now: nothing is stored). False, nothing pushed, on a channel without a live
    widget. Raises NotFound, HandoffClosed and HandoffNotTakenOver as ``handoff_reply`` does.
    The dashboard sends it at most every few seconds while the user types."""
    handoff = (
        Handoff.objects.select_related("conversation").filter(store=store, id=handoff_id).first()
    )
    if handoff is None:
        raise NotFound()
    _check_taken_over(handoff, user=user)
    if not handoff_reply_live(channel=handoff.conversation.channel):
        return False
    webchat_typing_push(conversation_id=handoff.conversation_id, role=Message.Role.HUMAN)
    return True


def _check_taken_over(handoff: Handoff, *, user: User) -> None:
    if handoff.status == Handoff.Status.CLOSED:
        raise HandoffClosed()
    if handoff.status != Handoff.Status.CLAIMED or handoff.assigned_to_id != user.pk:
        raise HandoffNotTakenOver()
