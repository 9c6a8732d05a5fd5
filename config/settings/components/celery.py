"""Celery: Redis broker when REDIS_URL (or CELERY_BROKER_URL) is set, else kombu's
filesystem transport under var/broker — a real broker that needs no server."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from config import env as E

_broker_dir = E.VAR_DIR / "broker"

CELERY_BROKER_URL = E.CELERY_BROKER_URL or E.REDIS_URL or "filesystem://"
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, Any] = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    # kombu's filesystem transport does not create its folders; the worker dies without them.
    for _folder in ("queue", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
elif CELERY_BROKER_URL.startswith("redis"):
    # A task whose worker died is redelivered after this long (must exceed the longest task).
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}

CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Nothing is lost when a worker dies mid-task: ack after the task ran, requeue on loss.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE_FILENAME = str(E.VAR_DIR / "celerybeat-schedule")

CELERY_BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "core-heartbeat": {
        "task": "core.tasks.worker_heartbeat",
        "schedule": timedelta(minutes=1),
    },
    # Incremental Shopify sync of every connected, not broken store (webhooks keep orders
    # fresh in between; this catches anything a webhook missed).
    "shopify-sync-all": {
        "task": "integrations.shopify.tasks.shopify_sync_all",
        "schedule": timedelta(minutes=5),
    },
}
