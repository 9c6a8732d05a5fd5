"""Email: subject, inline-styled escaped HTML, and the plain-text alternative."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from agent.channels_out import email_message, render_reply
from agent.channels_out.base import Rendered
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

EDIT_URL = "https://hub.example.com/hub/demo/orders/1043/edit?sig=abc&x=1"


def email(*blocks: Block, language: str = "en", handoff: bool = False) -> Rendered:
    reply = Reply(blocks=blocks, trace=Trace(language=language), handoff=handoff)
    rendered = render_reply(reply, channel="email", language=language)
    assert rendered.payload is None
    return rendered


def order() -> OrderCard:
    return OrderCard(
        order_name="#1043",
        order_date=date(2026, 5, 12),
        currency="EUR",
        total=Decimal("89.95"),
        status=OrderStatus.PARTIALLY_FULFILLED,
        lines=(
            OrderLine(
                title="Blue sneakers",
                variant="size 42",
                status=LineStatus.EDITABLE,
                actions=(Action(kind=ActionKind.EDIT, url=EDIT_URL),),
            ),
            OrderLine(title="Wool socks", status=LineStatus.NOT_RETURNABLE, reason="final sale"),
        ),
        actions=(Action(kind=ActionKind.EDIT, url=EDIT_URL),),
    )


@pytest.mark.parametrize(
    ("blocks", "handoff", "en", "nl"),
    [
        (
            (SignInRequest(ask=SignInStep.EMAIL), order()),
            False,
            "Please confirm it's you",
            "Bevestig dat jij het bent",
        ),
        (
            (TextBlock(text="Here it is."), order()),
            False,
            "Your order #1043",
            "Je bestelling #1043",
        ),
        (
            (HandoffNotice(),),
            True,
            "A colleague will get back to you",
            "Een collega komt bij je terug",
        ),
        (
            (TextBlock(text="30 days."),),
            True,
            "A colleague will get back to you",
            "Een collega komt bij je terug",
        ),
        (
            (TextBlock(text="30 days."),),
            False,
            "Our answer to your question",
            "Ons antwoord op je vraag",
        ),
    ],
)
def test_the_subject_says_what_the_email_is_about(
    blocks: tuple[Block, ...], handoff: bool, en: str, nl: str
) -> None:
    assert email(*blocks, handoff=handoff).subject == en
    assert email(*blocks, handoff=handoff, language="nl").subject == nl


def test_an_order_card_in_dutch_html() -> None:
    # when
    html = email(order(), language="nl").html

    # then
    assert '<html lang="nl">' in html
    assert "<title>Je bestelling #1043</title>" in html
    assert ">Bestelling #1043</strong>" in html
    assert "12 mei 2026 · Gedeeltelijk verzonden" in html
    assert ">Kan worden gewijzigd</span>" in html
    assert ">Kan niet worden geretourneerd</span>" in html
    assert "final sale" in html
    assert ">Aantal: 1</span>" in html
    assert ">Totaal</td>" in html
    assert ">€ 89,95</td>" in html
    # the URL is escaped as an attribute value should be
    assert 'href="https://hub.example.com/hub/demo/orders/1043/edit?sig=abc&amp;x=1"' in html
    assert ">Bestelling wijzigen</a>" in html
    assert ">Artikel wijzigen</a>" in html
    assert 'style="' in html  # inline-styled: mail clients drop <style> sheets
    assert "<style" not in html


def test_an_order_card_in_english_html() -> None:
    # when
    html = email(order()).html

    # then
    assert ">Order #1043</strong>" in html
    assert "12 May 2026 · Partly shipped" in html
    assert ">Total</td>" in html
    assert ">€89.95</td>" in html
    assert ">Change order</a>" in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "Here is your order.\n"
            "\n"
            "Order #1043 (12 May):\n"
            "- Blue sneakers, size 42 — can still be changed\n"
            "- Wool socks — cannot be returned (final sale)\n"
            "Change order: https://hub.example.com/hub/demo/orders/1043/edit?sig=abc&x=1\n"
            "\n"
            "You can reply with one of these:\n"
            "- Thanks\n"
            "- Talk to a person",
        ),
        (
            "nl",
            "Here is your order.\n"
            "\n"
            "Bestelling #1043 (12 mei):\n"
            "- Blue sneakers, size 42 — kan nog worden gewijzigd\n"
            "- Wool socks — kan niet worden geretourneerd (final sale)\n"
            "Bestelling wijzigen: https://hub.example.com/hub/demo/orders/1043/edit?sig=abc&x=1\n"
            "\n"
            "Je kunt antwoorden met een van deze opties:\n"
            "- Thanks\n"
            "- Talk to a person",
        ),
    ],
)
def test_the_plain_text_alternative(language: str, expected: str) -> None:
    # given
    blocks: tuple[Block, ...] = (
        TextBlock(text="Here is your order."),
        order(),
        QuickReplies(
            options=(
                QuickReply(label="Thanks", payload="thanks"),
                QuickReply(label="Talk to a person", payload="human"),
            )
        ),
    )

    # then
    assert email(*blocks, language=language).text == expected


@pytest.mark.parametrize(
    ("language", "prompt", "handoff", "source"),
    [
        (
            "en",
            "I&#x27;ve sent a 6-digit code to j•••@example.com. Please reply with the code.",
            "I&#x27;m passing this on to a colleague, who will get back to you here shortly.",
            "Source: Returns › Window",
        ),
        (
            "nl",
            "Ik heb een code van 6 cijfers gestuurd naar j•••@example.com. "
            "Stuur de code als antwoord.",
            "Ik geef dit door aan een collega, die hier snel bij je terugkomt.",
            "Bron: Returns › Window",
        ),
    ],
)
def test_text_sign_in_link_and_handoff_in_html(
    language: str, prompt: str, handoff: str, source: str
) -> None:
    # given
    blocks: tuple[Block, ...] = (
        TextBlock(
            text="Line one\nLine two",
            citation=Citation(article_title="Returns", heading_path=("Window",), quote="30 days"),
        ),
        SignInRequest(ask=SignInStep.CODE, masked_email="j•••@example.com"),
        LinkBlock(kind=ActionKind.RETURN, url=EDIT_URL, label="Go"),
        HandoffNotice(),
    )

    # when
    html = email(*blocks, language=language).html

    # then
    assert "Line one<br>Line two" in html
    assert ">30 days</blockquote>" in html
    assert f">{source}</p>" in html
    assert f">{prompt}</p>" in html
    assert '">Go</a>' in html
    assert f">{handoff}</p>" in html


def test_script_and_html_in_any_text_are_escaped_or_dropped() -> None:
    # given
    blocks: tuple[Block, ...] = (
        TextBlock(text='Fish & chips <3, "quoted" <script>alert(1)</script><b>bold</b>'),
        order(),
    )

    # when
    rendered = email(*blocks)

    # then
    assert "Fish &amp; chips &lt;3, &quot;quoted&quot; bold" in rendered.html
    assert "<script" not in rendered.html
    assert "<b>" not in rendered.html
    assert rendered.text.startswith('Fish & chips <3, "quoted" bold\n')


def test_the_email_message_is_multipart_text_then_html() -> None:
    # given
    rendered = email(TextBlock(text="Here is your order."), order(), language="nl")

    # when
    message = email_message(
        rendered, to=["shopper@example.com"], from_email="shop@example.com", reply_to=["help@x.nl"]
    ).message()

    # then
    assert message.get_content_type() == "multipart/alternative"
    assert message["Subject"] == "Je bestelling #1043"
    assert message["To"] == "shopper@example.com"
    assert message["Reply-To"] == "help@x.nl"
    text_part, html_part = message.get_payload()
    assert text_part.get_content_type() == "text/plain"
    assert html_part.get_content_type() == "text/html"
    assert text_part.get_payload(decode=True).decode() == rendered.text
    assert html_part.get_payload(decode=True).decode() == rendered.html


def test_the_subject_stays_on_one_line_whatever_the_order_name() -> None:
    # given
    card = OrderCard(
        order_name="#1043\nBcc: someone@evil.example",
        order_date=date(2026, 5, 12),
        currency="EUR",
        total=Decimal("1"),
        status=OrderStatus.UNFULFILLED,
    )

    # when
    rendered = email(card)
    message = email_message(rendered, to=["shopper@example.com"]).message()

    # then
    assert rendered.subject == "Your order #1043 Bcc: someone@evil.example"
    assert message["Bcc"] is None
