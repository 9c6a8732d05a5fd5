"""Shopify background work. Thin: load by id, call one service, retry only what may pass
(throttling, 5xx, timeouts) with exponential backoff. All tasks are idempotent and acked
late, so a task whose worker died is run again and continues where it stopped."""

from __future__ import annotations

import logging

from celery import Task, shared_task

from core.models import Store
from integrations.shopify.connection import ShopifyNotConnected, connection_setup
from integrations.shopify.errors import ShopifyError
from integrations.shopify.sync import order_refresh, store_sync, stores_to_sync
from integrations.shopify.webhook_services import webhook_process

logger = logging.getLogger(__name__)

MAX_RETRIES = 8
# Retry after 2, 4, 8, ... seconds, at most 5 minutes: short first, because the demo's first
# sync starts while the web server (which serves the sandbox shop) is still coming up.
BACKOFF_BASE = 2
BACKOFF_MAX = 300


def _backoff(retries: int) -> int:
    return int(min(BACKOFF_BASE ** (retries + 1), BACKOFF_MAX))


def _retry_or_log(task: Task, exc: ShopifyError, what: str, store_id: int) -> None:
    if exc.retryable and task.request.retries < MAX_RETRIES:
        raise task.retry(exc=exc, countdown=_backoff(task.request.retries))
    logger.warning("Shopify %s for store %s stopped: %s", what, store_id, exc)


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES)
def shopify_store_sync(self: Task, store_id: int, full: bool = False) -> None:
    store = Store.objects.filter(pk=store_id).first()
    if store is None:
        return
    try:
        store_sync(store=store, full=full)
    except ShopifyNotConnected:
        logger.info("Store %s is not connected to Shopify; nothing to sync.", store_id)
    except ShopifyError as exc:
        _retry_or_log(self, exc, "sync", store_id)


@shared_task
def shopify_sync_all() -> int:
    """Beat: queue an incremental sync for every connected store that is not broken."""
    store_ids = stores_to_sync()
    for store_id in store_ids:
        shopify_store_sync.delay(store_id)
    return len(store_ids)


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES)
def shopify_order_refresh(self: Task, store_id: int, order_id: int) -> None:
    store = Store.objects.filter(pk=store_id).first()
    if store is None:
        return
    try:
        order_refresh(store=store, order_id=order_id)
    except ShopifyNotConnected:
        logger.info(
            "Store %s is not connected to Shopify; order %s not refreshed.", store_id, order_id
        )
    except ShopifyError as exc:
        _retry_or_log(self, exc, "order refresh", store_id)


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES)
def shopify_webhook_process(self: Task, delivery_id: int) -> None:
    try:
        webhook_process(delivery_id=delivery_id)
    except ShopifyError as exc:
        if exc.retryable and self.request.retries < MAX_RETRIES:
            raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from exc
        logger.warning("Shopify webhook delivery %s failed: %s", delivery_id, exc)


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES)
def shopify_connection_setup(self: Task, store_id: int) -> None:
    """After a store connects: register webhooks, then the first full sync."""
    store = Store.objects.filter(pk=store_id).first()
    if store is None:
        return
    try:
        connection_setup(store=store)
    except ShopifyNotConnected:
        logger.info("Store %s was disconnected before its Shopify set-up ran.", store_id)
    except ShopifyError as exc:
        _retry_or_log(self, exc, "set-up", store_id)
