"""Every GraphQL document the client sends is valid against Shopify's official 2026-10 schema."""

from __future__ import annotations

import pytest
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    GraphQLObjectType,
    GraphQLSchema,
    IntValueNode,
    OperationDefinitionNode,
    TypeInfo,
    ValidationContext,
    get_named_type,
    parse,
    print_ast,
    validate,
)
from graphql.execution.collect_fields import collect_fields, collect_sub_fields
from graphql.utilities import type_from_ast

from integrations.shopify import queries
from tests.shopify.official_schema import official_schema

DOCUMENT_NAMES = sorted(
    name
    for name, value in vars(queries).items()
    if name.isupper() and not name.startswith("_") and isinstance(value, str)
)


@pytest.fixture(scope="session")
def shopify_schema() -> GraphQLSchema:
    return official_schema()


def test_the_documents_table_lists_every_document_constant() -> None:
    # given the module's public string constants
    # then DOCUMENTS (used by the sandbox and the client) names each of them, and nothing else
    assert sorted(queries.DOCUMENTS) == DOCUMENT_NAMES
    assert all(queries.DOCUMENTS[name] is getattr(queries, name) for name in DOCUMENT_NAMES)


@pytest.mark.parametrize("name", DOCUMENT_NAMES)
def test_document_is_valid_against_the_official_schema(
    shopify_schema: GraphQLSchema, name: str
) -> None:
    # given one document the client sends
    document = parse(getattr(queries, name))

    # when graphql-core validates it against Shopify's schema
    errors = validate(shopify_schema, document)

    # then there are no errors, and it holds exactly one named operation
    assert [error.message for error in errors] == []
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    assert len(operations) == 1
    assert operations[0].name is not None


@pytest.mark.parametrize("name", DOCUMENT_NAMES)
def test_variables_are_declared_with_the_schema_argument_types(
    shopify_schema: GraphQLSchema, name: str
) -> None:
    # given one document and the arguments its variables are passed to
    document = parse(getattr(queries, name))
    context = ValidationContext(shopify_schema, document, TypeInfo(shopify_schema), print)
    (operation,) = (d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    declared = {
        d.variable.name.value: str(type_from_ast(shopify_schema, d.type))
        for d in operation.variable_definitions
    }

    # when each usage is compared with the schema's type at that position
    mismatches = []
    used = set()
    for usage in context.get_recursive_variable_usages(operation):
        variable = usage.node.name.value
        used.add(variable)
        expected = str(usage.type)
        # A non-null variable may feed a nullable argument; otherwise the types are the same.
        if declared[variable] not in (expected, f"{expected}!"):
            mismatches.append((variable, declared[variable], expected, print_ast(usage.node)))

    # then every variable has the schema's type and every declared variable is used
    assert mismatches == []
    assert used == set(declared)


def test_nested_page_sizes_in_the_order_fragment_match_the_constants() -> None:
    # given the first: arguments written into the order and fulfillment fragments
    document = parse(queries.ORDER)
    sizes: dict[str, int] = {}
    for definition in document.definitions:
        if not isinstance(definition, FragmentDefinitionNode):
            continue
        for selection in definition.selection_set.selections:
            if isinstance(selection, FieldNode):
                for argument in selection.arguments:
                    if argument.name.value == "first" and isinstance(argument.value, IntValueNode):
                        sizes[f"{definition.name.value}.{selection.name.value}"] = int(
                            argument.value.value
                        )

    # then they are the constants the client relies on to complete long orders
    assert sizes == {
        "OrderFields.lineItems": queries.LINE_ITEMS_PER_ORDER,
        "OrderFields.fulfillments": queries.FULFILLMENTS_PER_ORDER,
        "FulfillmentFields.trackingInfo": 1,
        "FulfillmentFields.fulfillmentLineItems": queries.LINES_PER_FULFILLMENT,
    }


@pytest.mark.parametrize(
    ("name", "variables"),
    [
        ("ORDERS", {"first": queries.ORDERS_PAGE_MAX}),
        ("ORDER", {}),
        ("ORDER_LINE_ITEMS", {"first": queries.PAGE_SIZE_FOLLOW_UP}),
        ("ORDER_FULFILLMENTS", {"first": queries.PAGE_SIZE_FOLLOW_UP}),
        ("FULFILLMENT_LINE_ITEMS", {"first": queries.PAGE_SIZE_FOLLOW_UP}),
        ("CUSTOMERS", {"first": 100}),
        ("WEBHOOK_SUBSCRIPTIONS", {"first": 100}),
    ],
)
def test_queries_as_the_client_sends_them_fit_shopifys_single_query_cost_cap(
    shopify_schema: GraphQLSchema, name: str, variables: dict[str, int]
) -> None:
    # given Shopify's requested-cost formula (implemented once, for the sandbox store)
    from integrations.shopify.sandbox.cost import query_cost_requested

    document = parse(getattr(queries, name))
    (operation,) = (d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }

    # when
    cost = query_cost_requested(
        schema=shopify_schema, operation=operation, fragments=fragments, variables=variables
    )

    # then Shopify would run it (at most 1,000 points); an order node costs ORDER_NODE_COST
    assert cost <= queries.MAX_QUERY_COST
    if name == "ORDER":
        assert cost == queries.ORDER_NODE_COST


BULK_QUERIES = {
    "orders, all": queries.bulk_orders_query(search=None),
    "orders, since": queries.bulk_orders_query(search="updated_at:>='2026-10-01T00:00:00Z'"),
    "fulfillment lines, all": queries.bulk_fulfillment_lines_query(search=None),
    "fulfillment lines, since": queries.bulk_fulfillment_lines_query(
        search="updated_at:>='2026-10-01T00:00:00Z'"
    ),
}


@pytest.mark.parametrize("name", sorted(BULK_QUERIES))
def test_the_queries_sent_inside_bulk_operations_are_valid(
    shopify_schema: GraphQLSchema, name: str
) -> None:
    # given the query text bulkOperationRunQuery carries (a string, so no other test sees it)
    document = parse(BULK_QUERIES[name])

    # then Shopify's schema and the sandbox's both accept it
    from integrations.shopify.sandbox.schema import sandbox_schema

    assert [error.message for error in validate(shopify_schema, document)] == []
    assert [error.message for error in validate(sandbox_schema(), document)] == []


def _paths(schema: GraphQLSchema, document: str, root: str) -> set[str]:
    """Dotted field paths below ``root``'s nodes; a connection's edges/node/nodes/pageInfo
    levels are left out, so a paged and a bulk selection of the same fields compare equal."""
    parsed = parse(document)
    (operation,) = (d for d in parsed.definitions if isinstance(d, OperationDefinitionNode))
    fragments = {
        d.name.value: d for d in parsed.definitions if isinstance(d, FragmentDefinitionNode)
    }
    paths: set[str] = set()

    def walk(parent: GraphQLObjectType, nodes: list[FieldNode], prefix: str) -> None:
        for key, sub in collect_sub_fields(schema, fragments, {}, parent, nodes).items():
            child = get_named_type(parent.fields[key].type)
            if key == "pageInfo" or not sub[0].selection_set:
                if key != "pageInfo":
                    paths.add(f"{prefix}{key}")
                continue
            assert isinstance(child, GraphQLObjectType)
            if key in ("edges", "node", "nodes"):
                walk(child, sub, prefix)
            else:
                paths.add(f"{prefix}{key}")
                walk(child, sub, f"{prefix}{key}.")

    query_type = schema.query_type
    assert query_type is not None
    top = collect_fields(schema, fragments, {}, query_type, operation.selection_set)
    connection = get_named_type(query_type.fields[root].type)
    assert isinstance(connection, GraphQLObjectType)
    walk(connection, top[root], "")
    return paths


def test_the_bulk_orders_query_selects_what_the_orders_page_selects(
    shopify_schema: GraphQLSchema,
) -> None:
    # given the fields of one order in the paged query and in the bulk query
    paged = _paths(shopify_schema, queries.ORDERS, "orders")
    bulk = _paths(shopify_schema, queries.bulk_orders_query(search=None), "orders")

    # then they are the same, except what Shopify's bulk queries cannot hold (a connection
    # inside the fulfillments list, fetched by the fulfillment-lines query) and the ids the
    # file's __parentId links need
    inside_list = {p for p in paged if p.startswith("fulfillments.fulfillmentLineItems")}
    assert paged - bulk == inside_list
    assert bulk - paged == {"id"}
