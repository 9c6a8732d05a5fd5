"""The storefront web chat's websocket consumer. Thin: typed frames in (``frames``), one
service call per frame through ``database_sync_to_async``, JSON frames out. The session
(store, conversation, language) was checked by ``WebchatSessionMiddleware``.

A shopper message runs one turn (``agent.services.message_receive``) and the reply goes
straight back on this socket; the channel layer carries only what other processes push to
the conversation's group (``agent.realtime.push``). Each socket sends a sequence number at
most once, and ``message_receive`` answers a repeated ``client_id`` with the first answer, so
resends and replays never show a message twice.
"""

from __future__ import annotations

import functools
import json
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings

from agent.realtime.frames import (
    HUMAN_TYPING_FRAME,
    PONG_FRAME,
    TYPING_FRAME,
    FrameError,
    MessageIn,
    ResumeIn,
    TypingIn,
    error_frame,
    frame_parse,
    resumed_frame,
)
from agent.realtime.history import (
    RESUME_LIMIT,
    responder_frame_for,
    resume_frames,
    turn_frames,
)
from agent.realtime.push import TYPING_EVENT, conversation_group
from agent.realtime.rate import FrameBudget, WebchatLimits, message_allowed
from agent.realtime.sessions import SocketSession
from agent.realtime.strings import error_message
from agent.services import message_receive

logger = logging.getLogger(__name__)


@functools.cache
def _turn_threads() -> ThreadPoolExecutor:
    """The threads that run web chat turns (``settings.WEBCHAT_TURN_THREADS``), made on the
    first turn of the process."""
    return ThreadPoolExecutor(
        max_workers=settings.WEBCHAT_TURN_THREADS, thread_name_prefix="webchat-turn"
    )


#: Close code for a connection that floods (RFC 6455 1008: policy violation).
CLOSE_FLOOD = 1008
#: The shopper's typing reaches a person at most this often (seconds).
TYPING_INTERVAL = 3.0


class WebchatConsumer(AsyncWebsocketConsumer):
    limits = WebchatLimits()

    def __init__(self, *args: Any, limits: WebchatLimits | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if limits is not None:
            self.limits = limits

    async def connect(self) -> None:
        session: SocketSession = self.scope["webchat"]
        self.session = session
        self.language = session.language
        self.group = conversation_group(session.conversation.pk)
        self.sent: set[int] = set()
        self.budget = FrameBudget(self.limits.frames_per_connection)
        self.typing_at = 0.0
        client = self.scope.get("client") or ("unknown", 0)
        self.ip = str(client[0])
        assert self.channel_layer is not None
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if self.channel_layer is not None and hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if not self.budget.spend():
            if self.budget.count == self.budget.limit + 1:
                await self.send_error("rate_limited")
                await self.close(code=CLOSE_FLOOD)
            return
        try:
            frame = frame_parse(text_data, bytes_data)
        except FrameError as exc:
            await self.send_error(exc.code, client_id=exc.client_id)
            return
        if isinstance(frame, MessageIn):
            await self.on_message(frame)
        elif isinstance(frame, ResumeIn):
            await self.on_resume(frame)
        elif isinstance(frame, TypingIn):
            await self.on_typing()
        else:
            await self.send_frame(PONG_FRAME)

    # --- shopper frames ---------------------------------------------------------------------

    async def on_message(self, frame: MessageIn) -> None:
        allowed = await sync_to_async(message_allowed, thread_sensitive=False)(
            limits=self.limits, conversation_id=self.session.conversation.pk, ip=self.ip
        )
        if not allowed:
            await self.send_error("rate_limited", client_id=frame.client_id)
            return
        await self.send_frame(TYPING_FRAME)
        try:
            # Turns of different conversations run side by side on the turn threads (each
            # keeps its own database connection); this socket's frames are still handled one
            # at a time, so one conversation's turns never overlap.
            result = await database_sync_to_async(
                message_receive, thread_sensitive=False, executor=_turn_threads()
            )(
                store=self.session.store,
                conversation=self.session.conversation,
                text=frame.text,
                client_id=frame.client_id or None,
            )
        except Exception:
            logger.exception("web chat turn failed (conversation %s)", self.session.conversation.pk)
            await self.send_error("server_error", client_id=frame.client_id)
            return
        self.language = result.language or self.language
        for out in turn_frames(result):
            await self.send_message(out)

    async def on_resume(self, frame: ResumeIn) -> None:
        frames, responder = await database_sync_to_async(resume_frames)(
            conversation=self.session.conversation,
            after_seq=frame.after_seq,
            language=self.language,
        )
        for out in frames:
            await self.send_message(out)
        await self.send_frame(responder)
        last_seq = frames[-1]["seq"] if frames else frame.after_seq
        await self.send_frame(resumed_frame(last_seq=last_seq, more=len(frames) >= RESUME_LIMIT))

    async def on_typing(self) -> None:
        now = time.monotonic()
        if now - self.typing_at < TYPING_INTERVAL:
            return
        self.typing_at = now
        assert self.channel_layer is not None
        await self.channel_layer.group_send(self.group, {"type": TYPING_EVENT, "role": "shopper"})

    # --- pushes from the conversation's group -----------------------------------------------

    async def webchat_message(self, event: dict[str, Any]) -> None:
        frame = event.get("frame")
        if isinstance(frame, dict) and isinstance(frame.get("seq"), int):
            await self.send_message(frame)

    async def webchat_typing(self, event: dict[str, Any]) -> None:
        role = event.get("role")
        if role == "human":
            await self.send_frame(HUMAN_TYPING_FRAME)
        elif role != "shopper":  # the shopper's own typing is for people, not them
            await self.send_frame(TYPING_FRAME)

    async def webchat_responder(self, event: dict[str, Any]) -> None:
        name = event.get("name")
        if name is None or isinstance(name, str):
            store_name = self.session.store.name
            frame = responder_frame_for(name=name, store_name=store_name, language=self.language)
            await self.send_frame(frame)

    # --- out --------------------------------------------------------------------------------

    async def send_message(self, frame: dict[str, Any]) -> None:
        seq = frame["seq"]
        if seq in self.sent:
            return
        self.sent.add(seq)
        await self.send_frame(frame)

    async def send_error(self, code: str, *, client_id: str = "") -> None:
        message = error_message(code, self.language)
        await self.send_frame(error_frame(code=code, message=message, client_id=client_id))

    async def send_frame(self, frame: dict[str, Any]) -> None:
        await self.send(text_data=json.dumps(frame, ensure_ascii=False))
