"""ShopifyClient mutations over loopback HTTP: the variables sent, userErrors as UserError, and
the data each result carries."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from integrations.shopify.client import ShopifyClient
from integrations.shopify.datatypes import MutationResult, UserError
from integrations.shopify.errors import ShopifyQueryError
from integrations.transport import Backoff
from tests.fakes.http_server import ScriptedServer
from tests.fakes.shopify_responses import API_PATH, ok

CALCULATED_ORDER = {
    "id": "gid://shopify/CalculatedOrder/3001",
    "lineItems": {
        "nodes": [
            {
                "id": "gid://shopify/CalculatedLineItem/9001",
                "quantity": 2,
                "editableQuantity": 2,
                "sku": "LS-BLU-M",
                "title": "Linen shirt",
                "variant": {"legacyResourceId": "8001"},
            }
        ]
    },
    "addedLineItems": {"nodes": []},
}


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as running:
        yield running


@pytest.fixture
def client(server: ScriptedServer) -> Iterator[ShopifyClient]:
    with ShopifyClient(
        endpoint=server.url + API_PATH,
        access_token="shpat_test_token",
        sleep=lambda seconds: None,
        backoff=Backoff(jitter=0.0),
    ) as shopify:
        yield shopify


def test_webhook_subscription_create_sends_topic_and_uri(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    # given
    server.enqueue(
        ok(
            {
                "webhookSubscriptionCreate": {
                    "webhookSubscription": {
                        "legacyResourceId": "21",
                        "topic": "ORDERS_UPDATED",
                        "uri": "https://app.example/webhooks/shopify/",
                    },
                    "userErrors": [],
                }
            }
        )
    )

    # when
    result = client.webhook_subscription_create(
        topic="ORDERS_UPDATED", uri="https://app.example/webhooks/shopify/"
    )

    # then
    assert result == MutationResult(
        user_errors=(),
        data={"id": 21, "topic": "ORDERS_UPDATED", "uri": "https://app.example/webhooks/shopify/"},
    )
    assert result.ok is True
    assert server.requests[0].json()["variables"] == {
        "topic": "ORDERS_UPDATED",
        "webhookSubscription": {"uri": "https://app.example/webhooks/shopify/", "format": "JSON"},
    }


def test_user_errors_come_back_as_user_error_values(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    # given Shopify refuses the subscription as a business error (HTTP 200)
    server.enqueue(
        ok(
            {
                "webhookSubscriptionCreate": {
                    "webhookSubscription": None,
                    "userErrors": [
                        {
                            "field": ["webhookSubscription", "callbackUrl"],
                            "message": "Address for this topic has already been taken",
                        }
                    ],
                }
            }
        )
    )

    # when
    result = client.webhook_subscription_create(topic="ORDERS_UPDATED", uri="https://a/")

    # then
    assert result == MutationResult(
        user_errors=(
            UserError(
                field=("webhookSubscription", "callbackUrl"),
                message="Address for this topic has already been taken",
            ),
        ),
        data={},
    )
    assert result.ok is False


def test_an_order_edit_session_begins_changes_and_commits(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    # given Shopify's answers to begin, set quantity, add variant and commit
    added = {"id": "gid://shopify/CalculatedLineItem/77", "quantity": 1}
    server.enqueue(
        ok(
            {
                "orderEditBegin": {
                    "calculatedOrder": CALCULATED_ORDER,
                    "orderEditSession": {"id": "gid://shopify/OrderEditSession/3001"},
                    "userErrors": [],
                }
            }
        ),
        ok(
            {
                "orderEditSetQuantity": {
                    "calculatedOrder": CALCULATED_ORDER,
                    "calculatedLineItem": {
                        "id": "gid://shopify/CalculatedLineItem/9001",
                        "quantity": 1,
                    },
                    "userErrors": [],
                }
            }
        ),
        ok(
            {
                "orderEditAddVariant": {
                    "calculatedOrder": CALCULATED_ORDER,
                    "calculatedLineItem": added,
                    "userErrors": [],
                }
            }
        ),
        ok(
            {
                "orderEditCommit": {
                    "order": {"legacyResourceId": "5001", "updatedAt": "2026-10-04T10:00:00Z"},
                    "userErrors": [],
                }
            }
        ),
    )

    # when
    begun = client.order_edit_begin(order_id=5001)
    calculated = str(begun.data["calculated_order_id"])
    client.order_edit_set_quantity(calculated_order_id=calculated, line_item_id=9001, quantity=1)
    swapped = client.order_edit_add_variant(
        calculated_order_id=calculated, variant_id=8002, quantity=1
    )
    committed = client.order_edit_commit(calculated_order_id=calculated, notify_customer=False)

    # then
    assert begun.data == {
        "calculated_order_id": "gid://shopify/CalculatedOrder/3001",
        "line_items": [
            {
                "id": 9001,
                "quantity": 2,
                "editable_quantity": 2,
                "sku": "LS-BLU-M",
                "title": "Linen shirt",
                "variant_id": 8001,
            }
        ],
        "added_line_items": [],
        "calculated_line_item_id": None,
    }
    assert swapped.data["calculated_line_item_id"] == "gid://shopify/CalculatedLineItem/77"
    assert committed == MutationResult(
        data={"order_id": 5001, "updated_at": datetime(2026, 10, 4, 10, 0, tzinfo=UTC)}
    )
    assert [r.json()["variables"] for r in server.requests] == [
        {"id": "gid://shopify/Order/5001"},
        {
            "id": "gid://shopify/CalculatedOrder/3001",
            "lineItemId": "gid://shopify/CalculatedLineItem/9001",
            "quantity": 1,
            "restock": True,
        },
        {
            "id": "gid://shopify/CalculatedOrder/3001",
            "variantId": "gid://shopify/ProductVariant/8002",
            "quantity": 1,
            "allowDuplicates": False,
        },
        {"id": "gid://shopify/CalculatedOrder/3001", "notifyCustomer": False, "staffNote": None},
    ]


def test_order_edit_user_errors_are_reported(server: ScriptedServer, client: ShopifyClient) -> None:
    server.enqueue(
        ok(
            {
                "orderEditBegin": {
                    "calculatedOrder": None,
                    "orderEditSession": None,
                    "userErrors": [{"field": ["id"], "message": "The order cannot be edited."}],
                }
            }
        )
    )

    result = client.order_edit_begin(order_id=5001)

    assert result == MutationResult(
        user_errors=(UserError(field=("id",), message="The order cannot be edited."),), data={}
    )


def test_order_update_sends_a_mailing_address_input(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    # given an address as the mirror stores it (MailingAddress names)
    new_address = {
        "firstName": "Sanne",
        "lastName": "de Vries",
        "address1": "Keizersgracht 1",
        "address2": "",
        "zip": "1015 CC",
        "city": "Amsterdam",
        "country": "Netherlands",
        "countryCodeV2": "NL",
        "phone": "+31612345678",
    }
    stored = {**new_address, "company": None, "province": None, "provinceCode": None}
    server.enqueue(
        ok(
            {
                "orderUpdate": {
                    "order": {
                        "legacyResourceId": "5001",
                        "updatedAt": "2026-10-04T11:00:00Z",
                        "shippingAddress": stored,
                    },
                    "userErrors": [],
                }
            }
        )
    )

    # when
    result = client.order_update_shipping_address(order_id=5001, address=new_address)

    # then only MailingAddressInput fields were sent, the country as countryCode
    assert server.requests[0].json()["variables"] == {
        "input": {
            "id": "gid://shopify/Order/5001",
            "shippingAddress": {
                "firstName": "Sanne",
                "lastName": "de Vries",
                "address1": "Keizersgracht 1",
                "address2": "",
                "zip": "1015 CC",
                "city": "Amsterdam",
                "countryCode": "NL",
                "phone": "+31612345678",
            },
        }
    }
    assert result == MutationResult(
        data={
            "order_id": 5001,
            "updated_at": datetime(2026, 10, 4, 11, 0, tzinfo=UTC),
            "shipping_address": stored,
        }
    )


def test_order_cancel_starts_a_job(server: ScriptedServer, client: ShopifyClient) -> None:
    server.enqueue(
        ok(
            {
                "orderCancel": {
                    "job": {"id": "gid://shopify/Job/abc-123", "done": False},
                    "orderCancelUserErrors": [],
                }
            }
        )
    )

    result = client.order_cancel(order_id=5001, reason="CUSTOMER", staff_note="Asked in chat")

    assert result == MutationResult(data={"job_id": "gid://shopify/Job/abc-123", "job_done": False})
    assert server.requests[0].json()["variables"] == {
        "orderId": "gid://shopify/Order/5001",
        "reason": "CUSTOMER",
        "restock": True,
        "notifyCustomer": True,
        "refundMethod": {"originalPaymentMethodsRefund": True},
        "staffNote": "Asked in chat",
    }


def test_order_cancel_user_errors_keep_their_code(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    server.enqueue(
        ok(
            {
                "orderCancel": {
                    "job": None,
                    "orderCancelUserErrors": [
                        {
                            "field": ["orderId"],
                            "message": "Cannot cancel an order that has already been cancelled",
                            "code": "INVALID",
                        }
                    ],
                }
            }
        )
    )

    result = client.order_cancel(order_id=5001)

    assert result.user_errors == (
        UserError(
            field=("orderId",),
            message="Cannot cancel an order that has already been cancelled",
            code="INVALID",
        ),
    )
    assert result.ok is False


def test_a_mutation_without_payload_raises_query_error(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    server.enqueue(ok({"orderEditCommit": None}))

    with pytest.raises(ShopifyQueryError):
        client.order_edit_commit(calculated_order_id="gid://shopify/CalculatedOrder/1")
