"""The web chat socket's gate: the session token (``?token=``), the store the page embeds
(``?store=<public key>``, optional), the channel switched on and the page's Origin among the
channel's allowed origins. A connection that fails any of these is refused at the handshake
(HTTP 403); one that passes carries ``scope["webchat"]`` (a ``SocketSession``)."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.security.websocket import WebsocketDenier
from django.utils import timezone

from agent.realtime.sessions import SocketSession, webchat_socket_session
from core.errors import ApplicationError

logger = logging.getLogger(__name__)


class WebchatSessionMiddleware:
    def __init__(self, inner: Any) -> None:
        self.inner = inner

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        session = await self._session(scope)
        if session is None:
            return await WebsocketDenier()(scope, receive, send)
        return await self.inner({**scope, "webchat": session}, receive, send)

    async def _session(self, scope: dict[str, Any]) -> SocketSession | None:
        query = parse_qs(scope.get("query_string", b"").decode("latin1"))
        token = (query.get("token") or [""])[0]
        public_key = (query.get("store") or [""])[0]
        if not token or len(token) > 1024:
            return None
        try:
            session: SocketSession = await database_sync_to_async(webchat_socket_session)(
                token=token,
                public_key=public_key,
                origin=_header(scope, b"origin"),
                now=timezone.now(),
            )
        except ApplicationError as exc:
            logger.info("web chat socket refused: %s %s", exc.code, exc.detail or "")
            return None
        return session


def _header(scope: dict[str, Any], name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            try:
                return str(value.decode("latin1"))
            except UnicodeDecodeError:
                return None
    return None
