"""Every sentence the engine itself says (skills say the rest), in the active language: the
engine runs each turn inside ``translation.override(<shopper's language>)``. Plain text, as
``skills.replies`` requires."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

# What a clarifying question offers for each intent (a quick reply's label and payload).
INTENT_LABELS = {
    "order_change": pgettext_lazy("clarify option", "Change my order"),
    "order_cancel": pgettext_lazy("clarify option", "Cancel my order"),
    "order_add_items": pgettext_lazy("clarify option", "Add something to my order"),
    "order_change_policy": pgettext_lazy("clarify option", "Rules for changing an order"),
    "return_start": pgettext_lazy("clarify option", "Start a return"),
    "exchange": pgettext_lazy("clarify option", "Exchange an item"),
    "return_policy": pgettext_lazy("clarify option", "Return policy"),
    "refund_status": pgettext_lazy("clarify option", "Where is my refund?"),
    "human": pgettext_lazy("clarify option", "Talk to a person"),
    "order_status": pgettext_lazy("clarify option", "Where is my order?"),
    "general_question": pgettext_lazy("clarify option", "Another question"),
    "greeting": pgettext_lazy("clarify option", "Just saying hello"),
    "thanks_goodbye": pgettext_lazy("clarify option", "That's all, thanks"),
}

# What the engine offers when it did not understand at all.
FALLBACK_INTENTS = ("order_change", "return_start", "human")
# What it offers for an order number on its own.
ORDER_INTENTS = ("order_status", "order_change", "order_cancel", "return_start")


def ask_again() -> str:
    return _("I didn't receive any text. What can I help you with?")


def clarify_question() -> str:
    return _("I want to make sure I help you with the right thing. Which of these do you mean?")


def not_understood() -> str:
    return _(
        "Sorry, I didn't quite understand that. I can help with changing or cancelling an "
        "order, returns and exchanges, and questions about our policies. What would you like "
        "to do?"
    )


def order_what(order_name: str) -> str:
    return _("What would you like to do with order %(order)s?") % {"order": order_name}


def order_label(order: Any, *, zone: str) -> str:
    """#1043 · 2 March · Texel Merino Trui (an ``OrderFacts``; the day in the store's zone)."""
    placed = order.created_at.astimezone(ZoneInfo(zone or "UTC")).date()
    parts = [order.name, formats.date_format(placed, "j F", use_l10n=True)]
    if order.line_items:
        parts.append(order.line_items[0].title)
    return " · ".join(parts)


def which_order() -> str:
    return _("Which order do you mean?")


def how_can_i_help() -> str:
    return _("Hello! How can I help you?")


def skill_unavailable() -> str:
    return _("Sorry, I can't help with that in this chat right now.")


def something_went_wrong() -> str:
    return _("Sorry, something went wrong on our side.")


def email_invalid() -> str:
    return _("That doesn't look like an email address. Could you type it again?")


def email_reask() -> str:
    return _(
        "To look at your orders I need the email address on your account. You can also ask "
        "me something else."
    )


def code_reask(masked_email: str) -> str:
    return _("Please type the 6-digit code we sent to %(email)s, or ask for a new code.") % {
        "email": masked_email
    }


def sign_in_cancelled() -> str:
    return _("No problem. Is there anything else I can help you with?")


def new_code_label() -> str:
    return pgettext("sign-in quick reply", "Send a new code")


def other_email_label() -> str:
    return pgettext("sign-in quick reply", "Use another email address")


# "new code" in either language, whatever the conversation's language is.
RESEND_WORDS = (
    "new code",
    "another code",
    "send again",
    "resend",
    "send it again",
    "nieuwe code",
    "andere code",
    "opnieuw sturen",
    "opnieuw versturen",
    "nog een code",
    "stuur opnieuw",
)
# "another email address" in either language.
OTHER_EMAIL_WORDS = (
    "other email",
    "another email",
    "different email",
    "ander e mailadres",
    "ander emailadres",
    "ander mailadres",
    "andere e mail",
    "andere email",
)
