"""Changing sandbox orders the way Shopify would: fulfil, deliver, cancel, request a return,
change the address. Every change bumps ``updatedAt`` and sends the matching webhooks.

Business refusals come back as :class:`SandboxUserError` values (Shopify's ``userErrors``),
never as exceptions. All functions take the shop explicitly and lock the order row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from integrations.shopify.sandbox import documents as docs
from integrations.shopify.sandbox.models import SandboxFulfillment, SandboxOrder, SandboxShop
from integrations.shopify.sandbox.webhooks import (
    fulfillment_payload,
    order_payload,
    sandbox_webhooks_send,
)

_CARRIERS = {
    "NL": ("PostNL", "3SNRDC{n:07d}{k}", "https://jouw.postnl.nl/track-and-trace/{t}"),
    "GB": (
        "DHL Express",
        "JD0146{n:012d}{k}",
        "https://www.dhl.com/gb-en/home/tracking.html?tracking-id={t}",
    ),
}


@dataclass(frozen=True)
class SandboxUserError:
    field: list[str] | None
    message: str
    code: str | None = None


@dataclass
class OrderChange:
    """What a change did: the webhooks to send (topic, payload kind, fulfillment doc)."""

    topics: list[tuple[str, dict[str, Any] | None]] = field(default_factory=list)


def sandbox_order_locked(*, shop: SandboxShop, legacy_id: int | None) -> SandboxOrder | None:
    """The order row, locked for update (call inside a transaction)."""
    if legacy_id is None:
        return None
    return SandboxOrder.objects.select_for_update().filter(shop=shop, legacy_id=legacy_id).first()


def order_save(
    *, shop: SandboxShop, order: SandboxOrder, now: datetime, change: OrderChange
) -> None:
    """Bump updatedAt, store the document, and send the change's webhooks after commit."""
    doc = order.document
    doc["updatedAt"] = docs.iso(now)
    docs.flags_refresh(doc)
    order.updated_at = docs.whole_seconds(now)
    order.email = (doc["email"] or "").lower()
    order.save(update_fields=["document", "updated_at", "email"])
    for topic, fulfillment in change.topics:
        payload = (
            fulfillment_payload(fulfillment, doc, timezone=shop.iana_timezone)
            if fulfillment is not None
            else order_payload(doc, timezone=shop.iana_timezone)
        )
        sandbox_webhooks_send(shop=shop, topic=topic, payload=payload, now=now)


def fulfillment_status(doc: docs.Doc) -> str:
    lines = [li for li in doc["lineItems"] if li["currentQuantity"] > 0]
    shipped = sum(li["currentQuantity"] - li["unfulfilledQuantity"] for li in lines)
    wanted = sum(li["currentQuantity"] for li in lines)
    if shipped <= 0:
        return "UNFULFILLED"
    return "FULFILLED" if shipped >= wanted else "PARTIALLY_FULFILLED"


def _shipped(doc: docs.Doc) -> int:
    return sum(fli["quantity"] for f in doc["fulfillments"] for fli in f["fulfillmentLineItems"])


@transaction.atomic
def sandbox_order_fulfill(
    *, shop: SandboxShop, legacy_id: int, now: datetime
) -> list[SandboxUserError]:
    """Ship every unfulfilled item in one new fulfillment (IN_TRANSIT, with tracking)."""
    order = sandbox_order_locked(shop=shop, legacy_id=legacy_id)
    if order is None:
        return [SandboxUserError(["id"], "Order does not exist", "NOT_FOUND")]
    doc = order.document
    open_lines = [li for li in doc["lineItems"] if li["fulfillableQuantity"] > 0]
    if doc["cancelledAt"] or not open_lines:
        return [SandboxUserError(["id"], "Order has no items left to fulfill", "INVALID")]
    number = len(doc["fulfillments"]) + 1
    fulfillment_id = order.legacy_id * 10 + number
    country = (doc["shippingAddress"] or {}).get("countryCodeV2") or "NL"
    carrier, pattern, url = _CARRIERS.get(country, _CARRIERS["NL"])
    tracking = pattern.format(n=doc["number"], k=number)
    fulfillment = {
        "id": docs.gid("Fulfillment", fulfillment_id),
        "legacyResourceId": str(fulfillment_id),
        "name": f"{doc['name']}.{number}",
        "status": "SUCCESS",
        "displayStatus": "IN_TRANSIT",
        "createdAt": docs.iso(now),
        "updatedAt": docs.iso(now),
        "inTransitAt": docs.iso(now),
        "deliveredAt": None,
        "estimatedDeliveryAt": None,
        "requiresShipping": True,
        "trackingInfo": [{"company": carrier, "number": tracking, "url": url.format(t=tracking)}],
        "totalQuantity": sum(li["fulfillableQuantity"] for li in open_lines),
        "fulfillmentLineItems": [
            {
                "id": docs.gid("FulfillmentLineItem", fulfillment_id * 100 + k),
                "quantity": li["fulfillableQuantity"],
                "lineItemId": li["id"],
            }
            for k, li in enumerate(open_lines, start=1)
        ],
    }
    for li in open_lines:
        li["unfulfilledQuantity"] = 0
        li["fulfillableQuantity"] = 0
        li["nonFulfillableQuantity"] = li["quantity"]
        li["fulfillmentStatus"] = "fulfilled"
    doc["fulfillments"].append(fulfillment)
    SandboxFulfillment.objects.create(shop=shop, legacy_id=fulfillment_id, order=order)
    doc["displayFulfillmentStatus"] = fulfillment_status(doc)
    topic = (
        "ORDERS_FULFILLED"
        if doc["displayFulfillmentStatus"] == "FULFILLED"
        else "ORDERS_PARTIALLY_FULFILLED"
    )
    change = OrderChange(
        [("FULFILLMENTS_CREATE", fulfillment), (topic, None), ("ORDERS_UPDATED", None)]
    )
    order_save(shop=shop, order=order, now=now, change=change)
    return []


@transaction.atomic
def sandbox_order_deliver(
    *, shop: SandboxShop, legacy_id: int, now: datetime
) -> list[SandboxUserError]:
    """Mark every fulfillment still on its way as DELIVERED now."""
    order = sandbox_order_locked(shop=shop, legacy_id=legacy_id)
    if order is None:
        return [SandboxUserError(["id"], "Order does not exist", "NOT_FOUND")]
    moving = [f for f in order.document["fulfillments"] if f["displayStatus"] != "DELIVERED"]
    if not moving:
        return [SandboxUserError(["id"], "Order has no fulfillment on its way", "INVALID")]
    change = OrderChange()
    for fulfillment in moving:
        fulfillment["displayStatus"] = "DELIVERED"
        fulfillment["deliveredAt"] = docs.iso(now)
        fulfillment["updatedAt"] = docs.iso(now)
        change.topics.append(("FULFILLMENTS_UPDATE", fulfillment))
    change.topics.append(("ORDERS_UPDATED", None))
    order_save(shop=shop, order=order, now=now, change=change)
    return []


@transaction.atomic
def sandbox_order_cancel(
    *, shop: SandboxShop, legacy_id: int | None, reason: str, refund: bool, now: datetime
) -> list[SandboxUserError]:
    """Cancel an order with nothing shipped; refund it in full when asked."""
    order = sandbox_order_locked(shop=shop, legacy_id=legacy_id)
    if order is None:
        return [SandboxUserError(["orderId"], "Order does not exist", "NOT_FOUND")]
    doc = order.document
    if doc["cancelledAt"]:
        return [SandboxUserError(["orderId"], "Order has already been cancelled", "INVALID")]
    if _shipped(doc):
        return [
            SandboxUserError(
                ["orderId"], "Cannot cancel an order that has fulfilled items", "INVALID"
            )
        ]
    doc["cancelledAt"] = doc["closedAt"] = docs.iso(now)
    doc["cancelReason"] = reason
    doc["closed"] = True
    for li in doc["lineItems"]:
        li["fulfillableQuantity"] = 0
        li["nonFulfillableQuantity"] = li["quantity"]
        if refund:
            li["currentQuantity"] = 0
            li["refundableQuantity"] = 0
    if refund:
        total = Decimal(doc["totalPrice"])
        docs.money_set(
            doc,
            subtotal=Decimal(doc["subtotalPrice"]),
            shipping=total - Decimal(doc["subtotalPrice"]),
            refunded=total,
        )
        doc["currentSubtotalPriceSet"] = docs.money_bag(0, doc["currencyCode"])
        doc["displayFinancialStatus"] = "REFUNDED"
    change = OrderChange([("ORDERS_CANCELLED", None), ("ORDERS_UPDATED", None)])
    order_save(shop=shop, order=order, now=now, change=change)
    return []


@transaction.atomic
def sandbox_order_return_request(
    *, shop: SandboxShop, legacy_id: int, now: datetime
) -> list[SandboxUserError]:
    """The shopper asked to return a delivered order: returnStatus RETURN_REQUESTED."""
    order = sandbox_order_locked(shop=shop, legacy_id=legacy_id)
    if order is None:
        return [SandboxUserError(["id"], "Order does not exist", "NOT_FOUND")]
    doc = order.document
    if not any(f["displayStatus"] == "DELIVERED" for f in doc["fulfillments"]):
        return [SandboxUserError(["id"], "Only delivered items can be returned", "INVALID")]
    if doc["returnStatus"] != "NO_RETURN":
        return [SandboxUserError(["id"], "A return is already open for this order", "INVALID")]
    doc["returnStatus"] = "RETURN_REQUESTED"
    order_save(shop=shop, order=order, now=now, change=OrderChange([("ORDERS_UPDATED", None)]))
    return []


_ADDRESS_INPUT = [
    "firstName",
    "lastName",
    "company",
    "address1",
    "address2",
    "city",
    "zip",
    "province",
    "provinceCode",
    "phone",
]


@transaction.atomic
def sandbox_order_update(
    *, shop: SandboxShop, legacy_id: int | None, values: dict[str, Any], now: datetime
) -> tuple[SandboxOrder | None, list[SandboxUserError]]:
    """Shopify's ``orderUpdate``: shipping address, email, phone, note, tags."""
    order = sandbox_order_locked(shop=shop, legacy_id=legacy_id)
    if order is None:
        return None, [SandboxUserError(["id"], "Order does not exist")]
    doc = order.document
    address_input = values.get("shippingAddress")
    if address_input is not None:
        current = doc["shippingAddress"] or {}
        fields = {k: current.get(k) or "" for k in (*_ADDRESS_INPUT, "country", "countryCodeV2")}
        fields.update({k: address_input[k] or "" for k in _ADDRESS_INPUT if k in address_input})
        code = address_input.get("countryCode")
        if code and code != fields["countryCodeV2"]:
            fields["countryCodeV2"], fields["country"] = code, address_input.get("country") or code
        if not fields["address1"] or not fields["city"]:
            return None, [
                SandboxUserError(["shippingAddress"], "Address must have a street and a city")
            ]
        address = docs.mailing_address(fields, owner=f"{order.legacy_id}?model=Order")
        doc["shippingAddress"] = doc["displayAddress"] = address
    for key in ("email", "phone", "note", "tags"):
        if key in values and values[key] is not None:
            doc[key] = list(values[key]) if key == "tags" else values[key]
    order_save(shop=shop, order=order, now=now, change=OrderChange([("ORDERS_UPDATED", None)]))
    return order, []
