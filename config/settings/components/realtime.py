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

# Web chat turns run on this many threads per web process (agent.realtime.webchat). Two, as
# many as the machine's cores: bench/webchat_load.py at 500 shoppers measured p99 118 ms with
# two and 265 ms with asyncio's default six, whose extra threads only queue on the GIL and on
# SQLite's write lock (whose busy handler sleeps).
WEBCHAT_TURN_THREADS = max(1, E.WEBCHAT_TURN_THREADS)
