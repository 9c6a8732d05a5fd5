"""Bulk queries in the sandbox store: Shopify's checks, honest status steps, and the file."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from core import demo
from integrations.shopify import queries
from integrations.shopify.sandbox.bulk import sandbox_bulk_operation_fail
from integrations.shopify.sandbox.seed import SandboxShopSeed
from tests.shopify.sandbox.conftest import NOW, SHOP

Gql = Callable[..., tuple[int, dict[str, Any]]]


def _start(gql: Gql, query: str) -> dict[str, Any]:
    status, body = gql(queries.BULK_OPERATION_RUN_QUERY, {"query": query, "groupObjects": True})
    assert status == 200
    payload: dict[str, Any] = body["data"]["bulkOperationRunQuery"]
    return payload


def _poll(gql: Gql, operation_id: str) -> dict[str, Any]:
    _, body = gql(queries.BULK_OPERATION, {"id": operation_id})
    operation: dict[str, Any] = body["data"]["bulkOperation"]
    return operation


def _download(url: str) -> list[dict[str, Any]]:
    response = Client().get(url.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jsonl"
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return [json.loads(line) for line in body.splitlines()]


def test_an_orders_operation_steps_from_created_through_running_to_completed(
    gql: Gql, seeded: SandboxShopSeed
) -> None:
    # given
    started = _start(gql, queries.bulk_orders_query(search=None))
    assert started["userErrors"] == []
    operation_id = started["bulkOperation"]["id"]

    # when: looked at twice
    running = _poll(gql, operation_id)
    completed = _poll(gql, operation_id)

    # then: each look moves it one step; COMPLETED counts every object and links the file
    orders = demo.demo_orders(now=NOW)
    line_items = sum(len(o.line_items) for o in orders)
    assert started["bulkOperation"]["status"] == "CREATED"
    assert (running["status"], running["url"]) == ("RUNNING", None)
    assert completed["status"] == "COMPLETED"
    assert completed["rootObjectCount"] == str(len(orders))
    assert completed["objectCount"] == str(len(orders) + line_items)
    assert completed["url"].startswith(f"http://testserver/shopify-sandbox/{SHOP}/bulk/")
    assert _poll(gql, operation_id) == completed


def test_the_orders_file_holds_each_order_then_its_line_items(
    gql: Gql, seeded: SandboxShopSeed
) -> None:
    # given a completed operation
    operation_id = _start(gql, queries.bulk_orders_query(search=None))["bulkOperation"]["id"]
    _poll(gql, operation_id)
    url = _poll(gql, operation_id)["url"]

    # when
    objects = _download(url)

    # then: every object once, children right after their order, fulfillments inline
    orders = {o.shopify_id: o for o in demo.demo_orders(now=NOW)}
    current: dict[str, Any] = {}
    seen_lines: dict[int, list[int]] = {}
    for obj in objects:
        if "__parentId" not in obj:
            current = obj
            seen_lines[int(obj["legacyResourceId"])] = []
            assert isinstance(obj["fulfillments"], list)
            assert "lineItems" not in obj
        else:
            assert obj["__parentId"] == current["id"]
            seen_lines[int(current["legacyResourceId"])].append(int(obj["id"].rsplit("/", 1)[1]))
    assert seen_lines == {
        order_id: [li.shopify_id for li in order.line_items] for order_id, order in orders.items()
    }


def test_the_fulfillment_orders_file_nests_fulfillments_and_their_lines(
    gql: Gql, seeded: SandboxShopSeed
) -> None:
    operation_id = _start(gql, queries.bulk_fulfillment_lines_query(search=None))["bulkOperation"][
        "id"
    ]
    _poll(gql, operation_id)
    completed = _poll(gql, operation_id)

    objects = _download(completed["url"])

    shipped: dict[int, list[tuple[int, int]]] = {}
    for obj in objects:
        if obj["id"].startswith("gid://shopify/Fulfillment/"):
            shipped[int(obj["legacyResourceId"])] = []
            fulfillment = int(obj["legacyResourceId"])
        elif obj["id"].startswith("gid://shopify/FulfillmentLineItem/"):
            line = int(obj["lineItem"]["id"].rsplit("/", 1)[1])
            shipped[fulfillment].append((line, obj["quantity"]))
    expected = {
        f.shopify_id: list(f.line_items) for o in demo.demo_orders(now=NOW) for f in o.fulfillments
    }
    assert shipped == expected
    assert int(completed["objectCount"]) == len(objects)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "{ orders { edges { node { id fulfillments { fulfillmentLineItems"
            " { edges { node { id } } } } } } } }",
            "Queries that contain a connection field within a list field are not currently "
            "supported.",
        ),
        (
            "{ customers { edges { node { id } } } }",
            "The sandbox store runs bulk queries over orders and fulfillmentOrders only, "
            "not customers.",
        ),
        ("{ shop { name } }", "Bulk queries must contain at least one connection."),
        ("{ orders { edges { node { nope } } } }", "Invalid bulk query: "),
    ],
)
def test_queries_shopify_would_refuse_get_user_errors(
    gql: Gql, seeded: SandboxShopSeed, query: str, message: str
) -> None:
    payload = _start(gql, query)

    assert payload["bulkOperation"] is None
    [error] = payload["userErrors"]
    assert (error["field"], error["code"]) == (["query"], "INVALID")
    assert error["message"].startswith(message)


def test_a_failed_operation_has_its_error_code_and_no_file(
    gql: Gql, seeded: SandboxShopSeed
) -> None:
    operation_id = _start(gql, queries.bulk_orders_query(search=None))["bulkOperation"]["id"]

    assert sandbox_bulk_operation_fail(shop_domain=SHOP, error_code="TIMEOUT") == 1
    failed = _poll(gql, operation_id)

    assert (failed["status"], failed["errorCode"], failed["url"]) == ("FAILED", "TIMEOUT", None)


def test_the_file_link_needs_its_secret(gql: Gql, seeded: SandboxShopSeed) -> None:
    operation_id = _start(gql, queries.bulk_orders_query(search=None))["bulkOperation"]["id"]
    _poll(gql, operation_id)
    url = _poll(gql, operation_id)["url"].removeprefix("http://testserver")
    secret = url.rsplit("/", 1)[1].removesuffix(".jsonl").split("-", 1)[1]

    wrong = Client().get(url.replace(secret, "x" + secret[1:]))

    assert wrong.status_code == 404
    assert Client().get(url).status_code == 200


@pytest.mark.parametrize("column", ["updated_at", "legacy_id"])
def test_the_file_reads_every_order_once_in_keyset_chunks(
    seeded: SandboxShopSeed, column: str
) -> None:
    # given the demo's orders, several of which share an updatedAt
    from integrations.shopify.sandbox.bulk import document_chunks
    from integrations.shopify.sandbox.models import SandboxOrder

    rows = SandboxOrder.objects.filter(shop=seeded.shop)

    # when read 7 at a time
    chunks = list(document_chunks(rows, column, size=7))

    # then each order comes once, in (column, legacy id) order
    read = [int(doc["legacyResourceId"]) for chunk in chunks for doc in chunk]
    expected = list(rows.order_by(column, "legacy_id").values_list("legacy_id", flat=True))
    assert read == expected
    assert [len(chunk) for chunk in chunks] == [7] * 9 + [2]
