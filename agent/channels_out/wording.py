"""Every shopper-facing word the renderers add, in the active language (renderers run inside
``translation.override``). Each function returns neutralised plain text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from agent.channels_out.text import neutralise, one_line
from skills.replies import (
    Action,
    ActionKind,
    Citation,
    HandoffNotice,
    LineStatus,
    OrderCard,
    OrderLine,
    OrderStatus,
    SignInRequest,
    SignInStep,
)

ORDER_ACTION_LABELS = {
    ActionKind.EDIT: pgettext_lazy("order button", "Change order"),
    ActionKind.CANCEL: pgettext_lazy("order button", "Cancel order"),
    ActionKind.RETURN: pgettext_lazy("order button", "Start a return"),
    ActionKind.EXCHANGE: pgettext_lazy("order button", "Exchange an item"),
    ActionKind.TRACK: pgettext_lazy("order button", "Track your parcel"),
    ActionKind.HUB: pgettext_lazy("order button", "View your order"),
}
LINE_ACTION_LABELS = {
    ActionKind.EDIT: pgettext_lazy("order line button", "Change item"),
    ActionKind.CANCEL: pgettext_lazy("order line button", "Cancel item"),
    ActionKind.RETURN: pgettext_lazy("order line button", "Return item"),
    ActionKind.EXCHANGE: pgettext_lazy("order line button", "Exchange item"),
    ActionKind.TRACK: pgettext_lazy("order line button", "Track item"),
    ActionKind.HUB: pgettext_lazy("order line button", "View item"),
}
ORDER_STATUS_LABELS = {
    OrderStatus.UNFULFILLED: pgettext_lazy("order status", "Not shipped yet"),
    OrderStatus.PARTIALLY_FULFILLED: pgettext_lazy("order status", "Partly shipped"),
    OrderStatus.FULFILLED: pgettext_lazy("order status", "Shipped"),
    OrderStatus.DELIVERED: pgettext_lazy("order status", "Delivered"),
    OrderStatus.CANCELLED: pgettext_lazy("order status", "Cancelled"),
    OrderStatus.RETURN_IN_PROGRESS: pgettext_lazy("order status", "Return in progress"),
    OrderStatus.RETURNED: pgettext_lazy("order status", "Returned"),
    OrderStatus.REFUNDED: pgettext_lazy("order status", "Refunded"),
}
LINE_STATUS_LABELS = {
    LineStatus.EDITABLE: pgettext_lazy("order line status", "Can be changed"),
    LineStatus.NOT_EDITABLE: pgettext_lazy("order line status", "Can no longer be changed"),
    LineStatus.SHIPPED: pgettext_lazy("order line status", "Shipped"),
    LineStatus.DELIVERED: pgettext_lazy("order line status", "Delivered"),
    LineStatus.RETURNABLE: pgettext_lazy("order line status", "Can be returned"),
    LineStatus.NOT_RETURNABLE: pgettext_lazy("order line status", "Cannot be returned"),
    LineStatus.RETURN_IN_PROGRESS: pgettext_lazy("order line status", "Return in progress"),
    LineStatus.RETURNED: pgettext_lazy("order line status", "Returned"),
    LineStatus.REFUNDED: pgettext_lazy("order line status", "Refunded"),
    LineStatus.CANCELLED: pgettext_lazy("order line status", "Cancelled"),
}
# The same statuses inside a sentence: "Blue sneakers, size 42 — can still be changed".
LINE_STATUS_PHRASES = {
    LineStatus.EDITABLE: pgettext_lazy("order line status in a sentence", "can still be changed"),
    LineStatus.NOT_EDITABLE: pgettext_lazy(
        "order line status in a sentence", "can no longer be changed"
    ),
    LineStatus.SHIPPED: pgettext_lazy("order line status in a sentence", "has shipped"),
    LineStatus.DELIVERED: pgettext_lazy("order line status in a sentence", "was delivered"),
    LineStatus.RETURNABLE: pgettext_lazy("order line status in a sentence", "can be returned"),
    LineStatus.NOT_RETURNABLE: pgettext_lazy(
        "order line status in a sentence", "cannot be returned"
    ),
    LineStatus.RETURN_IN_PROGRESS: pgettext_lazy(
        "order line status in a sentence", "return in progress"
    ),
    LineStatus.RETURNED: pgettext_lazy("order line status in a sentence", "returned"),
    LineStatus.REFUNDED: pgettext_lazy("order line status in a sentence", "refunded"),
    LineStatus.CANCELLED: pgettext_lazy("order line status in a sentence", "cancelled"),
}
_CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


def action_label(action: Action, *, on_line: bool = False) -> str:
    if label := one_line(action.label):
        return label
    return str((LINE_ACTION_LABELS if on_line else ORDER_ACTION_LABELS)[action.kind])


def money(amount: Decimal, currency: str) -> str:
    """Money as the shopper reads it: €59.95 (en), € 59,95 (nl), CHF 59.95 (no symbol)."""
    number = formats.number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
    code = one_line(currency).upper()
    if code not in _CURRENCY_SYMBOLS:
        return f"{code} {number}".strip()
    return pgettext("money", "%(symbol)s%(amount)s") % {
        "symbol": _CURRENCY_SYMBOLS[code],
        "amount": number,
    }


def day_long(value: date) -> str:
    return formats.date_format(value, "j F Y", use_l10n=True)


def day_short(value: date) -> str:
    return formats.date_format(value, "j F", use_l10n=True)


def order_title(card: OrderCard) -> str:
    return pgettext("order card title", "Order %(name)s") % {"name": one_line(card.order_name)}


def order_heading(card: OrderCard, *, bold: bool = False) -> str:
    """Order #1043 (12 May); ``bold``: WhatsApp's *#1043*."""
    name = one_line(card.order_name)
    return pgettext("order summary", "Order %(name)s (%(date)s)") % {
        "name": f"*{name}*" if bold and name else name,
        "date": day_short(card.order_date),
    }


def quantity(line: OrderLine) -> str:
    return pgettext("order line", "Qty %(count)s") % {"count": line.quantity}


def line_item(line: OrderLine) -> str:
    """The item as a shopper names it: 2 × Blue sneakers, size 42."""
    words = ", ".join(part for part in (one_line(line.title), one_line(line.variant)) if part)
    return f"{line.quantity} × {words}" if line.quantity > 1 else words


def line_summary(line: OrderLine) -> str:
    """Blue sneakers, size 42 — can still be changed (+ " (final sale)" with a reason)."""
    text = f"{line_item(line)} — {LINE_STATUS_PHRASES[line.status]}"
    reason = one_line(line.reason)
    return f"{text} ({reason})" if reason else text


def card_summary(card: OrderCard, *, bold: bool = False) -> list[str]:
    """The card as text lines: one line for a one-item order, else a heading and "- item" lines."""
    heading = order_heading(card, bold=bold)
    if not card.lines:
        return [f"{heading}: {ORDER_STATUS_LABELS[card.status]}"]
    if len(card.lines) == 1:
        return [f"{heading}: {line_summary(card.lines[0])}"]
    return [f"{heading}:"] + [f"- {line_summary(line)}" for line in card.lines]


def citation_text(citation: Citation) -> str:
    """Source: Returns › Return window (a first heading repeating the title is skipped)."""
    title = one_line(citation.article_title)
    path = [part for part in map(one_line, citation.heading_path) if part]
    if path and path[0].casefold() == title.casefold():
        path = path[1:]
    return _("Source: %(source)s") % {"source": " › ".join(p for p in (title, *path) if p)}


def sign_in_prompt(block: SignInRequest, *, typed_here: bool) -> str:
    """What to ask; ``typed_here``: the web chat has a field for it, other channels reply."""
    if block.ask == SignInStep.EMAIL:
        return _(
            "Before I can look at your orders, I need to check that it's you. "
            "What is the email address on your account?"
        )
    values = {"digits": block.code_length, "email": one_line(block.masked_email)}
    if values["email"]:
        if typed_here:
            text = _("I've sent a %(digits)s-digit code to %(email)s. Please enter it here.")
        else:
            text = _("I've sent a %(digits)s-digit code to %(email)s. Please reply with the code.")
    elif typed_here:
        text = _(
            "I've sent a %(digits)s-digit code to the email address on your account. "
            "Please enter it here."
        )
    else:
        text = _(
            "I've sent a %(digits)s-digit code to the email address on your account. "
            "Please reply with the code."
        )
    return text % values


def sign_in_field_label(block: SignInRequest) -> str:
    if block.ask == SignInStep.EMAIL:
        return pgettext("sign-in field", "Email address")
    return pgettext("sign-in field", "Code")


def sign_in_submit_label(block: SignInRequest) -> str:
    if block.ask == SignInStep.EMAIL:
        return pgettext("sign-in button", "Send code")
    return pgettext("sign-in button", "Sign in")


def handoff_text(block: HandoffNotice) -> str:
    if message := neutralise(block.message):
        return message
    if block.in_business_hours:
        return _("I'm passing this on to a colleague, who will get back to you here shortly.")
    return _(
        "I'm passing this on to a colleague. We're closed right now, so we'll get back to you "
        "during business hours."
    )


def handoff_status(block: HandoffNotice) -> str:
    if block.in_business_hours:
        return pgettext("handoff", "Our team will reply soon")
    return pgettext("handoff", "Outside business hours")


def quick_replies_inline(labels: Sequence[str]) -> str:
    """SMS: "Reply 1 for Change size, 2 for Cancel order."."""
    choices = ", ".join(
        pgettext("sms quick reply", "%(number)s for %(label)s") % {"number": n, "label": label}
        for n, label in enumerate(labels, start=1)
    )
    return pgettext("sms quick replies", "Reply %(choices)s.") % {"choices": choices}


def quick_replies_numbered_intro() -> str:
    return _("Reply with a number:")


def quick_replies_list_intro() -> str:
    return _("You can reply with one of these:")


def email_subject(card: OrderCard | None, *, sign_in: bool, handoff: bool) -> str:
    if sign_in:
        return pgettext("email subject", "Please confirm it's you")
    if card is not None:
        return pgettext("email subject", "Your order %(name)s") % {
            "name": one_line(card.order_name)
        }
    if handoff:
        return pgettext("email subject", "A colleague will get back to you")
    return pgettext("email subject", "Our answer to your question")
