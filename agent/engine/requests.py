"""Building what the skills and the NLU are given: the ``SkillRequest`` from what was
understood, the NLU ``Context`` from the dialogue state, the line items a verified shopper may
name, and the turn's language."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from agent.engine.routing import ORDER_SKILLS
from agent.engine.state import DialogueState
from agent.engine.types import TurnInput
from agent.nlu import Context, ItemCandidate, Understanding, items_match
from agent.nlu.text import text_truncate
from core.models import Store
from skills.base import SkillRequest, SkillTools

# A first message sets the conversation's language; later ones change it only when the
# detector is this sure (a "ok" or an order number keeps the language the shopper wrote in).
LANGUAGE_SWITCH_CONFIDENCE = 0.75
ITEM_CANDIDATE_ORDERS = 3
# Orders read once per turn for the item candidates and kept for the skill (which reads the
# same list: ``skills.order_find.ORDERS_READ``).
ORDERS_READ = 10


def conversation_language(u: Understanding, turn: TurnInput) -> str:
    if u.empty:
        return turn.language
    if turn.first or u.language_confidence >= LANGUAGE_SWITCH_CONFIDENCE:
        return u.language
    return turn.language


def nlu_context(
    *, language: str, state: DialogueState, candidates: tuple[ItemCandidate, ...]
) -> Context:
    """The conversation's language as the prior, what the agent just asked for, and the
    items the shopper may name."""
    expecting: Any = None
    if state.sign_in is not None:
        expecting = "verification_code" if state.sign_in.step == "code" else "email"
    elif state.options:
        # Offered options make "2" a pick; an order number with "#" or a yes/no is read
        # whatever is expected, and a typed option matches by its words.
        expecting = "choice"
    elif state.expecting:
        expecting = state.expecting
    prior: Any = language if language in ("en", "nl") else None
    return Context(language=prior, item_candidates=candidates, expecting=expecting)


def items_needed(u: Understanding, state: DialogueState) -> bool:
    """Whether the line items a message names can matter to this turn: they go to the order
    skills (``SkillRequest.item_ids``: which order, which item) and, in an active flow, make a
    message an answer to what the agent asked (``routing``). So: an order request, a flow going
    on or options offered (the next message may pick one that leads to an order skill), or
    "nee, de andere" after an order skill. Any other turn (a greeting, thanks, a help-centre
    question, a handoff) never reads the shopper's orders for them."""
    if u.empty:
        return False
    if u.skill in ORDER_SKILLS or state.skill is not None or state.options:
        return True
    return state.last_skill in ORDER_SKILLS and u.entities.choice is not None


def items_added(u: Understanding, candidates: tuple[ItemCandidate, ...]) -> Understanding:
    """``u`` with the items among ``candidates`` its text names (what ``understand`` finds
    when it is given the candidates: the analysed part of the text, its sizes and colours)."""
    if not candidates or u.empty:
        return u
    analysed, _truncated = text_truncate(u.text)
    found = items_match(analysed, candidates, sizes=u.entities.sizes, colours=u.entities.colours)
    return replace(u, entities=replace(u.entities, items=found))


def item_candidates(
    *, tools: SkillTools, store: Store, customer_id: int, focus: int | None
) -> tuple[ItemCandidate, ...]:
    """The line items of the shopper's order in focus (else of their recent orders)."""
    orders = tools.orders_list(store=store, customer_id=customer_id, limit=ORDERS_READ)
    orders = orders[:ITEM_CANDIDATE_ORDERS]
    focused = [o for o in orders if o.number == focus]
    if focus is not None and not focused:
        found = tools.order_get(store=store, customer_id=customer_id, number=focus)
        focused = [found] if found is not None else []
    return tuple(
        ItemCandidate(
            id=str(line.id),
            title=line.title,
            options=tuple(v.strip() for v in line.variant_title.split("/") if v.strip()),
        )
        for order in (focused or orders)
        for line in order.line_items
    )


def skill_request(
    u: Understanding,
    *,
    language: str,
    focus: int | None,
    intent: str | None = None,
    confidence: float | None = None,
) -> SkillRequest:
    """What the skill is told. Without an order number in the message, the order in focus
    stands in ("it", "my order": the order we are talking about)."""
    e = u.entities
    numbers = tuple(int(n) for n in e.order_numbers if n.isdigit())
    if not numbers and focus is not None:
        numbers = (focus,)
    return SkillRequest(
        text=u.text,
        language=language,
        intent=intent or u.intent,
        confidence=u.confidence if confidence is None else confidence,
        order_numbers=numbers,
        emails=e.emails,
        sizes=tuple(s.value for s in e.sizes),
        colours=tuple(c.value for c in e.colours),
        quantities=tuple(q.value for q in e.quantities),
        answer=e.answer,
        choice_position=e.choice.position if e.choice else None,
        choice_kind=e.choice.kind if e.choice else None,
        item_ids=tuple(i.id for i in e.items),
    )


class TurnOrders:
    """The shopper's orders read at most once per turn: ``orders_list`` and ``order_get``
    answered from what this turn already read (same store and customer), else read through.
    Only for one turn: the next turn reads afresh."""

    def __init__(self, tools: SkillTools) -> None:
        self._tools = tools
        self._lists: dict[tuple[int, int], tuple[int, list[Any]]] = {}

    def orders_list(self, *, store: Store, customer_id: int, limit: int) -> list[Any]:
        key = (store.pk, customer_id)
        read = self._lists.get(key)
        if read is not None and (limit <= read[0] or len(read[1]) < read[0]):
            return read[1][:limit]
        orders = list(self._tools.orders_list(store=store, customer_id=customer_id, limit=limit))
        self._lists[key] = (limit, orders)
        return orders

    def order_get(self, *, store: Store, customer_id: int, number: int) -> Any:
        read = self._lists.get((store.pk, customer_id))
        found = next((o for o in read[1] if o.number == number), None) if read else None
        if found is not None:
            return found
        return self._tools.order_get(store=store, customer_id=customer_id, number=number)

    def tools(self) -> SkillTools:
        return replace(self._tools, orders_list=self.orders_list, order_get=self.order_get)
