"""Core background tasks."""

from __future__ import annotations

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_CACHE_KEY = "core:worker-heartbeat"


@shared_task(name="core.tasks.worker_heartbeat", ignore_result=True)
def worker_heartbeat() -> str:
    """Beat runs this every minute; the worker records when it last ran it.

    With the embedded broker the cache is per-process, so this is informative in the worker's
    own log; with Redis it lets /healthz show that workers are consuming.
    """
    now = timezone.now().isoformat()
    cache.set(HEARTBEAT_CACHE_KEY, now, timeout=600)
    return now
