"""The ASGI application ``bench/webchat_load.py`` serves with daphne: the product's own
``config.asgi.application``, unchanged, with three bench-only additions.

1. **Rate limits lifted** (``BENCH_LIFT_LIMITS``, on unless "0"): every shopper of a load test
   comes from 127.0.0.1 and sends far more than a person would, so the web chat's
   per-session, per-IP and per-connection limits (``agent.realtime.rate.WebchatLimits``: 20
   messages a minute per conversation, 60 per IP, ...) would refuse most of the load. This
   process alone gets ``WebchatConsumer.limits`` and ``WebchatSessionApi.limits`` set to
   ``LIFTED``; the limits are still counted (one cache round trip per message, as in
   production), just never reached. The product's defaults are untouched.
2. **An echo route**, ``/ws/echo/``: a plain ``AsyncWebsocketConsumer`` that sends every text
   frame straight back (no session, no database, no channel layer): the ceiling the web chat
   is compared with, served by the same server process.
3. **Turn timing**: ``agent.realtime.webchat.message_receive`` (the one service the consumer
   calls per shopper message, run in the single thread ``database_sync_to_async`` uses) is
   wrapped to record each turn's wall-clock and thread CPU time, and the database connections
   opened; and ``close_old_connections`` as channels' ``database_sync_to_async`` calls it
   before and after every call (closing an expired connection happens there, outside the
   turn, on the same thread). ``GET /__bench__/stats`` returns them as JSON and starts a new
   count; ``BENCH_PROFILE=1`` also runs cProfile around each turn and adds its top functions.

Served with ``DJANGO_SETTINGS_MODULE=bench.data.webchat.settings`` (the local settings).
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import threading
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

# Sets Django up: everything below imports models.
from config.asgi import application as product_application

# isort: split
import channels.db
from channels.generic.websocket import AsyncWebsocketConsumer
from django.db.backends.signals import connection_created

from agent.apis_webchat import WebchatSessionApi
from agent.realtime import webchat
from agent.realtime.rate import WebchatLimits

LIFTED = WebchatLimits(
    messages_per_session=10**9,
    messages_per_ip=10**9,
    frames_per_connection=10**9,
    sessions_per_ip=10**9,
    conversations_per_ip=10**9,
)
STATS_PATH = "/__bench__/stats"
ECHO_PATH = "/ws/echo/"

if os.environ.get("BENCH_LIFT_LIMITS", "1") != "0":
    webchat.WebchatConsumer.limits = LIFTED
    WebchatSessionApi.limits = LIFTED


class EchoConsumer(AsyncWebsocketConsumer):
    """Sends each text frame back as it came."""

    async def connect(self) -> None:
        await self.accept()

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        await self.send(text_data=text_data or "")


class TurnLog:
    """What the wrapped turns cost since the last ``take()``; written by the one thread that
    runs turns, read by the event loop (hence the lock)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.profile: cProfile.Profile | None = (
            cProfile.Profile() if os.environ.get("BENCH_PROFILE") == "1" else None
        )
        self.reset()

    def reset(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.threads: set[str] = set()
        self.connections = 0
        self.failed = 0
        self.housekeeping: list[float] = []
        self.since = time.monotonic()

    def take(self) -> dict[str, Any]:
        with self.lock:
            taken = {
                "seconds": time.monotonic() - self.since,
                "wall": self.wall,
                "cpu": self.cpu,
                "threads": sorted(self.threads),
                "connections_opened": self.connections,
                "housekeeping": self.housekeeping,
                "failed": self.failed,
                "profile": self._profile_text(),
            }
            self.reset()
            if self.profile is not None:
                self.profile = cProfile.Profile()
        return taken

    def _profile_text(self) -> str:
        if self.profile is None or not self.wall:
            return ""
        out = io.StringIO()
        stats = pstats.Stats(self.profile, stream=out)
        stats.sort_stats("cumulative").print_stats(30)
        stats.sort_stats("tottime").print_stats(25)
        return out.getvalue()


TURNS = TurnLog()


def _timed(function: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        profile = TURNS.profile
        started, cpu = time.perf_counter(), time.thread_time()
        failed = True
        try:
            if profile is not None:
                profile.enable()
            result = function(*args, **kwargs)
            failed = False
            return result
        finally:
            if profile is not None:
                profile.disable()
            wall, spent = time.perf_counter() - started, time.thread_time() - cpu
            with TURNS.lock:
                TURNS.wall.append(wall)
                TURNS.cpu.append(spent)
                TURNS.threads.add(threading.current_thread().name)
                TURNS.failed += failed

    return timed


def _connection_opened(**kwargs: Any) -> None:
    with TURNS.lock:
        TURNS.connections += 1


def _housekeeping_timed(function: Callable[[], None]) -> Callable[[], None]:
    @wraps(function)
    def timed() -> None:
        started = time.perf_counter()
        try:
            function()
        finally:
            seconds = time.perf_counter() - started
            with TURNS.lock:
                TURNS.housekeeping.append(seconds)

    return timed


connection_created.connect(_connection_opened, weak=False)
webchat.message_receive = _timed(webchat.message_receive)
channels.db.close_old_connections = _housekeeping_timed(channels.db.close_old_connections)
_echo = EchoConsumer.as_asgi()


async def _stats(send: Any) -> None:
    body = json.dumps(TURNS.take()).encode()
    headers = [(b"content-type", b"application/json")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def application(scope: dict[str, Any], receive: Any, send: Any) -> Any:
    if scope["type"] == "websocket" and scope.get("path") == ECHO_PATH:
        return await _echo(scope, receive, send)
    if scope["type"] == "http" and scope.get("path") == STATS_PATH:
        return await _stats(send)
    return await product_application(scope, receive, send)
