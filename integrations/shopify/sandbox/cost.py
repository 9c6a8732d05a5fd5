"""Shopify's calculated query cost (shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits).

Requested cost, before running: scalars and enums 0, objects 1, a connection 2 plus
``first`` (or ``last``) times the cost of one node, each mutation field 10. Actual cost, after
running, counts the nodes really returned. ``edges``, ``pageInfo`` and ``cursor`` are the
connection's plumbing and cost nothing of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    value_from_ast,
)

MUTATION_COST = 10
CONNECTION_COST = 2

Composite = GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType


class _Walk:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        variables: dict[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def fields(self, selection_set: SelectionSetNode | None) -> Iterator[FieldNode]:
        """The fields of a selection with fragments flattened (every branch counted)."""
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                yield selection
            elif isinstance(selection, InlineFragmentNode):
                yield from self.fields(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment:
                    yield from self.fields(fragment.selection_set)

    def field_type(self, parent: Composite, node: FieldNode) -> Composite | None:
        """The composite type a field returns (None for scalars, enums, __typename)."""
        name = node.name.value
        candidates = (
            list(self.schema.get_possible_types(parent))
            if isinstance(parent, GraphQLUnionType | GraphQLInterfaceType)
            else [parent]
        )
        for candidate in [parent, *candidates]:
            fields = getattr(candidate, "fields", {})
            if name in fields:
                named = get_named_type(fields[name].type)
                if isinstance(named, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType):
                    return named
                return None
        return None

    def size(self, parent: Composite, node: FieldNode) -> int | None:
        """``first``/``last`` of a field, when it has one."""
        field = getattr(parent, "fields", {}).get(node.name.value)
        for arg in node.arguments:
            if arg.name.value in ("first", "last") and field is not None:
                value = value_from_ast(arg.value, field.args[arg.name.value].type, self.variables)
                if isinstance(value, int):
                    return value
        return None

    def requested(self, parent: Composite, selection_set: SelectionSetNode | None) -> int:
        total = 0
        for node in self.fields(selection_set):
            child = self.field_type(parent, node)
            if child is None:
                continue
            if child.name.endswith("Connection"):
                per_node = self.connection_node_cost(child, node)
                total += CONNECTION_COST + (self.size(parent, node) or 0) * per_node
            else:
                cost = 1 + self.requested(child, node.selection_set)
                size = self.size(parent, node)
                total += cost * size if size is not None else cost
        return total

    def connection_node_cost(self, conn: Composite, node: FieldNode) -> int:
        best = 0
        for inner in self.fields(node.selection_set):
            name = inner.name.value
            if name == "nodes":
                node_type = self.field_type(conn, inner)
                if node_type is not None:
                    best = max(best, 1 + self.requested(node_type, inner.selection_set))
            elif name == "edges":
                edge_type = self.field_type(conn, inner)
                for edge_field in self.fields(inner.selection_set):
                    if edge_field.name.value == "node" and edge_type is not None:
                        node_type = self.field_type(edge_type, edge_field)
                        if node_type is not None:
                            best = max(
                                best, 1 + self.requested(node_type, edge_field.selection_set)
                            )
        return best

    def actual(self, parent: Composite, selection_set: SelectionSetNode | None, data: Any) -> int:
        if not isinstance(data, dict):
            return 0
        total = 0
        for node in self.fields(selection_set):
            child = self.field_type(parent, node)
            key = node.alias.value if node.alias else node.name.value
            value = data.get(key)
            if child is None or value is None:
                continue
            if child.name.endswith("Connection"):
                total += CONNECTION_COST + self.actual_connection(child, node, value)
            elif isinstance(value, list):
                # A list without first/last was priced as one object; charge no more than that.
                each = [1 + self.actual(child, node.selection_set, v) for v in value if v]
                sized = self.size(parent, node) is not None
                total += sum(each) if sized else max(each, default=0)
            else:
                total += 1 + self.actual(child, node.selection_set, value)
        return total

    def actual_connection(self, conn: Composite, node: FieldNode, value: dict[str, Any]) -> int:
        best = 0
        for inner in self.fields(node.selection_set):
            key = inner.alias.value if inner.alias else inner.name.value
            items = value.get(key) or []
            if inner.name.value == "nodes":
                node_type = self.field_type(conn, inner)
                if node_type is not None:
                    best = max(
                        best,
                        sum(1 + self.actual(node_type, inner.selection_set, i) for i in items),
                    )
            elif inner.name.value == "edges":
                edge_type = self.field_type(conn, inner)
                if edge_type is not None:
                    best = max(best, sum(self.actual_edge(edge_type, inner, e) for e in items))
        return best

    def actual_edge(self, edge_type: Composite, inner: FieldNode, edge: dict[str, Any]) -> int:
        total = 0
        for edge_field in self.fields(inner.selection_set):
            node_type = self.field_type(edge_type, edge_field)
            key = edge_field.alias.value if edge_field.alias else edge_field.name.value
            if node_type is not None and edge.get(key) is not None:
                total += 1 + self.actual(node_type, edge_field.selection_set, edge[key])
        return total


def _root(schema: GraphQLSchema, operation: OperationDefinitionNode) -> Composite:
    root = schema.mutation_type if operation.operation.value == "mutation" else schema.query_type
    assert root is not None
    return root


def query_cost_requested(
    *,
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDefinitionNode],
    variables: dict[str, Any],
) -> int:
    walk = _Walk(schema, fragments, variables)
    if operation.operation.value == "mutation":
        return MUTATION_COST * sum(1 for _ in walk.fields(operation.selection_set))
    return walk.requested(_root(schema, operation), operation.selection_set)


def query_cost_actual(
    *,
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDefinitionNode],
    variables: dict[str, Any],
    data: dict[str, Any] | None,
) -> int:
    walk = _Walk(schema, fragments, variables)
    if operation.operation.value == "mutation":
        return MUTATION_COST * sum(1 for _ in walk.fields(operation.selection_set))
    return walk.actual(_root(schema, operation), operation.selection_set, data or {})
