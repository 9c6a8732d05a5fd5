"""Shared wording of the order skills (order_edit, returns, order_status): dates, times and
money as a shopper reads them, and the words for item exclusions, lists and common offers.
Every function returns text in the active language, so callers run inside
``translation.override(request.language)``. (Quoting the merchant's content is
``skills.quoting``'s, through ``general_qa.answer_blocks``.)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from core.models import Store
from integrations.shopify.facts import LineItemFacts
from skills.replies import QuickReply
from skills.settings import Exclusion

_CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


# --- dates, times, money ------------------------------------------------------------------------


def local(value: datetime, store: Store) -> datetime:
    """``value`` in the store's time zone (what the shopper's receipts and the policy use)."""
    return value.astimezone(ZoneInfo(store.timezone or "UTC"))


def day(value: date, *, today: date) -> str:
    """3 May (this year) or 3 May 2025: the year only when it is not ``today``'s."""
    if value.year == today.year:
        return formats.date_format(value, "j F", use_l10n=True)
    return formats.date_format(value, "j F Y", use_l10n=True)


def clock(value: datetime) -> str:
    """14:35 (24-hour clock, in both languages)."""
    return formats.date_format(value, "H:i", use_l10n=True)


def until(value: datetime, *, today: date) -> str:
    """A deadline after "until": "11:35 today" / "11:35 on 3 March" (``value`` local)."""
    if value.date() == today:
        return pgettext("deadline", "%(time)s today") % {"time": clock(value)}
    return pgettext("deadline", "%(time)s on %(day)s") % {
        "time": clock(value),
        "day": day(value.date(), today=today),
    }


def at(value: datetime, *, today: date) -> str:
    """A moment: "at 10:35 today" / "at 10:35 on 1 March" (``value`` local)."""
    if value.date() == today:
        return pgettext("moment", "at %(time)s today") % {"time": clock(value)}
    return pgettext("moment", "at %(time)s on %(day)s") % {
        "time": clock(value),
        "day": day(value.date(), today=today),
    }


def duration(minutes: int) -> str:
    """A window length: "45 minutes", "1 hour", "2 days"."""
    if minutes and minutes % 1440 == 0:
        days = minutes // 1440
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    if minutes and minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


def money(amount: Decimal, currency: str) -> str:
    """€59.95 (en), €59,95 (nl); CHF 59.95 for a currency without a symbol here."""
    number = formats.number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
    code = currency.strip().upper()
    symbol = _CURRENCY_SYMBOLS.get(code)
    if symbol is None:
        return f"{code} {number}".strip()
    return pgettext("money", "%(symbol)s%(amount)s") % {"symbol": symbol, "amount": number}


# --- items ----------------------------------------------------------------------------------------


def item_name(line: LineItemFacts, quantity: int | None = None) -> str:
    """Texel Merino Trui, M / Marine — with "2 × " in front for more than one unit."""
    count = line.current_quantity if quantity is None else quantity
    name = f"{line.title}, {line.variant_title}" if line.variant_title else line.title
    return f"{count} × {name}" if count > 1 else name


def items_list(names: Sequence[str]) -> str:
    """A, B and C (en) / A, B en C (nl)."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return pgettext("list of items", "%(items)s and %(last)s") % {
        "items": ", ".join(names[:-1]),
        "last": names[-1],
    }


def exclusion_reason(exclusion: Exclusion) -> str:
    """Why an item is excluded, in a few words: "final sale", "personalised item"."""
    words = {
        "finalsale": pgettext("excluded item", "final sale"),
        "personalised": pgettext("excluded item", "personalised item"),
        "personalized": pgettext("excluded item", "personalised item"),
        "hygiene": pgettext("excluded item", "hygiene item"),
        "giftcard": pgettext("excluded item", "gift card"),
        "giftcards": pgettext("excluded item", "gift card"),
        "preorder": pgettext("excluded item", "pre-order"),
        "nonreturnable": pgettext("excluded item", "not returnable"),
    }
    known = words.get(exclusion.key)
    if known is not None:
        return known
    return pgettext("excluded item", "marked “%(rule)s”") % {"rule": exclusion.value}


# --- common replies -------------------------------------------------------------------------------


def human_offer() -> QuickReply:
    """The quick reply that asks for a person (its payload is what the shopper "says")."""
    return QuickReply(label=_("Talk to a person"), payload=_("I'd like to talk to a person"))


def order_label(number_name: str, placed: date, first_item: str, *, today: date) -> str:
    """A quick-reply label for one order: #1043 · 2 March · Texel Merino Trui."""
    parts = [number_name, day(placed, today=today)]
    if first_item:
        parts.append(first_item)
    return " · ".join(parts)


def not_found(number: int, *, has_orders: bool) -> str:
    """The one answer for an order number that is not on the shopper's account — whether it
    exists for someone else or not at all (it depends only on the shopper's own orders)."""
    if has_orders:
        text = _(
            "I can't find order #%(number)s on your account. Please check the number, or pick "
            "one of your orders."
        )
    else:
        text = _("I can't find order #%(number)s on your account. Please check the number.")
    return text % {"number": number}
