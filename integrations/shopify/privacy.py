"""Shopify's mandatory privacy webhooks: customers/data_request, customers/redact, shop/redact.

The mirror (customers, orders, line items, fulfillments) lives here, but other apps hold
shopper data too: the agent's conversations and handoffs name the shopper. The dependency
direction (agent -> integrations) forbids importing them from here, and the house style
forbids signals, so apps that hold shopper data register a handler in their
``AppConfig.ready()`` with :func:`shopper_data_handler_register`. A data request asks every
handler for its part of the export; a redaction asks every handler to erase its part *before*
the mirror's customer rows go (so handlers can still match conversations by customer).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.models import Store
from integrations.shopify.mirror import store_mirror_delete
from integrations.shopify.models import Customer, Order, PrivacyRequest, WebhookDelivery

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Shopper:
    """Who a privacy request is about, as this app can recognise them in one store."""

    store: Store
    shopify_customer_id: int | None
    customer_pks: tuple[int, ...]
    emails: tuple[str, ...]
    phones: tuple[str, ...]


class ShopperDataHandler(Protocol):
    def export(self, *, shopper: Shopper) -> dict[str, Any]:
        """This app's data about the shopper, JSON-serialisable."""
        ...

    def redact(self, *, shopper: Shopper) -> int:
        """Erase this app's data about the shopper; returns how many rows changed."""
        ...


_HANDLERS: dict[str, ShopperDataHandler] = {}


def shopper_data_handler_register(*, name: str, handler: ShopperDataHandler) -> None:
    """Called from an app's ``ready()``; registering a name again replaces its handler."""
    _HANDLERS[name] = handler


def _shopper(*, store: Store, customer_id: int | None, email: str, phone: str) -> Shopper:
    customers = list(
        Customer.objects.filter(store=store, shopify_id=customer_id)
        if customer_id is not None
        else Customer.objects.none()
    )
    emails = {e.strip().lower() for e in [email, *(c.email for c in customers)] if e and e.strip()}
    phones = {p.strip() for p in [phone, *(c.phone for c in customers)] if p and p.strip()}
    return Shopper(
        store=store,
        shopify_customer_id=customer_id,
        customer_pks=tuple(c.pk for c in customers),
        emails=tuple(sorted(emails)),
        phones=tuple(sorted(phones)),
    )


def _orders_of(shopper: Shopper, order_ids: Iterable[int]) -> Q:
    return Q(shopify_id__in=list(order_ids)) | Q(customer_id__in=shopper.customer_pks)


def _order_export(order: Order) -> dict[str, Any]:
    return {
        "id": order.shopify_id,
        "name": order.name,
        "email": order.email,
        "phone": order.phone,
        "created_at": order.shop_created_at.isoformat(),
        "shipping_address": order.shipping_address,
        "total_price": str(order.total_price),
        "currency": order.currency,
        "line_items": [
            {"title": li.title, "variant": li.variant_title, "quantity": li.quantity}
            for li in order.line_items.all()
        ],
        "fulfillments": [
            {
                "status": f.display_status or f.status,
                "tracking_number": f.tracking_number,
                "delivered_at": f.delivered_at.isoformat() if f.delivered_at else None,
            }
            for f in order.fulfillments.all()
        ],
    }


def customer_data_request(
    *,
    store: Store,
    customer_id: int | None,
    email: str = "",
    phone: str = "",
    orders_requested: Iterable[int] = (),
    request_id: int | None = None,
) -> PrivacyRequest:
    """Record a shopper's data request and gather everything this app holds about them
    (mirror customer and orders, plus every registered handler's part) into ``export``."""
    shopper = _shopper(store=store, customer_id=customer_id, email=email, phone=phone)
    orders = (
        Order.objects.filter(store=store)
        .filter(_orders_of(shopper, orders_requested))
        .prefetch_related("line_items", "fulfillments")
    )
    customers = Customer.objects.filter(store=store, pk__in=shopper.customer_pks)
    export: dict[str, Any] = {
        "customer": [
            {
                "id": c.shopify_id,
                "email": c.email,
                "phone": c.phone,
                "first_name": c.first_name,
                "last_name": c.last_name,
                "locale": c.locale,
            }
            for c in customers
        ],
        "orders": [_order_export(o) for o in orders],
    }
    for name, handler in sorted(_HANDLERS.items()):
        export[name] = handler.export(shopper=shopper)
    logger.info(
        "Shopify data request for store %s customer %s: %s", store.pk, customer_id, _counts(export)
    )
    return PrivacyRequest.objects.create(
        store=store,
        topic=PrivacyRequest.Topic.DATA_REQUEST,
        shopify_customer_id=customer_id,
        shopify_request_id=request_id,
        completed_at=timezone.now(),
        summary=_counts(export),
        export=export,
    )


def _counts(export: dict[str, Any]) -> dict[str, Any]:
    counts: dict[str, Any] = {}
    for key, value in export.items():
        if isinstance(value, list):
            counts[key] = len(value)
        elif isinstance(value, dict):
            counts[key] = {k: len(v) if isinstance(v, list) else v for k, v in value.items()}
    return counts


@transaction.atomic
def customer_redact(
    *,
    store: Store,
    customer_id: int | None,
    email: str = "",
    phone: str = "",
    orders_to_redact: Iterable[int] = (),
) -> PrivacyRequest:
    """Erase the shopper: every handler's data first, then the listed orders (with their line
    items and fulfillments) and the mirror's customer row. Orders of that customer that
    Shopify did not list stay, without the link to the deleted customer."""
    shopper = _shopper(store=store, customer_id=customer_id, email=email, phone=phone)
    order_ids = list(orders_to_redact)
    summary: dict[str, int] = {}
    for name, handler in sorted(_HANDLERS.items()):
        summary[name] = handler.redact(shopper=shopper)
    _, orders = Order.objects.filter(store=store, shopify_id__in=order_ids).delete()
    _, customers = Customer.objects.filter(store=store, pk__in=shopper.customer_pks).delete()
    summary["orders"] = orders.get(Order._meta.label, 0)
    summary["customers"] = customers.get(Customer._meta.label, 0)
    if customer_id is not None:
        # A customer webhook received but not yet processed still carries the shopper's data.
        WebhookDelivery.objects.filter(
            store=store, topic__startswith="customers/", payload__id=customer_id
        ).update(payload=None)
    return PrivacyRequest.objects.create(
        store=store,
        topic=PrivacyRequest.Topic.CUSTOMER_REDACT,
        shopify_customer_id=customer_id,
        completed_at=timezone.now(),
        summary={**summary, "orders_listed": len(order_ids)},
    )


@transaction.atomic
def shop_redact(*, store: Store) -> PrivacyRequest:
    """Delete every mirrored Shopify row of the store and the stored webhook payloads."""
    counts = store_mirror_delete(store=store)
    WebhookDelivery.objects.filter(store=store).update(payload=None)
    return PrivacyRequest.objects.create(
        store=store,
        topic=PrivacyRequest.Topic.SHOP_REDACT,
        completed_at=timezone.now(),
        summary=counts,
    )
