"""What every renderer shares: the entry point, neutralising markup, safe URLs, word cuts."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from agent.channels_out import RENDERERS, Rendered, Renderer, render_reply, renderer_for
from agent.channels_out.text import neutralise, one_line, safe_url, truncate_words
from skills.replies import (
    Action,
    ActionKind,
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

CHANNELS = ["webchat", "sms", "whatsapp", "email"]
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def rendered_output(rendered: Rendered) -> str:
    """Everything a channel sends, as one string."""
    payload = json.dumps(rendered.payload, ensure_ascii=False) if rendered.payload else ""
    return "\n".join([rendered.text, payload, rendered.subject, rendered.html])


def reply_with_markup_everywhere() -> Reply:
    bad = f"Hi {SCRIPT}there"
    action = Action(kind=ActionKind.EDIT, url="https://hub.example.com/e", label=bad)
    return Reply(
        blocks=(
            TextBlock(
                text=bad, citation=Citation(article_title=bad, heading_path=(bad,), quote=bad)
            ),
            SignInRequest(ask=SignInStep.CODE, masked_email=bad),
            OrderCard(
                order_name=f"#1043{SCRIPT}",
                order_date=date(2026, 5, 12),
                currency=f"EUR{SCRIPT}",
                total=Decimal("10.00"),
                status=OrderStatus.UNFULFILLED,
                lines=(
                    OrderLine(
                        title=bad,
                        variant=bad,
                        status=LineStatus.NOT_RETURNABLE,
                        reason=bad,
                        actions=(action,),
                    ),
                ),
                actions=(action,),
            ),
            LinkBlock(kind=ActionKind.HUB, url="https://hub.example.com/h", label=bad),
            QuickReplies(options=(QuickReply(label=bad, payload=bad),)),
            HandoffNotice(message=bad),
        ),
        trace=Trace(language="en"),
    )


def test_there_is_one_renderer_per_channel_and_each_follows_the_protocol() -> None:
    assert sorted(RENDERERS) == sorted(CHANNELS)
    for channel in CHANNELS:
        renderer: Renderer = renderer_for(channel)
        assert renderer.channel == channel


def test_an_unknown_channel_has_no_renderer() -> None:
    with pytest.raises(ValueError, match="no renderer for channel 'fax'"):
        renderer_for("fax")


def test_render_reply_renders_for_the_channel_in_the_language() -> None:
    # given
    reply = Reply(blocks=(TextBlock(text="Hello"),), trace=Trace(language="nl"))

    # when
    rendered = render_reply(reply, channel="sms", language="nl")

    # then
    assert rendered == Rendered(channel="sms", language="nl", text="Hello")
    assert rendered.to_dict() == {
        "channel": "sms",
        "language": "nl",
        "text": "Hello",
        "payload": None,
        "subject": "",
        "html": "",
    }


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("channel", CHANNELS)
def test_no_renderer_lets_script_or_html_through(channel: str, language: str) -> None:
    # when
    rendered = render_reply(reply_with_markup_everywhere(), channel=channel, language=language)

    # then
    sent = rendered_output(rendered)
    assert "<script" not in sent
    assert "<img" not in sent
    assert "alert" not in sent  # script content is dropped, not shown
    assert "Hi there" in sent


@pytest.mark.parametrize("channel", CHANNELS)
def test_no_renderer_sends_a_javascript_or_data_url(channel: str) -> None:
    # given
    reply = Reply(
        blocks=(
            TextBlock(text="Here you go."),
            LinkBlock(kind=ActionKind.HUB, url="javascript:alert(1)", label="Open"),
            LinkBlock(kind=ActionKind.HUB, url="data:text/html,<b>x</b>", label="Open"),
        ),
        trace=Trace(language="en"),
    )

    # when
    sent = rendered_output(render_reply(reply, channel=channel, language="en"))

    # then
    assert "javascript:" not in sent
    assert "data:" not in sent
    assert "Open" not in sent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('<script>alert("x")</script>Hello', "Hello"),
        ("<SCRIPT type='text/javascript'>x()</SCRIPT >Hi", "Hi"),
        ("<style>p{}</style>Hi", "Hi"),
        ("<b>Bold</b> and <i>italic</i>", "Bold and italic"),
        ("<img src=x onerror=alert(1)>Hi", "Hi"),
        ('<img alt="<" src=x onerror=alert(1)>Hi', "Hi"),
        ("<scr<script>ipt>alert(1)</script>", ""),
        ("<scr<b>ipt>alert(1)</scr<b>ipt>", "ipt>alert(1)ipt>"),
        ("Hi <script src=//evil.example", "Hi"),
        ("<!-- note -->Hi<!DOCTYPE html><?php x ?>", "Hi"),
        ("size < 42 & > 40, <3", "size < 42 & > 40, <3"),
        ("&lt;script&gt; stays as typed", "&lt;script&gt; stays as typed"),
        ("a\x00b\x1bc\u202ed\u2066e", "abcde"),
        ("  two   spaces\t\tand\r\n\r\n\r\n\r\nlines  ", "two spaces and\n\nlines"),
        ("Emoji 👍🏽 and 👨‍👩‍👧 stay", "Emoji 👍🏽 and 👨‍👩‍👧 stay"),
    ],
)
def test_neutralise_leaves_plain_text_no_channel_reads_as_markup(text: str, expected: str) -> None:
    assert neutralise(text) == expected


def test_one_line_joins_lines() -> None:
    assert one_line("Line one\n\n<b>line</b> two") == "Line one line two"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://hub.example.com/o/1?sig=a:b", "https://hub.example.com/o/1?sig=a:b"),
        ("  http://localhost:8000/hub/x  ", "http://localhost:8000/hub/x"),
        ("HTTPS://HUB.EXAMPLE.COM/", "HTTPS://HUB.EXAMPLE.COM/"),
        ("/hub/demo/orders/1043/edit", "/hub/demo/orders/1043/edit"),
        ("javascript:alert(1)", ""),
        ("JavaScript:alert(1)", ""),
        ("data:text/html,x", ""),
        ("vbscript:x", ""),
        ("//evil.example/x", ""),
        ("/\\evil.example/x", ""),
        ("https://hub.example.com/a b", ""),
        ('https://hub.example.com/"onmouseover="x', ""),
        ("https:///nohost", ""),
        ("hub.example.com/x", ""),
        ("", ""),
    ],
)
def test_safe_url_accepts_http_and_site_paths_only(url: str, expected: str) -> None:
    assert safe_url(url) == expected


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Short enough", 12, "Short enough"),
        ("Your order can still be changed", 20, "Your order can…"),
        ("Your order can still be changed", 15, "Your order can…"),
        ("Your order, can still be changed", 12, "Your order…"),
        ("Unbreakablewordthatgoesonandon", 10, "Unbreakab…"),
        ("See https://example.com/returns for details", 30, "See…"),
        ("https://example.com/a-very-long-path", 20, ""),
        ("Anything", 1, ""),
    ],
)
def test_truncate_words_cuts_on_a_word_boundary_never_in_a_url(
    text: str, limit: int, expected: str
) -> None:
    # when
    cut = truncate_words(text, limit)

    # then
    assert cut == expected
    assert len(cut) <= limit


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("See https://example.com/r and more words", 27, "See https://example.com/r …"),
        ("See https://example.com/r and more words", 26, "See…"),
    ],
)
def test_truncate_words_keeps_the_ellipsis_apart_from_a_url(
    text: str, limit: int, expected: str
) -> None:
    assert truncate_words(text, limit) == expected


def test_truncate_words_never_trims_the_end_of_a_url() -> None:
    assert truncate_words("See https://example.com/r- and more words", 28) == (
        "See https://example.com/r- …"
    )
    assert truncate_words("See https://example.com/r- and more words", 27) == "See…"
