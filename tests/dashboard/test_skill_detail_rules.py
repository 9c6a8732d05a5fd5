"""The skill detail page describes the skills from their real definitions: these tests keep its
words in step with the registry, the eligibility codes and the channel renderers."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from agent.channels_out import render_reply
from agent.channels_out.sms import SMS_LIMIT
from agent.channels_out.whatsapp import WHATSAPP_LIMIT
from skills import detail_selectors
from skills.detail_scenarios import REPLIES_EDIT, REPLIES_RETURN
from skills.eligibility import EditCode, ReturnCode
from skills.registry import SKILLS
from skills.replies import (
    Action,
    ActionKind,
    LineStatus,
    OrderCard,
    OrderLine,
    OrderStatus,
    Reply,
    TextBlock,
    Trace,
)


@pytest.mark.parametrize("info", SKILLS, ids=lambda i: i.id)
def test_tools_are_the_registry_tools_in_order(info):
    # given the detail page's tools of a skill
    tools = detail_selectors.SKILL_TOOLS[info.id]
    # then they are the ones the registry names
    assert [str(detail_selectors.TOOL_NAMES[t]) for t in tools] == [str(t) for t in info.tools]


def test_every_decision_code_has_a_described_reply():
    assert set(REPLIES_EDIT) == set(EditCode)
    assert set(REPLIES_RETURN) == set(ReturnCode)


def test_channel_limits_are_the_renderers_limits():
    assert (detail_selectors.SMS_LIMIT, detail_selectors.WHATSAPP_LIMIT) == (
        SMS_LIMIT,
        WHATSAPP_LIMIT,
    )


def _card_reply() -> Reply:
    edit = Action(kind=ActionKind.EDIT, url="https://hub.example.com/o/1/edit", label="Edit")
    cancel = Action(
        kind=ActionKind.CANCEL, url="https://hub.example.com/o/1/cancel", label="Cancel"
    )
    card = OrderCard(
        order_name="#1001",
        order_date=date(2026, 5, 1),
        currency="EUR",
        total=Decimal("20"),
        status=OrderStatus.UNFULFILLED,
        lines=(OrderLine(title="Tee", status=LineStatus.EDITABLE),),
        actions=(edit, cancel),
    )
    blocks = (TextBlock(text="Order #1001 hasn't shipped yet."), card)
    return Reply(blocks=blocks, trace=Trace(language="en"))


def test_what_the_page_says_each_channel_sends_holds():
    # given an order card with two Customer Hub links
    reply = _card_reply()
    # when rendered for each channel
    webchat = render_reply(reply, channel="webchat", language="en")
    sms = render_reply(reply, channel="sms", language="en")
    whatsapp = render_reply(reply, channel="whatsapp", language="en")
    email = render_reply(reply, channel="email", language="en")
    # then web chat has the card with its buttons; SMS plain text with one link; WhatsApp
    # text with its links; email HTML
    assert webchat.payload is not None
    assert [b["type"] for b in webchat.payload["blocks"]] == ["text", "order_card"]
    assert len(re.findall(r"https://", sms.text)) == 1
    assert "<" not in sms.text
    assert len(sms.text) <= SMS_LIMIT
    assert len(re.findall(r"https://", whatsapp.text)) == 2
    assert email.html.lstrip().lower().startswith("<!doctype html")
    assert 'href="https://hub.example.com/o/1/edit"' in email.html
