"""Shopify-shaped documents (Admin GraphQL 2026-10 field names) for the sandbox's data.

A document is what the GraphQL API returns for the object, minus the fields that take
arguments or point elsewhere: connections are stored as plain lists (``lineItems``) and a
fulfillment's line items as ``{"id", "quantity", "lineItemId"}``; the resolvers build the
connection and link the line item. Times are UTC ISO-8601 with whole seconds and a ``Z``,
money amounts are strings with two decimals, ids are ``gid://shopify/<Type>/<n>`` with the
number repeated as ``legacyResourceId`` where Shopify has that field.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from core.demo.types import (
    DemoCustomer,
    DemoFulfillment,
    DemoLineItem,
    DemoOrder,
    DemoProduct,
    DemoVariant,
)

Doc = dict[str, Any]

VENDOR = "Noord & Co"


def gid(kind: str, legacy_id: int | str) -> str:
    return f"gid://shopify/{kind}/{legacy_id}"


def gid_parse(value: str, kind: str) -> int:
    """The number in ``gid://shopify/<kind>/<n>`` (query string ignored); 0, which matches
    nothing, for anything else."""
    prefix = f"gid://shopify/{kind}/"
    if not isinstance(value, str) or not value.startswith(prefix):
        return 0
    number = value[len(prefix) :].split("?", 1)[0]
    return int(number) if number.isdigit() else 0


def whole_seconds(value: datetime) -> datetime:
    """Shopify's timestamps have whole seconds; the sandbox stores them the same way."""
    return value.astimezone(UTC).replace(microsecond=0)


def iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return whole_seconds(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(value: str) -> datetime:
    return datetime.fromisoformat(value)


def amount(value: Decimal | int | str) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))


def money(value: Decimal | int | str, currency: str) -> Doc:
    return {"amount": amount(value), "currencyCode": currency}


def money_bag(value: Decimal | int | str, currency: str) -> Doc:
    one = money(value, currency)
    return {"shopMoney": one, "presentmentMoney": dict(one)}


def _handle(title: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in title.lower()).split())


def product_document(product: DemoProduct, *, created: datetime) -> Doc:
    """A product with its variants (a list; ``Product.variants`` pages over it)."""
    doc = product_stub(product, created=created)
    doc["variants"] = [
        variant_document(product, variant, position=i, created=created, with_product=False)
        for i, variant in enumerate(product.variants, start=1)
    ]
    return doc


def product_stub(product: DemoProduct, *, created: datetime) -> Doc:
    return {
        "id": gid("Product", product.shopify_id),
        "legacyResourceId": str(product.shopify_id),
        "title": product.title,
        "handle": _handle(product.title),
        "productType": product.product_type,
        "tags": list(product.tags),
        "vendor": VENDOR,
        "status": "ACTIVE",
        "createdAt": iso(created),
        "updatedAt": iso(created),
        "hasOnlyDefaultVariant": False,
        "isGiftCard": False,
    }


def variant_document(
    product: DemoProduct,
    variant: DemoVariant,
    *,
    position: int,
    created: datetime,
    with_product: bool = True,
) -> Doc:
    doc: Doc = {
        "id": gid("ProductVariant", variant.shopify_id),
        "legacyResourceId": str(variant.shopify_id),
        "title": variant.title,
        "displayName": f"{product.title} - {variant.title}",
        "sku": variant.sku,
        "price": amount(product.price),
        "compareAtPrice": amount(product.compare_at_price) if product.compare_at_price else None,
        "selectedOptions": [{"name": k, "value": v} for k, v in variant.options.items()],
        "availableForSale": True,
        "inventoryQuantity": 25,
        "position": position,
        "taxable": True,
        "barcode": None,
        "createdAt": iso(created),
        "updatedAt": iso(created),
    }
    if with_product:
        doc["product"] = product_stub(product, created=created)
    return doc


def customer_document(
    customer: DemoCustomer,
    *,
    created: datetime,
    updated: datetime,
    orders: int,
    spent: Decimal,
    currency: str,
) -> Doc:
    address = mailing_address(customer.address, owner=f"{customer.shopify_id}?model=Customer")
    return {
        "id": gid("Customer", customer.shopify_id),
        "legacyResourceId": str(customer.shopify_id),
        "firstName": customer.first_name,
        "lastName": customer.last_name,
        "displayName": f"{customer.first_name} {customer.last_name}",
        "email": customer.email,
        "phone": customer.phone,
        "defaultEmailAddress": {
            "emailAddress": customer.email,
            "marketingState": "NOT_SUBSCRIBED",
            "marketingOptInLevel": None,
            "marketingUpdatedAt": None,
            "validFormat": True,
        },
        "defaultPhoneNumber": {
            "phoneNumber": customer.phone,
            "marketingState": "NOT_SUBSCRIBED",
            "marketingOptInLevel": None,
            "marketingUpdatedAt": None,
        },
        "locale": customer.locale,
        "createdAt": iso(created),
        "updatedAt": iso(updated),
        "note": None,
        "tags": [],
        "state": "ENABLED",
        "numberOfOrders": str(orders),
        "amountSpent": money(spent, currency),
        "defaultAddress": address,
        "addresses": [address],
        "verifiedEmail": True,
        "validEmailAddress": True,
        "taxExempt": False,
    }


def mailing_address(fields: dict[str, str], *, owner: str) -> Doc:
    """A MailingAddress from the demo's address dict (MailingAddress field names already)."""
    first, last = fields.get("firstName", ""), fields.get("lastName", "")
    country_code = fields.get("countryCodeV2", "")
    return {
        "id": gid("MailingAddress", owner),
        "firstName": first,
        "lastName": last,
        "name": f"{first} {last}".strip(),
        "company": fields.get("company") or None,
        "address1": fields.get("address1", ""),
        "address2": fields.get("address2") or None,
        "zip": fields.get("zip", ""),
        "city": fields.get("city", ""),
        "province": fields.get("province") or None,
        "provinceCode": fields.get("provinceCode") or None,
        "country": fields.get("country", ""),
        "countryCodeV2": country_code or None,
        "phone": fields.get("phone") or None,
        "formatted": [
            part
            for part in (
                fields.get("address1", ""),
                fields.get("address2", ""),
                f"{fields.get('zip', '')} {fields.get('city', '')}".strip(),
                fields.get("country", ""),
            )
            if part
        ],
        "formattedArea": ", ".join(p for p in (fields.get("city"), fields.get("country")) if p),
        "latitude": None,
        "longitude": None,
        "timeZone": None,
    }


def line_item_document(
    line: DemoLineItem, *, variant: Doc, currency: str, cancelled: bool = False
) -> Doc:
    fulfillable = 0 if cancelled else line.unfulfilled_quantity
    shipped = line.quantity - line.unfulfilled_quantity
    unit = line.unit_price
    return {
        "id": gid("LineItem", line.shopify_id),
        "title": line.title,
        "name": f"{line.title} - {line.variant_title}" if line.variant_title else line.title,
        "quantity": line.quantity,
        "currentQuantity": line.current_quantity,
        "unfulfilledQuantity": line.unfulfilled_quantity,
        "fulfillableQuantity": fulfillable,
        "nonFulfillableQuantity": line.quantity - fulfillable,
        "refundableQuantity": line.current_quantity,
        "fulfillmentStatus": line_fulfillment_status(line.quantity, shipped),
        "sku": line.sku,
        "variantTitle": line.variant_title,
        "vendor": VENDOR,
        "requiresShipping": line.requires_shipping,
        "isGiftCard": False,
        "taxable": True,
        "merchantEditable": True,
        "restockable": True,
        "customAttributes": [],
        # ``product`` is served from the variant (schema.py) so it is stored once.
        "variant": variant,
        "originalUnitPriceSet": money_bag(unit, currency),
        "discountedUnitPriceSet": money_bag(unit, currency),
        "originalTotalSet": money_bag(unit * line.quantity, currency),
        "discountedTotalSet": money_bag(unit * line.quantity, currency),
        "totalDiscountSet": money_bag(0, currency),
    }


def line_fulfillment_status(quantity: int, shipped: int) -> str:
    if shipped <= 0:
        return "unfulfilled"
    return "fulfilled" if shipped >= quantity else "partial"


def fulfillment_document(fulfillment: DemoFulfillment, *, order_name: str, index: int) -> Doc:
    return {
        "id": gid("Fulfillment", fulfillment.shopify_id),
        "legacyResourceId": str(fulfillment.shopify_id),
        "name": f"{order_name}.{index}",
        "status": fulfillment.status,
        "displayStatus": fulfillment.display_status,
        "createdAt": iso(fulfillment.created_at),
        "updatedAt": iso(fulfillment.updated_at),
        "inTransitAt": iso(fulfillment.in_transit_at),
        "deliveredAt": iso(fulfillment.delivered_at),
        "estimatedDeliveryAt": None,
        "requiresShipping": True,
        "trackingInfo": [
            {
                "company": fulfillment.tracking_company,
                "number": fulfillment.tracking_number,
                "url": fulfillment.tracking_url,
            }
        ],
        "totalQuantity": sum(qty for _, qty in fulfillment.line_items),
        "fulfillmentLineItems": [
            {
                "id": gid("FulfillmentLineItem", fulfillment.shopify_id * 100 + k),
                "quantity": qty,
                "lineItemId": gid("LineItem", line_id),
            }
            for k, (line_id, qty) in enumerate(fulfillment.line_items, start=1)
        ],
    }


def order_document(order: DemoOrder, *, customer: Doc | None, variants: dict[int, Doc]) -> Doc:
    """The demo order as Shopify's Order object; ``variants`` maps variant id -> document."""
    cur = order.currency
    cancelled = order.cancelled_at is not None
    lines = [
        line_item_document(li, variant=variants[li.variant_id], currency=cur, cancelled=cancelled)
        for li in order.line_items
    ]
    shipping = order.total_price - order.subtotal_price
    address = mailing_address(order.shipping_address, owner=f"{order.shopify_id}?model=Order")
    current_subtotal = sum(
        (li.unit_price * li.current_quantity for li in order.line_items), Decimal(0)
    )
    doc: Doc = {
        "id": gid("Order", order.shopify_id),
        "legacyResourceId": str(order.shopify_id),
        "name": order.name,
        "number": order.number,
        "email": order.email,
        "phone": order.phone or None,
        "createdAt": iso(order.created_at),
        "processedAt": iso(order.processed_at),
        "updatedAt": iso(order.updated_at),
        "cancelledAt": iso(order.cancelled_at),
        "cancelReason": order.cancel_reason or None,
        "closed": order.closed_at is not None,
        "closedAt": iso(order.closed_at),
        "confirmed": True,
        "test": False,
        "edited": False,
        "displayFinancialStatus": order.display_financial_status,
        "displayFulfillmentStatus": order.display_fulfillment_status,
        "returnStatus": order.return_status,
        "shippingAddress": address,
        "billingAddress": dict(address),
        "displayAddress": dict(address),
        "tags": list(order.tags),
        "note": None,
        "currencyCode": cur,
        "presentmentCurrencyCode": cur,
        "customerLocale": customer["locale"] if customer else None,
        "statusPageUrl": order.status_page_url,
        "customer": customer,
        "lineItems": lines,
        "fulfillments": [
            fulfillment_document(f, order_name=order.name, index=i)
            for i, f in enumerate(order.fulfillments, start=1)
        ],
    }
    money_set(doc, subtotal=order.subtotal_price, shipping=shipping, refunded=order.total_refunded)
    doc["currentSubtotalPriceSet"] = money_bag(current_subtotal, cur)
    doc["currentTotalPriceSet"] = money_bag(
        max(order.total_price - order.total_refunded, Decimal(0)), cur
    )
    flags_refresh(doc)
    return doc


def money_set(doc: Doc, *, subtotal: Decimal, shipping: Decimal, refunded: Decimal) -> None:
    """Write the order's price fields from its subtotal, shipping and refunded amounts."""
    cur = doc["currencyCode"]
    total = subtotal + shipping
    doc["subtotalPrice"] = amount(subtotal)
    doc["totalPrice"] = amount(total)
    doc["totalRefunded"] = amount(refunded)
    doc["subtotalPriceSet"] = money_bag(subtotal, cur)
    doc["totalPriceSet"] = money_bag(total, cur)
    doc["totalRefundedSet"] = money_bag(refunded, cur)
    doc["totalShippingPriceSet"] = money_bag(shipping, cur)
    doc["totalTaxSet"] = money_bag(0, cur)
    doc["totalDiscountsSet"] = money_bag(0, cur)
    doc["currentSubtotalPriceSet"] = money_bag(subtotal, cur)
    doc["currentTotalPriceSet"] = money_bag(max(total - refunded, Decimal(0)), cur)


def flags_refresh(doc: Doc) -> None:
    """Recompute the order's derived flags and counts from its lines and fulfillments."""
    lines = doc["lineItems"]
    cancelled = doc["cancelledAt"] is not None
    doc["subtotalLineItemsQuantity"] = sum(li["quantity"] for li in lines)
    doc["currentSubtotalLineItemsQuantity"] = sum(li["currentQuantity"] for li in lines)
    doc["fulfillable"] = not cancelled and any(li["fulfillableQuantity"] > 0 for li in lines)
    doc["requiresShipping"] = any(li["requiresShipping"] for li in lines)
    doc["fullyPaid"] = doc["displayFinancialStatus"] in ("PAID", "PARTIALLY_REFUNDED", "REFUNDED")
    doc["unpaid"] = doc["displayFinancialStatus"] in ("PENDING", "AUTHORIZED", "EXPIRED")
    doc["refundable"] = not cancelled and doc["displayFinancialStatus"] != "REFUNDED"
    doc["merchantEditable"] = not cancelled and not doc["closed"]
    doc["merchantEditableErrors"] = [] if doc["merchantEditable"] else ["Order is not editable."]
    doc["fulfillmentsCount"] = {"count": len(doc["fulfillments"]), "precision": "EXACT"}
