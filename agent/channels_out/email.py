"""Email: a subject, an inline-styled HTML body (``agent/email/reply.html``, autoescaped) and
its plain-text alternative."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from agent.channels_out import wording
from agent.channels_out.base import Rendered
from agent.channels_out.compose import TextStyle, join_all, segments
from agent.channels_out.display import display_blocks
from skills.replies import HandoffNotice, OrderCard, Reply, SignInRequest

STYLE = TextStyle(links="all", quick_replies="list")
TEMPLATE = "agent/email/reply.html"


class EmailRenderer:
    channel = "email"

    def render(self, reply: Reply, *, language: str) -> Rendered:
        with translation.override(language):
            subject = _subject(reply)
            text = join_all(segments(reply.blocks, style=STYLE))
            html = render_to_string(
                TEMPLATE,
                {
                    "language": language,
                    "subject": subject,
                    "blocks": display_blocks(reply.blocks, typed_here=False),
                    "quick_replies_intro": wording.quick_replies_list_intro(),
                },
            )
        return Rendered(
            channel=self.channel, language=language, text=text, subject=subject, html=html
        )


def _subject(reply: Reply) -> str:
    cards = [b for b in reply.blocks if isinstance(b, OrderCard)]
    return wording.email_subject(
        cards[0] if cards else None,
        sign_in=any(isinstance(b, SignInRequest) for b in reply.blocks),
        handoff=reply.handoff or any(isinstance(b, HandoffNotice) for b in reply.blocks),
    )


def email_message(
    rendered: Rendered,
    *,
    to: Sequence[str],
    from_email: str | None = None,
    reply_to: Sequence[str] | None = None,
) -> EmailMultiAlternatives:
    """A multipart/alternative message from a rendered email: the text part, then the HTML."""
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=from_email,
        to=list(to),
        reply_to=list(reply_to) if reply_to else None,
    )
    message.attach_alternative(rendered.html, "text/html")
    return message
