"""The load test's shoppers: asyncio coroutines in one process, each with its own websocket
(the ``websockets`` package), speaking the widget's protocol (``static/webchat/webchat.js``).

A web chat shopper: ``POST /api/v1/webchat/sessions`` with the storefront's Origin (a new
conversation and its token), opens ``/ws/webchat/?token=...&store=...`` with the same Origin,
sends ``resume`` after sequence number 0 and waits for ``resumed``; then, until the phase's
deadline, sends ``{"type": "message", "text", "client_id"}``, waits for the reply, thinks, and
sends the next. The reply has arrived when the first agent message numbered after the
shopper's own message (the server confirms it with its ``client_id`` and ``seq``) is in: the
round trip is from ``send`` to that frame. Frames from an earlier turn (a second agent
message) have lower sequence numbers and are skipped, as the widget renders each number once.

An echo shopper opens ``/ws/echo/`` (no session) and sends the same frames; the round trip
ends at the echoed frame.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus, WebSocketException
from websockets.typing import Origin

from bench.data.webchat.messages import Mix


@dataclass(frozen=True)
class Target:
    http: str  # http://127.0.0.1:PORT
    public_key: str
    origin: str
    timeout: float  # seconds for a session, a handshake or one reply

    @property
    def ws(self) -> str:
        return "ws" + self.http.removeprefix("http")


@dataclass
class Shopper:
    index: int
    language: str
    socket: ClientConnection
    sent: int = 0


@dataclass
class Phase:
    """What one phase (N shoppers on one route) measured. Times in seconds."""

    route: str
    shoppers: int
    connect_seconds: list[float] = field(default_factory=list)
    connect_failures: Counter[str] = field(default_factory=Counter)
    ramp_seconds: float = 0.0
    # (sent at, round trip, kind) of each reply, sent at measured from the window's start
    replies: list[tuple[float, float, str]] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    dropped: int = 0
    held: int = 0
    window: float = 0.0

    def in_window(self) -> list[tuple[float, float, str]]:
        """Replies whose round trip ended inside the window."""
        return [r for r in self.replies if r[0] + r[1] <= self.window]


# --- opening ---------------------------------------------------------------------------------


async def _socket(url: str, target: Target) -> ClientConnection:
    return await connect(
        url,
        origin=Origin(target.origin),
        compression=None,  # as daphne: no permessage-deflate
        ping_interval=None,  # the server pings; the client answers
        open_timeout=target.timeout,
        max_size=2**20,
        user_agent_header="shopagent-webchat-load",
    )


async def webchat_open(
    http: httpx.AsyncClient, target: Target, *, index: int, language: str
) -> Shopper:
    """Session, websocket and resume, as the widget does on its first message."""
    response = await http.post(
        "/api/v1/webchat/sessions",
        json={"public_key": target.public_key, "language": language, "start": True},
        headers={"Origin": target.origin},
    )
    if response.status_code != 200:
        raise OpenFailed(f"session HTTP {response.status_code}")
    token = response.json()["token"]
    url = f"{target.ws}/ws/webchat/?token={quote(token)}&store={quote(target.public_key)}"
    socket = await _socket(url, target)
    await socket.send(json.dumps({"type": "resume", "after_seq": 0}))
    async with asyncio.timeout(target.timeout):
        while json.loads(await socket.recv()).get("type") != "resumed":
            pass
    return Shopper(index=index, language=language, socket=socket)


async def echo_open(
    http: httpx.AsyncClient, target: Target, *, index: int, language: str
) -> Shopper:
    return Shopper(
        index=index, language=language, socket=await _socket(f"{target.ws}/ws/echo/", target)
    )


class OpenFailed(Exception):
    pass


Opener = Callable[..., Awaitable[Shopper]]


async def shoppers_open(
    opener: Opener, target: Target, *, count: int, concurrency: int, phase: Phase
) -> list[Shopper]:
    """``count`` shoppers, at most ``concurrency`` opening at once; failures counted by kind."""
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=target.http, timeout=target.timeout, limits=limits) as c:

        async def one(index: int) -> Shopper | None:
            async with gate:
                started = time.perf_counter()
                try:
                    shopper = await opener(c, target, index=index, language=("en", "nl")[index % 2])
                except OpenFailed as exc:
                    phase.connect_failures[str(exc)] += 1
                    return None
                except InvalidStatus as exc:
                    phase.connect_failures[f"handshake HTTP {exc.response.status_code}"] += 1
                    return None
                except (OSError, TimeoutError, WebSocketException, httpx.HTTPError) as exc:
                    phase.connect_failures[type(exc).__name__] += 1
                    return None
                phase.connect_seconds.append(time.perf_counter() - started)
                return shopper

        started = time.perf_counter()
        opened = await asyncio.gather(*(one(i) for i in range(count)))
        phase.ramp_seconds = time.perf_counter() - started
    return [s for s in opened if s is not None]


# --- talking ---------------------------------------------------------------------------------


async def webchat_turn(shopper: Shopper, text: str, *, timeout: float) -> str:
    """Send one message and wait for the agent's reply; "ok" or what went wrong."""
    shopper.sent += 1
    client_id = f"b{shopper.index}x{shopper.sent}"
    socket = shopper.socket
    await socket.send(json.dumps({"type": "message", "text": text, "client_id": client_id}))
    mine = -1
    async with asyncio.timeout(timeout):
        while True:
            frame: dict[str, Any] = json.loads(await socket.recv())
            kind = frame.get("type")
            if kind == "message":
                if frame.get("role") == "shopper":
                    if frame.get("client_id") == client_id:
                        mine = frame["seq"]
                elif mine >= 0 and frame["seq"] > mine:
                    return "ok"
            elif kind == "error" and frame.get("client_id", client_id) == client_id:
                return f"error frame {frame.get('code')}"


async def echo_turn(shopper: Shopper, text: str, *, timeout: float) -> str:
    shopper.sent += 1
    frame = json.dumps({"type": "message", "text": text, "client_id": f"e{shopper.sent}"})
    await shopper.socket.send(frame)
    async with asyncio.timeout(timeout):
        return "ok" if await shopper.socket.recv() == frame else "wrong echo"


Turn = Callable[..., Awaitable[str]]


async def shoppers_run(
    shoppers: list[Shopper],
    turn: Turn,
    *,
    mix: Mix,
    think: float,
    window: float,
    timeout: float,
    phase: Phase,
    on_start: Callable[[], None] = lambda: None,
) -> None:
    """Every shopper sends, waits for the reply and thinks (``think`` seconds, uniform within
    +-50 %) until ``window`` seconds have passed; the message in flight then is finished. The
    first messages are spread over one think time."""
    rng = random.Random(f"{len(shoppers)}/{phase.route}/think")
    start = time.perf_counter()
    phase.window = window
    on_start()

    async def one(shopper: Shopper) -> None:
        await asyncio.sleep(rng.uniform(0, think))
        kind, text = mix.next(shopper.language)
        while (sent := time.perf_counter()) - start < window:
            try:
                outcome = await turn(shopper, text, timeout=timeout)
            except TimeoutError:
                phase.errors["timeout"] += 1
                outcome = "timeout"
            except ConnectionClosed as exc:
                phase.errors[f"closed {exc.rcvd.code if exc.rcvd else 'abnormally'}"] += 1
                phase.dropped += 1
                return
            if outcome == "ok":
                phase.replies.append((sent - start, time.perf_counter() - sent, kind))
            elif outcome != "timeout":
                phase.errors[outcome] += 1
            kind, text = mix.next(shopper.language)
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))

    await asyncio.gather(*(one(s) for s in shoppers))


async def shoppers_hold_check(shoppers: list[Shopper], *, route: str, timeout: float) -> int:
    """How many sockets still answer: a ``ping`` frame (web chat: ``pong`` comes back) or an
    echo. Closes every socket afterwards."""

    async def one(shopper: Shopper) -> bool:
        frame = json.dumps({"type": "ping"})
        try:
            await shopper.socket.send(frame)
            async with asyncio.timeout(timeout):
                while True:
                    answer = await shopper.socket.recv()
                    if answer == frame or json.loads(answer).get("type") == "pong":
                        return True
        except (TimeoutError, ConnectionClosed):
            return False

    held = await asyncio.gather(*(one(s) for s in shoppers))
    await asyncio.gather(*(s.socket.close() for s in shoppers), return_exceptions=True)
    return sum(held)
