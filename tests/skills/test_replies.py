from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skills.replies import (
    Action,
    ActionKind,
    Citation,
    EligibilityDecision,
    HandoffNotice,
    LineStatus,
    LinkBlock,
    OrderCard,
    OrderFact,
    OrderLine,
    OrderStatus,
    PassageUsed,
    PrerequisiteCheck,
    QuickReplies,
    QuickReply,
    Reply,
    ReplyFormatError,
    SignInRequest,
    SignInStep,
    TextBlock,
    Trace,
    blocks_from_json,
    blocks_to_json,
)

EDIT_URL = "https://hub.example.com/hub/demo/orders/1043/edit?sig=abc"


def order_card() -> OrderCard:
    return OrderCard(
        order_name="#1043",
        order_date=date(2026, 5, 12),
        currency="EUR",
        total=Decimal("59.90"),
        status=OrderStatus.UNFULFILLED,
        lines=(
            OrderLine(
                title="Blue sneakers",
                variant="size 42",
                quantity=2,
                status=LineStatus.EDITABLE,
                actions=(Action(kind=ActionKind.EDIT, url=EDIT_URL),),
            ),
        ),
        actions=(Action(kind=ActionKind.CANCEL, url=EDIT_URL, label="Cancel it"),),
    )


def full_trace() -> Trace:
    return Trace(
        language="nl",
        intent="order_change",
        confidence=0.93,
        skill="order_edit",
        passages=(
            PassageUsed(
                article_id=7,
                article_title="Changing orders",
                article_version=3,
                heading_path=("Changing orders", "Time window"),
                score=12.5,
                chunk_id=41,
            ),
        ),
        order_facts=(
            OrderFact(order_name="#1043", name="display_fulfillment_status", value="UNFULFILLED"),
            OrderFact(order_name="#1043", name="minutes_since_created", value=12),
            OrderFact(order_name="#1043", name="cancelled", value=False),
            OrderFact(order_name="#1043", name="cancel_reason", value=None),
        ),
        eligibility=(
            EligibilityDecision(
                subject="#1043",
                action="edit",
                allowed=True,
                reason="unfulfilled, inside the 60-minute edit window",
                code="editable",
            ),
        ),
        prerequisites=(PrerequisiteCheck(name="customer_hub_active", met=True),),
    )


def every_block_reply() -> Reply:
    return Reply(
        blocks=(
            TextBlock(
                text="You can change your order within an hour.",
                citation=Citation(
                    article_title="Changing orders",
                    heading_path=("Time window",),
                    quote="Orders can be changed within 1 hour.",
                    article_id=7,
                    article_version=3,
                ),
            ),
            TextBlock(text="No citation here."),
            SignInRequest(ask=SignInStep.CODE, masked_email="j•••@example.com"),
            order_card(),
            LinkBlock(kind=ActionKind.HUB, url=EDIT_URL),
            QuickReplies(options=(QuickReply(label="Yes", payload="yes"),)),
            HandoffNotice(message="A colleague will reply.", in_business_hours=False),
        ),
        trace=full_trace(),
        handoff=True,
        resolved=False,
    )


def through_json(data: Any) -> Any:
    return json.loads(json.dumps(data))


def test_a_reply_with_every_block_survives_json_unchanged() -> None:
    # given
    reply = every_block_reply()

    # when
    again = Reply.from_dict(through_json(reply.to_dict()))

    # then
    assert again == reply


def test_each_block_has_its_documented_json_form() -> None:
    # when
    data = blocks_to_json(every_block_reply().blocks)

    # then
    assert data[0] == {
        "type": "text",
        "text": "You can change your order within an hour.",
        "citation": {
            "article_title": "Changing orders",
            "heading_path": ["Time window"],
            "quote": "Orders can be changed within 1 hour.",
            "article_id": 7,
            "article_version": 3,
        },
    }
    assert data[1] == {"type": "text", "text": "No citation here.", "citation": None}
    assert data[2] == {
        "type": "sign_in",
        "ask": "code",
        "masked_email": "j•••@example.com",
        "code_length": 6,
    }
    assert data[3] == {
        "type": "order_card",
        "order_name": "#1043",
        "order_date": "2026-05-12",
        "currency": "EUR",
        "total": "59.90",
        "status": "unfulfilled",
        "lines": [
            {
                "title": "Blue sneakers",
                "status": "editable",
                "variant": "size 42",
                "quantity": 2,
                "reason": "",
                "actions": [{"kind": "edit", "url": EDIT_URL, "label": ""}],
            }
        ],
        "actions": [{"kind": "cancel", "url": EDIT_URL, "label": "Cancel it"}],
    }
    assert data[4] == {"type": "link", "kind": "hub", "url": EDIT_URL, "label": ""}
    assert data[5] == {"type": "quick_replies", "options": [{"label": "Yes", "payload": "yes"}]}
    assert data[6] == {
        "type": "handoff",
        "message": "A colleague will reply.",
        "in_business_hours": False,
    }


def test_the_trace_is_plain_json() -> None:
    # when
    data = full_trace().to_dict()

    # then
    assert through_json(data) == data
    assert data == {
        "language": "nl",
        "intent": "order_change",
        "confidence": 0.93,
        "skill": "order_edit",
        "passages": [
            {
                "article_id": 7,
                "article_title": "Changing orders",
                "article_version": 3,
                "heading_path": ["Changing orders", "Time window"],
                "score": 12.5,
                "chunk_id": 41,
            }
        ],
        "order_facts": [
            {"order_name": "#1043", "name": "display_fulfillment_status", "value": "UNFULFILLED"},
            {"order_name": "#1043", "name": "minutes_since_created", "value": 12},
            {"order_name": "#1043", "name": "cancelled", "value": False},
            {"order_name": "#1043", "name": "cancel_reason", "value": None},
        ],
        "eligibility": [
            {
                "subject": "#1043",
                "action": "edit",
                "allowed": True,
                "reason": "unfulfilled, inside the 60-minute edit window",
                "code": "editable",
            }
        ],
        "prerequisites": [{"name": "customer_hub_active", "met": True, "detail": ""}],
    }


def test_reply_json_has_blocks_trace_and_flags() -> None:
    # given
    reply = Reply(blocks=(TextBlock(text="Hi"),), trace=Trace(language="en"), resolved=True)

    # then
    assert reply.to_dict() == {
        "blocks": [{"type": "text", "text": "Hi", "citation": None}],
        "trace": {
            "language": "en",
            "intent": "",
            "confidence": 0.0,
            "skill": "",
            "passages": [],
            "order_facts": [],
            "eligibility": [],
            "prerequisites": [],
        },
        "handoff": False,
        "resolved": True,
    }


def test_stored_blocks_read_back_as_the_same_blocks() -> None:
    # given what Message.blocks holds
    blocks = every_block_reply().blocks
    stored = through_json(blocks_to_json(blocks))

    # then
    assert blocks_from_json(stored) == blocks


def test_fields_left_out_take_their_defaults_and_unknown_keys_are_ignored() -> None:
    # when
    block = blocks_from_json([{"type": "handoff", "added_later": 1}])

    # then
    assert block == (HandoffNotice(message="", in_business_hours=True),)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"type": "video", "url": "x"}, "unknown block type 'video'"),
        ({"text": "no type"}, "unknown block type None"),
        ({"type": "text"}, "TextBlock: missing 'text'"),
        ({"type": "text", "text": 5}, "TextBlock.text: unexpected int"),
        ({"type": "sign_in", "ask": "password"}, "SignInRequest.ask: unknown value 'password'"),
        ({"type": "sign_in", "ask": "code", "code_length": True}, "unexpected bool"),
        ({"type": "handoff", "in_business_hours": "yes"}, "unexpected str"),
        ({"type": "quick_replies", "options": {"label": "x"}}, "expected a list"),
        (
            {
                "type": "order_card",
                "order_name": "#1",
                "order_date": "12 May",
                "currency": "EUR",
                "total": "1",
                "status": "unfulfilled",
            },
            "'12 May' is not a date",
        ),
        (
            {
                "type": "order_card",
                "order_name": "#1",
                "order_date": "2026-05-12",
                "currency": "EUR",
                "total": "lots",
                "status": "unfulfilled",
            },
            "'lots' is not a Decimal",
        ),
        ("text", "unknown block type None"),
    ],
)
def test_json_that_is_not_a_block_is_refused_with_the_reason(data: Any, message: str) -> None:
    with pytest.raises(ReplyFormatError, match=message.replace("(", r"\(")):
        blocks_from_json([data])


def test_blocks_must_be_a_list() -> None:
    with pytest.raises(ReplyFormatError, match="blocks: expected a list"):
        blocks_from_json({"type": "text", "text": "x"})


def test_blocks_are_frozen() -> None:
    block = TextBlock(text="Hi")
    with pytest.raises(AttributeError):
        block.text = "changed"  # type: ignore[misc]


texts = st.text(max_size=40)
actions = st.builds(Action, kind=st.sampled_from(ActionKind), url=texts, label=texts)
lines = st.builds(
    OrderLine,
    title=texts,
    status=st.sampled_from(LineStatus),
    variant=texts,
    quantity=st.integers(1, 99),
    reason=texts,
    actions=st.tuples(actions) | st.just(()),
)
blocks = st.one_of(
    st.builds(
        TextBlock,
        text=texts,
        citation=st.none()
        | st.builds(
            Citation,
            article_title=texts,
            heading_path=st.lists(texts, max_size=3).map(tuple),
            quote=texts,
            article_id=st.none() | st.integers(1, 10**6),
            article_version=st.none() | st.integers(1, 99),
        ),
    ),
    st.builds(SignInRequest, ask=st.sampled_from(SignInStep), masked_email=texts),
    st.builds(
        OrderCard,
        order_name=texts,
        order_date=st.dates(),
        currency=st.sampled_from(["EUR", "USD", "CHF"]),
        total=st.decimals(min_value=0, max_value=10**6, places=2),
        status=st.sampled_from(OrderStatus),
        lines=st.lists(lines, max_size=3).map(tuple),
        actions=st.lists(actions, max_size=2).map(tuple),
    ),
    st.builds(LinkBlock, kind=st.sampled_from(ActionKind), url=texts, label=texts),
    st.builds(
        QuickReplies,
        options=st.lists(st.builds(QuickReply, label=texts, payload=texts), max_size=4).map(tuple),
    ),
    st.builds(HandoffNotice, message=texts, in_business_hours=st.booleans()),
)
facts = st.builds(
    OrderFact,
    order_name=texts,
    name=texts,
    value=st.none() | st.booleans() | st.integers() | texts | st.floats(allow_nan=False),
)


@given(
    blocks=st.lists(blocks, max_size=6).map(tuple),
    facts=st.lists(facts, max_size=3).map(tuple),
    confidence=st.floats(0, 1),
    flags=st.tuples(st.booleans(), st.booleans()),
)
def test_any_reply_round_trips_through_json(
    blocks: tuple[Any, ...],
    facts: tuple[OrderFact, ...],
    confidence: float,
    flags: tuple[bool, bool],
) -> None:
    # given
    trace = Trace(language="en", intent="x", confidence=confidence, order_facts=facts)
    reply = Reply(blocks=blocks, trace=trace, handoff=flags[0], resolved=flags[1])

    # then
    assert Reply.from_dict(through_json(reply.to_dict())) == reply
