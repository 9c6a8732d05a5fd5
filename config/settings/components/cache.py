"""Cache (rate limits, throttles): Redis when REDIS_URL is set, else process memory."""

from __future__ import annotations

from typing import Any

from config import env as E

CACHES: dict[str, dict[str, Any]]
if E.REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": E.REDIS_URL,
            "KEY_PREFIX": "shopagent",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
