"""SMS: at most 320 characters with the one link, each block in English and Dutch."""

from __future__ import annotations

import string
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agent.channels_out import render_reply
from agent.channels_out.compose import primary_action
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
RETURN_URL = "https://hub.example.com/hub/demo/orders/1043/return?sig=def"
HUB_URL = "https://hub.example.com/hub/demo/orders?sig=ghi"


def sms(*blocks: Block, language: str = "en") -> str:
    reply = Reply(blocks=blocks, trace=Trace(language=language))
    rendered = render_reply(reply, channel="sms", language=language)
    assert rendered.payload is None
    assert rendered.html == ""
    assert len(rendered.text) <= 320
    return rendered.text


def one_item_order(*actions: Action) -> OrderCard:
    return OrderCard(
        order_name="#1043",
        order_date=date(2026, 5, 12),
        currency="EUR",
        total=Decimal("89.95"),
        status=OrderStatus.UNFULFILLED,
        lines=(OrderLine(title="Blue sneakers", variant="size 42", status=LineStatus.EDITABLE),),
        actions=actions,
    )


def order_of(*lines: OrderLine, actions: tuple[Action, ...] = ()) -> OrderCard:
    return OrderCard(
        order_name="#1043",
        order_date=date(2026, 5, 12),
        currency="EUR",
        total=Decimal("89.95"),
        status=OrderStatus.PARTIALLY_FULFILLED,
        lines=lines,
        actions=actions,
    )


def test_a_text() -> None:
    assert sms(TextBlock(text="Our return window is 30 days.")) == "Our return window is 30 days."


def test_an_order_card_is_a_short_summary_with_its_deep_link_in_english() -> None:
    assert sms(one_item_order(Action(kind=ActionKind.EDIT, url=EDIT_URL))) == (
        "Order #1043 (12 May): Blue sneakers, size 42 — can still be changed\n"
        f"Change order: {EDIT_URL}"
    )


def test_an_order_card_is_a_short_summary_with_its_deep_link_in_dutch() -> None:
    assert sms(one_item_order(Action(kind=ActionKind.EDIT, url=EDIT_URL)), language="nl") == (
        "Bestelling #1043 (12 mei): Blue sneakers, size 42 — kan nog worden gewijzigd\n"
        f"Bestelling wijzigen: {EDIT_URL}"
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "Order #1043 (12 May):\n"
            "- Blue sneakers, size 42 — can still be changed\n"
            "- Wool socks — has shipped\n"
            f"Change order: {EDIT_URL}",
        ),
        (
            "nl",
            "Bestelling #1043 (12 mei):\n"
            "- Blue sneakers, size 42 — kan nog worden gewijzigd\n"
            "- Wool socks — is verzonden\n"
            f"Bestelling wijzigen: {EDIT_URL}",
        ),
    ],
)
def test_a_partly_shipped_order_lists_its_items_and_links_the_editable_one(
    language: str, expected: str
) -> None:
    # given the card has no order-level action, only one on the editable item
    card = order_of(
        OrderLine(
            title="Blue sneakers",
            variant="size 42",
            status=LineStatus.EDITABLE,
            actions=(Action(kind=ActionKind.EDIT, url=EDIT_URL),),
        ),
        OrderLine(title="Wool socks", status=LineStatus.SHIPPED),
    )

    # then
    assert sms(card, language=language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "Before I can look at your orders, I need to check that it's you. "
            "What is the email address on your account?",
        ),
        (
            "nl",
            "Voordat ik je bestellingen kan bekijken, moet ik controleren of jij het bent. "
            "Wat is het e-mailadres van je account?",
        ),
    ],
)
def test_a_sign_in_request_for_the_email(language: str, expected: str) -> None:
    assert sms(SignInRequest(ask=SignInStep.EMAIL), language=language) == expected


@pytest.mark.parametrize(
    ("language", "masked", "expected"),
    [
        (
            "en",
            "j•••@example.com",
            "I've sent a 6-digit code to j•••@example.com. Please reply with the code.",
        ),
        (
            "nl",
            "j•••@example.com",
            "Ik heb een code van 6 cijfers gestuurd naar j•••@example.com. "
            "Stuur de code als antwoord.",
        ),
        (
            "en",
            "",
            "I've sent a 6-digit code to the email address on your account. "
            "Please reply with the code.",
        ),
        (
            "nl",
            "",
            "Ik heb een code van 6 cijfers gestuurd naar het e-mailadres van je account. "
            "Stuur de code als antwoord.",
        ),
    ],
)
def test_a_sign_in_request_for_the_code(language: str, masked: str, expected: str) -> None:
    assert sms(SignInRequest(ask=SignInStep.CODE, masked_email=masked), language=language) == (
        expected
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", f"Start a return: {RETURN_URL}"),
        ("nl", f"Retour starten: {RETURN_URL}"),
    ],
)
def test_a_link(language: str, expected: str) -> None:
    assert sms(LinkBlock(kind=ActionKind.RETURN, url=RETURN_URL), language=language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Which order do you mean?\nReply 1 for #1043, 2 for #1044, 3 for Another one."),
        ("nl", "Welke bestelling bedoel je?\nStuur 1 voor #1043, 2 voor #1044, 3 voor Een andere."),
    ],
)
def test_quick_replies_become_a_reply_with_a_number_line(language: str, expected: str) -> None:
    # given
    question, other = (
        ("Which order do you mean?", "Another one")
        if language == "en"
        else ("Welke bestelling bedoel je?", "Een andere")
    )
    options = QuickReplies(
        options=(
            QuickReply(label="#1043", payload="#1043"),
            QuickReply(label="#1044", payload="#1044"),
            QuickReply(label=other, payload=other),
        )
    )

    # then
    assert sms(TextBlock(text=question), options, language=language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "I'm passing this on to a colleague, who will get back to you here shortly."),
        ("nl", "Ik geef dit door aan een collega, die hier snel bij je terugkomt."),
    ],
)
def test_a_handoff_notice(language: str, expected: str) -> None:
    assert sms(HandoffNotice(), language=language) == expected


def test_citations_are_left_out_of_an_sms() -> None:
    # given
    block = TextBlock(text="30 days.", citation=Citation(article_title="Returns"))

    # then
    assert sms(block) == "30 days."


def test_only_the_primary_action_is_linked() -> None:
    # given a link block (the primary action), a card with its own actions, a text with a URL
    blocks: tuple[Block, ...] = (
        TextBlock(text=f"See {RETURN_URL} for the policy."),
        one_item_order(
            Action(kind=ActionKind.EDIT, url=EDIT_URL),
            Action(kind=ActionKind.CANCEL, url=RETURN_URL),
        ),
        LinkBlock(kind=ActionKind.HUB, url=HUB_URL),
    )

    # when
    text = sms(*blocks)

    # then
    assert URL.findall(text) == [HUB_URL]
    assert text == (
        "See for the policy.\n"
        "Order #1043 (12 May): Blue sneakers, size 42 — can still be changed\n"
        f"View your order: {HUB_URL}"
    )


def test_without_an_action_the_first_url_in_the_text_is_the_one_link() -> None:
    # when
    text = sms(
        TextBlock(text="Returns: https://shop.example/returns. Sizes: https://shop.example/sizes"),
        TextBlock(text="Or https://shop.example/help"),
    )

    # then
    assert text == "Returns: https://shop.example/returns. Sizes:\nOr"


def test_a_long_text_is_cut_on_a_word_boundary_and_the_link_stays_whole() -> None:
    # given
    long_text = " ".join(["Our policy says you can change the size of an order."] * 12)

    # when
    text = sms(TextBlock(text=long_text), LinkBlock(kind=ActionKind.EDIT, url=EDIT_URL))

    # then
    first, link = text.split("\n")
    assert len(text) <= 320
    assert link == f"Change order: {EDIT_URL}"
    assert first.endswith(" the…")
    assert long_text.startswith(first.removesuffix("…"))
    assert len(text) >= 320 - len(" change…")  # cut at the last word that fits


def test_lower_priority_parts_are_dropped_first() -> None:
    # given a card with many items and quick replies that cannot all fit
    lines = [
        OrderLine(title=f"Item number {n} with a long name", status=LineStatus.SHIPPED)
        for n in range(1, 8)
    ]
    blocks: tuple[Block, ...] = (
        TextBlock(text="Here is your order."),
        order_of(*lines, actions=(Action(kind=ActionKind.RETURN, url=RETURN_URL),)),
        QuickReplies(options=(QuickReply(label="Thanks", payload="thanks"),)),
    )

    # when
    text = sms(*blocks)

    # then the text, the heading and the link stay; items fill what room is left, the quick
    # replies (lower priority than items) do not fit any more
    assert text.startswith("Here is your order.\nOrder #1043 (12 May):\n- Item number 1")
    assert text.endswith(f"Start a return: {RETURN_URL}")
    assert "Reply 1" not in text
    assert "Item number 7" not in text


def test_quick_replies_shrink_to_the_options_that_fit() -> None:
    # given
    options = QuickReplies(
        options=tuple(
            QuickReply(label=f"Option with a rather long label {n}", payload=str(n))
            for n in range(1, 9)
        )
    )

    # when
    text = sms(TextBlock(text="Pick one."), options)

    # then
    assert text.startswith("Pick one.\nReply 1 for Option with a rather long label 1, 2 for")
    assert "8 for" not in text
    assert text.endswith(".")


def test_a_link_longer_than_an_sms_is_left_out_not_cut() -> None:
    # given
    url = "https://hub.example.com/" + "x" * 400

    # when
    text = sms(TextBlock(text="Here you go."), LinkBlock(kind=ActionKind.HUB, url=url))

    # then
    assert text == "Here you go."


def test_script_in_a_text_is_neutralised() -> None:
    assert sms(TextBlock(text="<script>alert(1)</script>Hello <b>there</b>")) == "Hello there"


# --- property: whatever the reply, never over 320 characters, never a broken URL -------------

words = st.text(alphabet=string.ascii_letters + "éë€<>&*#", min_size=1, max_size=14)
urls = st.text(alphabet=string.ascii_letters + string.digits + "-_?=&%/.", max_size=400).map(
    lambda path: "https://hub.example.com/" + path
)
texts = st.lists(st.one_of(words, words, words, urls), max_size=80).map(" ".join)
labels = st.lists(words, min_size=1, max_size=5).map(" ".join)
actions = st.builds(Action, kind=st.sampled_from(ActionKind), url=urls, label=labels | st.just(""))
blocks = st.one_of(
    st.builds(TextBlock, text=texts),
    st.builds(SignInRequest, ask=st.sampled_from(SignInStep), masked_email=words),
    st.builds(
        OrderCard,
        order_name=words,
        order_date=st.dates(),
        currency=st.sampled_from(["EUR", "USD"]),
        total=st.decimals(min_value=0, max_value=10**5, places=2),
        status=st.sampled_from(OrderStatus),
        lines=st.lists(
            st.builds(
                OrderLine,
                title=labels,
                status=st.sampled_from(LineStatus),
                variant=labels,
                quantity=st.integers(1, 5),
                reason=labels | st.just(""),
                actions=st.lists(actions, max_size=2).map(tuple),
            ),
            max_size=6,
        ).map(tuple),
        actions=st.lists(actions, max_size=3).map(tuple),
    ),
    st.builds(LinkBlock, kind=st.sampled_from(ActionKind), url=urls, label=labels),
    st.builds(
        QuickReplies,
        options=st.lists(st.builds(QuickReply, label=labels, payload=labels), max_size=6).map(
            tuple
        ),
    ),
    st.builds(HandoffNotice, message=texts, in_business_hours=st.booleans()),
)


def all_urls(reply: Reply) -> set[str]:
    found: set[str] = set()
    for block in reply.blocks:
        if isinstance(block, TextBlock | HandoffNotice):
            found.update(URL.findall(block.text if isinstance(block, TextBlock) else block.message))
        elif isinstance(block, LinkBlock):
            found.add(block.url)
        elif isinstance(block, OrderCard):
            found.update(a.url for a in block.actions)
            found.update(a.url for line in block.lines for a in line.actions)
    return found


@settings(max_examples=300, deadline=None)
@given(
    blocks=st.lists(blocks, min_size=1, max_size=6).map(tuple),
    language=st.sampled_from(["en", "nl"]),
)
def test_an_sms_is_never_over_320_characters_and_never_breaks_a_url(
    blocks: tuple[Block, ...], language: str
) -> None:
    # given
    reply = Reply(blocks=blocks, trace=Trace(language=language))

    # when
    text = render_reply(reply, channel="sms", language=language).text

    # then
    assert len(text) <= 320
    sent_urls = URL.findall(text)
    assert len(sent_urls) <= 1
    assert set(sent_urls) <= all_urls(reply)
    primary = primary_action(reply.blocks)
    if primary is not None and len(primary.url) <= 320:
        assert sent_urls == [primary.url]


def test_a_card_whose_own_links_are_unsafe_links_its_item_instead() -> None:
    # given
    card = order_of(
        OrderLine(
            title="Blue sneakers",
            status=LineStatus.EDITABLE,
            actions=(Action(kind=ActionKind.EDIT, url=EDIT_URL),),
        ),
        actions=(Action(kind=ActionKind.EDIT, url="javascript:alert(1)"),),
    )

    # then
    assert sms(card) == (
        f"Order #1043 (12 May): Blue sneakers — can still be changed\nChange order: {EDIT_URL}"
    )


# --- every text of the skill stays: quotes, card summary and link labels give way first -------

LONG_URL = "https://hub.example.com/hub/demo/orders/1015/view?t=" + "x" * 110


def not_returnable_order() -> OrderCard:
    return OrderCard(
        order_name="#1015",
        order_date=date(2026, 1, 25),
        currency="EUR",
        total=Decimal("89.95"),
        status=OrderStatus.DELIVERED,
        lines=(
            OrderLine(
                title="Noord Runner Sneaker",
                variant="41 / White",
                status=LineStatus.NOT_RETURNABLE,
                reason="delivered 29 January; the 30-day window ended 28 February",
            ),
        ),
        actions=(Action(kind=ActionKind.HUB, url=LONG_URL),),
    )


def test_a_later_text_with_the_reason_stays_before_the_quote_and_the_card() -> None:
    # given the decision, its reason in a second text, the quoted policy, a card and its link
    reason = (
        "Noord Runner Sneaker, 41 / White can't be returned: delivered 29 January; the 30-day "
        "window ended 28 February."
    )
    blocks: tuple[Block, ...] = (
        TextBlock(text="Nothing in order #1015 can be returned."),
        TextBlock(text=reason),
        TextBlock(
            text="You can return items within 30 days from the delivery date. " * 3,
            citation=Citation(article_title="Returns and exchanges"),
        ),
        not_returnable_order(),
        QuickReplies(options=(QuickReply(label="Talk to a person", payload="person"),)),
    )

    # when
    text = sms(*blocks)

    # then both texts go whole with the one link; the quote and the card gave way
    assert text.startswith(f"Nothing in order #1015 can be returned.\n{reason}\n")
    assert text.endswith(LONG_URL)
    assert URL.findall(text) == [LONG_URL]


def test_a_long_quoted_passage_is_cut_to_keep_a_later_one() -> None:
    # given two quoted passages (the steps, then the return window), no link
    steps = " ".join(
        f"{n}. A step of the return that takes a few words to explain." for n in (1, 2)
    )
    window = "You have 30 days from the delivery date to return an item."
    cited = Citation(article_title="Returns and exchanges")

    # when
    text = sms(TextBlock(text=steps * 3, citation=cited), TextBlock(text=window, citation=cited))

    # then the longest is cut first: the window stays whole
    first, second = text.split("\n")
    assert first.endswith("…") and (steps * 3).startswith(first.removesuffix("…"))
    assert second == window


def test_an_earlier_text_is_cut_before_a_later_one() -> None:
    # given two texts of the skill that cannot both go whole with the link
    handed_over = "Order #1046 has already shipped, so it can no longer be changed. " * 2
    found = "Order #1046 is still on its way, so it can't be returned yet."

    # when
    text = sms(
        TextBlock(text=handed_over),
        TextBlock(text=found),
        LinkBlock(kind=ActionKind.HUB, url=LONG_URL),
    )

    # then
    first, second, link = text.split("\n")
    assert first.endswith("…") and handed_over.startswith(first.removesuffix("…"))
    assert second == found
    assert link.endswith(LONG_URL)


def test_the_link_goes_bare_before_the_text_with_the_reason_is_cut() -> None:
    # given a reason too long to go with the decision, the link and its label
    decision = "Niets uit bestelling #1015 kan worden geretourneerd."
    reason = (
        "Noord Runner Sneaker, 41 / White kan niet worden geretourneerd: bezorgd op 29 januari; "
        "de retourtermijn van 30 dagen liep af op 28 februari."
    )

    # when
    text = sms(
        TextBlock(text=decision),
        TextBlock(text=reason),
        not_returnable_order(),
        language="nl",
    )

    # then the earlier text gave way; the reason goes whole with the bare URL
    assert text == f"{reason}\n{LONG_URL}"
