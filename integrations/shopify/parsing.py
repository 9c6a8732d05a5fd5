"""Turn Admin API JSON (2026-10, the shapes queries.py asks for) into the frozen dataclasses of
datatypes.py. Pure functions. Malformed values raise ``ShopifyError``; a missing key raises
KeyError/TypeError, which the client turns into ``ShopifyError`` (no raw dict leaves it)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from integrations.shopify.datatypes import (
    BulkOperation,
    CustomerData,
    FulfillmentData,
    FulfillmentLineItemData,
    LineItemData,
    OrderData,
    ShopInfo,
    ShopPolicyData,
    ShopPolicyTranslation,
    UserError,
    WebhookSubscriptionData,
)
from integrations.shopify.errors import ShopifyError

GID_PREFIX = "gid://shopify/"


def gid(resource: str, number: int) -> str:
    """Our numeric id -> Shopify's global id: ``gid("Order", 5) == "gid://shopify/Order/5"``."""
    return f"{GID_PREFIX}{resource}/{number}"


def gid_to_int(value: str) -> int:
    """``"gid://shopify/LineItem/123"`` (optionally with ``?query``) -> 123."""
    if not isinstance(value, str) or not value.startswith(GID_PREFIX):
        raise ShopifyError(detail=f"not a Shopify global id: {value!r}")
    tail = value.rsplit("/", 1)[-1].split("?", 1)[0]
    try:
        return int(tail)
    except ValueError:
        raise ShopifyError(detail=f"not a Shopify global id: {value!r}") from None


def legacy_id(value: Any) -> int:
    """``legacyResourceId`` is an UnsignedInt64, serialized as a string (or a number)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ShopifyError(detail=f"not a numeric id: {value!r}") from None


def optional_legacy_id(node: Mapping[str, Any] | None) -> int | None:
    return legacy_id(node["legacyResourceId"]) if node else None


def timestamp(value: str) -> datetime:
    """ISO 8601 (``2026-10-01T09:30:00Z``) -> aware datetime."""
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ShopifyError(detail=f"not an ISO 8601 time: {value!r}") from None
    if parsed.tzinfo is None:
        raise ShopifyError(detail=f"time without a zone: {value!r}")
    return parsed


def optional_timestamp(value: str | None) -> datetime | None:
    return timestamp(value) if value else None


def money(bag: Mapping[str, Any] | None) -> Decimal:
    """A ``MoneyBag`` -> its ``shopMoney.amount`` as Decimal (0 when absent)."""
    if not bag:
        return Decimal("0")
    try:
        return Decimal(str(bag["shopMoney"]["amount"]))
    except (KeyError, TypeError, InvalidOperation):
        raise ShopifyError(detail=f"not a MoneyBag: {bag!r}") from None


def text(value: Any) -> str:
    return "" if value is None else str(value)


def shop_from(data: Mapping[str, Any]) -> ShopInfo:
    shop = data["shop"]
    locales = data.get("shopLocales") or []
    primary = next((loc["locale"] for loc in locales if loc.get("primary")), "en")
    return ShopInfo(
        id=gid_to_int(shop["id"]),
        name=shop["name"],
        myshopify_domain=shop["myshopifyDomain"],
        email=shop.get("contactEmail") or shop.get("email") or "",
        currency=shop["currencyCode"],
        iana_timezone=shop["ianaTimezone"],
        primary_locale=primary,
    )


def customer_from(node: Mapping[str, Any]) -> CustomerData:
    email = node.get("defaultEmailAddress") or {}
    phone = node.get("defaultPhoneNumber") or {}
    return CustomerData(
        id=legacy_id(node["legacyResourceId"]),
        email=text(email.get("emailAddress")),
        phone=text(phone.get("phoneNumber")),
        first_name=text(node.get("firstName")),
        last_name=text(node.get("lastName")),
        locale=text(node.get("locale")),
        updated_at=timestamp(node["updatedAt"]),
    )


def line_item_from(node: Mapping[str, Any]) -> LineItemData:
    variant = node.get("variant")
    product = node.get("product")
    options = (variant or {}).get("selectedOptions") or []
    return LineItemData(
        id=gid_to_int(node["id"]),
        title=node["title"],
        variant_id=optional_legacy_id(variant),
        variant_title=text(node.get("variantTitle")),
        variant_options={o["name"]: o["value"] for o in options},
        sku=text(node.get("sku")),
        product_id=optional_legacy_id(product),
        product_type=text((product or {}).get("productType")),
        product_tags=tuple((product or {}).get("tags") or ()),
        quantity=node["quantity"],
        current_quantity=node["currentQuantity"],
        unfulfilled_quantity=node["unfulfilledQuantity"],
        unit_price=money(node.get("originalUnitPriceSet")),
        requires_shipping=bool(node.get("requiresShipping", True)),
    )


def fulfillment_from(node: Mapping[str, Any]) -> FulfillmentData:
    tracking = (node.get("trackingInfo") or [{}])[0]
    items = (node.get("fulfillmentLineItems") or {}).get("nodes") or []
    return FulfillmentData(
        id=legacy_id(node["legacyResourceId"]),
        status=node["status"],
        display_status=text(node.get("displayStatus")),
        tracking_company=text(tracking.get("company")),
        tracking_number=text(tracking.get("number")),
        tracking_url=text(tracking.get("url")),
        created_at=timestamp(node["createdAt"]),
        updated_at=timestamp(node["updatedAt"]),
        in_transit_at=optional_timestamp(node.get("inTransitAt")),
        delivered_at=optional_timestamp(node.get("deliveredAt")),
        line_items=tuple(
            FulfillmentLineItemData(
                line_item_id=gid_to_int(item["lineItem"]["id"]), quantity=item["quantity"] or 0
            )
            for item in items
        ),
    )


def order_from(node: Mapping[str, Any]) -> OrderData:
    customer = node.get("customer")
    return OrderData(
        id=legacy_id(node["legacyResourceId"]),
        name=node["name"],
        number=node["number"],
        email=text(node.get("email")),
        phone=text(node.get("phone")),
        created_at=timestamp(node["createdAt"]),
        processed_at=optional_timestamp(node.get("processedAt")),
        updated_at=timestamp(node["updatedAt"]),
        cancelled_at=optional_timestamp(node.get("cancelledAt")),
        cancel_reason=text(node.get("cancelReason")),
        closed_at=optional_timestamp(node.get("closedAt")),
        display_fulfillment_status=node["displayFulfillmentStatus"],
        display_financial_status=text(node.get("displayFinancialStatus")),
        return_status=text(node.get("returnStatus")),
        shipping_address=dict(node.get("shippingAddress") or {}),
        tags=tuple(node.get("tags") or ()),
        currency=node["currencyCode"],
        subtotal_price=money(node.get("currentSubtotalPriceSet")),
        total_price=money(node.get("currentTotalPriceSet")),
        total_refunded=money(node.get("totalRefundedSet")),
        status_page_url=text(node.get("statusPageUrl")),
        customer=customer_from(customer) if customer else None,
        line_items=tuple(line_item_from(n) for n in node["lineItems"]["nodes"]),
        fulfillments=tuple(fulfillment_from(f) for f in node.get("fulfillments") or ()),
    )


def webhook_subscription_from(node: Mapping[str, Any]) -> WebhookSubscriptionData:
    return WebhookSubscriptionData(
        id=legacy_id(node["legacyResourceId"]), topic=node["topic"], uri=node["uri"]
    )


def user_errors_from(errors: list[Mapping[str, Any]] | None) -> tuple[UserError, ...]:
    return tuple(
        UserError(field=tuple(e.get("field") or ()), message=e["message"], code=text(e.get("code")))
        for e in errors or ()
    )


def calculated_order_from(payload: Mapping[str, Any]) -> dict[str, Any]:
    """An order-edit payload -> ``calculated_order_id`` (gid), ``line_items`` and
    ``added_line_items`` (id, quantity, editable_quantity, sku, title, variant_id) and
    ``calculated_line_item_id`` (gid of the line the mutation touched, if any)."""
    order = payload.get("calculatedOrder")
    added = payload.get("calculatedLineItem")
    if not order:
        return {}

    def lines(connection: Mapping[str, Any] | None) -> list[dict[str, Any]]:
        return [
            {
                "id": gid_to_int(node["id"]),
                "quantity": node["quantity"],
                "editable_quantity": node.get("editableQuantity"),
                "sku": text(node.get("sku")),
                "title": node["title"],
                "variant_id": optional_legacy_id(node.get("variant")),
            }
            for node in (connection or {}).get("nodes") or ()
        ]

    return {
        "calculated_order_id": order["id"],
        "line_items": lines(order.get("lineItems")),
        "added_line_items": lines(order.get("addedLineItems")),
        "calculated_line_item_id": added["id"] if added else None,
    }


def order_ref_from(payload: Mapping[str, Any]) -> dict[str, Any]:
    """A payload's ``order {legacyResourceId updatedAt}`` -> ``order_id``, ``updated_at``."""
    order = payload.get("order")
    if not order:
        return {}
    return {
        "order_id": legacy_id(order["legacyResourceId"]),
        "updated_at": timestamp(order["updatedAt"]),
    }


def bulk_operation_from(node: Mapping[str, Any]) -> BulkOperation:
    """A ``BulkOperation`` (``objectCount`` is an UnsignedInt64, sent as a string)."""
    return BulkOperation(
        id=node["id"],
        status=node["status"],
        error_code=text(node.get("errorCode")),
        object_count=int(node.get("objectCount") or 0),
        url=text(node.get("url")),
    )


def shop_locales_from(data: Mapping[str, Any]) -> tuple[str, tuple[str, ...]]:
    """``shopLocales`` -> (the primary locale, every published locale in Shopify's order)."""
    locales = data["shopLocales"] or []
    codes = tuple(str(loc["locale"]) for loc in locales)
    primary = next((str(loc["locale"]) for loc in locales if loc.get("primary")), "en")
    return primary, codes


def shop_policies_from(data: Mapping[str, Any], *, locale: str) -> list[ShopPolicyData]:
    """``shop.shopPolicies`` -> the policies (title and body in ``locale``), untranslated."""
    return [
        ShopPolicyData(
            id=gid_to_int(node["id"]),
            type=node["type"],
            title=text(node.get("title")),
            body=text(node.get("body")),
            url=node["url"],
            updated_at=timestamp(node["updatedAt"]),
            locale=locale,
        )
        for node in data["shop"]["shopPolicies"]
    ]


def shop_policy_translations_from(
    data: Mapping[str, Any], *, locale: str
) -> dict[int, ShopPolicyTranslation]:
    """``shop.shopPolicies[].translations`` -> {policy id: its body in ``locale``}; policies
    without a (non-empty) body translation are left out."""
    found: dict[int, ShopPolicyTranslation] = {}
    for node in data["shop"]["shopPolicies"]:
        for translation in node.get("translations") or ():
            if translation["key"] == "body" and translation.get("value"):
                found[gid_to_int(node["id"])] = ShopPolicyTranslation(
                    locale=text(translation.get("locale")) or locale,
                    body=translation["value"],
                    outdated=bool(translation.get("outdated")),
                )
    return found
