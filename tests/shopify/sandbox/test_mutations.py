"""Order edits, address update, cancel and webhook subscriptions, with Shopify's userErrors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core import demo
from core.demo.catalog import variant_by_sku
from integrations.shopify.sandbox.models import (
    SandboxOrder,
    SandboxWebhookDelivery,
    SandboxWebhookSubscription,
)
from integrations.shopify.sandbox.seed import SandboxShopSeed
from tests.shopify.sandbox.conftest import NOW

Gql = Callable[..., tuple[int, dict[str, Any]]]

BEGIN = """mutation B($id: ID!) { orderEditBegin(id: $id) {
  calculatedOrder { id lineItems(first: 10) { nodes { id quantity editableQuantity sku } } }
  userErrors { field message } } }"""
SET_QUANTITY = """mutation S($id: ID!, $line: ID!, $q: Int!) {
  orderEditSetQuantity(id: $id, lineItemId: $line, quantity: $q) {
    calculatedLineItem { id quantity } userErrors { field message } } }"""
ADD_VARIANT = """mutation A($id: ID!, $v: ID!, $q: Int!) {
  orderEditAddVariant(id: $id, variantId: $v, quantity: $q) {
    calculatedLineItem { id quantity sku }
    calculatedOrder { addedLineItems(first: 5) { nodes { sku quantity } } }
    userErrors { field message } } }"""
COMMIT = """mutation C($id: ID!) { orderEditCommit(id: $id, notifyCustomer: false) {
  order { legacyResourceId updatedAt edited lineItems(first: 10) { nodes { sku currentQuantity } } }
  userErrors { field message } } }"""
CANCEL = """mutation X($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: true,
  refundMethod: {originalPaymentMethodsRefund: true}) {
  job { done } orderCancelUserErrors { field message code } } }"""
SUBSCRIBE = """mutation W($topic: WebhookSubscriptionTopic!, $uri: String!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: {uri: $uri, format: JSON}) {
    webhookSubscription { id topic uri format } userErrors { field message } } }"""


def _order(case: demo.DemoCase) -> demo.DemoOrder:
    return next(o for o in demo.demo_orders(now=NOW) if case in o.cases)


def _gid(order: demo.DemoOrder) -> str:
    return f"gid://shopify/Order/{order.shopify_id}"


@pytest.fixture
def subscribed(seeded: SandboxShopSeed) -> None:
    for topic in ("ORDERS_UPDATED", "ORDERS_EDITED", "ORDERS_CANCELLED"):
        SandboxWebhookSubscription.objects.create(
            shop=seeded.shop,
            topic=topic,
            uri="http://127.0.0.1:9/webhooks/shopify/",
            api_version="2026-10",
            created_at=NOW,
            updated_at=NOW,
        )


def test_an_order_edit_changes_quantity_adds_a_variant_and_commits(
    gql: Gql, subscribed: None
) -> None:
    # given: an unfulfilled order with two lines (NR-43-WHIT ×1, OB-M-BLAC ×2)
    order = next(
        o for o in demo.demo_orders(now=NOW) if o.email.startswith("oliver") and not o.fulfillments
    )
    begun = gql(BEGIN, {"id": _gid(order)})[1]["data"]["orderEditBegin"]
    calculated = begun["calculatedOrder"]
    assert begun["userErrors"] == []
    assert [
        (n["sku"], n["quantity"], n["editableQuantity"]) for n in calculated["lineItems"]["nodes"]
    ] == [
        ("NR-43-WHIT", 1, 1),
        ("OB-M-BLAC", 2, 2),
    ]
    second = calculated["lineItems"]["nodes"][1]["id"]
    # when: the T-shirt goes to 1, a size-44 sneaker is added, the old sneaker removed
    set_qty = gql(SET_QUANTITY, {"id": calculated["id"], "line": second, "q": 1})[1]
    assert set_qty["data"]["orderEditSetQuantity"] == {
        "calculatedLineItem": {"id": second, "quantity": 1},
        "userErrors": [],
    }
    _, variant = variant_by_sku("NR-44-WHIT")
    added = gql(
        ADD_VARIANT,
        {"id": calculated["id"], "v": f"gid://shopify/ProductVariant/{variant.shopify_id}", "q": 1},
    )[1]
    payload = added["data"]["orderEditAddVariant"]
    assert payload["userErrors"] == []
    assert payload["calculatedOrder"]["addedLineItems"]["nodes"] == [
        {"sku": "NR-44-WHIT", "quantity": 1}
    ]
    first = calculated["lineItems"]["nodes"][0]["id"]
    gql(SET_QUANTITY, {"id": calculated["id"], "line": first, "q": 0})
    committed = gql(COMMIT, {"id": calculated["id"]})[1]["data"]["orderEditCommit"]
    # then: the order has the new lines, is marked edited and updated, webhooks are queued
    assert committed["userErrors"] == []
    assert committed["order"]["edited"] is True
    assert committed["order"]["lineItems"]["nodes"] == [
        {"sku": "NR-43-WHIT", "currentQuantity": 0},
        {"sku": "OB-M-BLAC", "currentQuantity": 1},
        {"sku": "NR-44-WHIT", "currentQuantity": 1},
    ]
    row = SandboxOrder.objects.get(legacy_id=order.shopify_id)
    assert row.updated_at > order.updated_at
    assert committed["order"]["updatedAt"] == row.document["updatedAt"]
    topics = sorted(SandboxWebhookDelivery.objects.values_list("topic", flat=True))
    assert topics == ["orders/edited", "orders/updated"]
    # and a committed session cannot be committed again
    again = gql(COMMIT, {"id": calculated["id"]})[1]["data"]["orderEditCommit"]
    assert again["userErrors"] == [
        {"field": ["id"], "message": "The order edit has already been committed."}
    ]


def test_a_fulfilled_line_item_cannot_be_edited(gql: Gql) -> None:
    order = _order(demo.DemoCase.PARTIALLY_FULFILLED)
    calculated = gql(BEGIN, {"id": _gid(order)})[1]["data"]["orderEditBegin"]["calculatedOrder"]
    shipped = next(n for n in calculated["lineItems"]["nodes"] if n["editableQuantity"] == 0)
    answer = gql(SET_QUANTITY, {"id": calculated["id"], "line": shipped["id"], "q": 0})[1]
    assert answer["data"]["orderEditSetQuantity"] == {
        "calculatedLineItem": None,
        "userErrors": [
            {
                "field": ["lineItemId"],
                "message": "The line item has been fulfilled and can't be edited.",
            }
        ],
    }


def test_unknown_order_and_variant_are_user_errors(gql: Gql) -> None:
    begun = gql(BEGIN, {"id": "gid://shopify/Order/42"})[1]["data"]["orderEditBegin"]
    assert begun == {
        "calculatedOrder": None,
        "userErrors": [{"field": ["id"], "message": "The order does not exist."}],
    }
    order = _order(demo.DemoCase.UNFULFILLED_IN_EDIT_WINDOW)
    calc = gql(BEGIN, {"id": _gid(order)})[1]["data"]["orderEditBegin"]["calculatedOrder"]
    added = gql(ADD_VARIANT, {"id": calc["id"], "v": "gid://shopify/ProductVariant/1", "q": 1})[1]
    assert added["data"]["orderEditAddVariant"]["userErrors"] == [
        {"field": ["variantId"], "message": "The variant does not exist."}
    ]


def test_order_update_changes_the_shipping_address(gql: Gql, subscribed: None) -> None:
    order = _order(demo.DemoCase.UNFULFILLED_IN_EDIT_WINDOW)
    query = """mutation U($input: OrderInput!) { orderUpdate(input: $input) {
      order { shippingAddress { address1 zip city countryCodeV2 } }
      userErrors { field message } } }"""
    new = {
        "address1": "Keizersgracht 1",
        "zip": "1015 CC",
        "city": "Amsterdam",
        "countryCode": "NL",
    }
    answer = gql(query, {"input": {"id": _gid(order), "shippingAddress": new}})[1]
    assert answer["data"]["orderUpdate"] == {
        "order": {
            "shippingAddress": {
                "address1": "Keizersgracht 1",
                "zip": "1015 CC",
                "city": "Amsterdam",
                "countryCodeV2": "NL",
            }
        },
        "userErrors": [],
    }
    assert list(SandboxWebhookDelivery.objects.values_list("topic", flat=True)) == [
        "orders/updated"
    ]


def test_cancel_an_unfulfilled_order_and_refuse_a_fulfilled_one(gql: Gql, subscribed: None) -> None:
    # given
    open_order = _order(demo.DemoCase.UNFULFILLED_OUTSIDE_EDIT_WINDOW)
    shipped = _order(demo.DemoCase.IN_TRANSIT)
    # when
    ok = gql(CANCEL, {"id": _gid(open_order)})[1]["data"]["orderCancel"]
    refused = gql(CANCEL, {"id": _gid(shipped)})[1]["data"]["orderCancel"]
    # then
    assert ok == {"job": {"done": True}, "orderCancelUserErrors": []}
    doc = SandboxOrder.objects.get(legacy_id=open_order.shopify_id).document
    assert doc["cancelReason"] == "CUSTOMER"
    assert doc["displayFinancialStatus"] == "REFUNDED"
    assert doc["cancelledAt"] is not None
    assert refused == {
        "job": None,
        "orderCancelUserErrors": [
            {
                "field": ["orderId"],
                "message": "Cannot cancel an order that has fulfilled items",
                "code": "INVALID",
            }
        ],
    }
    assert sorted(SandboxWebhookDelivery.objects.values_list("topic", flat=True)) == [
        "orders/cancelled",
        "orders/updated",
    ]


def test_webhook_subscriptions_create_list_and_delete(gql: Gql) -> None:
    uri = "https://app.example/webhooks/shopify/"
    created = gql(SUBSCRIBE, {"topic": "ORDERS_UPDATED", "uri": uri})[1]["data"]
    subscription = created["webhookSubscriptionCreate"]["webhookSubscription"]
    assert (subscription["topic"], subscription["uri"], subscription["format"]) == (
        "ORDERS_UPDATED",
        uri,
        "JSON",
    )
    duplicate = gql(SUBSCRIBE, {"topic": "ORDERS_UPDATED", "uri": uri})[1]["data"]
    assert duplicate["webhookSubscriptionCreate"] == {
        "webhookSubscription": None,
        "userErrors": [
            {
                "field": ["webhookSubscription", "uri"],
                "message": "Address for this topic has already been taken",
            }
        ],
    }
    listed = gql("{ webhookSubscriptions(first: 10) { nodes { id topic } } }")[1]["data"]
    assert listed["webhookSubscriptions"]["nodes"] == [
        {"id": subscription["id"], "topic": "ORDERS_UPDATED"}
    ]
    delete = """mutation D($id: ID!) { webhookSubscriptionDelete(id: $id) {
      deletedWebhookSubscriptionId userErrors { message } } }"""
    assert gql(delete, {"id": subscription["id"]})[1]["data"]["webhookSubscriptionDelete"] == {
        "deletedWebhookSubscriptionId": subscription["id"],
        "userErrors": [],
    }
    assert gql(delete, {"id": subscription["id"]})[1]["data"]["webhookSubscriptionDelete"] == {
        "deletedWebhookSubscriptionId": None,
        "userErrors": [{"message": "Webhook subscription does not exist"}],
    }


def test_a_mutation_costs_ten(gql: Gql) -> None:
    order = _order(demo.DemoCase.UNFULFILLED_IN_EDIT_WINDOW)
    cost = gql(BEGIN, {"id": _gid(order)})[1]["extensions"]["cost"]
    assert (cost["requestedQueryCost"], cost["actualQueryCost"]) == (10, 10)
