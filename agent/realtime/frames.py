"""The web chat's websocket frames: typed frames in, plain JSON frames out.

In (shopper -> server), each a JSON object with a ``type``:

- ``{"type": "message", "text": str, "client_id": str?}``: a shopper message. ``client_id``
  (up to 64 of ``A-Z a-z 0-9 _ -``) makes a resend harmless: the server answers it once.
- ``{"type": "resume", "after_seq": int}``: send every message after this sequence number.
- ``{"type": "typing"}``: the shopper is typing (passed on to a person who took over).
- ``{"type": "ping"}``: keep-alive; answered with ``{"type": "pong"}``.

Out (server -> shopper): ``message`` (``seq``, ``role``, ``payload`` = the web chat
``{"text", "blocks"}``, and the shopper's ``client_id`` on their own messages), ``typing``
(``role`` ``"human"`` when a person types; none while the agent works on an answer),
``responder`` (who answers now: ``kind`` ``"assistant"`` or ``"person"``, the person's first
``name``, and the header ``subtitle`` and ``typing`` line in the shopper's language; sent on
every resume and when a person takes the conversation over or hands it back), ``resumed``
(``last_seq``: the replay is complete), ``pong`` and ``error`` (``code``, ``message`` in the
shopper's language, and the ``client_id`` of a message not taken).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

#: The largest frame read, in UTF-8 bytes (a message of MAX_TEXT_CHARS fits easily).
MAX_FRAME_BYTES = 16_384
#: The longest shopper message, in characters.
MAX_TEXT_CHARS = 2_000
CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class FrameError(Exception):
    """A frame that cannot be used; ``code`` is the error frame's machine code."""

    def __init__(self, code: str, *, client_id: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.client_id = client_id


@dataclass(frozen=True)
class MessageIn:
    text: str
    client_id: str = ""


@dataclass(frozen=True)
class ResumeIn:
    after_seq: int


@dataclass(frozen=True)
class TypingIn:
    pass


@dataclass(frozen=True)
class PingIn:
    pass


FrameIn = MessageIn | ResumeIn | TypingIn | PingIn


def frame_parse(text_data: str | None, bytes_data: bytes | None = None) -> FrameIn:
    """The typed frame, or FrameError: ``too_large`` (over MAX_FRAME_BYTES), ``invalid_frame``
    (binary, not JSON, not an object, a field of the wrong type), ``unknown_type``,
    ``empty_message`` and ``too_long`` (over MAX_TEXT_CHARS)."""
    if bytes_data is not None or text_data is None:
        raise FrameError("invalid_frame")
    if len(text_data) > MAX_FRAME_BYTES or len(text_data.encode()) > MAX_FRAME_BYTES:
        raise FrameError("too_large")
    try:
        frame = json.loads(text_data)
    except ValueError:
        raise FrameError("invalid_frame") from None
    if not isinstance(frame, dict):
        raise FrameError("invalid_frame")
    kind = frame.get("type")
    if kind == "message":
        return _message(frame)
    if kind == "resume":
        after = frame.get("after_seq", 0)
        if isinstance(after, bool) or not isinstance(after, int) or after < 0:
            raise FrameError("invalid_frame")
        return ResumeIn(after_seq=after)
    if kind == "typing":
        return TypingIn()
    if kind == "ping":
        return PingIn()
    raise FrameError("unknown_type")


def _message(frame: dict[str, Any]) -> MessageIn:
    text, client_id = frame.get("text"), frame.get("client_id", "")
    if not isinstance(text, str) or not isinstance(client_id, str | None):
        raise FrameError("invalid_frame")
    if client_id and not CLIENT_ID.match(client_id):
        raise FrameError("invalid_frame")
    if not text.strip():
        raise FrameError("empty_message", client_id=client_id or "")
    if len(text) > MAX_TEXT_CHARS:
        raise FrameError("too_long", client_id=client_id or "")
    return MessageIn(text=text, client_id=client_id or "")


# --- out ----------------------------------------------------------------------------------------


def message_frame(
    *, seq: int, role: str, payload: dict[str, Any], client_id: str = ""
) -> dict[str, Any]:
    frame: dict[str, Any] = {"type": "message", "seq": seq, "role": role, "payload": payload}
    if client_id:
        frame["client_id"] = client_id
    return frame


def error_frame(*, code: str, message: str, client_id: str = "") -> dict[str, Any]:
    """``client_id``: the shopper message that was not taken (the widget offers to retry)."""
    frame = {"type": "error", "code": code, "message": message}
    if client_id:
        frame["client_id"] = client_id
    return frame


TYPING_FRAME: dict[str, Any] = {"type": "typing"}
#: A person who took the conversation over is typing.
HUMAN_TYPING_FRAME: dict[str, Any] = {"type": "typing", "role": "human"}
PONG_FRAME: dict[str, Any] = {"type": "pong"}


def resumed_frame(*, last_seq: int, more: bool = False) -> dict[str, Any]:
    """The replay is complete up to ``last_seq``; ``more``: resume again from there."""
    return {"type": "resumed", "last_seq": last_seq, "more": more}


def responder_frame(*, name: str | None, subtitle: str, typing: str) -> dict[str, Any]:
    """Who answers the shopper now: ``name`` None for the assistant, else a person (their
    first name, or "" when they have none)."""
    return {
        "type": "responder",
        "kind": "assistant" if name is None else "person",
        "name": name or "",
        "subtitle": subtitle,
        "typing": typing,
    }
