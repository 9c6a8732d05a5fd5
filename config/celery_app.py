"""The Celery app. Its configuration is the CELERY_* settings (beat schedule included)."""

from __future__ import annotations

import os
from typing import Any

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("shopagent")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def _worker_warm(**_: Any) -> None:
    """Each worker process trains the intent classifier and loads the embedding model when it
    starts, not on its first shopper's message (``agent.warmup``)."""
    from agent.warmup import process_warm

    process_warm()
