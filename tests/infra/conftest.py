"""Shared helpers for the infrastructure tests: where Redis is, and layer configurations."""

from __future__ import annotations

import os
import socket
import uuid
from typing import Any
from urllib.parse import urlsplit

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_url() -> str:
    """REDIS_URL when the run uses Redis, else the machine's usual local Redis."""
    return os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL


def redis_answers(url: str | None = None, timeout: float = 1.0) -> bool:
    """True when a Redis server answers PING at the URL."""
    parts = urlsplit(url or redis_url())
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or 6379), timeout=timeout
        ) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def redis_layer(*, socket_timeout: float | None = 15) -> dict[str, Any]:
    """CHANNEL_LAYERS for Redis as production builds it (config/settings/components/realtime.py),
    under a prefix of its own so a test never meets another run's channels."""
    host: dict[str, Any] = {"address": redis_url()}
    if socket_timeout is not None:
        host["socket_timeout"] = socket_timeout
    return {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [host],
                "capacity": 1000,
                "expiry": 60,
                "prefix": f"test-{uuid.uuid4().hex[:12]}",
            },
        }
    }


IN_MEMORY_LAYER: dict[str, Any] = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
