"""What a skill answers: a ``Reply`` of typed, frozen blocks, its flags, and the ``Trace`` of why.

Skills build Replies; the channel renderers (``agent/channels_out``) turn them into web chat
JSON, SMS, WhatsApp or email. Every type has a stable JSON form (``to_dict``/``from_dict``),
because replies are stored in ``Message.blocks`` and sent over websockets: the ``type`` tags
and field names are a contract — add optional fields, never rename or remove one.

Contract for the texts inside blocks (``TextBlock.text``, ``OrderLine.reason``, labels, the
handoff message): plain text (no HTML, no Markdown), already in the shopper's language.
Renderers neutralise any markup anyway and give an empty action label the channel's translated
default. URLs are opaque (signed hub deep links made elsewhere); renderers drop any that is not
http(s) or a site path.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from types import UnionType
from typing import Any, ClassVar, Self, Union, get_args, get_origin, get_type_hints

JSON = dict[str, Any]


class ReplyFormatError(ValueError):
    """Stored or received JSON is not the form of a reply (unknown type, missing field...)."""


class ActionKind(StrEnum):
    EDIT = "edit"
    CANCEL = "cancel"
    RETURN = "return"
    EXCHANGE = "exchange"
    TRACK = "track"
    HUB = "hub"


class OrderStatus(StrEnum):
    UNFULFILLED = "unfulfilled"
    PARTIALLY_FULFILLED = "partially_fulfilled"
    FULFILLED = "fulfilled"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    RETURN_IN_PROGRESS = "return_in_progress"
    RETURNED = "returned"
    REFUNDED = "refunded"


class LineStatus(StrEnum):
    EDITABLE = "editable"
    NOT_EDITABLE = "not_editable"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    RETURNABLE = "returnable"
    NOT_RETURNABLE = "not_returnable"
    RETURN_IN_PROGRESS = "return_in_progress"
    RETURNED = "returned"
    REFUNDED = "refunded"
    CANCELLED = "cancelled"


class SignInStep(StrEnum):
    EMAIL = "email"  # ask for the email address on the shopper's profile
    CODE = "code"  # ask for the one-time code sent to ``masked_email``


class JsonForm:
    """JSON form from the dataclass fields: the key is the field name; tuples become lists,
    enums their value, dates ISO strings, Decimals strings; blocks add their ``type`` tag.
    Reading ignores keys it does not know, so older code reads newer JSON."""

    def to_dict(self) -> JSON:
        data = {f.name: _encode(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]
        tag = getattr(self, "block_type", None)
        return {"type": tag, **data} if tag else data

    @classmethod
    def from_dict(cls, data: Any) -> Self:
        """Raises ReplyFormatError on a missing field, a wrong type or an unknown value."""
        if not isinstance(data, dict):
            raise ReplyFormatError(f"{cls.__name__}: expected an object")
        hints = _hints(cls)
        kwargs = {}
        for f in fields(cls):  # type: ignore[arg-type]
            if f.name in data:
                kwargs[f.name] = _decode(hints[f.name], data[f.name], f"{cls.__name__}.{f.name}")
            elif f.default is MISSING and f.default_factory is MISSING:
                raise ReplyFormatError(f"{cls.__name__}: missing {f.name!r}")
        return cls(**kwargs)


# --- blocks ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation(JsonForm):
    """Where a text comes from: the article, its heading path and the passage quoted."""

    article_title: str
    heading_path: tuple[str, ...] = ()
    quote: str = ""
    article_id: int | None = None
    article_version: int | None = None


@dataclass(frozen=True)
class TextBlock(JsonForm):
    block_type: ClassVar[str] = "text"
    text: str
    citation: Citation | None = None


@dataclass(frozen=True)
class SignInRequest(JsonForm):
    block_type: ClassVar[str] = "sign_in"
    ask: SignInStep
    #: Where the code went, already masked ("j•••@example.com"); only for ``ask=code``.
    masked_email: str = ""
    code_length: int = 6


@dataclass(frozen=True)
class Action(JsonForm):
    """A button/link into the Customer Hub; ``label`` empty: the channel's default for ``kind``."""

    kind: ActionKind
    url: str
    label: str = ""


@dataclass(frozen=True)
class LinkBlock(JsonForm):
    """A stand-alone link. The first LinkBlock of a reply is its primary action (the one link
    an SMS carries); without one, the first order card's first action is."""

    block_type: ClassVar[str] = "link"
    kind: ActionKind
    url: str
    label: str = ""

    @property
    def action(self) -> Action:
        return Action(kind=self.kind, url=self.url, label=self.label)


@dataclass(frozen=True)
class OrderLine(JsonForm):
    title: str
    status: LineStatus
    #: The variant as the shopper knows it ("size 42", "Blue / M"); empty for no variants.
    variant: str = ""
    quantity: int = 1
    #: Why, in a few words ("final sale", "return window ended 2 June"); shopper's language.
    reason: str = ""
    actions: tuple[Action, ...] = ()


@dataclass(frozen=True)
class OrderCard(JsonForm):
    block_type: ClassVar[str] = "order_card"
    order_name: str  # "#1043"
    order_date: date
    currency: str  # ISO 4217, "EUR"
    total: Decimal
    status: OrderStatus
    lines: tuple[OrderLine, ...] = ()
    actions: tuple[Action, ...] = ()


@dataclass(frozen=True)
class QuickReply(JsonForm):
    label: str
    #: What the shopper "says" when they pick it (sent back as their message).
    payload: str


@dataclass(frozen=True)
class QuickReplies(JsonForm):
    block_type: ClassVar[str] = "quick_replies"
    options: tuple[QuickReply, ...]


@dataclass(frozen=True)
class HandoffNotice(JsonForm):
    block_type: ClassVar[str] = "handoff"
    #: The store's configured handoff message; empty: the channel's translated default.
    message: str = ""
    in_business_hours: bool = True


Block = TextBlock | SignInRequest | OrderCard | LinkBlock | QuickReplies | HandoffNotice

_BLOCK_TYPES: dict[str, type[Block]] = {
    cls.block_type: cls
    for cls in (TextBlock, SignInRequest, OrderCard, LinkBlock, QuickReplies, HandoffNotice)
}


def blocks_to_json(blocks: tuple[Block, ...] | list[Block]) -> list[JSON]:
    """The form stored in ``Message.blocks``."""
    return [block.to_dict() for block in blocks]


def blocks_from_json(data: Any) -> tuple[Block, ...]:
    """Blocks back from their stored form; raises ReplyFormatError on anything else."""
    if not isinstance(data, list):
        raise ReplyFormatError("blocks: expected a list")
    return tuple(_block_decode(item) for item in data)


def _block_decode(data: Any) -> Block:
    tag = data.get("type") if isinstance(data, dict) else None
    if not isinstance(tag, str) or tag not in _BLOCK_TYPES:
        raise ReplyFormatError(f"unknown block type {tag!r}")
    return _BLOCK_TYPES[tag].from_dict(data)


# --- trace ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PassageUsed(JsonForm):
    article_id: int
    article_title: str
    article_version: int
    heading_path: tuple[str, ...] = ()
    score: float = 0.0
    chunk_id: int | None = None


Scalar = str | int | float | bool | None


@dataclass(frozen=True)
class OrderFact(JsonForm):
    """One fact read from an order ("#1043", "display_fulfillment_status", "UNFULFILLED")."""

    order_name: str
    name: str
    value: Scalar


@dataclass(frozen=True)
class EligibilityDecision(JsonForm):
    """May ``action`` happen to ``subject`` (an order name or a line title), and why."""

    subject: str
    action: str  # "edit" | "cancel" | "return" | "exchange"
    allowed: bool
    reason: str  # words: "delivered 3 May; the 30-day window ended 2 June"
    code: str = ""  # machine code: "return_window_passed"


@dataclass(frozen=True)
class PrerequisiteCheck(JsonForm):
    name: str  # "customer_hub_active"
    met: bool
    detail: str = ""


@dataclass(frozen=True)
class Trace(JsonForm):
    """Why the agent answered as it did: shown in Agent Preview and the transcript."""

    language: str
    intent: str = ""
    confidence: float = 0.0
    skill: str = ""
    passages: tuple[PassageUsed, ...] = ()
    order_facts: tuple[OrderFact, ...] = ()
    eligibility: tuple[EligibilityDecision, ...] = ()
    prerequisites: tuple[PrerequisiteCheck, ...] = ()


# --- the reply ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply(JsonForm):
    blocks: tuple[Block, ...]
    trace: Trace
    #: The agent handed the conversation to a person (a Handoff was or will be created).
    handoff: bool = False
    #: The shopper's request is settled (counts towards the resolution rate).
    resolved: bool = False


# --- the JSON codec -------------------------------------------------------------------------


def _encode(value: Any) -> Any:
    if isinstance(value, JsonForm):
        return value.to_dict()
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = get_type_hints(cls)
    return _HINTS[cls]


def _decode(hint: Any, value: Any, where: str) -> Any:
    origin, args = get_origin(hint), get_args(hint)
    if origin in (UnionType, Union):
        if value is None and type(None) in args:
            return None
        options = [a for a in args if a is not type(None)]
        if len(options) == 1:
            return _decode(options[0], value, where)
        if all(isinstance(o, type) and issubclass(o, JsonForm) for o in options):
            return _block_decode(value)
        return _scalar(tuple(options), value, where)
    if origin is tuple:
        if not isinstance(value, list):
            raise ReplyFormatError(f"{where}: expected a list")
        return tuple(_decode(args[0], v, where) for v in value)
    if isinstance(hint, type) and issubclass(hint, JsonForm):
        return hint.from_dict(value)
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        try:
            return hint(_scalar((str,), value, where))
        except ValueError as exc:
            raise ReplyFormatError(f"{where}: unknown value {value!r}") from exc
    try:
        if hint is date:
            return date.fromisoformat(_scalar((str,), value, where))
        if hint is Decimal:
            return Decimal(_scalar((str,), value, where))
    except (ValueError, InvalidOperation) as exc:
        raise ReplyFormatError(f"{where}: {value!r} is not a {hint.__name__}") from exc
    if hint is float:
        return float(_scalar((int, float), value, where))
    return _scalar((hint,), value, where)


def _scalar(kinds: tuple[type, ...], value: Any, where: str) -> Any:
    # bool is an int in Python, not in JSON.
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        raise ReplyFormatError(f"{where}: unexpected {type(value).__name__}")
    return value
