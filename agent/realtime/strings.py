"""The web chat widget's words, in the shopper's language: the widget's own labels (sent with
the session) and the websocket's error messages. The widget has no catalogue of its own: it
shows what the server sends, so one place (django.po) holds every word it uses."""

from __future__ import annotations

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

WIDGET_STRINGS: dict[str, str | Promise] = {
    "open": _("Chat with us"),
    "close": _("Close chat"),
    "subtitle": _("Our assistant answers right away"),
    "log_label": _("Conversation"),
    "input_label": _("Your message"),
    "input_placeholder": _("Type your message…"),
    "send": _("Send"),
    "typing": _("The assistant is typing…"),
    "connecting": _("Connecting…"),
    "reconnecting": _("Connection lost. Reconnecting…"),
    "offline": _("You are offline. The chat reconnects when you are back online."),
    "unavailable": _("The chat is not available right now. Please try again later."),
    "you": _("You"),
    "assistant": _("Assistant"),
    "person": _("Support team"),
    "sending": _("Sending…"),
    "retry": _("Try again"),
    "new_tab": _("(opens in a new tab)"),
    "new_message": _("New message"),
    "order_total": _("Total"),
    "order_items": _("Items"),
}

ERROR_MESSAGES: dict[str, str | Promise] = {
    "invalid_frame": _("That message could not be read. Please try again."),
    "unknown_type": _("That message could not be read. Please try again."),
    "empty_message": _("Please type a message first."),
    "too_large": _("That message is too long. Please send a shorter one."),
    "too_long": _("That message is too long. Please send a shorter one."),
    "rate_limited": _("You are sending messages very quickly. Please wait a moment."),
    "server_error": _("Something went wrong on our side. Please try again."),
}


#: Who answers while a person has taken the conversation over (see ``responder_words``).
PERSON_SUBTITLE = _("%(name)s from %(store)s is helping you")
NAMELESS_SUBTITLE = _("A person from %(store)s is helping you")
PERSON_TYPING = _("%(name)s is typing…")
NAMELESS_TYPING = _("A person is typing…")


def widget_strings(language: str) -> dict[str, str]:
    with translation.override(language):
        return {key: str(text) for key, text in WIDGET_STRINGS.items()}


def error_message(code: str, language: str) -> str:
    with translation.override(language):
        return str(ERROR_MESSAGES.get(code, ERROR_MESSAGES["server_error"]))


def responder_words(*, name: str | None, store_name: str, language: str) -> tuple[str, str]:
    """The widget's header subtitle and typing line for who answers the shopper, in
    ``language``: ``name`` None is the assistant; a person by first name ("Yara from Noord & Co
    is helping you"), or "A person from Noord & Co" when ``name`` is empty."""
    with translation.override(language):
        if name is None:
            return str(WIDGET_STRINGS["subtitle"]), str(WIDGET_STRINGS["typing"])
        values = {"name": name, "store": store_name}
        if name:
            return str(PERSON_SUBTITLE) % values, str(PERSON_TYPING) % values
        return str(NAMELESS_SUBTITLE) % values, str(NAMELESS_TYPING) % values
