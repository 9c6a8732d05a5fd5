"""What the order skills do per order state, decided by the real eligibility rules under the
store's own settings — for the skill detail page (``skills.detail_selectors``).

Each scenario is an example order (built as ``OrderFacts``, nothing is read or written) put
through ``skills.eligibility`` with the store's ``skills.settings`` at ``now``: the decision
column is what the agent would decide for such an order at this moment, so a change to the
edit window, the allowed changes or the exclusions shows on the page at once. What the agent
then says is keyed by the decision's code (``REPLIES_*``); a test keeps every code covered, so a
new code cannot reach shoppers undescribed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from integrations.shopify.facts import LineItemFacts, LineShipment, OrderFacts
from skills import skill_text
from skills.eligibility import (
    CancelCode,
    CancelDecision,
    EditCode,
    EditDecision,
    ReturnCode,
    ReturnSummary,
    ReturnSummaryCode,
    order_cancel_decide,
    order_edit_decide,
    order_return_decide,
)
from skills.order_edit_reasons import change_words
from skills.settings import OrderEditSettings, ReturnsSettings

Text = str | Promise


@dataclass(frozen=True)
class StateBehaviour:
    """One row of the "per order state" table.

    ``code``: the eligibility code the rules gave (stable; "edit/cancel" codes for order
    editing, the return summary's code or the first line's reason for returns).
    ``allowed``: the shopper can go ahead in self-service (an edit, cancel or return link).
    """

    state: Text
    example: Text
    decision: str
    code: str
    allowed: bool
    reply: Text


#: What the order-editing skill says and shows for each edit decision.
REPLIES_EDIT: dict[EditCode, Text] = {
    EditCode.EDITABLE: gettext_lazy(
        "Quotes your change policy and shows the order with a direct link to edit it in the "
        "Customer Hub (and to cancel it, while that is allowed)."
    ),
    EditCode.PARTIALLY_FULFILLED: gettext_lazy(
        "Explains which items can still change and which have shipped, links to editing the "
        "former and offers Returns & exchanges for the shipped ones."
    ),
    EditCode.FULFILLED: gettext_lazy(
        "Says the order has shipped and hands over to Returns & exchanges."
    ),
    EditCode.WINDOW_PASSED: gettext_lazy(
        "Says the order can no longer be changed and when that time ended, quotes your policy "
        "on late changes and offers a person."
    ),
    EditCode.ITEMS_EXCLUDED: gettext_lazy(
        "Names the items that cannot be changed and why (pre-order, personalised…), quotes "
        "your policy on exceptions and offers a person."
    ),
    EditCode.CANCELLED: gettext_lazy("Says the order was already cancelled."),
    EditCode.NOTHING_TO_CHANGE: gettext_lazy("Says every item was already removed from the order."),
    EditCode.CLOSED: gettext_lazy(
        "Says the order is closed, quotes your policy and offers a person."
    ),
    EditCode.CHANGES_NOT_ALLOWED: gettext_lazy(
        "Says orders cannot be changed in the Customer Hub and offers a person."
    ),
}

#: What the returns skill says and shows for each return decision (the reason of the items
#: that cannot go back, or that they all can).
REPLIES_RETURN: dict[ReturnCode, Text] = {
    ReturnCode.ELIGIBLE: gettext_lazy(
        "Shows the order with a “Start a return” link into the returns portal (and an "
        "exchange link when exchanges are on), with the last day to return."
    ),
    ReturnCode.WINDOW_PASSED: gettext_lazy(
        "Explains the item was delivered too long ago, with the delivery date and the day the "
        "return window ended, and offers a person."
    ),
    ReturnCode.EXCLUDED: gettext_lazy(
        "Explains the item cannot be returned and why (final sale, personalised, hygiene…), "
        "quoting your return policy."
    ),
    ReturnCode.NOT_DELIVERED: gettext_lazy(
        "Says the parcel is still on its way and can be returned once delivered."
    ),
    ReturnCode.NOT_SHIPPED: gettext_lazy(
        "Says the order has not shipped yet and hands over to Order editing (change or cancel)."
    ),
    ReturnCode.ORDER_CANCELLED: gettext_lazy("Says the order was cancelled."),
    ReturnCode.ALREADY_RETURNED: gettext_lazy("Says the item was already returned or refunded."),
}


# --- order editing ---------------------------------------------------------------------------


def order_edit_scenarios(*, settings: OrderEditSettings, now: datetime) -> list[StateBehaviour]:
    """Unfulfilled (inside and past the edit window), partially fulfilled, fulfilled, with an
    excluded item (when the store excludes any) and cancelled."""
    just_now = now - timedelta(minutes=1)
    late = now - timedelta(
        minutes=max(settings.edit_window_minutes, settings.cancel_window_minutes) + 1
    )
    rows = [
        (
            _("Unfulfilled"),
            _("Placed a minute ago, nothing shipped yet."),
            _order(just_now, [_line(1), _line(2)]),
        ),
        (
            _("Partially fulfilled"),
            _("Placed a minute ago; one item shipped, one not."),
            _order(just_now, [_line(1, shipped_at=now), _line(2)]),
        ),
        (
            _("Fulfilled / shipped"),
            _("Everything has shipped."),
            _order(just_now, [_line(1, shipped_at=now), _line(2, shipped_at=now)]),
        ),
        (
            _("Edit window passed"),
            _("Unfulfilled, but placed %(window)s ago: just after your window ended.")
            % {"window": skill_text.duration(int((now - late).total_seconds() // 60))},
            _order(late, [_line(1), _line(2)]),
        ),
    ]
    if settings.excluded.tags:
        tag = settings.excluded.tags[0]
        rows.append(
            (
                _("Excluded item"),
                _("Unfulfilled, placed a minute ago; its only item is tagged “%(tag)s”.")
                % {"tag": tag},
                _order(just_now, [_line(1, tags=(tag,))]),
            )
        )
    rows.append(
        (
            _("Cancelled"),
            _("The order was cancelled."),
            _order(just_now, [_line(1)], cancelled_at=now),
        )
    )
    return [_edit_row(state, example, order, settings, now) for state, example, order in rows]


def _edit_row(
    state: str, example: str, order: OrderFacts, settings: OrderEditSettings, now: datetime
) -> StateBehaviour:
    edit = order_edit_decide(order=order, settings=settings, now=now)
    cancel = order_cancel_decide(order=order, settings=settings, now=now)
    return StateBehaviour(
        state=state,
        example=example,
        decision=f"{_edit_words(edit)} {_cancel_words(cancel)}",
        code=f"{edit.code.value}/{cancel.code.value}",
        allowed=edit.editable or cancel.cancellable,
        reply=REPLIES_EDIT[edit.code],
    )


def _edit_words(edit: EditDecision) -> str:
    window = skill_text.duration(edit.window_minutes)
    if edit.code is EditCode.EDITABLE:
        return _("Can be changed (%(changes)s): the %(window)s edit window is open.") % {
            "changes": change_words(edit.allowed_changes),
            "window": window,
        }
    if edit.code is EditCode.PARTIALLY_FULFILLED:
        return _("The item not shipped can be changed (%(changes)s); the shipped one cannot.") % {
            "changes": change_words(edit.allowed_changes)
        }
    words = {
        EditCode.FULFILLED: _("Cannot be changed: everything has shipped."),
        EditCode.WINDOW_PASSED: _("Cannot be changed: the %(window)s edit window has ended."),
        EditCode.ITEMS_EXCLUDED: _("Cannot be changed: the item is excluded from changes."),
        EditCode.CANCELLED: _("Cannot be changed: the order was cancelled."),
        EditCode.NOTHING_TO_CHANGE: _("Cannot be changed: every item was removed."),
        EditCode.CLOSED: _("Cannot be changed: the order is closed."),
        EditCode.CHANGES_NOT_ALLOWED: _(
            "Cannot be changed: your Customer Hub settings allow no changes."
        ),
    }
    return words[edit.code] % {"window": window}


def _cancel_words(cancel: CancelDecision) -> str:
    window = skill_text.duration(cancel.window_minutes)
    words = {
        CancelCode.CANCELLABLE: _("Can be cancelled: the %(window)s cancel window is open."),
        CancelCode.ALREADY_CANCELLED: _("Already cancelled."),
        CancelCode.NOTHING_TO_CANCEL: _("Nothing left to cancel."),
        CancelCode.FULFILLED: _("Cannot be cancelled: it has shipped."),
        CancelCode.PARTIALLY_FULFILLED: _("Cannot be cancelled as a whole: part has shipped."),
        CancelCode.CLOSED: _("Cannot be cancelled: the order is closed."),
        CancelCode.NOT_ALLOWED: _(
            "Cannot be cancelled: your Customer Hub settings allow no cancelling."
        ),
        CancelCode.ITEMS_EXCLUDED: _("Cannot be cancelled: it holds an item that cannot be."),
        CancelCode.WINDOW_PASSED: _("Cannot be cancelled: the %(window)s cancel window has ended."),
    }
    return words[cancel.code] % {"window": window}


# --- returns ------------------------------------------------------------------------------------


def returns_scenarios(*, settings: ReturnsSettings, now: datetime) -> list[StateBehaviour]:
    """Delivered (inside and past the return window), an excluded item (when the store excludes
    any), on its way, not shipped and cancelled."""
    placed = now - timedelta(days=settings.return_window_days + 20)
    recent = now - timedelta(days=2)
    long_ago = now - timedelta(days=settings.return_window_days + 5)
    rows = [
        (
            _("Delivered"),
            _("Delivered 2 days ago."),
            _order(placed, [_line(1, shipped_at=recent, delivered_at=recent)]),
        ),
        (
            _("Return window passed"),
            _("Delivered %(days)d days ago.") % {"days": settings.return_window_days + 5},
            _order(placed, [_line(1, shipped_at=long_ago, delivered_at=long_ago)]),
        ),
    ]
    if settings.excluded.tags:
        tag = settings.excluded.tags[0]
        rows.append(
            (
                _("Excluded item"),
                _("Delivered 2 days ago; the item is tagged “%(tag)s”.") % {"tag": tag},
                _order(placed, [_line(1, tags=(tag,), shipped_at=recent, delivered_at=recent)]),
            )
        )
    rows += [
        (
            _("Shipped, not delivered"),
            _("The parcel is on its way."),
            _order(placed, [_line(1, shipped_at=recent)]),
        ),
        (_("Unfulfilled"), _("Nothing has shipped yet."), _order(placed, [_line(1)])),
        (
            _("Cancelled"),
            _("The order was cancelled."),
            _order(placed, [_line(1)], cancelled_at=recent),
        ),
    ]
    return [_return_row(state, example, order, settings, now) for state, example, order in rows]


def _return_row(
    state: str, example: str, order: OrderFacts, settings: ReturnsSettings, now: datetime
) -> StateBehaviour:
    summary = order_return_decide(order=order, settings=settings, now=now)
    reason = ReturnCode.ELIGIBLE if summary.eligible_lines else summary.reasons[0]
    return StateBehaviour(
        state=state,
        example=example,
        decision=_return_words(summary, reason),
        code=reason.value,
        allowed=summary.code in (ReturnSummaryCode.ALL_ELIGIBLE, ReturnSummaryCode.SOME_ELIGIBLE),
        reply=REPLIES_RETURN[reason],
    )


def _return_words(summary: ReturnSummary, reason: ReturnCode) -> str:
    days = {"days": summary.window_days}
    words = {
        ReturnCode.ELIGIBLE: _("Can be returned: inside the %(days)d-day return window."),
        ReturnCode.WINDOW_PASSED: _("Cannot be returned: the %(days)d-day return window ended."),
        ReturnCode.EXCLUDED: _("Cannot be returned: the item is excluded from returns."),
        ReturnCode.NOT_DELIVERED: _("Not yet: it can be returned once delivered."),
        ReturnCode.NOT_SHIPPED: _("Not a return: the order can still be changed or cancelled."),
        ReturnCode.ORDER_CANCELLED: _("Nothing to return: the order was cancelled."),
        ReturnCode.ALREADY_RETURNED: _("Nothing to return: already returned or refunded."),
    }
    text = words[reason] % days
    if reason is ReturnCode.ELIGIBLE and summary.exchange_allowed:
        exchanges = _("Exchanges are offered too.")
        text = f"{text} {exchanges}"
    return text


# --- example orders -----------------------------------------------------------------------------


def _line(
    line_id: int,
    *,
    tags: tuple[str, ...] = (),
    shipped_at: datetime | None = None,
    delivered_at: datetime | None = None,
) -> LineItemFacts:
    shipments: tuple[LineShipment, ...] = ()
    if shipped_at is not None:
        status = "DELIVERED" if delivered_at else "IN_TRANSIT"
        shipments = (LineShipment(line_id, 1, status, shipped_at, delivered_at),)
    return LineItemFacts(
        id=line_id,
        shopify_id=line_id,
        title=f"Item {line_id}",
        variant_title="",
        sku="",
        product_type="",
        product_tags=tags,
        quantity=1,
        current_quantity=1,
        unfulfilled_quantity=0 if shipped_at else 1,
        unit_price=Decimal("10"),
        requires_shipping=True,
        shipments=shipments,
    )


def _order(
    created_at: datetime, lines: list[LineItemFacts], *, cancelled_at: datetime | None = None
) -> OrderFacts:
    return OrderFacts(
        id=1,
        shopify_id=1,
        customer_id=1,
        number=1001,
        name="#1001",
        created_at=created_at,
        processed_at=created_at,
        updated_at=created_at,
        cancelled_at=cancelled_at,
        cancel_reason="",
        closed_at=None,
        display_fulfillment_status="",
        display_financial_status="PAID",
        return_status="NO_RETURN",
        currency="EUR",
        subtotal_price=Decimal("10"),
        total_price=Decimal("10"),
        total_refunded=Decimal("0"),
        tags=(),
        status_page_url="",
        line_items=tuple(lines),
    )
