"""Reads for the Agent Preview page: a preview conversation, its turns as the channel showed
them (each agent message rendered again from its stored blocks by the channel's own renderer)
with each turn's trace, and the sign-in code hint.

Nothing here runs the agent: turns are run by ``agent.services.message_receive``, the one path
of every channel; this module only reads what it stored.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agent.channels_out import Rendered, render_reply
from agent.channels_out.sms import SMS_LIMIT
from agent.engine import DialogueState
from agent.models import Channel, Conversation, ConversationEvent, Message
from core.errors import NotFound
from core.models import Store
from integrations.messaging.models import OutboxMessage
from integrations.shopify.models import Customer
from skills.registry import SKILL_IDS, skill_info
from skills.replies import (
    OrderFact,
    Reply,
    ReplyFormatError,
    TextBlock,
    Trace,
    blocks_from_json,
)

#: The backend that keeps emails in the outbox instead of sending them (embedded mode).
OUTBOX_BACKEND = "integrations.messaging.backends.OutboxEmailBackend"
_CODE_LINE = re.compile(r"^\s*(\d{6})\s*$", re.MULTILINE)

ELIGIBILITY_ACTIONS: dict[str, str | Promise] = {
    "edit": _("Change"),
    "cancel": _("Cancel"),
    "return": _("Return"),
    "exchange": _("Exchange"),
}

# GSM 03.38 basic character set (and its extension table, two characters each): any other
# character makes the SMS Unicode (UCS-2), with shorter parts.
_GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = frozenset("^{}\\[~]|€\f")


@dataclass(frozen=True)
class SmsCount:
    """An SMS body's length against the channel's limit, and how many parts it is sent in."""

    characters: int
    limit: int
    parts: int
    unicode: bool

    @property
    def over(self) -> bool:
        return self.characters > self.limit


def sms_count(text: str, *, limit: int = SMS_LIMIT) -> SmsCount:
    """Characters as the renderer counts them (its limit), parts as a carrier sends them:
    GSM-7 160 (153 per part when split), Unicode 70 (67)."""
    unicode = any(c not in _GSM_BASIC and c not in _GSM_EXTENDED for c in text)
    if unicode:
        units, single, multi = len(text.encode("utf-16-le")) // 2, 70, 67
    else:
        units, single, multi = len(text) + sum(c in _GSM_EXTENDED for c in text), 160, 153
    parts = 1 if units <= single else math.ceil(units / multi)
    return SmsCount(characters=len(text), limit=limit, parts=parts, unicode=unicode)


@dataclass(frozen=True)
class PreviewMessage:
    """One message of the chat as its channel showed it.

    ``blocks``: web chat's display blocks (the widget's JSON); ``text``: what SMS, WhatsApp and
    email send (the shopper's own text for a shopper message)."""

    message: Message
    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    subject: str = ""
    html: str = ""
    sms: SmsCount | None = None

    @property
    def role(self) -> str:
        return self.message.role


@dataclass(frozen=True)
class PreviewTrace:
    """A turn's stored trace, read tolerantly (``Trace`` plus what the engine adds)."""

    trace: Trace
    skill_name: str | Promise
    route: str = ""
    skills: tuple[str, ...] = ()
    verified: bool | None = None
    expecting: str = ""
    order_in_focus: int | None = None
    language_confidence: float | None = None
    alternatives: tuple[dict[str, Any], ...] = ()
    entities: dict[str, Any] = field(default_factory=dict)

    @property
    def skill_known(self) -> bool:
        return self.trace.skill in SKILL_IDS

    @property
    def confidence_percent(self) -> float:
        return self.trace.confidence * 100

    @property
    def language_percent(self) -> float | None:
        return None if self.language_confidence is None else self.language_confidence * 100

    @property
    def entity_items(self) -> list[tuple[str, str]]:
        """The entities the engine found, each as one line of text."""
        return [(str(key), _entity_text(value)) for key, value in sorted(self.entities.items())]

    @property
    def order_fact_groups(self) -> list[tuple[str, list[OrderFact]]]:
        groups: dict[str, list[OrderFact]] = {}
        for fact in self.trace.order_facts:
            groups.setdefault(fact.order_name, []).append(fact)
        return list(groups.items())

    @property
    def eligibility_rows(self) -> list[tuple[Any, str | Promise]]:
        return [(d, ELIGIBILITY_ACTIONS.get(d.action, d.action)) for d in self.trace.eligibility]


@dataclass(frozen=True)
class PreviewTurn:
    """The shopper's message and the answer to it (the first turn may have no shopper
    message when the conversation opened with an agent message)."""

    number: int
    shopper: PreviewMessage | None
    replies: list[PreviewMessage]
    trace: PreviewTrace | None
    last: bool = False


@dataclass(frozen=True)
class SignInHint:
    """While the agent asks the test shopper to sign in: ``step`` "email" with the email the
    preview was started with (if any), or "code" with where the code went and, in embedded
    mode, the code itself."""

    step: str
    email: str = ""
    masked_email: str = ""
    code: str = ""


def preview_conversation_get(*, store: Store, conversation_id: int) -> Conversation:
    """One of the store's preview conversations; NotFound for any other id (another store's,
    or a shopper's conversation)."""
    conversation = (
        Conversation.objects.filter(store=store, id=conversation_id, is_preview=True)
        .select_related("customer")
        .first()
    )
    if conversation is None:
        raise NotFound()
    return conversation


def preview_customer_of(*, conversation: Conversation) -> Customer | None:
    """The test shopper: the signed-in customer, else the store's customer whose email (or
    phone, on SMS/WhatsApp) the conversation was started with; None when anonymous."""
    if conversation.customer is not None:
        return conversation.customer
    contact = conversation.contact.strip()
    if not contact:
        return None
    customers = Customer.objects.filter(store_id=conversation.store_id)
    if "@" in contact:
        return customers.filter(email__iexact=contact).order_by("id").first()
    return customers.filter(phone=contact).order_by("id").first()


def preview_turn_list(*, conversation: Conversation) -> list[PreviewTurn]:
    """The conversation's turns in order, each agent message rendered for the channel."""
    messages = list(
        Message.objects.filter(store_id=conversation.store_id, conversation=conversation)
        .order_by("seq")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=ConversationEvent.objects.filter(kind=ConversationEvent.Kind.TURN),
                to_attr="turn_events",
            )
        )
    )
    groups: list[tuple[Message | None, list[Message]]] = []
    for message in messages:
        if message.role == Message.Role.SHOPPER:
            groups.append((message, []))
            continue
        if not groups:
            groups.append((None, []))
        groups[-1][1].append(message)
    turns = []
    for number, (shopper, answers) in enumerate(groups, start=1):
        data = _turn_data(answers)
        language = str((data or {}).get("language") or conversation.language)
        turns.append(
            PreviewTurn(
                number=number,
                shopper=PreviewMessage(message=shopper, text=shopper.text) if shopper else None,
                replies=[_shown(conversation, m, language) for m in answers],
                trace=_trace(data, language) if data is not None else None,
                last=number == len(groups),
            )
        )
    return turns


def preview_sign_in_hint(*, conversation: Conversation) -> SignInHint | None:
    """What helps the merchant through the sign-in the agent asks for: the test shopper's
    email while it asks for one, and the code from the outbox (embedded mode only: the email
    is kept there, and the outbox page shows the same email) while it waits for the code."""
    sign_in = DialogueState.from_json(conversation.state).sign_in
    if sign_in is None or conversation.verified_at is not None:
        return None
    if sign_in.step == "email":
        contact = conversation.contact.strip()
        return SignInHint(step="email", email=contact if "@" in contact else "")
    code = ""
    if settings.EMAIL_BACKEND == OUTBOX_BACKEND and sign_in.email:
        mail = (
            OutboxMessage.objects.filter(
                store_id=conversation.store_id,
                channel=OutboxMessage.Channel.EMAIL,
                to__iexact=sign_in.email,
                created_at__gte=conversation.created_at,
            )
            .order_by("-created_at", "-id")
            .first()
        )
        found = _CODE_LINE.search(mail.body) if mail is not None else None
        code = found.group(1) if found else ""
    return SignInHint(step="code", masked_email=sign_in.masked_email, code=code)


def _turn_data(answers: list[Message]) -> dict[str, Any] | None:
    for message in reversed(answers):
        for event in getattr(message, "turn_events", []):
            if isinstance(event.data, dict):
                return event.data
    return None


def _shown(conversation: Conversation, message: Message, language: str) -> PreviewMessage:
    if message.role != Message.Role.AGENT:
        return PreviewMessage(message=message, text=message.text)
    try:
        blocks = blocks_from_json(message.blocks)
    except ReplyFormatError:
        blocks = (TextBlock(text=message.text),)
    reply = Reply(blocks=blocks, trace=Trace(language=language))
    rendered: Rendered = render_reply(reply, channel=conversation.channel, language=language)
    # What the text channels sent is what was stored; web chat shows the blocks.
    text = rendered.text if conversation.channel == Channel.WEBCHAT else message.text
    return PreviewMessage(
        message=message,
        text=_plain(text),
        blocks=_plain(list((rendered.payload or {}).get("blocks", []))),
        subject=_plain(rendered.subject),
        html=_plain(rendered.html),
        sms=sms_count(text) if conversation.channel == Channel.SMS else None,
    )


def _trace(data: dict[str, Any], language: str) -> PreviewTrace:
    try:
        trace = Trace.from_dict({"language": language, **data})
    except ReplyFormatError:
        trace = Trace(language=language)
    try:
        skill_name: str | Promise = skill_info(trace.skill).name if trace.skill else ""
    except KeyError:
        skill_name = trace.skill
    focus = data.get("order_in_focus")
    confidence = data.get("language_confidence")
    alternatives = data.get("alternatives")
    entities = data.get("entities")
    skills = data.get("skills")
    verified = data.get("verified")
    return PreviewTrace(
        trace=trace,
        skill_name=skill_name,
        route=str(data.get("route") or ""),
        skills=tuple(str(s) for s in skills) if isinstance(skills, list) else (),
        verified=verified if isinstance(verified, bool) else None,
        expecting=str(data.get("expecting") or ""),
        order_in_focus=focus if isinstance(focus, int) else None,
        language_confidence=float(confidence) if isinstance(confidence, int | float) else None,
        alternatives=tuple(
            a for a in alternatives if isinstance(a, dict) and "intent" in a and "score" in a
        )
        if isinstance(alternatives, list)
        else (),
        entities=entities if isinstance(entities, dict) else {},
    )


def _entity_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_entity_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_entity_text(v)}" for k, v in value.items())
    return str(value)


def _plain(value: Any) -> Any:
    """``value`` with every string a plain ``str``: the templates escape what they show, and a
    string marked safe upstream (the email's HTML) must be escaped too, never trusted."""
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str.__str__(str(k)): _plain(v) for k, v in value.items()}
    return value
