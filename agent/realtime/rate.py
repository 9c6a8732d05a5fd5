"""Fixed-window rate limits in the cache, so every ASGI process counts together (Redis in
production; process memory in the embedded default, which has one process)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import cache

KEY_PREFIX = "webchat-rate"


@dataclass(frozen=True)
class WebchatLimits:
    """Shopper messages per minute per conversation and per client IP (shoppers behind one
    network share an IP, hence the higher figure), frames of any kind per connection per
    10 seconds (more closes the socket), session requests per minute per IP (every page
    view with the widget asks one) and new conversations per minute per IP. ``window_seconds``:
    the length of the "minute" (tests lengthen it so a window never ends mid-test)."""

    messages_per_session: int = 20
    messages_per_ip: int = 60
    frames_per_connection: int = 60
    sessions_per_ip: int = 120
    conversations_per_ip: int = 20
    window_seconds: int = 60


def rate_allow(*, key: str, limit: int, window_seconds: int = 60, now: float | None = None) -> bool:
    """Count one event under ``key``; False once more than ``limit`` fell in this window."""
    window = int((time.time() if now is None else now) // window_seconds)
    cache_key = f"{KEY_PREFIX}:{key}:{window}"
    # add() is atomic: only the first event of a window creates the counter.
    if cache.add(cache_key, 1, timeout=window_seconds + 5):
        return limit >= 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=window_seconds + 5)
        count = 1
    return count <= limit


def message_allowed(*, limits: WebchatLimits, conversation_id: int, ip: str) -> bool:
    """One shopper message: within both the conversation's and the IP's limit."""
    window = limits.window_seconds
    session_ok = rate_allow(
        key=f"conv:{conversation_id}", limit=limits.messages_per_session, window_seconds=window
    )
    ip_ok = rate_allow(key=f"ip:{ip}", limit=limits.messages_per_ip, window_seconds=window)
    return session_ok and ip_ok


def session_allowed(*, limits: WebchatLimits, ip: str, starting: bool) -> bool:
    """One session request; ``starting``: it may open a new conversation."""
    window = limits.window_seconds
    if not rate_allow(key=f"session-ip:{ip}", limit=limits.sessions_per_ip, window_seconds=window):
        return False
    return not starting or rate_allow(
        key=f"start-ip:{ip}", limit=limits.conversations_per_ip, window_seconds=window
    )


class FrameBudget:
    """Frames per connection in 10-second windows, counted in the consumer (no
    cache round trip for every keep-alive)."""

    WINDOW_SECONDS = 10.0

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.window_start = 0.0
        self.count = 0

    def spend(self, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        if now - self.window_start >= self.WINDOW_SECONDS:
            self.window_start, self.count = now, 0
        self.count += 1
        return self.count <= self.limit
