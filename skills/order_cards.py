"""Order cards of the order skills: the card's order status, and each item's state for a
status card (still to ship and whether it can still change, shipped, delivered, removed)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from django.utils.translation import pgettext

from integrations.shopify.facts import LineItemFacts, OrderFacts
from skills import skill_text
from skills.eligibility import (
    FulfillmentState,
    fulfillment_state,
    order_edit_decide,
    shipped_quantity,
    unshipped_quantity,
)
from skills.order_common import Moments, Turn
from skills.replies import Action, ActionKind, LineStatus, OrderCard, OrderLine, OrderStatus
from skills.settings import order_edit_settings_get


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


def line_actions(
    lines: Sequence[OrderLine], *, status: LineStatus, actions: Sequence[Action]
) -> list[OrderLine]:
    """Inline options on a web chat card: each line in ``status`` gets the order's hub link of
    the first action of the kind that fits it (a hub link is per order and action, so the
    line's button opens the same step of the hub)."""
    kind = {LineStatus.EDITABLE: ActionKind.EDIT, LineStatus.RETURNABLE: ActionKind.RETURN}[status]
    found = [a for a in actions if a.kind is kind][:1]
    return [
        dataclasses.replace(line, actions=tuple(found)) if line.status is status else line
        for line in lines
    ]
