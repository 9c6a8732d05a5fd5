"""WhatsApp: text + links, *bold* order names, numbered quick replies, at most 4096 characters."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from agent.channels_out import render_reply
from agent.channels_out.text import URL
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
CANCEL_URL = "https://hub.example.com/hub/demo/orders/1043/cancel?sig=def"


def whatsapp(*blocks: Block, language: str = "en") -> str:
    reply = Reply(blocks=blocks, trace=Trace(language=language))
    rendered = render_reply(reply, channel="whatsapp", language=language)
    assert rendered.payload is None
    return rendered.text


def order(*actions: Action) -> OrderCard:
    return OrderCard(
        order_name="#1043",
        order_date=date(2026, 5, 12),
        currency="EUR",
        total=Decimal("89.95"),
        status=OrderStatus.UNFULFILLED,
        lines=(OrderLine(title="Blue sneakers", variant="size 42", status=LineStatus.EDITABLE),),
        actions=actions,
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "Order *#1043* (12 May): Blue sneakers, size 42 — can still be changed\n"
            f"Change order: {EDIT_URL}\n"
            f"Cancel order: {CANCEL_URL}",
        ),
        (
            "nl",
            "Bestelling *#1043* (12 mei): Blue sneakers, size 42 — kan nog worden gewijzigd\n"
            f"Bestelling wijzigen: {EDIT_URL}\n"
            f"Bestelling annuleren: {CANCEL_URL}",
        ),
    ],
)
def test_an_order_card_is_a_summary_with_a_bold_order_name_and_its_links(
    language: str, expected: str
) -> None:
    # given
    card = order(
        Action(kind=ActionKind.EDIT, url=EDIT_URL), Action(kind=ActionKind.CANCEL, url=CANCEL_URL)
    )

    # then
    assert whatsapp(card, language=language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "You have 30 days.\nSource: Returns › Window\n\n"
            "Reply with a number:\n1. Start a return\n2. Something else",
        ),
        (
            "nl",
            "Je hebt 30 dagen.\nBron: Returns › Window\n\n"
            "Antwoord met een nummer:\n1. Retour starten\n2. Iets anders",
        ),
    ],
)
def test_a_cited_text_and_numbered_quick_replies(language: str, expected: str) -> None:
    # given
    text, first, second = (
        ("You have 30 days.", "Start a return", "Something else")
        if language == "en"
        else ("Je hebt 30 dagen.", "Retour starten", "Iets anders")
    )
    blocks: tuple[Block, ...] = (
        TextBlock(text=text, citation=Citation(article_title="Returns", heading_path=("Window",))),
        QuickReplies(
            options=(
                QuickReply(label=first, payload=first),
                QuickReply(label=second, payload=second),
            )
        ),
    )

    # then
    assert whatsapp(*blocks, language=language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "I've sent a 6-digit code to j•••@example.com. Please reply with the code.\n\n"
            "I'm passing this on to a colleague. We're closed right now, so we'll get back to "
            "you during business hours.",
        ),
        (
            "nl",
            "Ik heb een code van 6 cijfers gestuurd naar j•••@example.com. "
            "Stuur de code als antwoord.\n\n"
            "Ik geef dit door aan een collega. We zijn nu gesloten, dus we komen tijdens onze "
            "openingstijden bij je terug.",
        ),
    ],
)
def test_a_sign_in_request_and_a_handoff_notice(language: str, expected: str) -> None:
    # given
    blocks: tuple[Block, ...] = (
        SignInRequest(ask=SignInStep.CODE, masked_email="j•••@example.com"),
        HandoffNotice(in_business_hours=False),
    )

    # then
    assert whatsapp(*blocks, language=language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", f"Track your parcel: {EDIT_URL}"), ("nl", f"Volg je pakket: {EDIT_URL}")],
)
def test_a_link_block_and_the_same_link_only_once(language: str, expected: str) -> None:
    # given
    blocks: tuple[Block, ...] = (
        LinkBlock(kind=ActionKind.TRACK, url=EDIT_URL),
        LinkBlock(kind=ActionKind.HUB, url=EDIT_URL),
    )

    # then
    assert whatsapp(*blocks, language=language) == expected


def test_a_message_over_4096_characters_cuts_the_long_text_but_keeps_the_others_and_the_link() -> (
    None
):
    # given
    long_text = "This sentence repeats to make a very long answer. " * 120

    # when
    text = whatsapp(
        TextBlock(text=long_text),
        TextBlock(text="A second text that still goes in."),
        LinkBlock(kind=ActionKind.EDIT, url=EDIT_URL),
    )

    # then every text of the skill stays (an earlier one is cut to make room for a later one)
    assert len(text) <= 4096
    assert text.endswith(f"\n\nA second text that still goes in.\n\nChange order: {EDIT_URL}")
    assert URL.findall(text) == [EDIT_URL]
    first = text.split("\n\n")[0]
    assert first.endswith("…")
    assert long_text.startswith(first.removesuffix("…"))


def test_script_and_html_are_neutralised() -> None:
    assert whatsapp(TextBlock(text="<script>alert(1)</script><b>Hi</b> & bye")) == "Hi & bye"
