"""Conversations: the one entry point for shopper messages, and how a conversation starts and
gets its shopper verified.

``message_receive`` is what every channel and Agent Preview call for a shopper message:
store it, run one agent turn (``agent.engine``), store the reply, record the events, create a
handoff when the turn asks for one. ``conversation_start`` opens a conversation and
``conversation_identify`` verifies its shopper silently from a signed storefront identity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings as django_settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from agent.channels_out import Rendered
from agent.engine import DialogueState, Engine, TurnInput
from agent.engine import wording as engine_wording
from agent.engine.production import engine_default
from agent.models import Channel, Conversation, ConversationEvent, Handoff, Message
from agent.services.turn_records import (
    PHONE_CHANNELS,
    conversation_after_turn,
    copy_fields,
    event_add,
    events_record,
    handoff_for,
    message_add,
    shopper_of,
)
from core.errors import NotFound, ValidationFailed
from core.models import Store
from integrations.customer_hub.verification import shopper_identity_verify
from integrations.shopify.models import Customer
from skills.replies import (
    HandoffNotice,
    Reply,
    ReplyFormatError,
    TextBlock,
    Trace,
    blocks_from_json,
    blocks_to_json,
)

#: A message longer than this is stored cut to it (and only its start is analysed anyway).
MAX_MESSAGE_CHARS = 10_000


@dataclass(frozen=True)
class TurnResult:
    """One shopper message handled.

    ``rendered``: each agent message as the conversation's channel sends it (same order as
    ``replies`` and ``agent_messages``). ``trace``: why the agent answered so (``Trace`` fields
    plus route, skills, entities). ``handoff``: the ticket when this turn handed off (an open
    one is reused). ``replayed``: the message's ``client_id`` was seen before; nothing new was
    stored and the earlier answer is returned. ``stored``: False for an empty message (asked
    again, nothing stored, no turn). ``taken_over``: a person has taken the conversation
    over; the message was stored for them and the agent stayed silent.
    """

    conversation: Conversation
    replies: tuple[Reply, ...]
    rendered: tuple[Rendered, ...]
    language: str
    intent: str = ""
    skill: str = ""
    trace: dict[str, Any] = field(default_factory=dict)
    shopper_message: Message | None = None
    agent_messages: tuple[Message, ...] = ()
    handoff: Handoff | None = None
    handed_off: bool = False
    replayed: bool = False
    stored: bool = True
    taken_over: bool = False

    def payload(self) -> dict[str, Any]:
        """The Agent Preview / ``agent_chat --json`` form of the turn."""
        return {
            "language": self.language,
            "intent": self.intent,
            "skill": self.skill,
            "handoff": self.handed_off,
            "messages": [rendered_payload(r) for r in self.rendered],
            "trace": self.trace,
        }


def rendered_payload(rendered: Rendered) -> dict[str, Any]:
    """One message as its channel sends it: web chat ``{"text", "blocks"}``; SMS and WhatsApp
    the text (no blocks); email also its ``subject`` and ``html``."""
    if rendered.payload is not None:
        return {"text": rendered.payload.get("text", rendered.text), **rendered.payload}
    message: dict[str, Any] = {"text": rendered.text, "blocks": []}
    if rendered.channel == Channel.EMAIL:
        message.update(subject=rendered.subject, html=rendered.html)
    return message


def conversation_start(
    *,
    store: Store,
    channel: str,
    contact: str = "",
    is_preview: bool = False,
    customer: Customer | None = None,
    verified: bool = False,
    language: str | None = None,
    now: dt.datetime | None = None,
) -> Conversation:
    """Open a conversation on ``channel`` and record ``started``.

    ``customer``: the shopper when known (Agent Preview's test shopper); with ``verified`` the
    conversation starts verified as that customer, else only the contact is taken from it
    (their email, or phone on SMS/WhatsApp). ``language`` defaults to the store's. Raises
    ValidationFailed (unknown channel, ``verified`` without a customer) and NotFound (another
    store's customer).
    """
    if channel not in Channel.values:
        raise ValidationFailed(_("Unknown channel."), detail={"channel": channel})
    if customer is not None and customer.store_id != store.pk:
        raise NotFound()
    if verified and customer is None:
        raise ValidationFailed(_("Choose the customer to sign in as."))
    now = now or timezone.now()
    supported = {code for code, _name in django_settings.LANGUAGES}
    language = language if language in supported else store.default_language
    if customer is not None and not contact:
        contact = customer.phone if channel in PHONE_CHANNELS else customer.email
    state = DialogueState(language=language, verified_by="given" if verified else "")
    with transaction.atomic():
        conversation = Conversation.objects.create(
            store=store,
            channel=channel,
            language=language,
            is_preview=is_preview,
            contact=contact[:320],
            customer=customer if verified else None,
            verified_at=now if verified else None,
            state=state.to_json(),
            last_message_at=now,
        )
        event_add(
            conversation,
            ConversationEvent.Kind.STARTED,
            data={"channel": channel, "preview": is_preview, "verified": verified},
        )
    return conversation


def conversation_identify(
    *,
    conversation: Conversation,
    customer_id: str | int,
    email: str,
    expires: str | int,
    signature: str,
    now: dt.datetime | None = None,
) -> Conversation:
    """Verify the conversation's shopper from a storefront-signed identity (see
    ``shopper_identity_verify``): the conversation becomes that customer's, silently.

    Idempotent for the same customer. A different customer than before starts the dialogue
    afresh (no flow, no order in focus). Raises ShopperIdentityInvalid (the web chat then
    falls back to the email + code sign-in).
    """
    now = now or timezone.now()
    store = conversation.store
    customer_pk = shopper_identity_verify(
        store=store,
        customer_id=customer_id,
        email=email,
        expires=expires,
        signature=signature,
        now=now,
    )
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk, store=store)
        if locked.customer_id == customer_pk and locked.verified_at is not None:
            return locked
        state = DialogueState.from_json(locked.state)
        if locked.customer_id not in (None, customer_pk):
            state = DialogueState(language=state.language)
        state = DialogueState.from_json(
            {**state.to_json(), "verified_by": "identity", "sign_in": None, "pending": None}
        )
        locked.customer_id = customer_pk
        locked.verified_at = now
        locked.state = state.to_json()
        locked.save(update_fields=["customer", "verified_at", "state", "updated_at"])
        event_add(
            locked, ConversationEvent.Kind.VERIFICATION_SUCCEEDED, data={"method": "identity"}
        )
    copy_fields(locked, conversation)
    return conversation


def message_receive(
    *,
    store: Store,
    conversation: Conversation,
    text: str,
    client_id: str | None = None,
    now: dt.datetime | None = None,
    engine: Engine | None = None,
) -> TurnResult:
    """Handle one shopper message: store it, run one agent turn, store the agent's
    message(s) (rendered text for the channel, blocks as JSON), record the events, create or
    reuse a ``Handoff`` when the turn hands off, and update the conversation (state,
    language, last skill, status, verified customer). One transaction; the code email and
    other side effects go out after commit.

    Idempotent on ``client_id``: a message already received with it returns the earlier
    answer (``replayed``). While a support user has the conversation's handoff (claimed),
    the message is only stored: no turn, no agent message (``taken_over``). An empty or
    whitespace-only message is asked again and stores nothing. Text longer than
    ``MAX_MESSAGE_CHARS`` is stored cut. Raises NotFound for another store's conversation.
    ``engine``: the engine to run (default: the production one).
    """
    if conversation.store_id != store.pk:
        raise NotFound()
    now = now or timezone.now()
    engine = engine or engine_default(now=now)
    if not (text or "").strip():
        return _ask_again(engine, conversation)
    text = text[:MAX_MESSAGE_CHARS]
    client_id = (client_id or "")[:64]
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk, store=store)
        if client_id:
            earlier = locked.messages.filter(role=Message.Role.SHOPPER, client_id=client_id).first()
            if earlier is not None:
                copy_fields(locked, conversation)
                return _replay(engine, conversation, earlier)
        first = _first_from_shopper(locked)
        shopper_message = message_add(
            locked, role=Message.Role.SHOPPER, text=text, client_id=client_id
        )
        if _taken_over(locked):
            locked.last_message_at = now
            locked.save(update_fields=["last_message_at", "next_seq", "updated_at"])
            copy_fields(locked, conversation)
            return TurnResult(
                conversation=conversation,
                replies=(),
                rendered=(),
                language=locked.language,
                shopper_message=shopper_message,
                taken_over=True,
            )
        outcome = engine.turn(
            TurnInput(
                store=store,
                channel=locked.channel,
                text=text,
                language=locked.language,
                state=DialogueState.from_json(locked.state),
                shopper=shopper_of(locked),
                contact=locked.contact,
                is_preview=locked.is_preview,
                first=first,
                reference=f"conversation:{locked.pk}",
            )
        )
        agent_messages = tuple(
            message_add(
                locked,
                role=Message.Role.AGENT,
                text=rendered.text,
                blocks=blocks_to_json(reply.blocks),
            )
            for reply, rendered in zip(outcome.replies, outcome.rendered, strict=True)
        )
        conversation_after_turn(locked, outcome, now=now)
        handoff = handoff_for(locked, outcome) if outcome.handoff is not None else None
        events_record(locked, outcome, agent_messages, handoff)
    copy_fields(locked, conversation)
    return TurnResult(
        conversation=conversation,
        replies=outcome.replies,
        rendered=outcome.rendered,
        language=outcome.language,
        intent=outcome.intent,
        skill=outcome.skill,
        trace=outcome.trace,
        shopper_message=shopper_message,
        agent_messages=agent_messages,
        handoff=handoff,
        handed_off=outcome.handoff is not None,
    )


def _first_from_shopper(conversation: Conversation) -> bool:
    """No shopper message in the conversation yet. Without any message at all (``next_seq``
    still 1: every message takes the next number under the conversation's lock) that needs
    no query."""
    if conversation.next_seq == 1:
        return True
    return not conversation.messages.filter(role=Message.Role.SHOPPER).exists()


def _taken_over(conversation: Conversation) -> bool:
    """A support user claimed the conversation's handoff: they answer, the agent does not."""
    return Handoff.objects.filter(
        store_id=conversation.store_id,
        conversation=conversation,
        status=Handoff.Status.CLAIMED,
    ).exists()


def _ask_again(engine: Engine, conversation: Conversation) -> TurnResult:
    language = conversation.language
    with translation.override(language):
        reply = Reply(blocks=(TextBlock(text=engine_wording.ask_again()),), trace=Trace(language))
    rendered = engine.deps.renderer(reply, channel=conversation.channel, language=language)
    return TurnResult(
        conversation=conversation,
        replies=(reply,),
        rendered=(rendered,),
        language=language,
        intent="unknown",
        trace={**reply.trace.to_dict(), "route": "empty"},
        stored=False,
    )


def _replay(engine: Engine, conversation: Conversation, earlier: Message) -> TurnResult:
    """The answer already given to ``earlier``: the agent messages after it, up to the
    shopper's next message, rendered again from their stored blocks."""
    following = list(
        conversation.messages.filter(seq__gt=earlier.seq)
        .order_by("seq")
        .only("id", "seq", "role", "text", "blocks")
    )
    answers: list[Message] = []
    for message in following:
        if message.role == Message.Role.SHOPPER:
            break
        if message.role == Message.Role.AGENT:
            answers.append(message)
    turn = (
        ConversationEvent.objects.filter(
            conversation=conversation,
            kind=ConversationEvent.Kind.TURN,
            message__in=answers,
        )
        .order_by("-id")
        .first()
    )
    trace_data = turn.data if turn is not None and isinstance(turn.data, dict) else {}
    language = str(trace_data.get("language") or conversation.language)
    try:
        trace = Trace.from_dict({"language": language, **trace_data})
    except ReplyFormatError:
        trace = Trace(language=language)
    replies = tuple(Reply(blocks=_stored_blocks(m), trace=trace) for m in answers)
    rendered = tuple(
        engine.deps.renderer(r, channel=conversation.channel, language=language) for r in replies
    )
    return TurnResult(
        conversation=conversation,
        replies=replies,
        rendered=rendered,
        language=language,
        intent=str(trace_data.get("intent", "")),
        skill=str(trace_data.get("skill", "")),
        trace=trace_data,
        shopper_message=earlier,
        agent_messages=tuple(answers),
        handed_off=any(isinstance(b, HandoffNotice) for r in replies for b in r.blocks),
        replayed=True,
    )


def _stored_blocks(message: Message) -> tuple[Any, ...]:
    try:
        return blocks_from_json(message.blocks)
    except ReplyFormatError:
        return (TextBlock(text=message.text),)
