"""Web chat: the widget's JSON, ``{"text": plain fallback, "blocks": [...]}``.

Every string is plain text (the widget sets it as text, never as HTML); markup in any text
is neutralised here too, and only http(s) or site-path URLs reach a button."""

from __future__ import annotations

from django.utils import translation

from agent.channels_out.base import Rendered
from agent.channels_out.compose import TextStyle, join_all, segments
from agent.channels_out.display import display_blocks
from skills.replies import Reply

FALLBACK_STYLE = TextStyle(links="all", quick_replies="numbered", typed_here=True)


class WebchatRenderer:
    channel = "webchat"

    def render(self, reply: Reply, *, language: str) -> Rendered:
        with translation.override(language):
            text = join_all(segments(reply.blocks, style=FALLBACK_STYLE))
            blocks = display_blocks(reply.blocks, typed_here=True)
        payload = {"text": text, "blocks": blocks}
        return Rendered(channel=self.channel, language=language, text=text, payload=payload)
