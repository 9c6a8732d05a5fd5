"""Order editing in words: each item's line on the order card, the change kinds allowed, and
why the order (and each item) can or cannot be changed or cancelled — for the card, the trace
and the shopper. Call inside ``translation.override``."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from integrations.shopify.facts import LineItemFacts, OrderFacts
from skills import skill_text
from skills.eligibility import (
    CancelCode,
    CancelDecision,
    ChangeKind,
    EditCode,
    EditDecision,
    LineEditCode,
    LineEditDecision,
)
from skills.order_common import Moments, Turn
from skills.replies import LineStatus, OrderLine


def edit_lines(turn: Turn, order: OrderFacts, edit: EditDecision) -> list[OrderLine]:
    decisions = {d.line_id: d for d in edit.lines}
    return [_line(turn, li, decisions[li.id], edit) for li in order.line_items]


_LINE_STATUS = {
    LineEditCode.EDITABLE: LineStatus.EDITABLE,
    LineEditCode.EXCLUDED: LineStatus.NOT_EDITABLE,
    LineEditCode.LOCKED: LineStatus.NOT_EDITABLE,
    LineEditCode.REMOVED: LineStatus.CANCELLED,
}


def _line(turn: Turn, li: LineItemFacts, d: LineEditDecision, edit: EditDecision) -> OrderLine:
    if d.code is LineEditCode.SHIPPED:
        delivered = li.delivered_quantity >= d.shipped_quantity
        status = LineStatus.DELIVERED if delivered else LineStatus.SHIPPED
    else:
        status = _LINE_STATUS[d.code]
    return OrderLine(
        title=li.title,
        status=status,
        variant=li.variant_title,
        quantity=li.current_quantity or li.quantity,
        reason=line_reason(d, edit, when=Moments(turn)),
    )


def change_words(kinds: tuple[ChangeKind, ...]) -> str:
    words = {
        ChangeKind.VARIANT: pgettext("order change", "size or colour"),
        ChangeKind.QUANTITY: pgettext("order change", "quantity"),
        ChangeKind.ADDRESS: pgettext("order change", "shipping address"),
    }
    return skill_text.items_list([str(words[k]) for k in kinds])


def edit_trace(turn: Turn, order: OrderFacts, edit: EditDecision, cancel: CancelDecision) -> None:
    when = Moments(turn)
    turn.decide(
        subject=order.name,
        action="edit",
        allowed=edit.editable,
        reason=edit_reason(edit, when=when),
        code=edit.code.value,
    )
    turn.decide(
        subject=order.name,
        action="cancel",
        allowed=cancel.cancellable,
        reason=cancel_reason(cancel, when=when),
        code=cancel.code.value,
    )
    by_id = {li.id: li for li in order.line_items}
    for d in edit.lines:
        turn.decide(
            subject=by_id[d.line_id].display_name,
            action="edit",
            allowed=d.editable,
            reason=line_reason(d, edit, when=when) or d.code.value,
            code=d.code.value,
        )


# --- reasons in words ---------------------------------------------------------------------------


def edit_reason(edit: EditDecision, *, when: Moments) -> str:
    """Why the order can (not) be changed, in a few words (trace)."""
    window = skill_text.duration(edit.window_minutes)
    words = {
        EditCode.EDITABLE: _("not shipped; the %(window)s window is open until %(until)s"),
        EditCode.PARTIALLY_FULFILLED: _(
            "partly shipped; the items not shipped can change until %(until)s"
        ),
        EditCode.CANCELLED: _("the order was cancelled"),
        EditCode.NOTHING_TO_CHANGE: _("every item was removed from the order"),
        EditCode.FULFILLED: _("everything has shipped"),
        EditCode.CLOSED: _("the order is closed"),
        EditCode.CHANGES_NOT_ALLOWED: _("the store allows no changes in the Customer Hub"),
        EditCode.WINDOW_PASSED: _("the %(window)s window ended %(at)s"),
        EditCode.ITEMS_EXCLUDED: _("every item not shipped is excluded from changes"),
    }[edit.code]
    return words % {
        "window": window,
        "until": when.until(edit.window_ends_at),
        "at": when.at(edit.window_ends_at),
    }


def cancel_reason(cancel: CancelDecision, *, when: Moments) -> str:
    """Why the order can (not) be cancelled, in a few words (trace)."""
    words = {
        CancelCode.CANCELLABLE: _("not shipped; the %(window)s window is open until %(until)s"),
        CancelCode.ALREADY_CANCELLED: _("the order was cancelled"),
        CancelCode.NOTHING_TO_CANCEL: _("every item was removed from the order"),
        CancelCode.FULFILLED: _("everything has shipped"),
        CancelCode.PARTIALLY_FULFILLED: _("part of the order has shipped"),
        CancelCode.CLOSED: _("the order is closed"),
        CancelCode.NOT_ALLOWED: _("the store allows no cancelling in the Customer Hub"),
        CancelCode.ITEMS_EXCLUDED: _("it contains an item that cannot be cancelled"),
        CancelCode.WINDOW_PASSED: _("the %(window)s window ended %(at)s"),
    }[cancel.code]
    return words % {
        "window": skill_text.duration(cancel.window_minutes),
        "until": when.until(cancel.window_ends_at),
        "at": when.at(cancel.window_ends_at),
    }


def line_reason(d: LineEditDecision, edit: EditDecision, *, when: Moments) -> str:
    """Why one item can (not) be changed, in a few words (card line and trace)."""
    if d.code is LineEditCode.EXCLUDED and d.excluded_by is not None:
        return skill_text.exclusion_reason(d.excluded_by)
    if d.code is LineEditCode.REMOVED:
        return pgettext("order line reason", "removed from the order")
    if d.code is LineEditCode.EDITABLE and d.shipped_quantity:
        return pgettext("order line reason", "%(count)d already shipped") % {
            "count": d.shipped_quantity
        }
    reason = ""
    if d.code is LineEditCode.LOCKED and edit.code is EditCode.WINDOW_PASSED:
        reason = pgettext("order line reason", "change window ended %(at)s") % {
            "at": when.at(edit.window_ends_at)
        }
    elif d.code is LineEditCode.LOCKED and edit.code is EditCode.CLOSED:
        reason = pgettext("order line reason", "order closed")
    if reason and d.shipped_quantity:
        shipped = pgettext("order line reason", "%(count)d already shipped") % {
            "count": d.shipped_quantity
        }
        return f"{shipped}; {reason}"
    return reason
