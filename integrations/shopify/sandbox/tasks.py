"""Sending the sandbox's webhooks in the background. Thin: load by id, call one service,
retry a failed delivery a few times with backoff (Shopify retries too)."""

from __future__ import annotations

import logging

from celery import Task, shared_task
from django.utils import timezone

from integrations.shopify.sandbox.webhooks import sandbox_webhook_deliver
from integrations.transport import TransportError

logger = logging.getLogger(__name__)

MAX_RETRIES = 3


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES, ignore_result=True)
def sandbox_webhook_deliver_task(self: Task, delivery_id: int) -> None:
    """Idempotent: a delivery already accepted is not sent again."""
    try:
        sandbox_webhook_deliver(delivery_id=delivery_id, now=timezone.now())
    except TransportError as exc:
        if self.request.retries < MAX_RETRIES and not self.request.is_eager:
            raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1)) from exc
        logger.warning("Sandbox webhook delivery %s failed: %s", delivery_id, exc)
