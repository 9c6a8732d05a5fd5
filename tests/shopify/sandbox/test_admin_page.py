"""The sandbox's orders page: actions change the order and send signed webhooks."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from django.test import Client

from core import demo
from integrations.shopify.sandbox.models import (
    SandboxOrder,
    SandboxWebhookDelivery,
    SandboxWebhookSubscription,
)
from integrations.shopify.sandbox.seed import SandboxShopSeed
from tests.fakes.http_server import Scripted, ScriptedServer
from tests.shopify.sandbox.conftest import NOW, SHOP

PAGE = f"/shopify-sandbox/{SHOP}/admin/orders/"


def _subscribe(seeded: SandboxShopSeed, uri: str, *topics: str) -> None:
    for topic in topics:
        SandboxWebhookSubscription.objects.create(
            shop=seeded.shop,
            topic=topic,
            uri=uri,
            api_version="2026-10",
            created_at=NOW,
            updated_at=NOW,
        )


def _order(case: demo.DemoCase) -> demo.DemoOrder:
    return next(o for o in demo.demo_orders(now=NOW) if case in o.cases)


def test_the_page_lists_orders_newest_first_and_says_it_is_the_sandbox(
    seeded: SandboxShopSeed,
) -> None:
    response = Client().get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Shopify <strong>sandbox</strong>" in page
    by_age = sorted(demo.demo_orders(now=NOW), key=lambda o: o.created_at, reverse=True)
    assert page.index(f"<strong>{by_age[0].name}</strong>") < page.index(
        f"<strong>{by_age[1].name}</strong>"
    )
    assert f"<strong>{by_age[-1].name}</strong>" not in page
    assert "Page 1 of 3" in page


def test_fulfilling_sends_signed_webhooks_to_the_subscriber(
    seeded: SandboxShopSeed, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # given: a loopback subscriber for the fulfilment topics
    order = _order(demo.DemoCase.UNFULFILLED_OUTSIDE_EDIT_WINDOW)
    with ScriptedServer() as server:
        server.enqueue(*[Scripted(status=200) for _ in range(3)])
        _subscribe(
            seeded,
            server.url + "/hook",
            "FULFILLMENTS_CREATE",
            "ORDERS_FULFILLED",
            "ORDERS_UPDATED",
        )
        # when: "Fulfill" is pressed
        with django_capture_on_commit_callbacks(execute=True):
            response = Client().post(PAGE, {"action": "fulfill", "order": order.shopify_id})
        requests = server.requests
    # then: the order is fulfilled and in transit, with tracking
    assert response.status_code == 302
    doc = SandboxOrder.objects.get(legacy_id=order.shopify_id).document
    assert doc["displayFulfillmentStatus"] == "FULFILLED"
    assert doc["fulfillments"][-1]["displayStatus"] == "IN_TRANSIT"
    assert doc["fulfillments"][-1]["trackingInfo"][0]["number"]
    assert doc["updatedAt"] > order.updated_at.isoformat()[:19]
    # and three webhooks arrived, each signed with the app secret, in Shopify's shape
    assert [r.headers["x-shopify-topic"] for r in requests] == [
        "fulfillments/create",
        "orders/fulfilled",
        "orders/updated",
    ]
    for request in requests:
        digest = hmac.new(
            settings.SHOPIFY_API_SECRET.encode(), request.body, hashlib.sha256
        ).digest()
        assert hmac.compare_digest(
            request.headers["x-shopify-hmac-sha256"], base64.b64encode(digest).decode()
        )
        assert request.headers["x-shopify-shop-domain"] == SHOP
        assert request.headers["x-shopify-api-version"] == "2026-10"
        assert request.headers["x-shopify-webhook-id"]
    fulfillment = requests[0].json()
    assert fulfillment["order_id"] == order.shopify_id
    assert fulfillment["shipment_status"] == "in_transit"
    updated = requests[2].json()
    assert (updated["id"], updated["name"], updated["fulfillment_status"]) == (
        order.shopify_id,
        order.name,
        "fulfilled",
    )
    assert updated["admin_graphql_api_id"] == f"gid://shopify/Order/{order.shopify_id}"
    assert updated["line_items"][0]["sku"] == order.line_items[0].sku
    statuses = set(SandboxWebhookDelivery.objects.values_list("status", "response_status"))
    assert statuses == {("delivered", 200)}


def test_deliver_cancel_and_return_actions(
    seeded: SandboxShopSeed, django_capture_on_commit_callbacks: Any
) -> None:
    client = Client()
    in_transit = _order(demo.DemoCase.IN_TRANSIT)
    unfulfilled = _order(demo.DemoCase.UNFULFILLED_IN_EDIT_WINDOW)
    delivered = _order(demo.DemoCase.DELIVERED_IN_RETURN_WINDOW)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PAGE, {"action": "deliver", "order": in_transit.shopify_id})
        client.post(PAGE, {"action": "cancel", "order": unfulfilled.shopify_id})
        client.post(PAGE, {"action": "return", "order": delivered.shopify_id})
        refused = client.post(
            PAGE, {"action": "cancel", "order": in_transit.shopify_id}, follow=True
        )
    docs = {o.legacy_id: o.document for o in SandboxOrder.objects.all()}
    assert docs[in_transit.shopify_id]["fulfillments"][0]["displayStatus"] == "DELIVERED"
    assert docs[in_transit.shopify_id]["fulfillments"][0]["deliveredAt"] is not None
    assert docs[unfulfilled.shopify_id]["cancelledAt"] is not None
    assert docs[delivered.shopify_id]["returnStatus"] == "RETURN_REQUESTED"
    assert "Cannot cancel an order that has fulfilled items" in refused.content.decode()


def test_a_failing_subscriber_is_recorded(
    seeded: SandboxShopSeed, django_capture_on_commit_callbacks: Any
) -> None:
    order = _order(demo.DemoCase.IN_TRANSIT)
    with ScriptedServer() as server:
        server.enqueue(Scripted(status=500))
        _subscribe(seeded, server.url + "/hook", "ORDERS_UPDATED")
        with django_capture_on_commit_callbacks(execute=True):
            Client().post(PAGE, {"action": "deliver", "order": order.shopify_id})
    delivery = SandboxWebhookDelivery.objects.get()
    assert (delivery.status, delivery.response_status, delivery.attempts) == ("failed", 500, 1)
    assert json.loads(delivery.body)["id"] == order.shopify_id
