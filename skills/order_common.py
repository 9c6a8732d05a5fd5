"""What the order skills (order_edit, returns, order_status) share: the turn being built (blocks,
trace, events), quoting the merchant's policy, the Customer Hub and returns-provider checks,
hub deep links and times as a shopper reads them. Finding the order meant is
``skills.order_find``; order cards are ``skills.order_cards``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _

from core.models import Store
from integrations.customer_hub.links import HubAction, HubNotActive
from integrations.customer_hub.models import CustomerHubSettings
from integrations.returns.models import ReturnsProviderConnection
from integrations.shopify.facts import OrderFacts
from knowledge.analysis import analyze
from knowledge.answers import Answer
from skills import skill_text
from skills.base import Expecting, HandoffRequest, SkillContext, SkillResult
from skills.general_qa import answer_blocks, answer_event, answer_passages
from skills.reads import hub_settings_shared, returns_provider_shared
from skills.replies import (
    Action,
    ActionKind,
    Block,
    EligibilityDecision,
    OrderFact,
    PassageUsed,
    PrerequisiteCheck,
    Reply,
    TextBlock,
    Trace,
)

logger = logging.getLogger(__name__)

#: Concepts (``knowledge.analysis``) a quoted passage's article title or headings must name.
TOPIC_ORDER_CHANGES = frozenset({"~edit", "~cancel"})
TOPIC_RETURNS = frozenset({"~return", "~exchange"})
TOPIC_REFUNDS = frozenset({"~refund", "~return"})

_HUB_ACTIONS = {
    HubAction.EDIT: ActionKind.EDIT,
    HubAction.CANCEL: ActionKind.CANCEL,
    HubAction.RETURN: ActionKind.RETURN,
    HubAction.EXCHANGE: ActionKind.EXCHANGE,
    HubAction.VIEW: ActionKind.HUB,
}


@dataclass
class Turn:
    """One turn of one skill being built: the reply's blocks, the trace and the events."""

    context: SkillContext
    skill: str
    intent: str
    blocks: list[Block] = field(default_factory=list)
    passages: list[PassageUsed] = field(default_factory=list)
    facts: list[OrderFact] = field(default_factory=list)
    decisions: list[EligibilityDecision] = field(default_factory=list)
    prerequisites: list[PrerequisiteCheck] = field(default_factory=list)
    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    #: Chunk ids quoted in this flow (this turn or one before sign-in): never quoted twice.
    quoted: set[int] = field(default_factory=set)
    #: What to remember when the turn asked which order (see ``order_find``).
    choice_state: dict[str, Any] | None = None

    @property
    def store(self) -> Store:
        return self.context.store

    @property
    def state(self) -> Mapping[str, Any]:
        return self.context.state

    def say(self, text: str) -> None:
        self.blocks.append(TextBlock(text=text))

    def add(self, block: Block) -> None:
        self.blocks.append(block)

    def decide(self, *, subject: str, action: str, allowed: bool, reason: str, code: str) -> None:
        self.decisions.append(
            EligibilityDecision(
                subject=subject, action=action, allowed=allowed, reason=reason, code=code
            )
        )

    def result(
        self,
        *,
        resolved: bool = False,
        state: dict[str, Any] | None = None,
        sign_in: bool = False,
        handoff: str | None = None,
        next_skill: str | None = None,
        expecting: Expecting | None = None,
    ) -> SkillResult:
        request = self.context.request
        trace = Trace(
            language=request.language,
            intent=self.intent,
            confidence=request.confidence,
            skill=self.skill,
            passages=tuple(self.passages),
            order_facts=tuple(self.facts),
            eligibility=tuple(self.decisions),
            prerequisites=tuple(self.prerequisites),
        )
        events = list(self.events)
        if resolved:
            events.append(("resolved", {"skill": self.skill, "intent": self.intent}))
        if sign_in and self.quoted:
            state = {**(state or {}), "quoted": sorted(self.quoted)}
        return SkillResult(
            reply=Reply(
                blocks=tuple(self.blocks),
                trace=trace,
                handoff=handoff is not None,
                resolved=resolved,
            ),
            state=state,
            needs="sign_in" if sign_in else None,
            handoff=HandoffRequest(reason=handoff) if handoff is not None else None,
            next_skill=next_skill,
            events=tuple(events),
            resolved=resolved,
            expecting=expecting,
        )


def turn_start(context: SkillContext, *, skill: str, intents: Sequence[str], default: str) -> Turn:
    """A new turn. The intent is the request's when it is one of the skill's, else the one the
    flow started with (a reply like "#1043" or "the second one" carries no intent of its own)."""
    request = context.request
    if request.intent in intents:
        intent = request.intent
    else:
        remembered = context.state.get("intent")
        intent = remembered if isinstance(remembered, str) and remembered in intents else default
    quoted = context.state.get("quoted", ())
    return Turn(
        context=context,
        skill=skill,
        intent=intent,
        quoted={q for q in quoted if isinstance(q, int)} if isinstance(quoted, list) else set(),
    )


# --- the merchant's policy ----------------------------------------------------------------------


def policy_quote(
    turn: Turn,
    *,
    topic: frozenset[str],
    questions: Sequence[str] = (),
    use_text: bool = True,
) -> Answer | None:
    """Quote the first passage that answers the shopper's message (``use_text``) or one of
    ``questions`` (fixed questions, in the shopper's language) and whose article title or
    headings name ``topic``. Adds the quote (cited) unless this flow already quoted that
    passage, and records the passage in the trace and a "knowledge_answer" event. None when
    the content has nothing on it."""
    request = turn.context.request
    asked = ([request.text] if use_text and request.text.strip() else []) + list(questions)
    first: tuple[str, Answer] | None = None
    for question in asked:
        answer = turn.context.tools.knowledge_answer(
            store=turn.store, question=question, language=request.language
        )
        if answer.found and _on_topic(answer, topic):
            _passage_use(turn, answer, question=question)
            return answer
        first = first or (question, answer)
    if first is not None:
        question, answer = first
        data = {"question": question, **answer_event(answer), "found": False}
        turn.events.append(("knowledge_answer", data))
    return None


def _on_topic(answer: Answer, topic: frozenset[str]) -> bool:
    language = answer.hit.language if answer.hit is not None else answer.language
    return bool(topic.intersection(analyze(answer.citation, language=language)))


def _passage_use(turn: Turn, answer: Answer, *, question: str) -> None:
    """Trace the passage, record the event, and quote it (``general_qa.answer_blocks``: the
    merchant's words as plain text, cited; with a note when it is in the other language)
    unless this flow quoted it before. A passage already used in this turn is left out."""
    if answer.chunk_id is not None and any(p.chunk_id == answer.chunk_id for p in turn.passages):
        return
    turn.passages.extend(answer_passages(answer))
    turn.events.append(("knowledge_answer", {"question": question, **answer_event(answer)}))
    if answer.chunk_id is not None and answer.chunk_id in turn.quoted:
        return
    turn.blocks.extend(answer_blocks(answer, language=turn.context.request.language))
    if answer.chunk_id is not None:
        turn.quoted.add(answer.chunk_id)


# --- prerequisites --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Connections:
    hub_active: bool
    provider_connected: bool


def connections_check(turn: Turn, *, provider: bool = False) -> Connections:
    """Whether the store's Customer Hub is active (and, with ``provider``, a returns provider is
    connected), recorded in the trace. The same rules as the skill status (``skills.status``)."""
    hub = hub_settings_shared(store=turn.store)
    hub_active = hub.active and (
        hub.mode != CustomerHubSettings.Mode.EXTERNAL or bool(hub.external_url)
    )
    turn.prerequisites.append(
        PrerequisiteCheck(
            name="hub_active",
            met=hub_active,
            detail=_("Customer Hub is active.") if hub_active else _("Customer Hub is not active."),
        )
    )
    connected = False
    if provider:
        found = returns_provider_shared(store=turn.store)
        connected = found is not None and found.status == ReturnsProviderConnection.Status.CONNECTED
        turn.prerequisites.append(
            PrerequisiteCheck(
                name="returns_provider_connected",
                met=connected,
                detail=(
                    _("Returns provider connected")
                    if connected
                    else _("No returns provider is connected.")
                ),
            )
        )
    return Connections(hub_active=hub_active, provider_connected=connected)


def verified_check(turn: Turn) -> bool:
    shopper = turn.context.shopper
    verified = shopper.verified and shopper.customer_id is not None
    turn.prerequisites.append(PrerequisiteCheck(name="shopper_verified", met=verified))
    return verified


# --- hub links ------------------------------------------------------------------------------------


def hub_action(turn: Turn, order: OrderFacts, action: HubAction) -> Action | None:
    """A signed deep link into the hub for this shopper, order and action, as a card action
    (label empty: the channel's default); None when the hub is not active. Records a
    "link_presented" event."""
    context = turn.context
    customer_id = context.shopper.shopify_customer_id
    if customer_id is None:
        logger.warning("order skill: verified shopper without a Shopify customer id")
        return None
    try:
        link = context.tools.hub_link(
            store=turn.store,
            customer_id=customer_id,
            order_number=order.number,
            action=action,
            now=context.tools.now(),
        )
    except HubNotActive:
        return None
    turn.events.append(("link_presented", {"action": action.value, "order": order.name}))
    return Action(kind=_HUB_ACTIONS[action], url=link.url)


def today(turn: Turn) -> date:
    """The store's local date now."""
    return skill_text.local(turn.context.tools.now(), turn.store).date()


class Moments:
    """Times as the shopper reads them: in the store's zone, relative to the turn's today."""

    def __init__(self, turn: Turn) -> None:
        self.store = turn.store
        self.today = today(turn)

    def until(self, value: datetime) -> str:
        return skill_text.until(skill_text.local(value, self.store), today=self.today)

    def at(self, value: datetime) -> str:
        return skill_text.at(skill_text.local(value, self.store), today=self.today)

    def day(self, value: datetime) -> str:
        return skill_text.day(skill_text.local(value, self.store).date(), today=self.today)
