"""Rendering a Reply for each channel: web chat JSON, SMS, WhatsApp, email.

``render_reply(reply, channel=..., language=...)`` is the entry point; ``renderer_for`` gives
the renderer itself to hand to the engine. Every renderer follows ``Renderer``.
"""

from __future__ import annotations

from agent.channels_out.base import Rendered, Renderer
from agent.channels_out.email import EmailRenderer, email_message
from agent.channels_out.sms import SmsRenderer
from agent.channels_out.webchat import WebchatRenderer
from agent.channels_out.whatsapp import WhatsappRenderer
from skills.replies import Reply

RENDERERS: dict[str, Renderer] = {
    r.channel: r for r in (WebchatRenderer(), SmsRenderer(), WhatsappRenderer(), EmailRenderer())
}


def renderer_for(channel: str) -> Renderer:
    """The renderer of ``channel`` ("webchat", "sms", "whatsapp", "email"); ValueError else."""
    try:
        return RENDERERS[channel]
    except KeyError:
        raise ValueError(f"no renderer for channel {channel!r}") from None


def render_reply(reply: Reply, *, channel: str, language: str) -> Rendered:
    return renderer_for(channel).render(reply, language=language)


__all__ = ["RENDERERS", "Rendered", "Renderer", "email_message", "render_reply", "renderer_for"]
