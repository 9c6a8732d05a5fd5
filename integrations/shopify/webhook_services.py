"""Receiving and processing Shopify webhooks.

Receiving (inside the request, milliseconds): the signature was checked by the view; find
the store by the shop domain, drop a redelivery by ``X-Shopify-Webhook-Id``, record the
delivery and queue its processing after commit. Processing (Celery): order and fulfillment
topics re-read the order through the API (so a late or repeated delivery only ever writes
the newest version), customer topics upsert the payload (older ``updated_at`` loses),
app/uninstalled wipes the token, and the privacy topics go to ``privacy``.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
import logging
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import Store
from integrations.shopify import privacy
from integrations.shopify.connection import ShopifyNotConnected, connection_uninstalled
from integrations.shopify.datatypes import CustomerData, ShopifyAdmin
from integrations.shopify.errors import ShopifyError
from integrations.shopify.mirror import customer_upsert
from integrations.shopify.models import Customer, ShopifyConnection, WebhookDelivery
from integrations.shopify.sync import order_refresh

logger = logging.getLogger(__name__)

ORDER_TOPICS = frozenset(
    {
        "orders/create",
        "orders/updated",
        "orders/cancelled",
        "orders/fulfilled",
        "orders/partially_fulfilled",
        "orders/edited",
    }
)
FULFILLMENT_TOPICS = frozenset({"fulfillments/create", "fulfillments/update"})
CUSTOMER_TOPICS = frozenset({"customers/create", "customers/update"})
PRIVACY_TOPICS = frozenset({"customers/data_request", "customers/redact", "shop/redact"})
UNINSTALL_TOPIC = "app/uninstalled"
KNOWN_TOPICS = ORDER_TOPICS | FULFILLMENT_TOPICS | CUSTOMER_TOPICS | PRIVACY_TOPICS
KNOWN_TOPICS = KNOWN_TOPICS | {UNINSTALL_TOPIC}


class Receipt(enum.Enum):
    QUEUED = "queued"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"
    UNKNOWN_SHOP = "unknown_shop"
    NOTHING_HELD = "nothing_held"


def webhook_signature_valid(*, body: bytes, signature: str) -> bool:
    """``signature`` must be base64(HMAC-SHA256(raw body, app secret)); constant-time check."""
    secret = settings.SHOPIFY_API_SECRET
    if not secret or not signature:
        return False
    digest = hmac.new(secret.encode(), body, hashlib.sha256).digest()
    return hmac.compare_digest(base64.b64encode(digest), signature.strip().encode())


def _store_for(shop_domain: str) -> Store | None:
    connection = (
        ShopifyConnection.objects.filter(shop_domain=shop_domain.strip().lower())
        .select_related("store")
        .order_by("-connected_at")
        .first()
    )
    return connection.store if connection else None


def _parse_time(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def webhook_receive(
    *,
    shop_domain: str,
    topic: str,
    webhook_id: str,
    triggered_at: str,
    payload: Any,
) -> Receipt:
    """Record one authentic delivery and queue its processing on commit."""
    store = _store_for(shop_domain)
    if store is None:
        # A privacy request for a shop we do not know: we hold nothing about it.
        return Receipt.NOTHING_HELD if topic in PRIVACY_TOPICS else Receipt.UNKNOWN_SHOP
    known = topic in KNOWN_TOPICS
    delivery = WebhookDelivery(
        store=store,
        webhook_id=webhook_id[:100],
        topic=topic[:100],
        triggered_at=_parse_time(triggered_at),
        status=WebhookDelivery.Status.QUEUED if known else WebhookDelivery.Status.IGNORED,
        payload=payload if known else None,
    )
    try:
        with transaction.atomic():
            delivery.save()
    except IntegrityError:
        return Receipt.DUPLICATE
    if not known:
        logger.info("Ignored Shopify webhook %s (topic %r) for %s", webhook_id, topic, shop_domain)
        return Receipt.IGNORED
    delivery_id = delivery.pk
    transaction.on_commit(lambda: _process_queue(delivery_id))
    return Receipt.QUEUED


def _process_queue(delivery_id: int) -> None:
    # Imported here: the tasks module imports this one.
    from integrations.shopify.tasks import shopify_webhook_process

    shopify_webhook_process.delay(delivery_id)


def webhook_process(*, delivery_id: int, client: ShopifyAdmin | None = None) -> None:
    """Act on one recorded delivery. Idempotent: only QUEUED deliveries are processed.
    Retryable Shopify errors propagate (the delivery stays queued for the task's retry)."""
    delivery = (
        WebhookDelivery.objects.filter(pk=delivery_id, status=WebhookDelivery.Status.QUEUED)
        .select_related("store")
        .first()
    )
    if delivery is None:
        return
    try:
        _dispatch(delivery, client=client)
    except ShopifyNotConnected as exc:
        _finish(delivery, WebhookDelivery.Status.FAILED, error=str(exc.message))
        return
    except ShopifyError as exc:
        if exc.retryable:
            WebhookDelivery.objects.filter(pk=delivery.pk).update(error=str(exc.message))
            raise
        _finish(delivery, WebhookDelivery.Status.FAILED, error=str(exc.message))
        return
    _finish(delivery, WebhookDelivery.Status.PROCESSED)


def _finish(delivery: WebhookDelivery, status: str, *, error: str = "") -> None:
    # The payload holds shopper data: it is not kept once acted on.
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=status, processed_at=timezone.now(), payload=None, error=error
    )


def _order_id(topic: str, payload: dict[str, Any]) -> int | None:
    if topic == "orders/edited":
        value = (payload.get("order_edit") or {}).get("order_id")
    elif topic in FULFILLMENT_TOPICS:
        value = payload.get("order_id")
    else:
        value = payload.get("id")
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _dispatch(delivery: WebhookDelivery, *, client: ShopifyAdmin | None) -> None:
    store, topic = delivery.store, delivery.topic
    payload = delivery.payload if isinstance(delivery.payload, dict) else {}
    if topic == UNINSTALL_TOPIC:
        connection_uninstalled(store=store)
    elif topic in ORDER_TOPICS | FULFILLMENT_TOPICS:
        order_id = _order_id(topic, payload)
        if order_id is not None:
            order_refresh(store=store, order_id=order_id, client=client)
    elif topic in CUSTOMER_TOPICS:
        customer = _customer_from_payload(store, payload)
        if customer is not None:
            customer_upsert(store=store, customer=customer)
    elif topic in PRIVACY_TOPICS:
        _privacy(store, topic, payload)


def _privacy(store: Store, topic: str, payload: dict[str, Any]) -> None:
    customer = payload.get("customer") or {}
    customer_id = _int_or_none(customer.get("id"))
    email, phone = str(customer.get("email") or ""), str(customer.get("phone") or "")
    if topic == "customers/data_request":
        privacy.customer_data_request(
            store=store,
            customer_id=customer_id,
            email=email,
            phone=phone,
            orders_requested=_ints(payload.get("orders_requested")),
            request_id=_int_or_none((payload.get("data_request") or {}).get("id")),
        )
    elif topic == "customers/redact":
        privacy.customer_redact(
            store=store,
            customer_id=customer_id,
            email=email,
            phone=phone,
            orders_to_redact=_ints(payload.get("orders_to_redact")),
        )
    else:
        privacy.shop_redact(store=store)


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _ints(values: Any) -> list[int]:
    return [i for i in (_int_or_none(v) for v in values or []) if i is not None]


def _customer_from_payload(store: Store, payload: dict[str, Any]) -> CustomerData | None:
    """A customers/create|update payload (REST shape) as CustomerData. Fields the payload
    does not carry keep their stored value."""
    customer_id = _int_or_none(payload.get("id"))
    updated_at = _parse_time(str(payload.get("updated_at") or ""))
    if customer_id is None or updated_at is None:
        return None
    stored = Customer.objects.filter(store=store, shopify_id=customer_id).first()

    def text(key: str, current: str) -> str:
        return str(payload[key] or "") if key in payload else current

    return CustomerData(
        id=customer_id,
        email=text("email", stored.email if stored else ""),
        phone=text("phone", stored.phone if stored else ""),
        first_name=text("first_name", stored.first_name if stored else ""),
        last_name=text("last_name", stored.last_name if stored else ""),
        locale=text("locale", stored.locale if stored else ""),
        updated_at=updated_at,
    )
