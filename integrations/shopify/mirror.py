"""Writing Shopify data into the mirror: bulk, idempotent upserts keyed by (store, Shopify id).

Rules every writer here follows:

* an older version never overwrites a newer one: a row whose stored ``shop_updated_at`` is
  later than the incoming ``updated_at`` is skipped (equal times are written again, which is
  harmless: the data is the same, so a redelivered page or webhook changes nothing);
* an order's line items and fulfillments are exactly the ones Shopify sent with its newest
  version: the ones that disappeared (removed in an order edit, cancelled fulfillments that
  Shopify dropped) are deleted;
* a batch is one transaction per call site (the sync wraps each page with its cursor).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

from django.db import models, transaction

from core.models import Store
from integrations.shopify.datatypes import (
    CustomerData,
    FulfillmentData,
    FulfillmentLinesData,
    LineItemData,
    OrderData,
)
from integrations.shopify.models import (
    Customer,
    Fulfillment,
    FulfillmentLineItem,
    LineItem,
    Order,
)
from integrations.shopify.upsert import rows_upsert

_CUSTOMER_FIELDS = ["email", "phone", "first_name", "last_name", "locale", "shop_updated_at"]
_ORDER_FIELDS = [
    "customer",
    "name",
    "number",
    "email",
    "phone",
    "shop_created_at",
    "processed_at",
    "shop_updated_at",
    "cancelled_at",
    "cancel_reason",
    "closed_at",
    "display_fulfillment_status",
    "display_financial_status",
    "return_status",
    "shipping_address",
    "tags",
    "currency",
    "subtotal_price",
    "total_price",
    "total_refunded",
    "status_page_url",
    "updated_at",
]
_LINE_ITEM_FIELDS = [
    "order",
    "title",
    "variant_id",
    "variant_title",
    "variant_options",
    "sku",
    "product_id",
    "product_type",
    "product_tags",
    "quantity",
    "current_quantity",
    "unfulfilled_quantity",
    "unit_price",
    "requires_shipping",
    "updated_at",
]
_FULFILLMENT_FIELDS = [
    "order",
    "status",
    "display_status",
    "tracking_company",
    "tracking_number",
    "tracking_url",
    "shop_created_at",
    "in_transit_at",
    "delivered_at",
    "shop_updated_at",
    "updated_at",
]
_KEY = ["store", "shopify_id"]


def _attnames(fields: list[str]) -> tuple[str, ...]:
    """Field names -> column attnames for rows_upsert (``order`` -> ``order_id``);
    ``updated_at`` is set by rows_upsert itself."""
    renamed = {"order": "order_id", "customer": "customer_id"}
    return tuple(renamed.get(name, name) for name in fields if name != "updated_at")


_ORDER_UPDATE = _attnames(_ORDER_FIELDS)
_LINE_ITEM_UPDATE = _attnames(_LINE_ITEM_FIELDS)
_FULFILLMENT_UPDATE = _attnames(_FULFILLMENT_FIELDS)

M = TypeVar("M", bound=models.Model)


def _upsert_pks(
    model: type[M], rows: list[M], update_fields: list[str], store: Store
) -> dict[int, int]:
    """One INSERT ... ON CONFLICT (store, shopify_id) DO UPDATE; returns {Shopify id: pk}.
    PostgreSQL and SQLite hand the keys back (RETURNING); other backends get one query."""
    if not rows:
        return {}
    model._default_manager.bulk_create(
        rows, update_conflicts=True, unique_fields=_KEY, update_fields=update_fields
    )
    pks = {row.shopify_id: row.pk for row in rows}  # type: ignore[attr-defined]
    if None in pks.values():
        found = model._default_manager.filter(store=store, shopify_id__in=list(pks))
        pks = dict(found.values_list("shopify_id", "pk"))
    return pks


def _newer_than_stored(
    stored: Mapping[int, datetime | None], shopify_id: int, updated_at: datetime
) -> bool:
    known = stored.get(shopify_id)
    return known is None or updated_at >= known


def customers_upsert(*, store: Store, customers: Iterable[CustomerData]) -> dict[int, int]:
    """Insert or update customers; returns {Shopify id: primary key} for every customer given
    (stale ones keep their stored row and still map to it)."""
    newest: dict[int, CustomerData] = {}
    for customer in customers:
        seen = newest.get(customer.id)
        if seen is None or customer.updated_at >= seen.updated_at:
            newest[customer.id] = customer
    if not newest:
        return {}
    found = Customer.objects.filter(store=store, shopify_id__in=newest)
    pks: dict[int, int] = {}
    updated: dict[int, datetime | None] = {}
    for shopify_id, pk, shop_updated_at in found.values_list("shopify_id", "pk", "shop_updated_at"):
        pks[shopify_id], updated[shopify_id] = pk, shop_updated_at
    # Every order carries its customer: an unchanged one (same updatedAt) is not rewritten.
    rows = [
        Customer(
            store=store,
            shopify_id=c.id,
            email=c.email,
            phone=c.phone,
            first_name=c.first_name,
            last_name=c.last_name,
            locale=c.locale,
            shop_updated_at=c.updated_at,
        )
        for c in newest.values()
        if (known := updated.get(c.id)) is None or c.updated_at > known
    ]
    pks.update(_upsert_pks(Customer, rows, _CUSTOMER_FIELDS, store))
    return pks


@transaction.atomic
def customer_upsert(*, store: Store, customer: CustomerData) -> bool:
    """Insert or update one customer. Returns False when the stored version is newer."""
    stored = Customer.objects.filter(store=store, shopify_id=customer.id).first()
    if stored and stored.shop_updated_at and stored.shop_updated_at > customer.updated_at:
        return False
    customers_upsert(store=store, customers=[customer])
    return True


def orders_upsert(
    *, store: Store, orders: Sequence[OrderData], fulfillment_lines: bool = True
) -> int:
    """Insert or update orders with their customer, line items, fulfillments and what each
    fulfillment shipped. Idempotent; stale versions are skipped. Returns how many orders were
    written (skipped stale ones are not counted). Runs in one transaction.

    ``fulfillment_lines=False``: the orders come from a bulk export, whose fulfillments carry
    no lines (Shopify cannot nest them there); what each fulfillment shipped is kept as stored
    and set later with ``fulfillment_lines_set``."""
    with transaction.atomic():
        return _orders_upsert(store=store, orders=orders, fulfillment_lines=fulfillment_lines)


def fulfillment_lines_set(*, store: Store, fulfillments: Sequence[FulfillmentLinesData]) -> int:
    """Replace what each fulfillment shipped (idempotent). Fulfillments or line items the
    mirror does not hold are skipped (a fulfillment created after the orders were exported
    arrives with its order's webhook or the next run). Returns how many fulfillments were set.
    Runs in one transaction."""
    by_id = {f.fulfillment_id: f for f in fulfillments}
    with transaction.atomic():
        fulfillment_pks = dict(
            Fulfillment.objects.filter(store=store, shopify_id__in=by_id).values_list(
                "shopify_id", "pk"
            )
        )
        wanted = {li.line_item_id for f in by_id.values() for li in f.line_items}
        line_pks = dict(
            LineItem.objects.filter(store=store, shopify_id__in=wanted).values_list(
                "shopify_id", "pk"
            )
        )
        FulfillmentLineItem.objects.filter(fulfillment_id__in=fulfillment_pks.values()).delete()
        FulfillmentLineItem.objects.bulk_create(
            FulfillmentLineItem(
                fulfillment_id=fulfillment_pks[f.fulfillment_id],
                line_item_id=line_pks[li.line_item_id],
                quantity=li.quantity,
            )
            for f in by_id.values()
            if f.fulfillment_id in fulfillment_pks
            for li in f.line_items
            if li.line_item_id in line_pks
        )
    return len(fulfillment_pks)


def _orders_upsert(*, store: Store, orders: Sequence[OrderData], fulfillment_lines: bool) -> int:
    newest: dict[int, OrderData] = {}
    for order in orders:
        seen = newest.get(order.id)
        if seen is None or order.updated_at >= seen.updated_at:
            newest[order.id] = order
    if not newest:
        return 0
    stored = dict(
        Order.objects.filter(store=store, shopify_id__in=newest).values_list(
            "shopify_id", "shop_updated_at"
        )
    )
    fresh = [o for o in newest.values() if _newer_than_stored(stored, o.id, o.updated_at)]
    if not fresh:
        return 0
    customer_pks = customers_upsert(
        store=store, customers=[o.customer for o in fresh if o.customer is not None]
    )
    order_pks = rows_upsert(
        model=Order,
        rows=[_order_row(store, o, customer_pks) for o in fresh],
        update=_ORDER_UPDATE,
    )
    line_pks = _line_items_set(store=store, orders=fresh, order_pks=order_pks)
    _fulfillments_set(
        store=store,
        orders=fresh,
        order_pks=order_pks,
        line_pks=line_pks,
        with_lines=fulfillment_lines,
    )
    return len(fresh)


def _line_items_set(
    *, store: Store, orders: Sequence[OrderData], order_pks: dict[int, int]
) -> dict[int, int]:
    rows = [_line_item_row(store, li, order_pks[o.id]) for o in orders for li in o.line_items]
    line_pks = rows_upsert(model=LineItem, rows=rows, update=_LINE_ITEM_UPDATE)
    # Line items Shopify no longer lists on these orders (removed by an order edit).
    LineItem.objects.filter(store=store, order_id__in=list(order_pks.values())).exclude(
        pk__in=list(line_pks.values())
    ).delete()
    return line_pks


def _fulfillments_set(
    *,
    store: Store,
    orders: Sequence[OrderData],
    order_pks: dict[int, int],
    line_pks: dict[int, int],
    with_lines: bool = True,
) -> None:
    rows = [_fulfillment_row(store, f, order_pks[o.id]) for o in orders for f in o.fulfillments]
    fulfillment_pks = rows_upsert(model=Fulfillment, rows=rows, update=_FULFILLMENT_UPDATE)
    Fulfillment.objects.filter(store=store, order_id__in=list(order_pks.values())).exclude(
        pk__in=list(fulfillment_pks.values())
    ).delete()
    if not rows or not with_lines:
        return
    shipped = [
        FulfillmentLineItem(
            fulfillment_id=fulfillment_pks[f.id],
            line_item_id=line_pks[fli.line_item_id],
            quantity=fli.quantity,
        )
        for o in orders
        for f in o.fulfillments
        for fli in f.line_items
        # A fulfillment may name a line item the order no longer lists; nothing to link.
        if fli.line_item_id in line_pks
    ]
    # Replace what these fulfillments shipped: a plain delete + insert is idempotent and as
    # cheap as an upsert followed by a search for the stale pairs.
    FulfillmentLineItem.objects.filter(fulfillment_id__in=fulfillment_pks.values()).delete()
    FulfillmentLineItem.objects.bulk_create(shipped)


def _order_row(store: Store, order: OrderData, customer_pks: dict[int, int]) -> dict[str, Any]:
    return {
        "store_id": store.pk,
        "customer_id": customer_pks.get(order.customer.id) if order.customer else None,
        "shopify_id": order.id,
        "name": order.name,
        "number": order.number,
        "email": order.email,
        "phone": order.phone,
        "shop_created_at": order.created_at,
        "processed_at": order.processed_at,
        "shop_updated_at": order.updated_at,
        "cancelled_at": order.cancelled_at,
        "cancel_reason": order.cancel_reason,
        "closed_at": order.closed_at,
        "display_fulfillment_status": order.display_fulfillment_status,
        "display_financial_status": order.display_financial_status,
        "return_status": order.return_status,
        "shipping_address": order.shipping_address,
        "tags": list(order.tags),
        "currency": order.currency,
        "subtotal_price": order.subtotal_price,
        "total_price": order.total_price,
        "total_refunded": order.total_refunded,
        "status_page_url": order.status_page_url,
    }


def _line_item_row(store: Store, line: LineItemData, order_pk: int) -> dict[str, Any]:
    return {
        "store_id": store.pk,
        "order_id": order_pk,
        "shopify_id": line.id,
        "title": line.title,
        "variant_id": line.variant_id,
        "variant_title": line.variant_title,
        "variant_options": line.variant_options,
        "sku": line.sku,
        "product_id": line.product_id,
        "product_type": line.product_type,
        "product_tags": list(line.product_tags),
        "quantity": line.quantity,
        "current_quantity": line.current_quantity,
        "unfulfilled_quantity": line.unfulfilled_quantity,
        "unit_price": line.unit_price,
        "requires_shipping": line.requires_shipping,
    }


def _fulfillment_row(store: Store, fulfillment: FulfillmentData, order_pk: int) -> dict[str, Any]:
    return {
        "store_id": store.pk,
        "order_id": order_pk,
        "shopify_id": fulfillment.id,
        "status": fulfillment.status,
        "display_status": fulfillment.display_status,
        "tracking_company": fulfillment.tracking_company,
        "tracking_number": fulfillment.tracking_number,
        "tracking_url": fulfillment.tracking_url,
        "shop_created_at": fulfillment.created_at,
        "in_transit_at": fulfillment.in_transit_at,
        "delivered_at": fulfillment.delivered_at,
        "shop_updated_at": fulfillment.updated_at,
    }


def order_delete(*, store: Store, order_id: int) -> int:
    """Remove one order (and, by cascade, its line items and fulfillments) from the mirror."""
    deleted, _ = Order.objects.filter(store=store, shopify_id=order_id).delete()
    return deleted


def store_mirror_delete(*, store: Store) -> dict[str, int]:
    """Delete every mirrored Shopify row of the store (shop redaction, shop switch)."""
    with transaction.atomic():
        counts = {
            "orders": Order.objects.filter(store=store).count(),
            "customers": Customer.objects.filter(store=store).count(),
        }
        FulfillmentLineItem.objects.filter(fulfillment__store=store).delete()
        Fulfillment.objects.filter(store=store).delete()
        LineItem.objects.filter(store=store).delete()
        Order.objects.filter(store=store).delete()
        Customer.objects.filter(store=store).delete()
    return counts
