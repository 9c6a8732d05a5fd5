"""Queries through Django's test client: auth, pagination, filters, ids, cost, errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from graphql import (
    ExecutionResult,
    FragmentDefinitionNode,
    OperationDefinitionNode,
    execute,
    parse,
)

from core import demo
from integrations.shopify.queries import DOCUMENTS
from integrations.shopify.sandbox.api import sandbox_graphql_execute
from integrations.shopify.sandbox.cost import query_cost_actual
from integrations.shopify.sandbox.documents import iso
from integrations.shopify.sandbox.paging import cursor_decode
from integrations.shopify.sandbox.schema import SandboxContext, sandbox_schema
from integrations.shopify.sandbox.seed import SandboxShopSeed
from tests.shopify.sandbox.conftest import NOW, SHOP

Gql = Callable[..., tuple[int, dict[str, Any]]]

ORDERS = """
query Orders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
    edges { cursor node { legacyResourceId updatedAt } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}
"""


def _by_updated() -> list[demo.DemoOrder]:
    return sorted(demo.demo_orders(now=NOW), key=lambda o: (_iso(o.updated_at), o.shopify_id))


def _iso(value: datetime) -> str:
    stamp = iso(value)
    assert stamp is not None
    return stamp


def test_a_missing_or_wrong_token_gets_shopifys_401(gql: Gql) -> None:
    for token in ("", "shpat_wrong"):
        status, body = gql("{ shop { name } }", token=token)
        assert status == 401
        assert body == {
            "errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"
        }


def test_shop(gql: Gql, seeded: SandboxShopSeed) -> None:
    status, body = gql("{ shop { name myshopifyDomain currencyCode ianaTimezone email } }")
    assert status == 200
    assert body["data"] == {
        "shop": {
            "name": "Noord & Co",
            "myshopifyDomain": SHOP,
            "currencyCode": "EUR",
            "ianaTimezone": "Europe/Amsterdam",
            "email": "owner@demo.shop",
        }
    }


def test_orders_page_through_with_cursors_oldest_update_first(gql: Gql) -> None:
    # given
    expected = [str(o.shopify_id) for o in _by_updated()]
    seen: list[str] = []
    after = None
    pages = 0
    # when: pages of 20
    while True:
        status, body = gql(ORDERS, {"first": 20, "after": after})
        assert status == 200, body
        orders = body["data"]["orders"]
        seen += [e["node"]["legacyResourceId"] for e in orders["edges"]]
        assert orders["pageInfo"]["hasPreviousPage"] is (after is not None)
        pages += 1
        if not orders["pageInfo"]["hasNextPage"]:
            break
        after = orders["pageInfo"]["endCursor"]
        assert after == orders["edges"][-1]["cursor"]
    # then: every order once, in updatedAt order; cursors look like Shopify's
    assert seen == expected
    assert pages == -(-len(expected) // 20)
    last_id, _ = cursor_decode(after or "")
    assert isinstance(last_id, int)


def test_orders_updated_at_filter_is_inclusive(gql: Gql) -> None:
    ordered = _by_updated()
    pivot = _iso(ordered[40].updated_at)
    status, body = gql(ORDERS, {"first": 250, "query": f"updated_at:>='{pivot}'"})
    assert status == 200
    got = [e["node"]["legacyResourceId"] for e in body["data"]["orders"]["edges"]]
    assert got == [str(o.shopify_id) for o in ordered if _iso(o.updated_at) >= pivot]
    assert all(e["node"]["updatedAt"] >= pivot for e in body["data"]["orders"]["edges"])


def test_orders_count_with_and_without_filter(gql: Gql, seeded: SandboxShopSeed) -> None:
    query = "query C($q: String, $l: Int) { ordersCount(query: $q, limit: $l) { count precision } }"
    assert gql(query, {"l": None})[1]["data"]["ordersCount"] == {
        "count": seeded.orders,
        "precision": "EXACT",
    }
    assert gql(query, {"l": 10})[1]["data"]["ordersCount"] == {"count": 10, "precision": "AT_LEAST"}
    email = "sanne.devries@example.com"
    mine = sum(1 for o in demo.demo_orders(now=NOW) if o.email == email)
    assert gql(query, {"q": f"email:{email}", "l": None})[1]["data"]["ordersCount"]["count"] == mine


def test_order_by_gid_and_unknown_gid(gql: Gql) -> None:
    order = demo.demo_orders(now=NOW)[5]
    query = "query O($id: ID!) { order(id: $id) { id name lineItems(first: 5) { nodes { sku } } } }"
    _status, body = gql(query, {"id": f"gid://shopify/Order/{order.shopify_id}"})
    assert body["data"]["order"] == {
        "id": f"gid://shopify/Order/{order.shopify_id}",
        "name": order.name,
        "lineItems": {"nodes": [{"sku": li.sku} for li in order.line_items]},
    }
    assert gql(query, {"id": "gid://shopify/Order/1"})[1]["data"] == {"order": None}


def test_customers_by_email(gql: Gql) -> None:
    query = """{ customers(first: 5, query: "email:tom.walker@example.com") { nodes {
      id email defaultEmailAddress { emailAddress } orders(first: 5) { nodes { name } } } } }"""
    _status, body = gql(query)
    nodes = body["data"]["customers"]["nodes"]
    assert [n["email"] for n in nodes] == ["tom.walker@example.com"]
    tom = [o.name for o in demo.demo_orders(now=NOW) if o.email == "tom.walker@example.com"]
    assert sorted(n["name"] for n in nodes[0]["orders"]["nodes"]) == sorted(tom)


def test_cost_extension_for_a_known_query(gql: Gql) -> None:
    # given: 2 + 10 × (order 1 + lineItems (2 + 5 × (line item 1 + variant 1)))
    query = """{ orders(first: 10) { nodes { name lineItems(first: 5) {
      nodes { sku variant { sku } } } } } }"""
    # when
    _status, body = gql(query)
    # then: the actual cost counts the 10 orders' real line items
    lines = sum(
        len(o.line_items)
        for o in sorted(demo.demo_orders(now=NOW), key=lambda o: (o.created_at, o.shopify_id))[:10]
    )
    assert body["extensions"]["cost"] == {
        "requestedQueryCost": 2 + 10 * (1 + 2 + 5 * 2),
        "actualQueryCost": 2 + 10 * (1 + 2) + lines * 2,
        "throttleStatus": {
            "maximumAvailable": 2000.0,
            "currentlyAvailable": 2000.0 - (2 + 10 * 3 + lines * 2),
            "restoreRate": 100.0,
        },
    }


def test_syntax_and_validation_errors_are_200_with_errors(gql: Gql) -> None:
    status, body = gql("{ shop { name ")
    assert status == 200
    assert body["errors"][0]["message"].startswith("Syntax Error")
    assert body["errors"][0]["locations"] == [{"line": 1, "column": 15}]
    status, body = gql("{ shop { nope } }")
    assert status == 200
    assert body["errors"][0]["message"] == "Field 'nope' doesn't exist on type 'Shop'"
    assert body["errors"][0]["extensions"] == {
        "code": "undefinedField",
        "typeName": "Shop",
        "fieldName": "nope",
    }


def test_a_connection_without_first_or_last_is_an_error(gql: Gql) -> None:
    status, body = gql("{ orders { nodes { id } } }")
    assert status == 200
    assert body["errors"][0]["message"] == "you must provide one of first or last"
    assert body["errors"][0]["path"] == ["orders"]


def test_fast_path_and_graphql_core_agree(seeded: SandboxShopSeed) -> None:
    # given: the client's orders page, answered by the sandbox (fast path)
    document = parse(DOCUMENTS["ORDERS"])
    variables = {"first": 7}
    raw = json.dumps({"query": DOCUMENTS["ORDERS"], "variables": variables}).encode()
    answer = sandbox_graphql_execute(
        shop_domain=SHOP, access_token=seeded.access_token, raw_body=raw, now=NOW
    )
    # when: graphql-core executes the same document over the same schema and resolvers
    context = SandboxContext(shop=seeded.shop, now=NOW)
    result = execute(sandbox_schema(), document, context_value=context, variable_values=variables)
    assert isinstance(result, ExecutionResult)
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    actual = query_cost_actual(
        schema=sandbox_schema(),
        operation=operation,
        fragments=fragments,
        variables=variables,
        data=result.data,
    )
    # then: same data, same actual cost
    assert result.errors is None
    assert answer.body["data"] == result.data
    assert answer.body["extensions"]["cost"]["actualQueryCost"] == actual
