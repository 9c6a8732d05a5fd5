"""Web chat: the widget's JSON for each block, in English and Dutch."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from agent.channels_out import render_reply
from skills.replies import (
    Action,
    ActionKind,
    Block,
    Citation,
    HandoffNotice,
    LineStatus,
    LinkBlock,
    OrderCard,
    OrderLine,
    OrderStatus,
    QuickReplies,
    QuickReply,
    Reply,
    SignInRequest,
    SignInStep,
    TextBlock,
    Trace,
)

EDIT_URL = "https://hub.example.com/hub/demo/orders/1043/edit?sig=abc"
RETURN_URL = "https://hub.example.com/hub/demo/orders/1043/return?sig=def"


def webchat(*blocks: Block, language: str = "en") -> dict[str, Any]:
    reply = Reply(blocks=blocks, trace=Trace(language=language))
    rendered = render_reply(reply, channel="webchat", language=language)
    assert rendered.payload is not None
    assert rendered.text == rendered.payload["text"]
    # What goes over the websocket is plain JSON.
    assert json.loads(json.dumps(rendered.payload)) == rendered.payload
    return rendered.payload


def partly_shipped_order() -> OrderCard:
    return OrderCard(
        order_name="#1043",
        order_date=date(2026, 5, 12),
        currency="EUR",
        total=Decimal("1259.90"),
        status=OrderStatus.PARTIALLY_FULFILLED,
        lines=(
            OrderLine(
                title="Blue sneakers",
                variant="size 42",
                status=LineStatus.EDITABLE,
                actions=(Action(kind=ActionKind.EDIT, url=EDIT_URL),),
            ),
            OrderLine(
                title="Wool socks",
                quantity=2,
                status=LineStatus.NOT_RETURNABLE,
                reason="final sale",
            ),
        ),
        actions=(
            Action(kind=ActionKind.EDIT, url=EDIT_URL),
            Action(kind=ActionKind.RETURN, url=RETURN_URL, label="Return the socks"),
        ),
    )


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "Source: Returns › Return window"), ("nl", "Bron: Returns › Return window")],
)
def test_a_text_with_its_citation(language: str, label: str) -> None:
    # given
    block = TextBlock(
        text="You have 30 days.",
        citation=Citation(
            article_title="Returns",
            heading_path=("Returns", "Return window"),
            quote="Return within 30 days of delivery.",
        ),
    )

    # then
    assert webchat(block, language=language)["blocks"] == [
        {
            "type": "text",
            "text": "You have 30 days.",
            "citation": {
                "title": "Returns",
                "heading_path": ["Returns", "Return window"],
                "quote": "Return within 30 days of delivery.",
                "label": label,
            },
        }
    ]


def test_a_text_without_citation_and_an_empty_text_left_out() -> None:
    assert webchat(TextBlock(text="Hello!"), TextBlock(text="<b></b>  ")) == {
        "text": "Hello!",
        "blocks": [{"type": "text", "text": "Hello!", "citation": None}],
    }


@pytest.mark.parametrize(
    ("language", "prompt", "field", "button"),
    [
        (
            "en",
            "Before I can look at your orders, I need to check that it's you. "
            "What is the email address on your account?",
            "Email address",
            "Send code",
        ),
        (
            "nl",
            "Voordat ik je bestellingen kan bekijken, moet ik controleren of jij het bent. "
            "Wat is het e-mailadres van je account?",
            "E-mailadres",
            "Code versturen",
        ),
    ],
)
def test_a_sign_in_request_for_the_email(
    language: str, prompt: str, field: str, button: str
) -> None:
    assert webchat(SignInRequest(ask=SignInStep.EMAIL), language=language)["blocks"] == [
        {
            "type": "sign_in",
            "ask": "email",
            "masked_email": "",
            "prompt": prompt,
            "input": {
                "label": field,
                "type": "email",
                "inputmode": "email",
                "autocomplete": "email",
                "maxlength": 254,
            },
            "submit_label": button,
        }
    ]


@pytest.mark.parametrize(
    ("language", "prompt", "button"),
    [
        ("en", "I've sent a 6-digit code to j•••@example.com. Please enter it here.", "Sign in"),
        (
            "nl",
            "Ik heb een code van 6 cijfers gestuurd naar j•••@example.com. Vul die hier in.",
            "Inloggen",
        ),
    ],
)
def test_a_sign_in_request_for_the_code(language: str, prompt: str, button: str) -> None:
    # given
    block = SignInRequest(ask=SignInStep.CODE, masked_email="j•••@example.com")

    # then
    assert webchat(block, language=language)["blocks"] == [
        {
            "type": "sign_in",
            "ask": "code",
            "masked_email": "j•••@example.com",
            "prompt": prompt,
            "input": {
                "label": "Code",
                "type": "text",
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "maxlength": 6,
            },
            "submit_label": button,
        }
    ]


def test_an_order_card_in_english() -> None:
    assert webchat(partly_shipped_order())["blocks"] == [
        {
            "type": "order_card",
            "order_name": "#1043",
            "title": "Order #1043",
            "summary": "Order #1043 (12 May): Blue sneakers, size 42 — can still be changed; "
            "2 × Wool socks — cannot be returned (final sale)",
            "date": "2026-05-12",
            "date_label": "12 May 2026",
            "currency": "EUR",
            "total": "1259.90",
            "total_label": "€1,259.90",
            "status": "partially_fulfilled",
            "status_label": "Partly shipped",
            "lines": [
                {
                    "title": "Blue sneakers",
                    "variant": "size 42",
                    "quantity": 1,
                    "quantity_label": "Qty 1",
                    "status": "editable",
                    "status_label": "Can be changed",
                    "reason": "",
                    "actions": [{"kind": "edit", "label": "Change item", "url": EDIT_URL}],
                },
                {
                    "title": "Wool socks",
                    "variant": "",
                    "quantity": 2,
                    "quantity_label": "Qty 2",
                    "status": "not_returnable",
                    "status_label": "Cannot be returned",
                    "reason": "final sale",
                    "actions": [],
                },
            ],
            "actions": [
                {"kind": "edit", "label": "Change order", "url": EDIT_URL},
                {"kind": "return", "label": "Return the socks", "url": RETURN_URL},
            ],
        }
    ]


def test_an_order_card_in_dutch() -> None:
    # when
    (card,) = webchat(partly_shipped_order(), language="nl")["blocks"]

    # then
    assert card["title"] == "Bestelling #1043"
    assert card["summary"] == (
        "Bestelling #1043 (12 mei): Blue sneakers, size 42 — kan nog worden gewijzigd; "
        "2 × Wool socks — kan niet worden geretourneerd (final sale)"
    )
    assert card["date_label"] == "12 mei 2026"
    assert card["total_label"] == "€ 1.259,90"
    assert card["status_label"] == "Gedeeltelijk verzonden"
    assert [line["status_label"] for line in card["lines"]] == [
        "Kan worden gewijzigd",
        "Kan niet worden geretourneerd",
    ]
    assert [line["quantity_label"] for line in card["lines"]] == ["Aantal: 1", "Aantal: 2"]
    assert card["lines"][0]["actions"] == [
        {"kind": "edit", "label": "Artikel wijzigen", "url": EDIT_URL}
    ]
    assert card["actions"] == [
        {"kind": "edit", "label": "Bestelling wijzigen", "url": EDIT_URL},
        {"kind": "return", "label": "Return the socks", "url": RETURN_URL},
    ]


@pytest.mark.parametrize(
    ("status", "en", "nl"),
    [
        (OrderStatus.UNFULFILLED, "Not shipped yet", "Nog niet verzonden"),
        (OrderStatus.FULFILLED, "Shipped", "Verzonden"),
        (OrderStatus.DELIVERED, "Delivered", "Bezorgd"),
        (OrderStatus.CANCELLED, "Cancelled", "Geannuleerd"),
        (OrderStatus.RETURN_IN_PROGRESS, "Return in progress", "Retour in behandeling"),
        (OrderStatus.RETURNED, "Returned", "Geretourneerd"),
        (OrderStatus.REFUNDED, "Refunded", "Terugbetaald"),
    ],
)
def test_every_order_status_has_a_label(status: OrderStatus, en: str, nl: str) -> None:
    # given
    card = OrderCard(
        order_name="#7",
        order_date=date(2026, 1, 2),
        currency="USD",
        total=Decimal("5"),
        status=status,
    )

    # then
    assert webchat(card)["blocks"][0]["status_label"] == en
    assert webchat(card, language="nl")["blocks"][0]["status_label"] == nl


@pytest.mark.parametrize(
    ("status", "en", "nl"),
    [
        (LineStatus.NOT_EDITABLE, "Can no longer be changed", "Kan niet meer worden gewijzigd"),
        (LineStatus.SHIPPED, "Shipped", "Verzonden"),
        (LineStatus.DELIVERED, "Delivered", "Bezorgd"),
        (LineStatus.RETURNABLE, "Can be returned", "Kan worden geretourneerd"),
        (LineStatus.RETURN_IN_PROGRESS, "Return in progress", "Retour in behandeling"),
        (LineStatus.RETURNED, "Returned", "Geretourneerd"),
        (LineStatus.REFUNDED, "Refunded", "Terugbetaald"),
        (LineStatus.CANCELLED, "Cancelled", "Geannuleerd"),
    ],
)
def test_every_line_status_has_a_label(status: LineStatus, en: str, nl: str) -> None:
    # given
    card = OrderCard(
        order_name="#7",
        order_date=date(2026, 1, 2),
        currency="USD",
        total=Decimal("5"),
        status=OrderStatus.FULFILLED,
        lines=(OrderLine(title="Cap", status=status),),
    )

    # then
    assert webchat(card)["blocks"][0]["lines"][0]["status_label"] == en
    assert webchat(card, language="nl")["blocks"][0]["lines"][0]["status_label"] == nl


def test_money_in_other_currencies() -> None:
    # given
    def card(currency: str) -> OrderCard:
        return OrderCard(
            order_name="#7",
            order_date=date(2026, 1, 2),
            currency=currency,
            total=Decimal("5"),
            status=OrderStatus.FULFILLED,
        )

    # then
    assert webchat(card("USD"))["blocks"][0]["total_label"] == "$5.00"
    assert webchat(card("gbp"))["blocks"][0]["total_label"] == "£5.00"
    assert webchat(card("CHF"))["blocks"][0]["total_label"] == "CHF 5.00"
    assert webchat(card("CHF"), language="nl")["blocks"][0]["total_label"] == "CHF 5,00"


@pytest.mark.parametrize(
    ("kind", "en", "nl"),
    [
        (ActionKind.EDIT, "Change order", "Bestelling wijzigen"),
        (ActionKind.CANCEL, "Cancel order", "Bestelling annuleren"),
        (ActionKind.RETURN, "Start a return", "Retour starten"),
        (ActionKind.EXCHANGE, "Exchange an item", "Artikel ruilen"),
        (ActionKind.TRACK, "Track your parcel", "Volg je pakket"),
        (ActionKind.HUB, "View your order", "Bekijk je bestelling"),
    ],
)
def test_a_link_gets_the_default_label_of_its_kind(kind: ActionKind, en: str, nl: str) -> None:
    # given
    block = LinkBlock(kind=kind, url=EDIT_URL)

    # then
    assert webchat(block)["blocks"] == [
        {"type": "link", "kind": kind.value, "label": en, "url": EDIT_URL}
    ]
    assert webchat(block, language="nl")["blocks"][0]["label"] == nl


def test_a_link_with_its_own_label_and_a_link_to_a_site_path() -> None:
    # given
    block = LinkBlock(kind=ActionKind.HUB, url="/hub/demo/orders/1043", label="Your orders")

    # then
    assert webchat(block)["blocks"] == [
        {"type": "link", "kind": "hub", "label": "Your orders", "url": "/hub/demo/orders/1043"}
    ]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_quick_replies_are_buttons_with_their_payload(language: str) -> None:
    # given
    block = QuickReplies(
        options=(
            QuickReply(label="#1043 (12 May)", payload="#1043"),
            QuickReply(label="Another order", payload=""),
            QuickReply(label="  ", payload="ignored"),
        )
    )

    # then
    assert webchat(block, language=language)["blocks"] == [
        {
            "type": "quick_replies",
            "options": [
                {"label": "#1043 (12 May)", "payload": "#1043"},
                {"label": "Another order", "payload": "Another order"},
            ],
        }
    ]


@pytest.mark.parametrize(
    ("language", "in_hours", "message", "status"),
    [
        (
            "en",
            True,
            "I'm passing this on to a colleague, who will get back to you here shortly.",
            "Our team will reply soon",
        ),
        (
            "nl",
            True,
            "Ik geef dit door aan een collega, die hier snel bij je terugkomt.",
            "Ons team reageert snel",
        ),
        (
            "en",
            False,
            "I'm passing this on to a colleague. We're closed right now, so we'll get back to "
            "you during business hours.",
            "Outside business hours",
        ),
        (
            "nl",
            False,
            "Ik geef dit door aan een collega. We zijn nu gesloten, dus we komen tijdens onze "
            "openingstijden bij je terug.",
            "Buiten openingstijden",
        ),
    ],
)
def test_a_handoff_notice_with_the_default_message(
    language: str, in_hours: bool, message: str, status: str
) -> None:
    assert webchat(HandoffNotice(in_business_hours=in_hours), language=language)["blocks"] == [
        {
            "type": "handoff",
            "message": message,
            "in_business_hours": in_hours,
            "status_label": status,
        }
    ]


def test_a_handoff_notice_with_the_stores_message() -> None:
    # when
    (block,) = webchat(HandoffNotice(message="Sam from our team will reply."))["blocks"]

    # then
    assert block["message"] == "Sam from our team will reply."


def test_the_plain_fallback_text_has_every_block() -> None:
    # given
    blocks: tuple[Block, ...] = (
        TextBlock(text="Good news: it can still be changed."),
        partly_shipped_order(),
        QuickReplies(options=(QuickReply(label="Yes", payload="yes"),)),
    )

    # then
    assert webchat(*blocks, language="nl")["text"] == (
        "Good news: it can still be changed.\n"
        "\n"
        "Bestelling #1043 (12 mei):\n"
        "- Blue sneakers, size 42 — kan nog worden gewijzigd\n"
        "- 2 × Wool socks — kan niet worden geretourneerd (final sale)\n"
        f"Bestelling wijzigen: {EDIT_URL}\n"
        f"Return the socks: {RETURN_URL}\n"
        "\n"
        "Antwoord met een nummer:\n"
        "1. Yes"
    )


def test_what_the_shopper_typed_never_becomes_markup() -> None:
    # given an echo of the shopper's words
    payload = webchat(
        TextBlock(text='I could not find order "<img src=x onerror=alert(1)>#99".'),
        QuickReplies(options=(QuickReply(label="<b>Yes</b>", payload="<script>x</script>yes"),)),
    )

    # then
    assert payload["blocks"][0]["text"] == 'I could not find order "#99".'
    assert payload["blocks"][1]["options"] == [{"label": "Yes", "payload": "yes"}]
    assert "<" not in json.dumps(payload)
