"""What goes into a turn and what comes out of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agent.channels_out import Rendered
from agent.engine.state import DialogueState
from core.models import Store
from integrations.shopify.facts import CustomerFacts
from skills.base import HandoffRequest, Shopper
from skills.replies import Reply


@dataclass(frozen=True)
class TurnInput:
    store: Store
    channel: str
    text: str
    #: The conversation's language so far (the prior for short messages).
    language: str
    state: DialogueState = field(default_factory=DialogueState)
    shopper: Shopper = field(default_factory=Shopper)
    #: The sender's address on the channel (phone number for SMS/WhatsApp, email, "").
    contact: str = ""
    is_preview: bool = False
    #: The conversation's first shopper message (its language is taken as is).
    first: bool = False
    #: Kept with sign-in codes for the audit trail ("conversation:12").
    reference: str = ""


@dataclass(frozen=True)
class EngineEvent:
    kind: str
    skill: str = ""
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TurnOutcome:
    language: str
    intent: str
    confidence: float
    #: The skill that answered last ("" when the engine itself answered: a clarifying
    #: question, a sign-in step).
    skill: str
    route: str
    replies: tuple[Reply, ...]
    rendered: tuple[Rendered, ...]
    state: DialogueState
    events: tuple[EngineEvent, ...] = ()
    handoff: HandoffRequest | None = None
    #: Set when the shopper was verified during this turn (by code or phone number).
    verified_customer: CustomerFacts | None = None
    verified_by: str = ""
    resolved: bool = False
    trace: dict[str, Any] = field(default_factory=dict)
