"""The sandbox serves exactly the demo shop (core.demo), re-seeding is idempotent."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from core import demo
from integrations.shopify.sandbox.documents import iso
from integrations.shopify.sandbox.models import (
    SandboxAccessToken,
    SandboxCustomer,
    SandboxOrder,
    SandboxShop,
)
from integrations.shopify.sandbox.seed import (
    SandboxShopSeed,
    sandbox_orders_generate,
    sandbox_shop_seed,
)
from tests.shopify.sandbox.conftest import NOW, SHOP


def _doc(legacy_id: int) -> dict:
    return SandboxOrder.objects.get(legacy_id=legacy_id).document


def test_seed_writes_every_demo_customer_and_order(seeded: SandboxShopSeed) -> None:
    # given: the demo data at NOW
    orders = demo.demo_orders(now=NOW)
    # then: one document per demo order and customer, nothing else
    assert (seeded.orders, seeded.customers, seeded.products) == (
        len(orders),
        len(demo.CUSTOMERS),
        len(demo.PRODUCTS),
    )
    assert sorted(SandboxOrder.objects.values_list("legacy_id", flat=True)) == sorted(
        o.shopify_id for o in orders
    )
    customers = {c.legacy_id: c.document for c in SandboxCustomer.objects.all()}
    for customer in demo.CUSTOMERS:
        doc = customers[customer.shopify_id]
        assert (doc["firstName"], doc["lastName"], doc["email"], doc["phone"], doc["locale"]) == (
            customer.first_name,
            customer.last_name,
            customer.email,
            customer.phone,
            customer.locale,
        )
        assert doc["defaultEmailAddress"]["emailAddress"] == customer.email
        assert doc["defaultPhoneNumber"]["phoneNumber"] == customer.phone


def test_every_order_document_matches_the_demo_order_field_by_field(
    seeded: SandboxShopSeed,
) -> None:
    for order in demo.demo_orders(now=NOW):
        doc = _doc(order.shopify_id)
        assert doc["id"] == f"gid://shopify/Order/{order.shopify_id}"
        assert (doc["name"], doc["number"], doc["email"], doc["phone"]) == (
            order.name,
            order.number,
            order.email,
            order.phone,
        )
        assert (doc["createdAt"], doc["processedAt"], doc["updatedAt"]) == (
            iso(order.created_at),
            iso(order.processed_at),
            iso(order.updated_at),
        )
        assert (doc["cancelledAt"], doc["closedAt"]) == (
            iso(order.cancelled_at),
            iso(order.closed_at),
        )
        assert doc["cancelReason"] == (order.cancel_reason or None)
        assert (
            doc["displayFulfillmentStatus"],
            doc["displayFinancialStatus"],
            doc["returnStatus"],
        ) == (order.display_fulfillment_status, order.display_financial_status, order.return_status)
        assert doc["tags"] == list(order.tags)
        assert doc["statusPageUrl"] == order.status_page_url
        assert Decimal(doc["subtotalPriceSet"]["shopMoney"]["amount"]) == order.subtotal_price
        assert Decimal(doc["totalPriceSet"]["shopMoney"]["amount"]) == order.total_price
        assert Decimal(doc["totalRefundedSet"]["shopMoney"]["amount"]) == order.total_refunded
        assert doc["customer"]["legacyResourceId"] == str(order.customer_id)
        for key in ("address1", "zip", "city", "country", "countryCodeV2"):
            assert doc["shippingAddress"][key] == order.shipping_address[key]
        assert [li["id"] for li in doc["lineItems"]] == [
            f"gid://shopify/LineItem/{li.shopify_id}" for li in order.line_items
        ]
        for li, line in zip(doc["lineItems"], order.line_items, strict=True):
            assert (li["title"], li["variantTitle"], li["sku"]) == (
                line.title,
                line.variant_title,
                line.sku,
            )
            assert (li["quantity"], li["currentQuantity"], li["unfulfilledQuantity"]) == (
                line.quantity,
                line.current_quantity,
                line.unfulfilled_quantity,
            )
            assert li["variant"]["legacyResourceId"] == str(line.variant_id)
            assert {o["name"]: o["value"] for o in li["variant"]["selectedOptions"]} == (
                line.variant_options
            )
            product = li["variant"]["product"]
            assert product["legacyResourceId"] == str(line.product_id)
            assert (product["productType"], product["tags"]) == (
                line.product_type,
                list(line.product_tags),
            )
            assert Decimal(li["originalUnitPriceSet"]["shopMoney"]["amount"]) == line.unit_price
        assert len(doc["fulfillments"]) == len(order.fulfillments)
        for f, fulfillment in zip(doc["fulfillments"], order.fulfillments, strict=True):
            assert f["legacyResourceId"] == str(fulfillment.shopify_id)
            assert (f["status"], f["displayStatus"]) == (
                fulfillment.status,
                fulfillment.display_status,
            )
            assert f["trackingInfo"] == [
                {
                    "company": fulfillment.tracking_company,
                    "number": fulfillment.tracking_number,
                    "url": fulfillment.tracking_url,
                }
            ]
            assert (f["inTransitAt"], f["deliveredAt"], f["updatedAt"]) == (
                iso(fulfillment.in_transit_at),
                iso(fulfillment.delivered_at),
                iso(fulfillment.updated_at),
            )
            assert [(x["lineItemId"], x["quantity"]) for x in f["fulfillmentLineItems"]] == [
                (f"gid://shopify/LineItem/{line_id}", qty)
                for line_id, qty in fulfillment.line_items
            ]


def test_a_partially_fulfilled_order_spot_check(seeded: SandboxShopSeed) -> None:
    # given: julia's order (two items, only the first shipped a day ago)
    order = next(
        o
        for o in demo.demo_orders(now=NOW)
        if demo.DemoCase.PARTIALLY_FULFILLED in o.cases and o.email.startswith("julia")
    )
    doc = _doc(order.shopify_id)
    # then
    assert doc["displayFulfillmentStatus"] == "PARTIALLY_FULFILLED"
    assert [
        (li["sku"], li["unfulfilledQuantity"], li["fulfillmentStatus"]) for li in doc["lineItems"]
    ] == [
        ("NR-39-WHIT", 0, "fulfilled"),
        ("WC-S-CHAR", 1, "unfulfilled"),
    ]
    assert doc["fulfillments"][0]["displayStatus"] == "IN_TRANSIT"
    assert doc["fulfillments"][0]["createdAt"] == iso(NOW - timedelta(days=1))
    assert doc["tags"] == ["pre-order"]


def test_reseeding_is_idempotent_keeps_the_token_and_moves_times(seeded: SandboxShopSeed) -> None:
    # when: seeded again an hour later
    later = NOW + timedelta(hours=1)
    again = sandbox_shop_seed(shop_domain=SHOP, now=later)
    # then: same rows, same token (one seed token stored, hashed), times moved along
    assert again.access_token == seeded.access_token
    assert again.access_token.startswith("shpat_")
    assert SandboxShop.objects.count() == 1
    assert SandboxOrder.objects.count() == seeded.orders
    assert SandboxCustomer.objects.count() == seeded.customers
    tokens = list(SandboxAccessToken.objects.values_list("token_hash", flat=True))
    assert len(tokens) == 1
    assert seeded.access_token not in tokens[0]
    first = demo.demo_orders(now=later)[0]
    assert _doc(first.shopify_id)["createdAt"] == iso(first.created_at)


def test_generated_orders_are_realistic_and_numbered_after_the_demo(
    seeded: SandboxShopSeed,
) -> None:
    # when
    written = sandbox_orders_generate(shop_domain=SHOP, count=300, now=NOW, seed=7)
    # then
    assert written == 300
    numbers = list(SandboxOrder.objects.order_by("number").values_list("number", flat=True))
    assert numbers == list(range(1001, 1001 + seeded.orders + 300))
    generated = [o.document for o in SandboxOrder.objects.filter(number__gt=1000 + seeded.orders)]
    assert {len(d["lineItems"]) for d in generated} == {1, 2, 3, 4}
    statuses = {d["displayFulfillmentStatus"] for d in generated}
    assert statuses == {"FULFILLED", "UNFULFILLED"}
    delivered = [
        f for d in generated for f in d["fulfillments"] if f["displayStatus"] == "DELIVERED"
    ]
    assert delivered and all(f["deliveredAt"] for f in delivered)
    assert all(d["updatedAt"] <= iso(NOW) for d in generated)
