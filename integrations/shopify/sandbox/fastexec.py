"""A fast path for executing read queries over the sandbox's documents.

graphql-core's ``execute`` completes and type-checks every field of every value; for a page of
250 orders that is ~100,000 field executions and most of a request's time. The sandbox's
documents are already shaped like the output, so this executor only projects them: graphql-core
still parses, validates, coerces variables and arguments and collects fields (fragments,
aliases, ``@skip``/``@include``), and the schema's own resolvers run where a field has one.
It also adds up the actual query cost while it walks (same rules as ``cost``).

If anything is off the happy path (a resolver raises, a non-null field is null, an error in
the variables), it raises :class:`FastPathUnavailable` and the caller runs graphql-core's
``execute`` instead, which produces Shopify-like errors with paths and null propagation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    OperationDefinitionNode,
    is_abstract_type,
    is_composite_type,
)
from graphql.execution.collect_fields import collect_fields, collect_sub_fields
from graphql.execution.values import get_argument_values, get_variable_values

from integrations.shopify.sandbox.cost import CONNECTION_COST


class FastPathUnavailable(Exception):
    """Use graphql-core's execute for this request."""


@dataclass
class _Info:
    """The part of GraphQLResolveInfo the sandbox's resolvers use."""

    context: Any
    schema: GraphQLSchema


@dataclass
class _Field:
    key: str
    name: str
    resolve: Any
    args: dict[str, Any]
    non_null: bool
    list_depth: int
    named: Any  # composite named type, or None for leaves
    nodes: list[FieldNode]
    sized: bool


class _Executor:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        variables: dict[str, Any],
        context: Any,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.info = _Info(context=context, schema=schema)
        self.plans: dict[tuple[str, int], list[_Field]] = {}

    def plan(self, parent: GraphQLObjectType, grouped: dict[str, list[FieldNode]]) -> list[_Field]:
        fields = []
        for key, nodes in grouped.items():
            name = nodes[0].name.value
            if name == "__typename":
                fields.append(_Field(key, name, None, {}, True, 0, None, nodes, False))
                continue
            field_def = parent.fields[name]
            gql_type, non_null, depth = field_def.type, False, 0
            if isinstance(gql_type, GraphQLNonNull):
                gql_type, non_null = gql_type.of_type, True
            while isinstance(gql_type, GraphQLList | GraphQLNonNull):
                depth += isinstance(gql_type, GraphQLList)
                gql_type = gql_type.of_type
            args = (
                get_argument_values(field_def, nodes[0], self.variables)
                if field_def.resolve
                else {}
            )
            sized = any(a.name.value in ("first", "last") for a in nodes[0].arguments)
            named = gql_type if is_composite_type(gql_type) else None
            fields.append(
                _Field(key, name, field_def.resolve, args, non_null, depth, named, nodes, sized)
            )
        return fields

    def object(
        self, parent: GraphQLObjectType, nodes: list[FieldNode], source: Any
    ) -> tuple[dict[str, Any], int]:
        cache_key = (parent.name, id(nodes[0]) if len(nodes) == 1 else hash(tuple(map(id, nodes))))
        plan = self.plans.get(cache_key)
        if plan is None:
            plan = self.plan(
                parent,
                collect_sub_fields(self.schema, self.fragments, self.variables, parent, nodes),
            )
            self.plans[cache_key] = plan
        return self.fields(parent, plan, source)

    def fields(
        self, parent: GraphQLObjectType, plan: list[_Field], source: Any
    ) -> tuple[dict[str, Any], int]:
        out: dict[str, Any] = {}
        costs = []
        connection = parent.name.endswith("Connection")
        for field in plan:
            if field.name == "__typename":
                out[field.key] = parent.name
                continue
            if field.resolve is not None:
                try:
                    value = field.resolve(source, self.info, **field.args)
                except GraphQLError as exc:
                    raise FastPathUnavailable from exc
            else:
                value = source.get(field.name)
            if value is None:
                if field.non_null:
                    raise FastPathUnavailable
                out[field.key] = None
                continue
            if field.named is None:
                out[field.key] = value
                continue
            out[field.key], cost = self.complete(field, value, in_connection=connection)
            costs.append(cost)
        # A connection's nodes and edges are the same objects: count the larger once.
        return out, (max(costs, default=0) if connection else sum(costs))

    def complete(self, field: _Field, value: Any, *, in_connection: bool) -> tuple[Any, int]:
        named = field.named
        own = 0 if named.name.endswith("Edge") or named.name == "PageInfo" else 1
        if field.list_depth:
            items = [self.composite(named, field.nodes, v) for v in value]
            costs = [own + c for _, c in items]
            total = sum(costs) if field.sized or in_connection else max(costs, default=0)
            return [v for v, _ in items], total
        result, cost = self.composite(named, field.nodes, value)
        if named.name.endswith("Connection"):
            return result, CONNECTION_COST + cost
        return result, (own + cost) if named.name != "PageInfo" else 0

    def composite(self, named: Any, nodes: list[FieldNode], value: Any) -> tuple[Any, int]:
        if value is None:
            return None, 0
        runtime = named
        if is_abstract_type(named):
            runtime = self.schema.get_type(named.resolve_type(value, self.info, named))
        return self.object(runtime, nodes, value)


def execute_fast(
    *,
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDefinitionNode],
    raw_variables: dict[str, Any],
    context: Any,
) -> tuple[dict[str, Any], int]:
    """(data, actual cost) of a query, or FastPathUnavailable."""
    if operation.operation.value != "query":
        raise FastPathUnavailable
    coerced = get_variable_values(schema, operation.variable_definitions or (), raw_variables)
    if isinstance(coerced, list):
        raise FastPathUnavailable
    executor = _Executor(schema, fragments, coerced, context)
    root = schema.query_type
    assert root is not None
    grouped = collect_fields(schema, fragments, coerced, root, operation.selection_set)
    return executor.fields(root, executor.plan(root, grouped), None)


def node_projector(
    *,
    schema: GraphQLSchema,
    fragments: dict[str, FragmentDefinitionNode],
    context: Any,
) -> Any:
    """``project(type, field_nodes, document) -> dict``: one object's output for a selection
    (a bulk query's ``node``), the same as ``execute_fast`` would give it. A bulk file projects
    every order of the shop with one selection and needs no cost, so each (type, selection)
    is compiled once into a step list, and projecting an object only walks its steps. Raises
    FastPathUnavailable where ``execute_fast`` would."""
    executor = _Executor(schema, fragments, {}, context)
    compiled: dict[tuple[str, tuple[int, ...]], _Projector] = {}

    def projector(parent: GraphQLObjectType, nodes: list[FieldNode]) -> _Projector:
        key = (parent.name, tuple(map(id, nodes)))
        found = compiled.get(key)
        if found is None:
            found = compiled[key] = _Projector(executor, parent, nodes, projector)
        return found

    def project(parent: GraphQLObjectType, nodes: list[FieldNode], source: Any) -> Any:
        return projector(parent, nodes)(source)

    return project


class _Projector:
    """One (object type, selection)'s output from a source document, compiled on first use
    (children lazily, so recursive selections compile as far as documents go)."""

    def __init__(
        self, executor: _Executor, parent: GraphQLObjectType, nodes: list[FieldNode], lookup: Any
    ) -> None:
        self._executor, self._parent, self._nodes, self._lookup = executor, parent, nodes, lookup
        self._steps: list[tuple[Any, ...]] | None = None

    def _compile(self) -> list[tuple[Any, ...]]:
        executor = self._executor
        grouped = collect_sub_fields(
            executor.schema, executor.fragments, executor.variables, self._parent, self._nodes
        )
        steps = []
        for field in executor.plan(self._parent, grouped):
            child = None if field.named is None else self._child(field.named, field.nodes)
            steps.append(
                (
                    field.key,
                    field.name,
                    field.resolve,
                    field.args,
                    field.non_null,
                    field.list_depth,
                    child,
                )
            )
        return steps

    def _child(self, named: Any, nodes: list[FieldNode]) -> Any:
        if not is_abstract_type(named):
            return self._lookup(named, nodes)  # compiles itself when first called
        executor = self._executor

        def dispatch(value: Any) -> Any:
            runtime = executor.schema.get_type(named.resolve_type(value, executor.info, named))
            return self._lookup(runtime, nodes)(value)

        return dispatch

    def __call__(self, source: Any) -> dict[str, Any]:
        steps = self._steps
        if steps is None:
            steps = self._steps = self._compile()
        info, type_name = self._executor.info, self._parent.name
        out: dict[str, Any] = {}
        for key, name, resolve, args, non_null, listed, child in steps:
            if name == "__typename":
                out[key] = type_name
                continue
            if resolve is not None:
                try:
                    value = resolve(source, info, **args)
                except GraphQLError as exc:
                    raise FastPathUnavailable from exc
            else:
                value = source.get(name)
            if value is None:
                if non_null:
                    raise FastPathUnavailable
                out[key] = None
            elif child is None:
                out[key] = value
            elif listed:
                out[key] = [None if item is None else child(item) for item in value]
            else:
                out[key] = child(value)
        return out
