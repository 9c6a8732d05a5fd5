"""The sandbox's compiled node projector (what writes every object of a bulk file) gives each
demo order exactly what graphql-core's own ``execute`` gives for the same selection: aliases,
fragments, ``__typename``, interface fields, nested connections and resolvers included."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import ExecutionResult, FieldNode, FragmentDefinitionNode, execute, parse

from integrations.shopify import queries
from integrations.shopify.sandbox.fastexec import node_projector
from integrations.shopify.sandbox.models import SandboxOrder
from integrations.shopify.sandbox.schema import SandboxContext, sandbox_schema
from integrations.shopify.sandbox.seed import SandboxShopSeed, sandbox_shop_seed
from tests.shopify.sandbox.conftest import NOW, SHOP

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db: None) -> SandboxShopSeed:
    return sandbox_shop_seed(shop_domain=SHOP, now=NOW)


SELECTION = """
query Orders {
  orders(first: 250, sortKey: ID) {
    nodes {
      ...Head
      label: name
      __typename
      customer { __typename id legacyResourceId firstName defaultEmailAddress { emailAddress } }
      shippingAddress { city countryCodeV2 }
      fulfillments(first: 5) {
        id status
        trackingInfo(first: 1) { number }
        fulfillmentLineItems(first: 10) { nodes { quantity lineItem { id title } } }
      }
      lineItems(first: 50) {
        edges { cursor node { id quantity variant { legacyResourceId } product { productType } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}
fragment Head on Order { id legacyResourceId updatedAt tags }
"""


def _node_fields(document: Any) -> list[FieldNode]:
    operation = document.definitions[0]
    (orders,) = operation.selection_set.selections
    (nodes,) = orders.selection_set.selections
    return [nodes]


def test_the_projector_gives_each_order_what_graphql_core_gives(seeded: SandboxShopSeed) -> None:
    # given the demo orders, as graphql-core's reference execution answers them
    schema = sandbox_schema()
    document = parse(SELECTION)
    context = SandboxContext(shop=seeded.shop, now=NOW)
    reference = execute(schema, document, context_value=context)
    assert isinstance(reference, ExecutionResult)
    assert reference.errors is None
    assert reference.data is not None
    expected = reference.data["orders"]["nodes"]
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    project = node_projector(schema=schema, fragments=fragments, context=context)
    order_type = schema.get_type("Order")
    rows = SandboxOrder.objects.filter(shop=seeded.shop).order_by("legacy_id")

    # when every order is projected (twice: the second time from the compiled steps)
    projected = [project(order_type, _node_fields(document), row.document) for row in rows]
    again = [project(order_type, _node_fields(document), row.document) for row in rows]

    # then
    assert len(expected) == rows.count() > 50
    assert projected == expected
    assert again == expected
    assert [list(node) for node in projected[:1]] == [list(expected[0])]  # same key order


def test_the_bulk_orders_selection_projects_like_graphql_core(seeded: SandboxShopSeed) -> None:
    # given the sync's own bulk query, run as a normal query over the first 250 orders
    schema = sandbox_schema()
    bulk = queries.bulk_orders_query(search=None).replace(
        "orders(sortKey: UPDATED_AT)", "orders(first: 250, sortKey: UPDATED_AT)"
    )
    document = parse(bulk)
    context = SandboxContext(shop=seeded.shop, now=NOW, bulk=True)
    reference = execute(schema, document, context_value=context)
    assert isinstance(reference, ExecutionResult)
    assert reference.errors is None and reference.data is not None
    expected = [edge["node"] for edge in reference.data["orders"]["edges"]]
    operation = document.definitions[0]
    (orders,) = operation.selection_set.selections  # type: ignore[attr-defined]
    (edges,) = orders.selection_set.selections
    (node,) = edges.selection_set.selections
    project = node_projector(schema=schema, fragments={}, context=context)
    rows = SandboxOrder.objects.filter(shop=seeded.shop).order_by("updated_at", "legacy_id")

    # when
    projected = [project(schema.get_type("Order"), [node], row.document) for row in rows]

    # then
    assert projected == expected
