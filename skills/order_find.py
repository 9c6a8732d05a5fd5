"""Finding the order the shopper means, among *their* orders only.

An order number the shopper names is looked up on their own account (``tools.order_get``), so a
number that belongs to someone else and one that does not exist get the same reply
(``skill_text.not_found``), which depends only on the shopper's own orders. When several recent
orders fit, the shopper is asked with quick replies and the candidates are kept in the skill's
``state`` (``{"step": "choose_order", "candidates": [1043, 1041], ...}``, ``expecting="choice"``),
so "the second one", "the last one" or "#1041" continues; an answer to that question wins over
an order number the engine carries over from earlier turns. ``state["order_number"]`` is an
order in focus the skill keeps working on unless the shopper names another.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _

from integrations.shopify.facts import OrderFacts
from skills import skill_text
from skills.base import SkillResult
from skills.eligibility import (
    OrderPick,
    PickCode,
    PickPurpose,
    fulfillment_state,
    order_pick,
    shipped_quantity,
    unshipped_quantity,
)
from skills.order_common import Turn
from skills.replies import OrderFact, QuickReplies, QuickReply

#: How many of the shopper's orders are read to pick one (most recent first).
ORDERS_READ = 10
#: How many orders a "which order?" question offers.
CHOICES_MAX = 4


def order_find(turn: Turn, *, purpose: PickPurpose) -> OrderFacts | None:
    """The order the shopper means, or None after adding the reply that asks which one (or
    says it is not on their account / there is none); ``turn.choice_state`` then holds what
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


def order_not_found_result(turn: Turn) -> SkillResult:
    """The result after ``order_find`` found no order: a "which order?" question expects a
    choice (its candidates are in the state); otherwise the flow ends."""
    if turn.choice_state is not None:
        return turn.result(state=turn.choice_state, expecting="choice")
    return turn.result()
