"""Shopify's bulk queries in the sandbox store: ``bulkOperationRunQuery``, ``bulkOperation(id:)``
and the JSONL file behind the operation's ``url``.

* Starting checks the query like Shopify does (valid against the schema, one top-level
  connection, at most five connections, nested at most two levels, no connection inside a list
  field) and refuses with ``userErrors`` otherwise. The sandbox runs bulk queries over
  ``orders`` and ``fulfillmentOrders`` (one per order, holding all its fulfillments); others are
  refused with INVALID.
* Status moves one step per look, as a real operation moves while it runs: CREATED -> RUNNING
  -> COMPLETED, with ``objectCount``/``rootObjectCount`` counted in the database (every object:
  orders and their line items alike) and the file's ``url``.
* The file is written while it is downloaded (``sandbox_bulk_jsonl``), 500 orders at a time from
  the database, so neither the sandbox nor the client ever holds it whole. Objects of nested
  connections get their own line with ``__parentId``, right after their parent
  (``groupObjects``); list fields stay inline. The link carries a secret, like Shopify's signed
  storage URLs, and needs no access token.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from django.db import connection as db
from django.db.models import IntegerField, Sum, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.urls import reverse
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLResolveInfo,
    OperationDefinitionNode,
    get_named_type,
    parse,
    validate,
)
from graphql.execution.collect_fields import collect_fields, collect_sub_fields
from graphql.execution.values import get_argument_values

from integrations.shopify.sandbox import documents as docs
from integrations.shopify.sandbox.fastexec import node_projector
from integrations.shopify.sandbox.models import SandboxBulkOperation, SandboxShop
from integrations.shopify.sandbox.orders import SandboxUserError
from integrations.shopify.sandbox.paging import rows_after

Status = SandboxBulkOperation.Status

ROOTS = {"orders": "Order", "fulfillmentOrders": "FulfillmentOrder"}
MAX_CONNECTIONS = 5
MAX_NESTING = 2
CHUNK = 500
_SORT = {"UPDATED_AT": "updated_at", "CREATED_AT": "created_at", "ID": "legacy_id"}


@dataclass(frozen=True)
class BulkPlan:
    """A checked bulk query: its top-level connection, that field's arguments, the selection
    of one node, and the nested connections it asks for (dotted response keys)."""

    root: str
    arguments: dict[str, Any]
    node_type: GraphQLObjectType
    node_fields: list[FieldNode]
    fragments: dict[str, FragmentDefinitionNode]
    connections: frozenset[str]


class _Refused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def bulk_query_plan(query: str) -> BulkPlan:
    """Check ``query`` as Shopify's bulk runner does; raises _Refused with Shopify's words."""
    from integrations.shopify.sandbox.schema import sandbox_schema

    schema = sandbox_schema()
    try:
        document = parse(query)
    except GraphQLError as error:
        raise _Refused(f"Invalid bulk query: {error.message}") from None
    errors = validate(schema, document)
    if errors:
        raise _Refused(f"Invalid bulk query: {errors[0].message}")
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) != 1 or operations[0].operation.value != "query":
        raise _Refused("Bulk queries must contain exactly one query operation.")
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    root_type = schema.query_type
    assert root_type is not None
    top = collect_fields(schema, fragments, {}, root_type, operations[0].selection_set)
    if len(top) != 1:
        raise _Refused("Bulk queries must contain exactly one top-level field.")
    ((_key, field_nodes),) = top.items()
    field_name = field_nodes[0].name.value
    field_def = root_type.fields[field_name]
    if not get_named_type(field_def.type).name.endswith("Connection"):
        raise _Refused("Bulk queries must contain at least one connection.")
    if field_name not in ROOTS:
        raise _Refused(
            f"The sandbox store runs bulk queries over {' and '.join(ROOTS)} only, "
            f"not {field_name}."
        )
    node_type = schema.get_type(ROOTS[field_name])
    assert isinstance(node_type, GraphQLObjectType)
    node_fields = _node_fields(schema, fragments, field_def.type, field_nodes)
    connections: list[str] = []
    _walk(schema, fragments, node_type, node_fields, "", 0, False, connections)
    if len(connections) + 1 > MAX_CONNECTIONS:
        raise _Refused(f"Bulk queries cannot contain more than {MAX_CONNECTIONS} connections.")
    return BulkPlan(
        root=field_name,
        arguments=get_argument_values(field_def, field_nodes[0], {}),
        node_type=node_type,
        node_fields=node_fields,
        fragments=fragments,
        connections=frozenset(connections),
    )


def _node_fields(schema: Any, fragments: Any, conn_type: Any, nodes: list[FieldNode]) -> Any:
    """The field nodes selecting one node of a connection (``edges { node }`` or ``nodes``)."""
    connection_type = get_named_type(conn_type)
    sub = collect_sub_fields(schema, fragments, {}, connection_type, nodes)
    if "edges" in sub:
        edge_type = get_named_type(connection_type.fields["edges"].type)
        edge = collect_sub_fields(schema, fragments, {}, edge_type, sub["edges"])
        if "node" in edge:
            return edge["node"]
    if "nodes" in sub:
        return sub["nodes"]
    raise _Refused("Bulk queries must select the connection's edges { node } or nodes.")


def _walk(
    schema: Any,
    fragments: Any,
    parent: GraphQLObjectType,
    nodes: list[FieldNode],
    path: str,
    depth: int,
    in_list: bool,
    found: list[str],
) -> None:
    if not any(n.selection_set for n in nodes):
        return
    for key, field_nodes in collect_sub_fields(schema, fragments, {}, parent, nodes).items():
        name = field_nodes[0].name.value
        if name == "__typename":
            continue
        gql_type = parent.fields[name].type
        named = get_named_type(gql_type)
        if not isinstance(named, GraphQLObjectType):
            continue
        here = f"{path}.{key}" if path else key
        unwrapped = gql_type.of_type if isinstance(gql_type, GraphQLNonNull) else gql_type
        listed = in_list or isinstance(unwrapped, GraphQLList)
        if named.name.endswith("Connection"):
            if in_list:
                raise _Refused(
                    "Queries that contain a connection field within a list field are not "
                    "currently supported."
                )
            if depth + 1 > MAX_NESTING:
                raise _Refused(
                    f"Bulk queries cannot contain connections with a nesting depth greater "
                    f"than {MAX_NESTING}."
                )
            found.append(here)
            child = schema.get_type(named.name[: -len("Connection")])
            _walk(
                schema,
                fragments,
                child,
                _node_fields(schema, fragments, named, field_nodes),
                here,
                depth + 1,
                False,
                found,
            )
        else:
            _walk(schema, fragments, named, field_nodes, here, depth, listed, found)


# --- services ------------------------------------------------------------------------------------


def sandbox_bulk_operation_run(
    *, shop: SandboxShop, query: str, now: datetime
) -> tuple[SandboxBulkOperation | None, list[SandboxUserError]]:
    """Create a bulk query operation (CREATED), or say why not."""
    try:
        bulk_query_plan(query)
    except _Refused as refused:
        return None, [SandboxUserError(["query"], refused.message, "INVALID")]
    row = SandboxBulkOperation.objects.create(
        shop=shop, query=query, secret=secrets.token_urlsafe(24), created_at=now
    )
    return row, []


def sandbox_bulk_operation_poll(
    *, shop: SandboxShop, operation_id: int, now: datetime
) -> SandboxBulkOperation | None:
    """The operation as it is now; an unfinished one moves one step on."""
    row = SandboxBulkOperation.objects.filter(shop=shop, pk=operation_id).first()
    if row is None:
        return None
    if row.status == Status.CREATED:
        row.status = Status.RUNNING
        row.save(update_fields=["status"])
    elif row.status == Status.RUNNING:
        roots, total = _object_counts(shop, bulk_query_plan(row.query))
        row.status, row.root_object_count, row.object_count = Status.COMPLETED, roots, total
        row.completed_at = now
        row.save(update_fields=["status", "root_object_count", "object_count", "completed_at"])
    return row


def sandbox_bulk_operation_fail(*, shop_domain: str, error_code: str = "TIMEOUT") -> int:
    """Make the shop's unfinished operations fail with ``error_code`` (ACCESS_DENIED,
    INTERNAL_SERVER_ERROR, TIMEOUT), as Shopify's do now and then. Returns how many."""
    return SandboxBulkOperation.objects.filter(
        shop__domain=shop_domain, status__in=[Status.CREATED, Status.RUNNING]
    ).update(status=Status.FAILED, error_code=error_code)


def _rows(shop: SandboxShop, plan: BulkPlan) -> Any:
    from integrations.shopify.sandbox.schema import order_rows

    return order_rows(shop=shop, query=plan.arguments.get("query"))


# How many objects each nested connection adds, per order row: fixed SQL, one per database.
_NESTED_COUNT_SQL = {
    "postgresql": {
        "lineItems": "jsonb_array_length(document -> 'lineItems')",
        "fulfillments": "jsonb_array_length(document -> 'fulfillments')",
        "fulfillments.fulfillmentLineItems": (
            "(SELECT coalesce(sum(jsonb_array_length(f -> 'fulfillmentLineItems')), 0) "
            "FROM jsonb_array_elements(document -> 'fulfillments') AS f)"
        ),
    },
    "sqlite": {
        "lineItems": "json_array_length(document, '$.lineItems')",
        "fulfillments": "json_array_length(document, '$.fulfillments')",
        "fulfillments.fulfillmentLineItems": (
            "(SELECT coalesce(sum(json_array_length(f.value, '$.fulfillmentLineItems')), 0) "
            "FROM json_each(document, '$.fulfillments') AS f)"
        ),
    },
}


def _object_counts(shop: SandboxShop, plan: BulkPlan) -> tuple[int, int]:
    """(root objects, all objects) the file will hold, counted in the database."""
    rows = _rows(shop, plan)
    sql = _NESTED_COUNT_SQL["postgresql" if db.vendor == "postgresql" else "sqlite"]
    sums = {
        path.replace(".", "__"): Sum(RawSQL(expression, ()), output_field=IntegerField())  # noqa: S611 - fixed SQL
        for path, expression in sql.items()
        if path in plan.connections
    }
    counts = rows.aggregate(**sums) if sums else {}
    roots = rows.count()
    return roots, roots + sum(value or 0 for value in counts.values())


# --- the file ------------------------------------------------------------------------------------


def bulk_file_path(row: SandboxBulkOperation) -> str:
    return reverse(
        "shopify_sandbox:bulk_file",
        kwargs={"shop": row.shop.domain, "operation": row.pk, "secret": row.secret},
    )


def sandbox_bulk_file_get(
    *, shop_domain: str, operation_id: int, secret: str
) -> SandboxBulkOperation | None:
    """The COMPLETED operation the link names, when its secret matches."""
    row = (
        SandboxBulkOperation.objects.select_related("shop")
        .filter(shop__domain=shop_domain, pk=operation_id, status=Status.COMPLETED)
        .first()
    )
    if row is None or not secrets.compare_digest(row.secret, secret):
        return None
    return row


def sandbox_bulk_jsonl(*, row: SandboxBulkOperation, now: datetime) -> Iterator[bytes]:
    """The operation's JSONL file, one chunk of up to CHUNK root objects at a time. Each chunk
    is read with its own keyset query, so no cursor stays open between chunks.

    A chunk is read as JSON texts and each document is parsed only when its turn comes, and
    let go before the next: a parsed order is some hundreds of objects, and 500 of them alive
    at once kept Python's cyclic garbage collector busy with them (more than half of the
    export's CPU time); parsed one at a time they die young, with a refcount."""
    from integrations.shopify.sandbox.schema import (
        SandboxContext,
        fulfillment_order_document,
        sandbox_schema,
    )

    plan = bulk_query_plan(row.query)
    context = SandboxContext(shop=row.shop, now=now, bulk=True)
    project = node_projector(schema=sandbox_schema(), fragments=plan.fragments, context=context)
    include_closed = bool(plan.arguments.get("includeClosed"))
    column = _SORT.get(plan.arguments.get("sortKey") or "ID", "legacy_id")
    for texts in document_text_chunks(_rows(row.shop, plan), column):
        out = bytearray()
        for text in texts:
            document = orjson.loads(text)
            source = document
            if plan.root == "fulfillmentOrders":
                source = fulfillment_order_document(document)
                if not include_closed and source["status"] in ("CLOSED", "CANCELLED"):
                    continue
            node = project(plan.node_type, plan.node_fields, source)
            for line in _flattened(node, None):
                out += orjson.dumps(line)
                out += b"\n"
        if out:
            yield bytes(out)


def document_chunks(rows: Any, column: str, size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    """The rows' documents ordered by (column, legacy_id), ``size`` at a time, parsed."""
    for texts in document_text_chunks(rows, column, size):
        yield [orjson.loads(text) for text in texts]


def document_text_chunks(rows: Any, column: str, size: int = CHUNK) -> Iterator[list[str]]:
    """The rows' documents as JSON text, ordered by (column, legacy_id), ``size`` at a time.
    Each chunk is two queries: its keys (one index range after the previous chunk's last key,
    a row-value comparison), then its documents by primary key, so no plan ever sorts
    documents."""
    order = ["legacy_id"] if column == "legacy_id" else [column, "legacy_id"]
    # The document as the database's JSON text, for orjson: faster than the JSON field's own
    # decoding, and decoding is most of the sandbox's work here.
    text = Cast("document", output_field=TextField())
    last: tuple[Any, ...] | None = None
    while True:
        page = rows if last is None else rows.filter(rows_after(order, last))
        keys = list(page.order_by(*order).values_list(*order, "pk")[:size])
        if not keys:
            return
        last = keys[-1][:-1]
        found = dict(
            rows.model.objects.filter(pk__in=[k[-1] for k in keys]).values_list("pk", text)
        )
        yield [found[k[-1]] for k in keys]
        if len(keys) < size:
            return


_CONNECTION_KEYS = frozenset({"edges", "nodes", "pageInfo"})


def _flattened(node: dict[str, Any], parent_id: str | None) -> Iterator[dict[str, Any]]:
    """The object, then (grouped) each node of its nested connections with ``__parentId``."""
    children: list[dict[str, Any]] = []
    for key, value in list(node.items()):
        if type(value) is dict and value and value.keys() <= _CONNECTION_KEYS:
            del node[key]
            children.extend(edge["node"] for edge in value.get("edges") or ())
            if not value.get("edges"):
                children.extend(value.get("nodes") or ())
    if parent_id is not None:
        node["__parentId"] = parent_id
    yield node
    for child in children:
        yield from _flattened(child, node.get("id"))


# --- GraphQL resolvers ---------------------------------------------------------------------------


def operation_document(row: SandboxBulkOperation, *, origin: str) -> dict[str, Any]:
    completed = row.status == Status.COMPLETED
    return {
        "id": docs.gid("BulkOperation", row.pk),
        "status": row.status,
        "errorCode": row.error_code or None,
        "objectCount": str(row.object_count),
        "rootObjectCount": str(row.root_object_count),
        "fileSize": None,
        "url": f"{origin}{bulk_file_path(row)}" if completed else None,
        "partialDataUrl": None,
        "query": row.query,
        "type": "QUERY",
        "createdAt": docs.iso(row.created_at),
        "completedAt": docs.iso(row.completed_at),
    }


def _bulk_operation_run_query(
    _: Any, info: GraphQLResolveInfo, query: str, groupObjects: bool = False
) -> dict[str, Any]:
    ctx = info.context
    row, errors = sandbox_bulk_operation_run(shop=ctx.shop, query=query, now=ctx.now)
    return {
        "bulkOperation": operation_document(row, origin=ctx.origin) if row else None,
        "userErrors": [{"field": e.field, "message": e.message, "code": e.code} for e in errors],
    }


def _bulk_operation(_: Any, info: GraphQLResolveInfo, id: str) -> dict[str, Any] | None:
    ctx = info.context
    row = sandbox_bulk_operation_poll(
        shop=ctx.shop, operation_id=docs.gid_parse(id, "BulkOperation"), now=ctx.now
    )
    return operation_document(row, origin=ctx.origin) if row else None


QUERY_RESOLVERS: dict[str, Any] = {"bulkOperation": _bulk_operation}
MUTATION_RESOLVERS: dict[str, Any] = {"bulkOperationRunQuery": _bulk_operation_run_query}
