"""Order facts: read-only views of the Shopify mirror that the skills decide on.

Selectors here return frozen dataclasses, never model instances, so a skill (and the pure
eligibility functions it calls) cannot write through them or lazily query. Every query
names its store, and an order is only ever read through its customer: an order that
belongs to another customer is answered exactly like one that does not exist (None).

Ids: ``id`` fields are the mirror's primary keys (what ``customer_id`` parameters take);
``shopify_id`` fields are Shopify's own ids. Times are timezone-aware. Quantities follow
Shopify: ``quantity`` as ordered, ``current_quantity`` after removals (refunds, edits,
cancellation), ``unfulfilled_quantity`` still to ship. Money is ``Decimal`` in the order's
currency; ``total_price`` is Shopify's *current* total, i.e. after refunds and removals.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from core.models import Store
from integrations.shopify.models import Customer, Fulfillment, LineItem, Order

# Shopify's FulfillmentStatus values of a fulfillment that never shipped anything.
DEAD_FULFILLMENT_STATUSES = frozenset({"CANCELLED", "ERROR", "FAILURE"})

_SIZE_OPTIONS = frozenset({"size", "maat", "taille", "größe", "grösse"})
_COLOUR_OPTIONS = frozenset({"color", "colour", "kleur", "couleur", "farbe"})
_E164 = re.compile(r"\+[1-9]\d{6,14}")
_PHONE_SEPARATORS = re.compile(r"[\s\-.()/]")


@dataclass(frozen=True)
class CustomerFacts:
    id: int
    shopify_id: int
    email: str
    phone: str
    first_name: str
    last_name: str
    locale: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class LineShipment:
    """Part of a line item that one live fulfillment shipped."""

    fulfillment_id: int
    quantity: int
    display_status: str
    shipped_at: datetime
    delivered_at: datetime | None

    @property
    def delivered(self) -> bool:
        return self.delivered_at is not None


@dataclass(frozen=True)
class LineItemFacts:
    id: int
    shopify_id: int
    title: str
    variant_title: str
    sku: str
    product_type: str
    product_tags: tuple[str, ...]
    quantity: int
    current_quantity: int
    unfulfilled_quantity: int
    unit_price: Decimal
    requires_shipping: bool
    shipments: tuple[LineShipment, ...] = ()
    variant_options: Mapping[str, str] = field(default_factory=dict, hash=False)

    @property
    def size(self) -> str:
        return _option(self.variant_options, _SIZE_OPTIONS)

    @property
    def colour(self) -> str:
        return _option(self.variant_options, _COLOUR_OPTIONS)

    @property
    def fulfilled_quantity(self) -> int:
        """Units shipped by live fulfillments (including units later returned)."""
        return sum(s.quantity for s in self.shipments)

    @property
    def delivered_quantity(self) -> int:
        return sum(s.quantity for s in self.shipments if s.delivered)

    @property
    def in_transit_quantity(self) -> int:
        """Shipped units whose fulfillment has not been delivered (yet)."""
        return sum(s.quantity for s in self.shipments if not s.delivered)

    @property
    def removed_quantity(self) -> int:
        """Units taken off the order since it was placed: refunded, returned, cancelled."""
        return max(0, self.quantity - self.current_quantity)

    @property
    def delivered_at(self) -> datetime | None:
        """When the last delivered fulfillment that shipped this item arrived."""
        times = [s.delivered_at for s in self.shipments if s.delivered_at is not None]
        return max(times) if times else None

    @property
    def display_name(self) -> str:
        return f"{self.title} ({self.variant_title})" if self.variant_title else self.title


@dataclass(frozen=True)
class FulfillmentFacts:
    id: int
    shopify_id: int
    status: str
    display_status: str
    tracking_company: str
    tracking_number: str
    tracking_url: str
    created_at: datetime
    in_transit_at: datetime | None
    delivered_at: datetime | None
    line_items: tuple[tuple[int, int], ...] = ()
    """(line item id, quantity shipped) pairs."""

    @property
    def live(self) -> bool:
        """It shipped something (not cancelled or failed)."""
        return self.status.upper() not in DEAD_FULFILLMENT_STATUSES

    @property
    def delivered(self) -> bool:
        return self.delivered_at is not None


@dataclass(frozen=True)
class OrderFacts:
    id: int
    shopify_id: int
    customer_id: int | None
    number: int
    name: str
    created_at: datetime
    processed_at: datetime | None
    updated_at: datetime
    cancelled_at: datetime | None
    cancel_reason: str
    closed_at: datetime | None
    display_fulfillment_status: str
    display_financial_status: str
    return_status: str
    currency: str
    subtotal_price: Decimal
    total_price: Decimal
    """Shopify's current total: after refunds and removals."""
    total_refunded: Decimal
    tags: tuple[str, ...]
    status_page_url: str
    line_items: tuple[LineItemFacts, ...] = ()
    fulfillments: tuple[FulfillmentFacts, ...] = ()
    shipping_address: Mapping[str, Any] = field(default_factory=dict, hash=False)

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    def line_item(self, line_id: int) -> LineItemFacts | None:
        return next((li for li in self.line_items if li.id == line_id), None)


# --- customers ----------------------------------------------------------------------------


def phone_e164(raw: str) -> str | None:
    """``+31 6-1234 5678``, ``+31 (0)6 12345678`` or ``0031612345678`` -> ``+31612345678``;
    None for anything that is not an international number (a national ``06…`` number has no
    country to place it in)."""
    number = _PHONE_SEPARATORS.sub("", (raw or "").replace("(0)", ""))
    if number.startswith("00"):
        number = "+" + number[2:]
    return number if _E164.fullmatch(number) else None


def customer_get(*, store: Store, customer_id: int) -> CustomerFacts | None:
    found = Customer.objects.filter(store=store, pk=customer_id).first()
    return _customer(found) if found is not None else None


def customer_find_by_email(*, store: Store, email: str) -> CustomerFacts | None:
    """The store's one customer with this email (any case); None when none or several match."""
    wanted = (email or "").strip()
    if not wanted or "@" not in wanted:
        return None
    # Shopify keeps emails lower-case, so the indexed exact match nearly always answers; the
    # case-insensitive scan only runs when it does not.
    found = list(Customer.objects.filter(store=store, email=wanted.lower())[:2])
    if not found:
        found = list(Customer.objects.filter(store=store, email__iexact=wanted)[:2])
    return _customer(found[0]) if len(found) == 1 else None


def customer_find_by_phone(*, store: Store, phone: str) -> CustomerFacts | None:
    """The store's one customer whose phone is exactly this number in E.164 form (Shopify
    stores phones in E.164). None for a number that is not international, for no match and
    for several matches: the caller then verifies by email instead."""
    number = phone_e164(phone)
    if number is None:
        return None
    found = list(Customer.objects.filter(store=store, phone=number)[:2])
    return _customer(found[0]) if len(found) == 1 else None


def _customer(c: Customer) -> CustomerFacts:
    return CustomerFacts(
        id=c.pk,
        shopify_id=c.shopify_id,
        email=c.email,
        phone=c.phone,
        first_name=c.first_name,
        last_name=c.last_name,
        locale=c.locale,
    )


# --- orders -------------------------------------------------------------------------------


def customer_orders_list(*, store: Store, customer_id: int, limit: int = 10) -> list[OrderFacts]:
    """The customer's orders, most recent first, at most ``limit``. Three queries, however many
    orders, line items and fulfillments there are (none for ``limit`` 0)."""
    if limit <= 0:
        return []
    rows = (
        Order.objects.filter(store=store, customer_id=customer_id)
        .order_by("-shop_created_at", "-id")
        .values_list(*_ORDER_COLUMNS)[:limit]
    )
    return _orders(store, list(rows))


def customer_order_get(*, store: Store, customer_id: int, number: int) -> OrderFacts | None:
    """The customer's order with this number; None when there is none *or* it belongs to
    someone else (the two must look the same to a shopper). Three queries (one when there is
    none)."""
    rows = list(
        Order.objects.filter(store=store, customer_id=customer_id, number=number)
        .order_by()
        .values_list(*_ORDER_COLUMNS)[:1]
    )
    return _orders(store, rows)[0] if rows else None


# Only the columns the facts hold, read as tuples (no model instances): a turn reads up to ten
# orders with their items and fulfillments, and building models was most of that read's cost.
# Each map is column -> the facts' field, in the order read.
_ORDER_FIELDS = {
    "id": "id",
    "shopify_id": "shopify_id",
    "customer_id": "customer_id",
    "number": "number",
    "name": "name",
    "shop_created_at": "created_at",
    "processed_at": "processed_at",
    "shop_updated_at": "updated_at",
    "cancelled_at": "cancelled_at",
    "cancel_reason": "cancel_reason",
    "closed_at": "closed_at",
    "display_fulfillment_status": "display_fulfillment_status",
    "display_financial_status": "display_financial_status",
    "return_status": "return_status",
    "currency": "currency",
    "subtotal_price": "subtotal_price",
    "total_price": "total_price",
    "total_refunded": "total_refunded",
    "tags": "tags",
    "status_page_url": "status_page_url",
    "shipping_address": "shipping_address",
}
_ORDER_COLUMNS = tuple(_ORDER_FIELDS)
_LINE_FIELDS = {
    "order_id": "order_id",
    "id": "id",
    "shopify_id": "shopify_id",
    "title": "title",
    "variant_title": "variant_title",
    "sku": "sku",
    "product_type": "product_type",
    "product_tags": "product_tags",
    "quantity": "quantity",
    "current_quantity": "current_quantity",
    "unfulfilled_quantity": "unfulfilled_quantity",
    "unit_price": "unit_price",
    "requires_shipping": "requires_shipping",
    "variant_options": "variant_options",
}
# A fulfillment with what it shipped, one row per fulfillment line (a LEFT JOIN: one row with
# None for a fulfillment whose lines the mirror does not know).
_FULFILLMENT_FIELDS = {
    "order_id": "order_id",
    "id": "id",
    "shopify_id": "shopify_id",
    "status": "status",
    "display_status": "display_status",
    "tracking_company": "tracking_company",
    "tracking_number": "tracking_number",
    "tracking_url": "tracking_url",
    "shop_created_at": "created_at",
    "in_transit_at": "in_transit_at",
    "delivered_at": "delivered_at",
    "fulfillment_line_items__line_item_id": "shipped_line_item_id",
    "fulfillment_line_items__quantity": "shipped_quantity",
}


def _named(fields: dict[str, str], row: tuple[Any, ...]) -> dict[str, Any]:
    """A row read with ``values_list(*fields)``, by the facts' field names."""
    return dict(zip(fields.values(), row, strict=True))


def _orders(store: Store, order_rows: Sequence[tuple[Any, ...]]) -> list[OrderFacts]:
    """Facts of the orders read (in that order), with their line items and fulfillments read
    in one query each. Line items and fulfillments are read in the order's store only."""
    if not order_rows:
        return []
    orders = [_named(_ORDER_FIELDS, row) for row in order_rows]
    ids = [order["id"] for order in orders]
    lines: dict[int, list[dict[str, Any]]] = {}
    for row in (
        LineItem.objects.filter(store=store, order_id__in=ids)
        .order_by("id")
        .values_list(*_LINE_FIELDS)
    ):
        line = _named(_LINE_FIELDS, row)
        lines.setdefault(line.pop("order_id"), []).append(line)
    # fulfillment id -> (the fulfillment, its (line item id, quantity) pairs), in date order
    read: dict[int, tuple[dict[str, Any], list[tuple[int, int]]]] = {}
    for row in (
        Fulfillment.objects.filter(store=store, order_id__in=ids)
        .order_by("shop_created_at", "id", "fulfillment_line_items__id")
        .values_list(*_FULFILLMENT_FIELDS)
    ):
        fulfillment = _named(_FULFILLMENT_FIELDS, row)
        line_item_id = fulfillment.pop("shipped_line_item_id")
        quantity = fulfillment.pop("shipped_quantity")
        shipped = read.setdefault(fulfillment["id"], (fulfillment, []))[1]
        if line_item_id is not None:
            shipped.append((line_item_id, quantity))
    fulfillments: dict[int, list[FulfillmentFacts]] = {}
    for fulfillment, shipped in read.values():
        order_id = fulfillment.pop("order_id")
        fulfillments.setdefault(order_id, []).append(
            FulfillmentFacts(**fulfillment, line_items=tuple(shipped))
        )
    return [
        _order(order, lines.get(order["id"], []), fulfillments.get(order["id"], []))
        for order in orders
    ]


def _order(
    order: dict[str, Any], lines: Sequence[dict[str, Any]], fulfillments: list[FulfillmentFacts]
) -> OrderFacts:
    shipments = _shipments(fulfillments, lines)
    return OrderFacts(
        **{
            **order,
            "tags": tuple(str(t) for t in order["tags"] or ()),
            "shipping_address": dict(order["shipping_address"] or {}),
        },
        line_items=tuple(_line_item(line, shipments.get(line["id"], ())) for line in lines),
        fulfillments=tuple(fulfillments),
    )


def _shipments(
    fulfillments: Sequence[FulfillmentFacts], line_items: Sequence[dict[str, Any]]
) -> dict[int, tuple[LineShipment, ...]]:
    """Line item id -> what the live fulfillments shipped of it.

    When the mirror does not know yet what a fulfillment shipped (a bulk sync sets that in a
    second pass) and the order has exactly one live fulfillment, the units the line item no
    longer has to ship are taken to be in that fulfillment.
    """
    live = [f for f in fulfillments if f.live]
    by_line: dict[int, list[LineShipment]] = {}
    for f in live:
        for line_id, quantity in f.line_items:
            by_line.setdefault(line_id, []).append(_shipment(f, quantity))
    if len(live) == 1 and not live[0].line_items:
        for li in line_items:
            shipped = max(0, li["current_quantity"] - li["unfulfilled_quantity"])
            if shipped:
                by_line[li["id"]] = [_shipment(live[0], shipped)]
    return {line_id: tuple(s) for line_id, s in by_line.items()}


def _shipment(f: FulfillmentFacts, quantity: int) -> LineShipment:
    return LineShipment(
        fulfillment_id=f.id,
        quantity=quantity,
        display_status=f.display_status,
        shipped_at=f.created_at,
        delivered_at=f.delivered_at,
    )


def _line_item(line: dict[str, Any], shipments: tuple[LineShipment, ...]) -> LineItemFacts:
    return LineItemFacts(
        **{
            **line,
            "product_tags": tuple(str(t) for t in line["product_tags"] or ()),
            "variant_options": {str(k): str(v) for k, v in (line["variant_options"] or {}).items()},
        },
        shipments=shipments,
    )


def _option(options: Mapping[str, str], names: frozenset[str]) -> str:
    return next((v for k, v in options.items() if k.strip().casefold() in names), "")
