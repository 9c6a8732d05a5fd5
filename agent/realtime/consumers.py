"""Websocket consumers. Thin: typed frames in and out, no ORM here."""

from __future__ import annotations

import json
from typing import Any

from channels.generic.websocket import AsyncWebsocketConsumer

MAX_FRAME_BYTES = 4096


class PingConsumer(AsyncWebsocketConsumer):
    """Liveness of the websocket stack: every ``{"type": "ping"}`` goes out through the
    channel layer and back, so a ``pong`` proves the socket *and* the layer work."""

    async def connect(self) -> None:
        await self.accept()

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        frame = _parse(text_data)
        if frame is None or frame.get("type") != "ping":
            await self.send(text_data=json.dumps({"type": "error", "code": "invalid_frame"}))
            return
        assert self.channel_layer is not None
        await self.channel_layer.send(
            self.channel_name, {"type": "pong.message", "id": frame.get("id")}
        )

    async def pong_message(self, event: dict[str, Any]) -> None:
        await self.send(text_data=json.dumps({"type": "pong", "id": event.get("id")}))


def _parse(text_data: str | None) -> dict[str, Any] | None:
    if not text_data or len(text_data.encode()) > MAX_FRAME_BYTES:
        return None
    try:
        frame = json.loads(text_data)
    except ValueError:
        return None
    return frame if isinstance(frame, dict) else None
