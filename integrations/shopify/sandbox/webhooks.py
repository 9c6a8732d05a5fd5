"""Webhooks the sandbox sends to the app, shaped and signed like Shopify's.

Payloads follow Shopify's REST webhook shape (``orders/updated``: id, admin_graphql_api_id,
name, order_number, financial_status, line_items, fulfillments, customer, ...; times with the
shop's UTC offset). Each send is a ``SandboxWebhookDelivery`` row: the exact bytes, the
headers' ids, the outcome. Delivery runs after commit in a Celery task with retries.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from datetime import datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from django.conf import settings
from django.db import transaction

from integrations.shopify.sandbox.documents import Doc, parse_iso
from integrations.shopify.sandbox.models import (
    SandboxShop,
    SandboxWebhookDelivery,
    SandboxWebhookSubscription,
)
from integrations.transport import (
    TransportConnectionError,
    TransportError,
    TransportHTTPError,
    TransportTimeout,
    http_client,
)

DELIVERY_TIMEOUT = 5.0  # seconds; Shopify gives an endpoint 5 s to answer


def topic_header(topic: str) -> str:
    """``ORDERS_PARTIALLY_FULFILLED`` -> ``orders/partially_fulfilled``."""
    resource, _, event = topic.lower().partition("_")
    return f"{resource}/{event}"


def webhook_signature(body: bytes, *, secret: str) -> str:
    """Base64 HMAC-SHA256 of the raw body with the app secret (``X-Shopify-Hmac-Sha256``)."""
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def sandbox_webhooks_send(
    *, shop: SandboxShop, topic: str, payload: dict[str, Any], now: datetime
) -> list[int]:
    """Record one delivery per subscription to ``topic`` (enum name, e.g. ``ORDERS_UPDATED``)
    and queue them after the transaction commits. Returns the delivery ids."""
    from integrations.shopify.sandbox.tasks import sandbox_webhook_deliver_task

    body = json.dumps(payload, separators=(",", ":"))
    event_id = uuid.uuid4()
    ids = []
    for subscription in SandboxWebhookSubscription.objects.filter(shop=shop, topic=topic):
        delivery = SandboxWebhookDelivery.objects.create(
            shop=shop,
            subscription=subscription,
            event_id=event_id,
            topic=topic_header(topic),
            uri=subscription.uri,
            api_version=subscription.api_version,
            body=body,
            triggered_at=now,
        )
        ids.append(delivery.pk)
        transaction.on_commit(partial(sandbox_webhook_deliver_task.delay, delivery_id=delivery.pk))
    return ids


def sandbox_webhook_deliver(*, delivery_id: int, now: datetime) -> SandboxWebhookDelivery:
    """POST one recorded delivery with Shopify's headers; records the outcome. Raises
    ``TransportError`` when the subscriber did not accept it, so the task can retry."""
    delivery = SandboxWebhookDelivery.objects.select_related("shop").get(pk=delivery_id)
    if delivery.status == SandboxWebhookDelivery.Status.DELIVERED:
        return delivery
    body = delivery.body.encode()
    headers = {
        "Content-Type": "application/json",
        "X-Shopify-Topic": delivery.topic,
        "X-Shopify-Hmac-Sha256": webhook_signature(body, secret=settings.SHOPIFY_API_SECRET),
        "X-Shopify-Shop-Domain": delivery.shop.domain,
        "X-Shopify-API-Version": delivery.api_version,
        "X-Shopify-Webhook-Id": str(delivery.webhook_id),
        "X-Shopify-Event-Id": str(delivery.event_id),
        "X-Shopify-Triggered-At": delivery.triggered_at.isoformat().replace("+00:00", "Z"),
    }
    delivery.attempts += 1
    try:
        delivery.response_status = _post(delivery.uri, body=body, headers=headers)
    except TransportError as exc:
        delivery.status = SandboxWebhookDelivery.Status.FAILED
        delivery.response_status = getattr(exc, "status_code", None)
        delivery.last_error = f"{exc.code}: {exc.detail}"[:1000]
        delivery.save()
        raise
    delivery.status = SandboxWebhookDelivery.Status.DELIVERED
    delivery.delivered_at = now
    delivery.last_error = ""
    delivery.save()
    return delivery


def _post(uri: str, *, body: bytes, headers: dict[str, str]) -> int:
    """POST the exact bytes (they are what the signature covers); the status code on 2xx.
    Shopify counts anything else as a failed delivery to retry, so every error is retryable."""
    try:
        with http_client(timeout=DELIVERY_TIMEOUT) as client:
            response = client.post(uri, content=body, headers=headers)
    except httpx.TimeoutException as exc:
        raise TransportTimeout(detail={"url": uri, "error": type(exc).__name__}) from exc
    except httpx.HTTPError as exc:
        raise TransportConnectionError(detail={"url": uri, "error": type(exc).__name__}) from exc
    if not 200 <= response.status_code < 300:
        error = TransportHTTPError(status_code=response.status_code, body=response.text)
        error.retryable = True
        raise error
    return response.status_code


# --- payloads (Shopify's REST shapes) ------------------------------------------------------------


def _time(value: str | None, tz: ZoneInfo) -> str | None:
    return parse_iso(value).astimezone(tz).isoformat() if value else None


def _money_set(bag: Doc) -> Doc:
    shop, presentment = bag["shopMoney"], bag["presentmentMoney"]
    return {
        "shop_money": {"amount": shop["amount"], "currency_code": shop["currencyCode"]},
        "presentment_money": {
            "amount": presentment["amount"],
            "currency_code": presentment["currencyCode"],
        },
    }


def _address(address: Doc | None) -> Doc | None:
    if not address:
        return None
    return {
        "first_name": address["firstName"],
        "last_name": address["lastName"],
        "name": address["name"],
        "company": address["company"],
        "address1": address["address1"],
        "address2": address["address2"],
        "city": address["city"],
        "zip": address["zip"],
        "province": address["province"],
        "province_code": address["provinceCode"],
        "country": address["country"],
        "country_code": address["countryCodeV2"],
        "phone": address["phone"],
        "latitude": address["latitude"],
        "longitude": address["longitude"],
    }


def _legacy(gid_value: str) -> int:
    return int(gid_value.rsplit("/", 1)[-1].split("?", 1)[0])


def _line_item(line: Doc, *, quantity: int | None = None) -> Doc:
    variant = line.get("variant") or {}
    product = variant.get("product") or {}
    return {
        "id": _legacy(line["id"]),
        "admin_graphql_api_id": line["id"],
        "name": line["name"],
        "title": line["title"],
        "variant_id": _legacy(variant["id"]) if variant else None,
        "variant_title": line["variantTitle"],
        "product_id": _legacy(product["id"]) if product else None,
        "product_exists": bool(product),
        "sku": line["sku"],
        "vendor": line["vendor"],
        "quantity": line["quantity"] if quantity is None else quantity,
        "current_quantity": line["currentQuantity"],
        "fulfillable_quantity": line["fulfillableQuantity"],
        "fulfillment_status": None
        if line["fulfillmentStatus"] == "unfulfilled"
        else line["fulfillmentStatus"],
        "fulfillment_service": "manual",
        "requires_shipping": line["requiresShipping"],
        "taxable": line["taxable"],
        "gift_card": line["isGiftCard"],
        "grams": 0,
        "price": line["originalUnitPriceSet"]["shopMoney"]["amount"],
        "price_set": _money_set(line["originalUnitPriceSet"]),
        "total_discount": line["totalDiscountSet"]["shopMoney"]["amount"],
        "total_discount_set": _money_set(line["totalDiscountSet"]),
        "variant_inventory_management": "shopify",
        "properties": [],
        "tax_lines": [],
        "discount_allocations": [],
        "duties": [],
    }


def fulfillment_payload(fulfillment: Doc, order: Doc, *, timezone: str) -> Doc:
    """A ``fulfillments/create`` / ``fulfillments/update`` payload."""
    tz = ZoneInfo(timezone)
    lines = {li["id"]: li for li in order["lineItems"]}
    tracking = fulfillment["trackingInfo"]
    return {
        "id": _legacy(fulfillment["id"]),
        "admin_graphql_api_id": fulfillment["id"],
        "order_id": _legacy(order["id"]),
        "name": fulfillment["name"],
        "status": fulfillment["status"].lower(),
        "shipment_status": (fulfillment["displayStatus"] or "").lower() or None,
        "service": "manual",
        "location_id": None,
        "email": order["email"],
        "destination": _address(order["shippingAddress"]),
        "created_at": _time(fulfillment["createdAt"], tz),
        "updated_at": _time(fulfillment["updatedAt"], tz),
        "tracking_company": tracking[0]["company"] if tracking else None,
        "tracking_number": tracking[0]["number"] if tracking else None,
        "tracking_numbers": [t["number"] for t in tracking],
        "tracking_url": tracking[0]["url"] if tracking else None,
        "tracking_urls": [t["url"] for t in tracking],
        "receipt": {},
        "origin_address": {},
        "line_items": [
            _line_item(lines[fli["lineItemId"]], quantity=fli["quantity"])
            for fli in fulfillment["fulfillmentLineItems"]
        ],
    }


def _customer(customer: Doc | None, *, tz: ZoneInfo, currency: str) -> Doc | None:
    if not customer:
        return None
    return {
        "id": _legacy(customer["id"]),
        "admin_graphql_api_id": customer["id"],
        "email": customer["email"],
        "phone": customer["phone"],
        "first_name": customer["firstName"],
        "last_name": customer["lastName"],
        "created_at": _time(customer.get("createdAt"), tz),
        "updated_at": _time(customer.get("updatedAt"), tz),
        "state": customer.get("state", "ENABLED").lower(),
        "note": None,
        "verified_email": True,
        "multipass_identifier": None,
        "tax_exempt": False,
        "currency": currency,
        "tags": "",
        "default_address": _address(customer.get("defaultAddress")),
    }


_FULFILLMENT_STATUS = {"FULFILLED": "fulfilled", "PARTIALLY_FULFILLED": "partial"}


def order_payload(order: Doc, *, timezone: str) -> Doc:
    """An ``orders/*`` payload (Shopify's REST Order)."""
    tz = ZoneInfo(timezone)
    currency = order["currencyCode"]
    return {
        "id": _legacy(order["id"]),
        "admin_graphql_api_id": order["id"],
        "name": order["name"],
        "number": order["number"] - 1000,
        "order_number": order["number"],
        "email": order["email"],
        "contact_email": order["email"],
        "phone": order["phone"],
        "created_at": _time(order["createdAt"], tz),
        "processed_at": _time(order["processedAt"], tz),
        "updated_at": _time(order["updatedAt"], tz),
        "cancelled_at": _time(order["cancelledAt"], tz),
        "cancel_reason": order["cancelReason"].lower() if order["cancelReason"] else None,
        "closed_at": _time(order["closedAt"], tz),
        "confirmed": order["confirmed"],
        "test": order["test"],
        "financial_status": (order["displayFinancialStatus"] or "").lower() or None,
        "fulfillment_status": _FULFILLMENT_STATUS.get(order["displayFulfillmentStatus"]),
        "currency": currency,
        "presentment_currency": order["presentmentCurrencyCode"],
        "customer_locale": order["customerLocale"],
        "subtotal_price": order["subtotalPrice"],
        "total_price": order["totalPrice"],
        "current_subtotal_price": order["currentSubtotalPriceSet"]["shopMoney"]["amount"],
        "current_total_price": order["currentTotalPriceSet"]["shopMoney"]["amount"],
        "total_price_set": _money_set(order["totalPriceSet"]),
        "total_shipping_price_set": _money_set(order["totalShippingPriceSet"]),
        "total_discounts": "0.00",
        "total_tax": order["totalTaxSet"]["shopMoney"]["amount"],
        "tags": ", ".join(order["tags"]),
        "note": order["note"],
        "order_status_url": order["statusPageUrl"],
        "buyer_accepts_marketing": False,
        "shipping_address": _address(order["shippingAddress"]),
        "billing_address": _address(order["billingAddress"]),
        "customer": _customer(order["customer"], tz=tz, currency=currency),
        "line_items": [_line_item(li) for li in order["lineItems"]],
        "fulfillments": [
            fulfillment_payload(f, order, timezone=timezone) for f in order["fulfillments"]
        ],
        "refunds": [],
    }
