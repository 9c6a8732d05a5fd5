"""SMS: plain text of at most 320 characters, the one link included.

The one link is the reply's primary action (see ``compose.primary_action``); URLs inside texts
are left out then (with no primary action, the first one stays). What does not fit is dropped
by priority — sources, quick replies, item lines first — then quoted passages and the card
summary are cut, so every text of the skill (the answer, the reason) can stay; a text cut is cut
on a word boundary with "…" (see ``compose.fit``). A URL is never cut."""

from __future__ import annotations

import re
from dataclasses import replace

from django.utils import translation

from agent.channels_out.base import Rendered
from agent.channels_out.compose import Segment, TextStyle, fit, primary_action, segments
from agent.channels_out.text import URL, neutralise
from skills.replies import Reply

SMS_LIMIT = 320
STYLE = TextStyle(links="primary", quick_replies="inline", citations=False, compact=True)


class SmsRenderer:
    channel = "sms"
    limit = SMS_LIMIT

    def render(self, reply: Reply, *, language: str) -> Rendered:
        with translation.override(language):
            parts = segments(reply.blocks, style=STYLE)
            keep_first = primary_action(reply.blocks) is None
            text = fit(_one_link(parts, keep_first=keep_first), limit=self.limit, compact=True)
        return Rendered(channel=self.channel, language=language, text=text)


def _one_link(parts: list[Segment], *, keep_first: bool) -> list[Segment]:
    """The segments with the URLs out of their texts, but for the first one when
    ``keep_first`` (options are alternatives of one text: each keeps the same URL)."""
    out = []
    for part in parts:
        if not part.link:
            cleaned = [_without_urls(option, keep_first=keep_first) for option in part.options]
            keep_first = keep_first and not any(kept for _, kept in cleaned)
            part = replace(part, options=tuple(text for text, _ in cleaned if text))
        if part.options:
            out.append(part)
    return out


def _without_urls(text: str, *, keep_first: bool) -> tuple[str, bool]:
    """``text`` without URLs (but the first when ``keep_first``), and whether one was kept."""
    seen = 0

    def drop(match: re.Match[str]) -> str:
        nonlocal seen
        seen += 1
        return match.group(0) if keep_first and seen == 1 else ""

    return neutralise(URL.sub(drop, text)), keep_first and seen > 0
