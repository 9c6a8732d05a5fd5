"""ShopifyClient reads over loopback HTTP: exact dataclasses from Shopify-shaped JSON, cursor
pagination, filters, and the factory that builds the client from a store's connection."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from pytest_django.fixtures import Settings

from integrations.shopify import queries
from integrations.shopify.client import ShopifyClient, shopify_client
from integrations.shopify.datatypes import (
    CustomerData,
    FulfillmentData,
    FulfillmentLineItemData,
    LineItemData,
    OrderData,
    Page,
    ShopInfo,
    WebhookSubscriptionData,
)
from integrations.shopify.errors import ShopifyError
from integrations.shopify.models import ShopifyConnection
from integrations.transport import Backoff
from tests.factories.core import StoreFactory
from tests.fakes.http_server import ScriptedServer
from tests.fakes.shopify_responses import (
    API_PATH,
    CUSTOMER_NODE,
    ORDER_NODE,
    ok,
    order_node,
    orders_page,
)


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


EXPECTED_ORDER = OrderData(
    id=5001,
    name="#1001",
    number=1001,
    email="sanne.devries@example.com",
    phone="",
    created_at=datetime(2026, 10, 1, 9, 30, tzinfo=UTC),
    processed_at=datetime(2026, 10, 1, 9, 30, 5, tzinfo=UTC),
    updated_at=datetime(2026, 10, 3, 14, 0, tzinfo=UTC),
    cancelled_at=None,
    cancel_reason="",
    closed_at=None,
    display_fulfillment_status="PARTIALLY_FULFILLED",
    display_financial_status="PAID",
    return_status="NO_RETURN",
    shipping_address={
        "firstName": "Sanne",
        "lastName": "de Vries",
        "company": None,
        "address1": "Prinsengracht 263",
        "address2": "",
        "zip": "1016 GV",
        "city": "Amsterdam",
        "province": None,
        "provinceCode": None,
        "country": "Netherlands",
        "countryCodeV2": "NL",
        "phone": "+31612345678",
    },
    tags=("vip", "wholesale"),
    currency="EUR",
    subtotal_price=Decimal("119.90"),
    total_price=Decimal("124.85"),
    total_refunded=Decimal("0.0"),
    status_page_url="https://noord-demo.myshopify.com/12345/orders/abc123/authenticate?key=k",
    customer=CustomerData(
        id=7001,
        email="sanne.devries@example.com",
        phone="+31612345678",
        first_name="Sanne",
        last_name="de Vries",
        locale="nl",
        updated_at=datetime(2026, 10, 2, 8, 0, tzinfo=UTC),
    ),
    line_items=(
        LineItemData(
            id=9001,
            title="Linen shirt",
            variant_id=8001,
            variant_title="Blue / M",
            variant_options={"Colour": "Blue", "Size": "M"},
            sku="LS-BLU-M",
            product_id=6001,
            product_type="Shirts",
            product_tags=("linen", "summer"),
            quantity=2,
            current_quantity=2,
            unfulfilled_quantity=1,
            unit_price=Decimal("49.95"),
            requires_shipping=True,
        ),
        LineItemData(
            id=9002,
            title="Gift card",
            variant_id=None,
            variant_title="",
            variant_options={},
            sku="",
            product_id=None,
            product_type="",
            product_tags=(),
            quantity=1,
            current_quantity=1,
            unfulfilled_quantity=0,
            unit_price=Decimal("20.00"),
            requires_shipping=False,
        ),
    ),
    fulfillments=(
        FulfillmentData(
            id=4001,
            status="SUCCESS",
            display_status="IN_TRANSIT",
            tracking_company="PostNL",
            tracking_number="3SABCD1234567",
            tracking_url="https://postnl.nl/tracktrace/?B=3SABCD1234567",
            created_at=datetime(2026, 10, 2, 10, 0, tzinfo=UTC),
            updated_at=datetime(2026, 10, 2, 16, 0, tzinfo=timezone(timedelta(hours=2))),
            in_transit_at=datetime(2026, 10, 2, 12, 0, tzinfo=UTC),
            delivered_at=None,
            line_items=(
                FulfillmentLineItemData(line_item_id=9001, quantity=1),
                FulfillmentLineItemData(line_item_id=9002, quantity=1),
            ),
        ),
    ),
)


def test_order_get_parses_every_field_into_the_dataclass(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    # given Shopify's answer for one order
    server.enqueue(ok({"order": ORDER_NODE}))

    # when
    order = client.order_get(order_id=5001)

    # then the dataclass holds exactly Shopify's values, with ints, aware datetimes, Decimals
    assert order == EXPECTED_ORDER
    assert server.requests[0].json()["variables"] == {"id": "gid://shopify/Order/5001"}


def test_order_get_returns_none_for_an_unknown_order(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    server.enqueue(ok({"order": None}))

    assert client.order_get(order_id=404) is None


def test_orders_page_walks_every_page_with_the_cursor_and_the_updated_since_filter(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    # given three pages of orders
    server.enqueue(
        ok(orders_page([order_node(legacyResourceId="1")], end_cursor="c1", has_next_page=True)),
        ok(orders_page([order_node(legacyResourceId="2")], end_cursor="c2", has_next_page=True)),
        ok(orders_page([order_node(legacyResourceId="3")], end_cursor="c3", has_next_page=False)),
    )
    since = datetime(2026, 10, 1, 11, 30, 15, 123456, tzinfo=timezone(timedelta(hours=2)))

    # when the caller follows the cursor until the last page
    ids: list[int] = []
    after: str | None = None
    while True:
        page = client.orders_page(updated_since=since, after=after, first=1)
        ids.extend(order.id for order in page.items)
        if not page.has_next_page:
            break
        after = page.end_cursor

    # then every order arrived once, asked with the cursor and a UTC search filter
    assert ids == [1, 2, 3]
    assert [r.json()["variables"] for r in server.requests] == [
        {"first": 1, "after": after_, "query": "updated_at:>='2026-10-01T09:30:15Z'"}
        for after_ in (None, "c1", "c2")
    ]
    assert page == Page(items=page.items, end_cursor="c3", has_next_page=False)


def test_orders_count_asks_for_an_exact_count(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    server.enqueue(ok({"ordersCount": {"count": 65, "precision": "EXACT"}}))

    assert client.orders_count(updated_since=datetime(2026, 10, 1, tzinfo=UTC)) == 65
    assert server.requests[0].json()["variables"] == {
        "query": "updated_at:>='2026-10-01T00:00:00Z'",
        "limit": None,
    }


def test_a_naive_updated_since_is_refused(client: ShopifyClient) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        client.orders_count(updated_since=datetime(2026, 10, 1))


def test_shop_parses_the_shop_and_its_primary_locale(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    server.enqueue(
        ok(
            {
                "shop": {
                    "id": "gid://shopify/Shop/548380009",
                    "name": "Noord & Co",
                    "myshopifyDomain": "noord-demo.myshopify.com",
                    "contactEmail": "hello@noord.example",
                    "email": "owner@noord.example",
                    "currencyCode": "EUR",
                    "ianaTimezone": "Europe/Amsterdam",
                    "primaryDomain": {"host": "noord.example"},
                },
                "shopLocales": [
                    {"locale": "en", "primary": False},
                    {"locale": "nl", "primary": True},
                ],
            }
        )
    )

    assert client.shop() == ShopInfo(
        id=548380009,
        name="Noord & Co",
        myshopify_domain="noord-demo.myshopify.com",
        email="hello@noord.example",
        currency="EUR",
        iana_timezone="Europe/Amsterdam",
        primary_locale="nl",
    )


def test_customers_page_parses_customers(server: ScriptedServer, client: ShopifyClient) -> None:
    server.enqueue(
        ok(
            {
                "customers": {
                    "pageInfo": {"hasNextPage": False, "endCursor": "k1"},
                    "nodes": [
                        CUSTOMER_NODE,
                        {
                            **CUSTOMER_NODE,
                            "legacyResourceId": "7002",
                            "defaultEmailAddress": None,
                            "defaultPhoneNumber": None,
                        },
                    ],
                }
            }
        )
    )

    page = client.customers_page(first=2)

    assert [(c.id, c.email, c.phone) for c in page.items] == [
        (7001, "sanne.devries@example.com", "+31612345678"),
        (7002, "", ""),
    ]
    assert (page.end_cursor, page.has_next_page) == ("k1", False)


def test_webhook_subscriptions_follows_every_page(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    def subscriptions(nodes: list[dict[str, str]], cursor: str, more: bool) -> dict[str, object]:
        return {
            "webhookSubscriptions": {
                "pageInfo": {"hasNextPage": more, "endCursor": cursor},
                "nodes": nodes,
            }
        }

    server.enqueue(
        ok(
            subscriptions(
                [{"legacyResourceId": "11", "topic": "ORDERS_CREATE", "uri": "https://a/1"}],
                "w1",
                True,
            )
        ),
        ok(
            subscriptions(
                [{"legacyResourceId": "12", "topic": "APP_UNINSTALLED", "uri": "https://a/2"}],
                "w2",
                False,
            )
        ),
    )

    assert client.webhook_subscriptions() == [
        WebhookSubscriptionData(id=11, topic="ORDERS_CREATE", uri="https://a/1"),
        WebhookSubscriptionData(id=12, topic="APP_UNINSTALLED", uri="https://a/2"),
    ]
    assert [r.json()["variables"] for r in server.requests] == [
        {"first": 100, "after": None},
        {"first": 100, "after": "w1"},
    ]


def test_an_answer_missing_fields_raises_shopify_error(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    # given an order without its line items
    broken = order_node()
    del broken["lineItems"]
    server.enqueue(ok({"order": broken}))

    # when / then: our error, not a KeyError
    with pytest.raises(ShopifyError) as caught:
        client.order_get(order_id=5001)
    assert caught.value.detail == "unexpected answer shape: KeyError('lineItems')"


@pytest.mark.django_db
def test_the_factory_builds_the_client_from_the_connection(
    server: ScriptedServer, settings: Settings
) -> None:
    # given a connected store whose admin URL template points at the loopback server
    settings.SHOPIFY_ADMIN_URL_TEMPLATE = server.url + "/shops/{shop}"
    connection = ShopifyConnection.objects.create(
        store=StoreFactory.create(),
        shop_domain="noord-demo.myshopify.com",
        access_token="shpat_from_the_database",
    )
    server.enqueue(ok({"ordersCount": {"count": 1, "precision": "EXACT"}}))

    # when
    with shopify_client(connection=ShopifyConnection.objects.get(pk=connection.pk)) as shopify:
        shopify.orders_count()

    # then it used the shop's versioned endpoint and the decrypted token
    (request,) = server.requests
    assert request.path == "/shops/noord-demo.myshopify.com/admin/api/2026-10/graphql.json"
    assert request.headers["x-shopify-access-token"] == "shpat_from_the_database"


def test_orders_page_asks_for_no_more_orders_than_fit_in_one_query(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    # given the sync asks for 100 orders per page
    server.enqueue(ok(orders_page([], end_cursor=None, has_next_page=False)))

    # when
    client.orders_page(first=100)

    # then the client asks for the most that stays under Shopify's 1,000-point cap
    assert queries.ORDERS_PAGE_MAX == 11
    assert server.requests[0].json()["variables"]["first"] == 11


def test_an_order_larger_than_its_node_is_completed_with_follow_up_queries(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    # given an order whose line items and fulfillments overflow the nested pages
    def line(n: int) -> dict[str, object]:
        return {**ORDER_NODE["lineItems"]["nodes"][1], "id": f"gid://shopify/LineItem/{n}"}

    def fulfillment(n: int, more_lines: bool) -> dict[str, object]:
        return {
            **ORDER_NODE["fulfillments"][0],
            "id": f"gid://shopify/Fulfillment/{n}",
            "legacyResourceId": str(n),
            "fulfillmentLineItems": {
                "pageInfo": {"hasNextPage": more_lines, "endCursor": f"fl{n}"},
                "nodes": [{"quantity": 1, "lineItem": {"id": "gid://shopify/LineItem/1"}}],
            },
        }

    big = order_node(
        lineItems={
            "pageInfo": {"hasNextPage": True, "endCursor": "li5"},
            "nodes": [line(n) for n in range(1, 6)],
        },
        fulfillments=[fulfillment(n, more_lines=False) for n in (41, 42, 43)],
    )
    server.enqueue(
        ok({"order": big}),
        ok(
            {
                "order": {
                    "lineItems": {
                        "pageInfo": {"hasNextPage": True, "endCursor": "li6"},
                        "nodes": [line(6)],
                    }
                }
            }
        ),
        ok(
            {
                "order": {
                    "lineItems": {
                        "pageInfo": {"hasNextPage": False, "endCursor": "li7"},
                        "nodes": [line(7)],
                    }
                }
            }
        ),
        ok(
            {
                "order": {
                    "fulfillments": [
                        fulfillment(41, more_lines=False),
                        fulfillment(42, more_lines=False),
                        fulfillment(43, more_lines=False),
                        fulfillment(44, more_lines=True),
                    ]
                }
            }
        ),
        ok(
            {
                "fulfillment": {
                    "fulfillmentLineItems": {
                        "pageInfo": {"hasNextPage": False, "endCursor": "x"},
                        "nodes": [{"quantity": 2, "lineItem": {"id": "gid://shopify/LineItem/7"}}],
                    }
                }
            }
        ),
    )

    # when
    order = client.order_get(order_id=5001)

    # then every line item, fulfillment and fulfillment line arrived
    assert order is not None
    assert [item.id for item in order.line_items] == [1, 2, 3, 4, 5, 6, 7]
    assert [f.id for f in order.fulfillments] == [41, 42, 43, 44]
    assert order.fulfillments[3].line_items == (
        FulfillmentLineItemData(line_item_id=1, quantity=1),
        FulfillmentLineItemData(line_item_id=7, quantity=2),
    )
    assert [(r.json()["operationName"], r.json()["variables"]) for r in server.requests] == [
        ("Order", {"id": "gid://shopify/Order/5001"}),
        ("OrderLineItems", {"id": "gid://shopify/Order/5001", "first": 50, "after": "li5"}),
        ("OrderLineItems", {"id": "gid://shopify/Order/5001", "first": 50, "after": "li6"}),
        ("OrderFulfillments", {"id": "gid://shopify/Order/5001", "first": 50}),
        (
            "FulfillmentLineItems",
            {"id": "gid://shopify/Fulfillment/44", "first": 50, "after": "fl44"},
        ),
    ]
