"""``POST /webhooks/shopify/``: signature, parsing, de-duplication, topics, and processing,
from JSON payload files in tests/fixtures/shopify/webhooks/."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from agent.models import Conversation, Handoff
from core.models import Store
from integrations.shopify.connection import connection_uninstalled
from integrations.shopify.models import (
    Customer,
    Fulfillment,
    LineItem,
    Order,
    PrivacyRequest,
    ShopifyConnection,
    WebhookDelivery,
)
from integrations.shopify.sync import orders_upsert
from integrations.shopify.webhook_services import webhook_process
from tests.factories.integrations import ShopifyConnectionFactory
from tests.fakes.shopify_admin import (
    FakeShopifyAdmin,
    customer_data,
    fulfillment_data,
    line_item_data,
    order_data,
)

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "shopify" / "webhooks"
SECRET = "sandbox-api-secret"
URL = "/webhooks/shopify/"
ORDER_ID = 820982911946154508
LATER = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)


def _body(name: str) -> bytes:
    return (FIXTURES / f"{name}.json").read_bytes()


def _sign(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def _post(
    body: bytes,
    *,
    topic: str,
    shop: str,
    webhook_id: str = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
    signature: str | None = None,
) -> Any:
    headers = {
        "X-Shopify-Topic": topic,
        "X-Shopify-Shop-Domain": shop,
        "X-Shopify-Webhook-Id": webhook_id,
        "X-Shopify-API-Version": "2026-10",
        "X-Shopify-Triggered-At": "2026-03-02T10:00:00.000Z",
    }
    if signature is not None:
        headers["X-Shopify-Hmac-Sha256"] = signature
    return Client().post(URL, data=body, content_type="application/json", headers=headers)


@pytest.fixture
def connection(store: Store) -> ShopifyConnection:
    return ShopifyConnectionFactory.create(store=store)


# --- receiving ---------------------------------------------------------------------------------


def test_a_signed_order_webhook_is_stored_and_its_processing_queued(
    connection: ShopifyConnection, django_capture_on_commit_callbacks: Any
) -> None:
    # given
    body = _body("orders_create")

    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _post(
            body, topic="orders/create", shop=connection.shop_domain, signature=_sign(body)
        )

    # then
    assert (response.status_code, response.content) == (200, b"queued")
    delivery = WebhookDelivery.objects.get()
    assert (delivery.store_id, delivery.topic, delivery.status) == (
        connection.store_id,
        "orders/create",
        WebhookDelivery.Status.QUEUED,
    )
    assert delivery.webhook_id == "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"
    assert delivery.triggered_at == dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
    assert delivery.payload is not None and delivery.payload["id"] == ORDER_ID
    assert len(callbacks) == 1


@pytest.mark.parametrize(
    "signature",
    [None, "", "not-base64", _sign(b"{}"), _sign(_body("orders_create"), secret="another-secret")],
    ids=["missing", "empty", "garbage", "other-body", "other-secret"],
)
def test_a_wrong_or_missing_signature_gets_401_and_nothing_is_stored_or_queued(
    connection: ShopifyConnection, django_capture_on_commit_callbacks: Any, signature: str | None
) -> None:
    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _post(
            _body("orders_create"),
            topic="orders/create",
            shop=connection.shop_domain,
            signature=signature,
        )

    # then
    assert response.status_code == 401
    assert WebhookDelivery.objects.count() == 0
    assert callbacks == []


def test_the_signature_covers_the_raw_bytes_not_the_parsed_json(
    connection: ShopifyConnection,
) -> None:
    # given: the same JSON, re-serialised (different whitespace), keeps the old signature
    body = _body("orders_create")
    reformatted = json.dumps(json.loads(body)).encode()

    # when
    response = _post(
        reformatted, topic="orders/create", shop=connection.shop_domain, signature=_sign(body)
    )

    # then
    assert response.status_code == 401
    assert WebhookDelivery.objects.count() == 0


def test_malformed_json_gets_400(connection: ShopifyConnection) -> None:
    # given
    body = b'{"id": 820982911946154508, '

    # when
    response = _post(
        body, topic="orders/create", shop=connection.shop_domain, signature=_sign(body)
    )

    # then
    assert response.status_code == 400
    assert WebhookDelivery.objects.count() == 0


def test_only_post_is_allowed(connection: ShopifyConnection) -> None:
    assert Client().get(URL).status_code == 405


def test_a_duplicate_webhook_id_gets_200_and_nothing_is_queued_again(
    connection: ShopifyConnection, django_capture_on_commit_callbacks: Any
) -> None:
    # given
    body = _body("orders_create")
    _post(body, topic="orders/create", shop=connection.shop_domain, signature=_sign(body))

    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _post(
            body, topic="orders/create", shop=connection.shop_domain, signature=_sign(body)
        )

    # then
    assert (response.status_code, response.content) == (200, b"duplicate")
    assert WebhookDelivery.objects.count() == 1
    assert callbacks == []


def test_an_unknown_topic_gets_200_and_is_recorded_as_ignored(
    connection: ShopifyConnection, django_capture_on_commit_callbacks: Any
) -> None:
    # given
    body = b'{"id": 632910392, "title": "IPod Nano - 8GB"}'

    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _post(
            body, topic="products/update", shop=connection.shop_domain, signature=_sign(body)
        )

    # then
    assert (response.status_code, response.content) == (200, b"ignored")
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.payload) == (WebhookDelivery.Status.IGNORED, None)
    assert callbacks == []


def test_an_unknown_shop_gets_404_and_nothing_is_stored(connection: ShopifyConnection) -> None:
    # given
    body = _body("orders_create")

    # when
    response = _post(
        body, topic="orders/create", shop="someone-else.myshopify.com", signature=_sign(body)
    )

    # then
    assert response.status_code == 404
    assert WebhookDelivery.objects.count() == 0


def test_a_privacy_webhook_for_an_unknown_shop_gets_200_because_nothing_is_held(
    connection: ShopifyConnection,
) -> None:
    # given
    body = _body("shop_redact")

    # when
    response = _post(
        body, topic="shop/redact", shop="someone-else.myshopify.com", signature=_sign(body)
    )

    # then
    assert response.status_code == 200
    assert WebhookDelivery.objects.count() == 0


# --- processing --------------------------------------------------------------------------------


def _received(connection: ShopifyConnection, name: str, topic: str) -> WebhookDelivery:
    body = _body(name)
    _post(
        body,
        topic=topic,
        shop=connection.shop_domain,
        webhook_id=f"{topic}-1",
        signature=_sign(body),
    )
    return WebhookDelivery.objects.get(topic=topic)


@pytest.mark.parametrize(
    ("name", "topic"),
    [
        ("orders_create", "orders/create"),
        ("orders_create", "orders/updated"),
        ("orders_create", "orders/cancelled"),
        ("orders_create", "orders/fulfilled"),
        ("orders_create", "orders/partially_fulfilled"),
        ("orders_edited", "orders/edited"),
        ("fulfillments_update", "fulfillments/create"),
        ("fulfillments_update", "fulfillments/update"),
    ],
)
def test_order_and_fulfillment_topics_refresh_the_order_through_the_api(
    connection: ShopifyConnection, name: str, topic: str
) -> None:
    # given
    store = connection.store
    delivery = _received(connection, name, topic)
    fake = FakeShopifyAdmin(
        orders=[
            order_data(
                ORDER_ID,
                updated_at=LATER,
                line_items=(line_item_data(11),),
                fulfillments=(fulfillment_data(91, lines=[(11, 1)], updated_at=LATER),),
            )
        ]
    )

    # when
    webhook_process(delivery_id=delivery.pk, client=fake)

    # then
    assert fake.order_gets == [ORDER_ID]
    order = Order.objects.get(store=store, shopify_id=ORDER_ID)
    assert order.display_fulfillment_status == "FULFILLED"
    assert Fulfillment.objects.filter(store=store, order=order).count() == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.payload, delivery.error) == (
        WebhookDelivery.Status.PROCESSED,
        None,
        "",
    )
    assert delivery.processed_at is not None


def test_processing_twice_does_nothing_the_second_time(connection: ShopifyConnection) -> None:
    # given
    delivery = _received(connection, "orders_create", "orders/create")
    fake = FakeShopifyAdmin(orders=[order_data(ORDER_ID, updated_at=LATER)])
    webhook_process(delivery_id=delivery.pk, client=fake)

    # when
    webhook_process(delivery_id=delivery.pk, client=fake)

    # then
    assert fake.order_gets == [ORDER_ID]


def test_a_late_order_delivery_never_overwrites_a_newer_mirror_row(
    connection: ShopifyConnection,
) -> None:
    # given: the mirror already has a newer version than Shopify now reports
    store = connection.store
    orders_upsert(
        store=store,
        orders=[order_data(ORDER_ID, updated_at=LATER, display_financial_status="REFUNDED")],
    )
    delivery = _received(connection, "orders_create", "orders/updated")
    fake = FakeShopifyAdmin(orders=[order_data(ORDER_ID, updated_at=LATER - dt.timedelta(hours=1))])

    # when
    webhook_process(delivery_id=delivery.pk, client=fake)

    # then
    assert (
        Order.objects.get(store=store, shopify_id=ORDER_ID).display_financial_status == "REFUNDED"
    )


def test_customer_update_upserts_from_the_payload_and_ignores_an_older_one(
    connection: ShopifyConnection,
) -> None:
    # given
    store = connection.store
    delivery = _received(connection, "customers_update", "customers/update")

    # when
    webhook_process(delivery_id=delivery.pk)

    # then
    customer = Customer.objects.get(store=store, shopify_id=706405506930370084)
    assert (customer.email, customer.first_name, customer.last_name, customer.phone) == (
        "bob@biller.com",
        "Bob",
        "Biller",
        "",
    )
    assert customer.shop_updated_at == dt.datetime(2022, 1, 1, 0, 0, tzinfo=dt.UTC)

    # given: a newer version arrived meanwhile; the same (older) payload is delivered again
    Customer.objects.filter(pk=customer.pk).update(first_name="Robert", shop_updated_at=LATER)
    body = _body("customers_update")
    _post(
        body,
        topic="customers/update",
        shop=connection.shop_domain,
        webhook_id="second",
        signature=_sign(body),
    )

    # when
    webhook_process(delivery_id=WebhookDelivery.objects.get(webhook_id="second").pk)

    # then
    assert Customer.objects.get(pk=customer.pk).first_name == "Robert"


def test_app_uninstalled_wipes_the_token_and_marks_the_connection(
    connection: ShopifyConnection,
) -> None:
    # given
    delivery = _received(connection, "app_uninstalled", "app/uninstalled")

    # when
    webhook_process(delivery_id=delivery.pk)

    # then
    connection.refresh_from_db()
    assert (connection.status, connection.access_token) == (
        ShopifyConnection.Status.UNINSTALLED,
        "",
    )
    assert connection.last_error == (
        "The app was uninstalled from the Shopify shop. Install it again to reconnect."
    )


def test_an_order_webhook_after_uninstall_fails_in_words_without_calling_shopify(
    connection: ShopifyConnection,
) -> None:
    # given
    connection_uninstalled(store=connection.store)
    delivery = _received(connection, "orders_create", "orders/create")
    fake = FakeShopifyAdmin()

    # when
    webhook_process(delivery_id=delivery.pk, client=fake)

    # then
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert "Install it again" in delivery.error
    assert fake.order_gets == []


# --- privacy topics ----------------------------------------------------------------------------


def _shopper_with_history(store: Store) -> tuple[Customer, list[int]]:
    """Customer 191167 with two listed orders and one unlisted, a conversation and a handoff."""
    john = customer_data(191167, email="john@example.com", phone="555-625-1199")
    orders_upsert(
        store=store,
        orders=[
            order_data(
                299938, customer=john, fulfillments=(fulfillment_data(1, lines=[(2999381, 1)]),)
            ),
            order_data(280263, customer=john),
            order_data(123, customer=john),
            order_data(777, customer=customer_data(888)),
        ],
    )
    customer = Customer.objects.get(store=store, shopify_id=191167)
    conversation = Conversation.objects.create(
        store=store, channel="webchat", language="en", contact="John@Example.com", customer=customer
    )
    Conversation.objects.create(store=store, channel="sms", language="en", contact="555-625-1199")
    Handoff.objects.create(
        store=store,
        conversation=conversation,
        reason="Damaged item",
        shopper_name="John Smith",
        shopper_email="john@example.com",
        transcript=[{"from": "shopper", "text": "My order 299938 arrived broken"}],
    )
    return customer, [299938, 280263]


def test_customers_redact_really_deletes_the_shoppers_data(connection: ShopifyConnection) -> None:
    # given
    store = connection.store
    _shopper_with_history(store)
    other = Conversation.objects.create(
        store=store, channel="webchat", language="en", contact="else@example.com"
    )
    delivery = _received(connection, "customers_redact", "customers/redact")

    # when
    webhook_process(delivery_id=delivery.pk)

    # then
    assert not Customer.objects.filter(store=store, shopify_id=191167).exists()
    assert sorted(Order.objects.filter(store=store).values_list("shopify_id", flat=True)) == [
        123,
        777,
    ]
    assert Order.objects.get(store=store, shopify_id=123).customer is None
    assert not LineItem.objects.filter(store=store, order__shopify_id__in=[299938, 280263]).exists()
    assert Fulfillment.objects.filter(store=store).count() == 0
    assert list(
        Conversation.objects.exclude(pk=other.pk).values_list("contact", "customer", "state")
    ) == [
        ("", None, {}),
        ("", None, {}),
    ]
    assert Conversation.objects.get(pk=other.pk).contact == "else@example.com"
    handoff = Handoff.objects.get()
    assert (handoff.shopper_name, handoff.shopper_email, handoff.transcript) == ("", "", [])
    record = PrivacyRequest.objects.get()
    assert (record.topic, record.shopify_customer_id, record.export) == (
        "customers/redact",
        191167,
        None,
    )
    assert record.summary == {"agent": 3, "orders": 2, "customers": 1, "orders_listed": 3}


def test_customers_data_request_records_everything_held_about_the_shopper(
    connection: ShopifyConnection,
) -> None:
    # given
    store = connection.store
    _shopper_with_history(store)
    delivery = _received(connection, "customers_data_request", "customers/data_request")

    # when
    webhook_process(delivery_id=delivery.pk)

    # then
    record = PrivacyRequest.objects.get()
    assert (record.topic, record.shopify_customer_id, record.shopify_request_id) == (
        "customers/data_request",
        191167,
        9999,
    )
    export = record.export
    assert export is not None
    assert [c["email"] for c in export["customer"]] == ["john@example.com"]
    assert sorted(o["id"] for o in export["orders"]) == [123, 280263, 299938]
    assert len(export["agent"]["conversations"]) == 2
    assert export["agent"]["handoffs"][0]["shopper_name"] == "John Smith"
    assert record.summary == {
        "customer": 1,
        "orders": 3,
        "agent": {"conversations": 2, "handoffs": 1},
    }
    assert Customer.objects.filter(store=store, shopify_id=191167).exists()


def test_shop_redact_deletes_all_of_the_stores_mirrored_data_only(
    connection: ShopifyConnection, other_store: Store
) -> None:
    # given
    store = connection.store
    _shopper_with_history(store)
    orders_upsert(store=other_store, orders=[order_data(1)])
    delivery = _received(connection, "shop_redact", "shop/redact")

    # when
    webhook_process(delivery_id=delivery.pk)

    # then
    for model in (Customer, Order, LineItem, Fulfillment):
        assert model._default_manager.filter(store=store).count() == 0
    assert Order.objects.filter(store=other_store).count() == 1
    assert PrivacyRequest.objects.get().summary == {"orders": 4, "customers": 2}
