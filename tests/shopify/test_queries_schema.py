"""Every GraphQL document the client sends is valid against Shopify's official 2026-10 schema."""

from __future__ import annotations

import pytest
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    GraphQLSchema,
    IntValueNode,
    OperationDefinitionNode,
    TypeInfo,
    ValidationContext,
    parse,
    print_ast,
    validate,
)
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
