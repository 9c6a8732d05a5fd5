"""What the order skills (order_edit, returns, order_status) share: the turn being built (blocks,
trace, events), quoting the merchant's policy, the Customer Hub and returns-provider checks,
finding the order the shopper means among *their* orders, and hub deep links.

Finding the order: an order number the shopper names is looked up on their own account only
(``tools.order_get``), so a number that belongs to someone else and one that does not exist get
the same reply (``skill_text.not_found``), which depends only on the shopper's own orders.
When several recent orders fit, the shopper is asked with quick replies and the candidates are
kept in the skill's ``state`` (``{"step": "choose_order", "candidates": [1043, 1041], ...}``),
so "the second one", "the last one" or "#1041" continues. ``state["order_number"]`` is the
order in focus: a later turn (or a skill this one hands over to, when the engine passes the
state on) keeps working on it unless the shopper names another.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.models import Store
from integrations.customer_hub.links import HubAction, HubNotActive
from integrations.customer_hub.models import CustomerHubSettings
from integrations.returns.models import ReturnsProviderConnection
from integrations.selectors import integration_overview_get
from integrations.shopify.facts import LineItemFacts, OrderFacts
from knowledge.analysis import analyze
from knowledge.answers import Answer
from skills import skill_text
from skills.base import Expecting, HandoffRequest, SkillContext, SkillResult
from skills.eligibility import (
    FulfillmentState,
    OrderPick,
    PickCode,
    PickPurpose,
    fulfillment_state,
    order_edit_decide,
    order_pick,
    shipped_quantity,
    unshipped_quantity,
)
from skills.general_qa import answer_blocks, answer_event, answer_passages
from skills.replies import (
    Action,
    ActionKind,
    Block,
    EligibilityDecision,
    LineStatus,
    OrderCard,
    OrderFact,
    OrderLine,
    OrderStatus,
    PassageUsed,
    PrerequisiteCheck,
    QuickReplies,
    QuickReply,
    Reply,
    TextBlock,
    Trace,
)
from skills.settings import order_edit_settings_get

logger = logging.getLogger(__name__)

#: Concepts (``knowledge.analysis``) a quoted passage's article title or headings must name.
TOPIC_ORDER_CHANGES = frozenset({"~edit", "~cancel"})
TOPIC_RETURNS = frozenset({"~return", "~exchange"})
TOPIC_REFUNDS = frozenset({"~refund", "~return"})

#: How many of the shopper's orders are read to pick one (most recent first).
ORDERS_READ = 10
#: How many orders a "which order?" question offers.
CHOICES_MAX = 4

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


def order_not_found_result(turn: Turn) -> SkillResult:
    """The result after ``order_find`` found no order: a "which order?" question expects a
    choice (its candidates are in the state); otherwise the flow ends."""
    if turn.choice_state is not None:
        return turn.result(state=turn.choice_state, expecting="choice")
    return turn.result()


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
    unless this flow quoted it before."""
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
    overview = integration_overview_get(store=turn.store)
    hub = overview.customer_hub
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
        found = overview.returns_provider
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


# --- the order meant ------------------------------------------------------------------------------


def order_find(turn: Turn, *, purpose: PickPurpose) -> OrderFacts | None:
    """The order the shopper means, or None after adding the reply that asks which one (or
    says it is not on their account / there is none); ``turn.pending_state`` then holds what
    to remember. Call only for a verified shopper."""
    context = turn.context
    customer_id = context.shopper.customer_id
    assert customer_id is not None
    number = _number_meant(turn)
    if number is not None:
        order = context.tools.order_get(store=turn.store, customer_id=customer_id, number=number)
        if order is not None:
            _facts_add(turn, order)
            return order
        orders = _orders(turn)
        turn.say(skill_text.not_found(number, has_orders=bool(orders)))
        _choices_offer(turn, orders[:CHOICES_MAX])
        turn.facts.append(OrderFact(order_name=f"#{number}", name="on_account", value=False))
        return None
    orders = _orders(turn)
    named = _order_with_items(orders, context.request.item_ids)
    if named is not None:
        _facts_add(turn, named)
        return named
    pick = order_pick(orders=orders, now=context.tools.now(), purpose=purpose)
    return _picked(turn, pick, orders)


def _picked(turn: Turn, pick: OrderPick, orders: Sequence[OrderFacts]) -> OrderFacts | None:
    if pick.code is PickCode.PICKED and pick.order is not None:
        _facts_add(turn, pick.order)
        return pick.order
    if pick.code is PickCode.AMBIGUOUS:
        turn.say(_("You have more than one recent order. Which one do you mean?"))
        _choices_offer(turn, pick.candidates[:CHOICES_MAX])
        return None
    turn.say(_("I don't see any orders on your account."))
    turn.add(QuickReplies(options=(skill_text.human_offer(),)))
    return None


def _orders(turn: Turn) -> list[OrderFacts]:
    context = turn.context
    return list(
        context.tools.orders_list(
            store=turn.store, customer_id=context.shopper.customer_id, limit=ORDERS_READ
        )
    )


def _choices_offer(turn: Turn, orders: Sequence[OrderFacts]) -> None:
    today = skill_text.local(turn.context.tools.now(), turn.store).date()
    options = tuple(
        QuickReply(
            label=skill_text.order_label(
                o.name,
                skill_text.local(o.created_at, turn.store).date(),
                o.line_items[0].title if o.line_items else "",
                today=today,
            ),
            payload=o.name,
        )
        for o in orders
    )
    if options:
        turn.add(QuickReplies(options=options))
    turn.choice_state = {
        "step": "choose_order",
        "intent": turn.intent,
        "candidates": [o.number for o in orders],
    }


def _number_meant(turn: Turn) -> int | None:
    """The order number named, chosen from the offered candidates, or in focus."""
    request = turn.context.request
    candidates = [c for c in turn.state.get("candidates", ()) if isinstance(c, int)]
    focus = turn.state.get("order_number")
    if candidates and (request.choice_kind or request.choice_position):
        # An answer to "which one?" wins over an order number the engine carried over.
        chosen = _choice(candidates, request.choice_kind, request.choice_position, focus)
        if chosen is not None:
            return chosen
    if request.order_numbers:
        return request.order_numbers[0]
    return focus if isinstance(focus, int) else None


def _choice(
    candidates: Sequence[int], kind: str | None, position: int | None, focus: Any
) -> int | None:
    if kind == "last":
        return candidates[-1]
    if kind == "other":
        others = [c for c in candidates if c != focus]
        return others[0] if len(others) == 1 or focus is not None else None
    if position is not None and 1 <= position <= len(candidates):
        return candidates[position - 1]
    return None


def _order_with_items(orders: Iterable[OrderFacts], item_ids: Sequence[str]) -> OrderFacts | None:
    for item_id in item_ids:
        for order in orders:
            if any(str(li.id) == item_id for li in order.line_items):
                return order
    return None


def _facts_add(turn: Turn, order: OrderFacts) -> None:
    """The order facts the decision reads, for the trace."""
    name = order.name
    facts: list[tuple[str, Any]] = [
        ("created_at", order.created_at.isoformat()),
        ("display_fulfillment_status", order.display_fulfillment_status),
        ("display_financial_status", order.display_financial_status),
        ("return_status", order.return_status),
        ("fulfillment", fulfillment_state(order).value),
        ("cancelled_at", order.cancelled_at.isoformat() if order.cancelled_at else None),
        ("closed_at", order.closed_at.isoformat() if order.closed_at else None),
        ("total_refunded", str(order.total_refunded)),
    ]
    for li in order.line_items:
        delivered = li.delivered_at.isoformat() if li.delivered_at else "-"
        facts.append(
            (
                f"line {li.id}: {li.display_name}",
                f"qty {li.quantity}, current {li.current_quantity}, "
                f"unshipped {unshipped_quantity(li)}, shipped {shipped_quantity(li)}, "
                f"delivered {delivered}, tags {','.join(li.product_tags) or '-'}",
            )
        )
    turn.facts.extend(OrderFact(order_name=name, name=k, value=v) for k, v in facts)


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


def order_status(order: OrderFacts) -> OrderStatus:
    """The order's status as a card shows it."""
    returns = order.return_status.upper()
    financial = order.display_financial_status.upper()
    if order.cancelled:
        return OrderStatus.CANCELLED
    if returns in ("RETURN_REQUESTED", "IN_PROGRESS", "INSPECTION_COMPLETE"):
        return OrderStatus.RETURN_IN_PROGRESS
    if financial == "REFUNDED":
        return OrderStatus.REFUNDED
    if returns == "RETURNED":
        return OrderStatus.RETURNED
    state = fulfillment_state(order)
    if state is FulfillmentState.UNFULFILLED:
        return OrderStatus.UNFULFILLED
    if state is FulfillmentState.PARTIALLY_FULFILLED:
        return OrderStatus.PARTIALLY_FULFILLED
    held = [li for li in order.line_items if li.current_quantity]
    if held and all(li.delivered_quantity >= shipped_quantity(li) for li in held):
        return OrderStatus.DELIVERED
    return OrderStatus.FULFILLED


def status_lines(turn: Turn, order: OrderFacts) -> list[OrderLine]:
    """Each item's state for a status card: still to ship (and whether it can still change),
    shipped, delivered, or taken off the order."""
    when = Moments(turn)
    edit = None
    if not order.cancelled and any(unshipped_quantity(li) for li in order.line_items):
        edit = order_edit_decide(
            order=order,
            settings=order_edit_settings_get(store=turn.store),
            now=turn.context.tools.now(),
        )
    editable = {d.line_id for d in edit.editable_lines} if edit is not None else set()
    return [
        _status_line(li, order, when=when, editable=li.id in editable) for li in order.line_items
    ]


def _status_line(
    li: LineItemFacts, order: OrderFacts, *, when: Moments, editable: bool
) -> OrderLine:
    unshipped, shipped = unshipped_quantity(li), shipped_quantity(li)
    reason = ""
    if li.current_quantity == 0:
        if order.cancelled:
            status = LineStatus.CANCELLED
        else:
            status = LineStatus.REFUNDED if order.total_refunded > 0 else LineStatus.RETURNED
    elif unshipped and not shipped:
        status = LineStatus.EDITABLE if editable else LineStatus.NOT_EDITABLE
        reason = pgettext("order line reason", "not shipped yet")
    elif unshipped:
        status = LineStatus.SHIPPED
        reason = pgettext("order line reason", "%(shipped)d shipped, %(left)d still to ship") % {
            "shipped": shipped,
            "left": unshipped,
        }
    elif li.delivered_at is not None and li.delivered_quantity >= shipped:
        status = LineStatus.DELIVERED
        reason = pgettext("order line reason", "delivered %(day)s") % {
            "day": when.day(li.delivered_at)
        }
    else:
        status = LineStatus.SHIPPED
        reason = pgettext("order line reason", "on its way")
    return OrderLine(
        title=li.title,
        status=status,
        variant=li.variant_title,
        quantity=li.current_quantity or li.quantity,
        reason=reason,
    )


def order_card(
    turn: Turn,
    order: OrderFacts,
    *,
    lines: Sequence[OrderLine],
    actions: Sequence[Action] = (),
) -> OrderCard:
    return OrderCard(
        order_name=order.name,
        order_date=skill_text.local(order.created_at, turn.store).date(),
        currency=order.currency,
        total=order.total_price,
        status=order_status(order),
        lines=tuple(lines),
        actions=tuple(actions),
    )
