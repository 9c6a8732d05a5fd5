"""Order status (``order_status``): where is my order — for a verified shopper, the order named
or their latest one: its status, what shipped when with which carrier (tracking number and a
tracking link), and when it was delivered. A shopper who is not verified gets
``needs="sign_in"`` and nothing else: order data is only shown to its verified owner.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from integrations.customer_hub.links import HubAction
from integrations.shopify.facts import FulfillmentFacts, OrderFacts
from skills import skill_text
from skills.base import SkillContext, SkillResult
from skills.eligibility import FulfillmentState, PickPurpose, fulfillment_state, shipped_quantity
from skills.order_cards import order_card, status_lines
from skills.order_common import (
    Moments,
    Turn,
    connections_check,
    hub_action,
    turn_start,
    verified_check,
)
from skills.order_find import order_find, order_not_found_result
from skills.replies import ActionKind, LinkBlock

ORDER_STATUS = "order_status"
INTENTS = (ORDER_STATUS,)


class OrderStatusSkill:
    id = "order_status"

    def handle(self, context: SkillContext) -> SkillResult:
        with translation.override(context.request.language):
            return _handle(context)


def _handle(context: SkillContext) -> SkillResult:
    turn = turn_start(context, skill=OrderStatusSkill.id, intents=INTENTS, default=ORDER_STATUS)
    if not verified_check(turn):
        return turn.result(sign_in=True, state={"intent": turn.intent})
    order = order_find(turn, purpose=PickPurpose.ANY)
    if order is None:
        return order_not_found_result(turn)
    words = status_words(turn, order)
    turn.say(words)
    live = [f for f in order.fulfillments if f.live]
    tracked = [f for f in live if f.tracking_url and not f.delivered]
    turn.decide(
        subject=order.name,
        action="track",
        allowed=bool(tracked),
        reason=words,
        code="cancelled" if order.cancelled else fulfillment_state(order).value,
    )
    for f in live:
        if f.tracking_number and not f.delivered:
            turn.say(
                _("Tracking number: %(carrier)s %(number)s.")
                % {"carrier": f.tracking_company, "number": f.tracking_number}
            )
    for f in tracked:
        turn.add(LinkBlock(kind=ActionKind.TRACK, url=f.tracking_url, label=_track_label(f)))
        turn.events.append(("link_presented", {"action": "track", "order": order.name}))
    actions = []
    if connections_check(turn).hub_active:
        view = hub_action(turn, order, HubAction.VIEW)
        actions = [view] if view is not None else []
    turn.add(order_card(turn, order, lines=status_lines(turn, order), actions=actions))
    return turn.result(resolved=True)


def status_words(turn: Turn, order: OrderFacts) -> str:
    """The order's state in one or two sentences."""
    when = Moments(turn)
    values = {"order": order.name, "placed": when.day(order.created_at)}
    if order.cancelled and order.cancelled_at is not None:
        return _("Order %(order)s was cancelled on %(day)s.") % {
            **values,
            "day": when.day(order.cancelled_at),
        }
    state = fulfillment_state(order)
    live = [f for f in order.fulfillments if f.live]
    if state is FulfillmentState.UNFULFILLED:
        return _("Order %(order)s (placed %(placed)s) hasn't shipped yet.") % values
    if state is FulfillmentState.PARTIALLY_FULFILLED:
        shipped = [
            skill_text.item_name(li, shipped_quantity(li))
            for li in order.line_items
            if shipped_quantity(li)
        ]
        return _(
            "Part of order %(order)s (placed %(placed)s) has shipped: %(items)s. The rest "
            "hasn't shipped yet."
        ) % {**values, "items": skill_text.items_list(shipped)}
    delivered = [f.delivered_at for f in live if f.delivered_at is not None]
    if live and len(delivered) == len(live):
        return _("Order %(order)s was delivered on %(day)s.") % {
            **values,
            "day": when.day(max(delivered)),
        }
    if not live:
        return _("Order %(order)s (placed %(placed)s) has shipped.") % values
    on_the_way = next(f for f in live if f.delivered_at is None)
    if on_the_way.display_status.upper() == "OUT_FOR_DELIVERY":
        return _("Order %(order)s is out for delivery with %(carrier)s.") % {
            **values,
            "carrier": on_the_way.tracking_company or _("the carrier"),
        }
    return _("Order %(order)s shipped on %(day)s with %(carrier)s and is on its way.") % {
        **values,
        "day": when.day(on_the_way.created_at),
        "carrier": on_the_way.tracking_company or _("the carrier"),
    }


def _track_label(f: FulfillmentFacts) -> str:
    if f.tracking_company:
        return _("Track your parcel with %(carrier)s") % {"carrier": f.tracking_company}
    return _("Track your parcel")
