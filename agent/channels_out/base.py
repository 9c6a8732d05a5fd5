"""The renderer contract: a Reply in, what one channel sends out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from skills.replies import Reply


@dataclass(frozen=True)
class Rendered:
    """What a channel sends for one reply.

    ``text`` is always set: the SMS or WhatsApp body, the email's plain-text part, the web
    chat's plain fallback. ``payload`` is the web chat JSON (``{"text", "blocks"}``);
    ``subject`` and ``html`` are the email's.
    """

    channel: str
    language: str
    text: str
    payload: dict[str, Any] | None = None
    subject: str = ""
    html: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "language": self.language,
            "text": self.text,
            "payload": self.payload,
            "subject": self.subject,
            "html": self.html,
        }


class Renderer(Protocol):
    channel: str

    def render(self, reply: Reply, *, language: str) -> Rendered:
        """``reply`` in ``language`` ("en", "nl"): every added word translated, every text
        neutralised, every URL checked. Pure: no database, no clock."""
        ...
