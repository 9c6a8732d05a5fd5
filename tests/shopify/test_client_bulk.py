"""The client's bulk operations against a loopback server: starting, polling, and reading the
JSONL file (fixtures written in Shopify's documented format) as a stream."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from integrations.shopify import queries
from integrations.shopify.bulk_jsonl import fulfillment_lines_from_lines, orders_from_lines
from integrations.shopify.client import ShopifyClient
from integrations.shopify.datatypes import (
    BulkOperation,
    CustomerData,
    FulfillmentData,
    FulfillmentLineItemData,
    FulfillmentLinesData,
    LineItemData,
    OrderData,
)
from integrations.shopify.errors import ShopifyBulkRefused
from integrations.transport import Backoff
from tests.fakes.http_server import Scripted, ScriptedServer
from tests.fakes.shopify_responses import ok

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures/shopify"
API_PATH = "/admin/api/2026-10/graphql.json"


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


EXPECTED_ORDERS = [
    OrderData(
        id=5001,
        name="#1001",
        number=1001,
        email="sanne@example.com",
        phone="",
        created_at=_at("2026-10-01T09:00:00"),
        processed_at=_at("2026-10-01T09:00:00"),
        updated_at=_at("2026-10-03T12:30:00"),
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
            "address1": "Oudegracht 1",
            "address2": None,
            "zip": "3511 AA",
            "city": "Utrecht",
            "province": None,
            "provinceCode": None,
            "country": "Netherlands",
            "countryCodeV2": "NL",
            "phone": None,
        },
        tags=("vip",),
        currency="EUR",
        subtotal_price=Decimal("89.85"),
        total_price=Decimal("94.80"),
        total_refunded=Decimal("0.00"),
        status_page_url="https://noord.example/orders/1001",
        customer=CustomerData(
            id=501,
            email="sanne@example.com",
            phone="",
            first_name="Sanne",
            last_name="de Vries",
            locale="nl",
            updated_at=_at("2026-09-30T08:00:00"),
        ),
        line_items=(
            LineItemData(
                id=9001,
                title="Linen Shirt",
                variant_id=8001,
                variant_title="M / Navy",
                variant_options={"Size": "M", "Colour": "Navy"},
                sku="LS-M-NAVY",
                product_id=6001,
                product_type="Shirts",
                product_tags=("linen", "summer"),
                quantity=2,
                current_quantity=2,
                unfulfilled_quantity=0,
                unit_price=Decimal("29.95"),
            ),
            LineItemData(
                id=9002,
                title="Gift Card",
                variant_id=None,
                variant_title="",
                variant_options={},
                sku="",
                product_id=None,
                product_type="",
                product_tags=(),
                quantity=1,
                current_quantity=1,
                unfulfilled_quantity=1,
                unit_price=Decimal("29.95"),
                requires_shipping=False,
            ),
        ),
        fulfillments=(
            FulfillmentData(
                id=7001,
                status="SUCCESS",
                display_status="IN_TRANSIT",
                tracking_company="PostNL",
                tracking_number="3SNRD001",
                tracking_url="https://postnl.example/3SNRD001",
                created_at=_at("2026-10-02T10:00:00"),
                updated_at=_at("2026-10-03T12:30:00"),
                in_transit_at=_at("2026-10-02T15:00:00"),
                delivered_at=None,
            ),
        ),
    ),
    OrderData(
        id=5002,
        name="#1002",
        number=1002,
        email="",
        phone="+31612345678",
        created_at=_at("2026-10-04T09:00:00"),
        processed_at=None,
        updated_at=_at("2026-10-04T09:30:00"),
        cancelled_at=_at("2026-10-04T09:30:00"),
        cancel_reason="CUSTOMER",
        closed_at=_at("2026-10-04T09:30:00"),
        display_fulfillment_status="UNFULFILLED",
        display_financial_status="REFUNDED",
        return_status="NO_RETURN",
        shipping_address={},
        tags=(),
        currency="EUR",
        subtotal_price=Decimal("0.00"),
        total_price=Decimal("0.00"),
        total_refunded=Decimal("19.95"),
        status_page_url="https://noord.example/orders/1002",
        customer=None,
    ),
]

EXPECTED_SHIPPED = [
    FulfillmentLinesData(
        fulfillment_id=7001,
        line_items=(FulfillmentLineItemData(line_item_id=9001, quantity=2),),
    ),
    FulfillmentLinesData(fulfillment_id=7002, line_items=()),
    FulfillmentLinesData(
        fulfillment_id=7003,
        line_items=(
            FulfillmentLineItemData(line_item_id=9101, quantity=1),
            FulfillmentLineItemData(line_item_id=9102, quantity=3),
        ),
    ),
]


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


def _operation(status: str, **fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "gid://shopify/BulkOperation/77",
        "status": status,
        "errorCode": None,
        "objectCount": "0",
        "rootObjectCount": "0",
        "url": None,
        "partialDataUrl": None,
    }
    return {**base, **fields}


def test_the_orders_file_becomes_exact_orders() -> None:
    # given a file in Shopify's format: an order line, then its line items with __parentId
    lines = (FIXTURES / "bulk_orders.jsonl").read_bytes().splitlines()

    # when
    orders = list(orders_from_lines(lines))

    # then
    assert orders == EXPECTED_ORDERS


def test_the_fulfillment_orders_file_becomes_what_each_fulfillment_shipped() -> None:
    lines = (FIXTURES / "bulk_fulfillment_lines.jsonl").read_bytes().splitlines()

    assert list(fulfillment_lines_from_lines(lines)) == EXPECTED_SHIPPED


def test_a_child_that_does_not_follow_its_parent_is_refused() -> None:
    # given a line item of the first order written after the second order started
    lines = (FIXTURES / "bulk_orders.jsonl").read_bytes().splitlines()
    shuffled = [lines[0], lines[3], lines[1]]

    # when / then: the first order is complete, the stray line item is refused
    read = orders_from_lines(shuffled)
    assert next(read).id == 5001
    with pytest.raises(ShopifyBulkRefused):
        next(read)


def test_start_poll_and_download_through_http(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    # given Shopify's answers: created, running, completed with the file's URL
    file_url = f"{server.url}/storage/bulk-77.jsonl?signature=abc"
    server.enqueue(
        ok({"bulkOperationRunQuery": {"bulkOperation": _operation("CREATED"), "userErrors": []}}),
        ok({"bulkOperation": _operation("RUNNING", objectCount="2")}),
        ok({"bulkOperation": _operation("COMPLETED", objectCount="5", url=file_url)}),
        Scripted(body=(FIXTURES / "bulk_orders.jsonl").read_bytes()),
    )
    since = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)

    # when
    started = client.bulk_orders_start(updated_since=since)
    running = client.bulk_operation_get(operation_id=started.id)
    done = client.bulk_operation_get(operation_id=started.id)
    orders = list(client.bulk_orders_iter(url=done.url))

    # then
    assert started == BulkOperation(id="gid://shopify/BulkOperation/77", status="CREATED")
    assert (running.status, running.object_count, running.finished) == ("RUNNING", 2, False)
    assert done == BulkOperation(
        id="gid://shopify/BulkOperation/77", status="COMPLETED", object_count=5, url=file_url
    )
    assert orders == EXPECTED_ORDERS
    start, poll, _, download = server.requests
    assert start.json()["variables"] == {
        "query": queries.bulk_orders_query(search="updated_at:>='2026-10-01T09:00:00Z'"),
        "groupObjects": True,
    }
    assert start.json()["query"] == queries.BULK_OPERATION_RUN_QUERY
    assert poll.json()["variables"] == {"id": "gid://shopify/BulkOperation/77"}
    # the signed storage link never receives the shop's access token
    assert (download.method, download.path) == ("GET", "/storage/bulk-77.jsonl?signature=abc")
    assert "x-shopify-access-token" not in download.headers
    assert "x-shopify-access-token" in start.headers


def test_a_failed_operation_reports_its_error_code(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    server.enqueue(ok({"bulkOperation": _operation("FAILED", errorCode="TIMEOUT")}))

    operation = client.bulk_operation_get(operation_id="gid://shopify/BulkOperation/77")

    assert operation == BulkOperation(
        id="gid://shopify/BulkOperation/77", status="FAILED", error_code="TIMEOUT"
    )
    assert operation.finished


def test_user_errors_when_starting_raise_bulk_refused(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    errors = [
        {
            "field": None,
            "message": "A bulk query operation for this app and shop is already in progress.",
            "code": "OPERATION_IN_PROGRESS",
        }
    ]
    server.enqueue(ok({"bulkOperationRunQuery": {"bulkOperation": None, "userErrors": errors}}))

    with pytest.raises(ShopifyBulkRefused) as refused:
        client.bulk_fulfillment_lines_start()

    assert refused.value.detail == [
        "OPERATION_IN_PROGRESS: A bulk query operation for this app and shop is already in "
        "progress."
    ]


def test_an_expired_file_link_is_bulk_refused_not_a_revoked_token(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    server.enqueue(Scripted(status=403, body=b"<Error>Request has expired</Error>"))

    with pytest.raises(ShopifyBulkRefused):
        list(client.bulk_orders_iter(url=f"{server.url}/storage/old.jsonl"))
