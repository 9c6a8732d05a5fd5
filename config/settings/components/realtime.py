"""Channel layer: Redis when REDIS_URL is set, else in-memory (one ASGI process)."""

from __future__ import annotations

from typing import Any

from config import env as E

CHANNEL_LAYERS: dict[str, dict[str, Any]]
if E.REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # redis-py 8 defaults socket_timeout to 5 s, the same as channels-redis's
                # blocking read, which kills idle websockets (STACK.md pitfall 1).
                "hosts": [{"address": E.REDIS_URL, "socket_timeout": 15}],
                "capacity": 1000,
                "expiry": 60,
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
