"""WhatsApp: text with its links, *bold* order names, quick replies as numbered options; at
most 4096 characters (WhatsApp's limit), dropping lower-priority parts first."""

from __future__ import annotations

from django.utils import translation

from agent.channels_out.base import Rendered
from agent.channels_out.compose import TextStyle, fit, segments
from skills.replies import Reply

WHATSAPP_LIMIT = 4096
STYLE = TextStyle(links="all", quick_replies="numbered", bold=True)


class WhatsappRenderer:
    channel = "whatsapp"
    limit = WHATSAPP_LIMIT

    def render(self, reply: Reply, *, language: str) -> Rendered:
        with translation.override(language):
            text = fit(segments(reply.blocks, style=STYLE), limit=self.limit, compact=False)
        return Rendered(channel=self.channel, language=language, text=text)
