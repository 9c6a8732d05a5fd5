"""Shopify's search syntax and cursor pagination over the sandbox's indexed columns.

Cursors look like Shopify's: base64 of ``{"last_id": <legacy id>, "last_value": <sort value>}``.
Pages are keyset ranges on (sort column, legacy id), written as a row-value comparison
``(column, legacy_id) > (value, id)``, so each page is one index range scan on PostgreSQL and
SQLite alike (``column > value OR (column = value AND legacy_id > id)`` is not: PostgreSQL reads
the index from the shop's first row and filters, so deep pages cost more and more).
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Expression, F, Field, Func, Model, Q, QuerySet, Value
from django.db.models.lookups import GreaterThan, LessThan
from graphql import GraphQLError

MAX_PAGE = 250

# term := [-]field:[op]value ; value may be quoted
_TERM = re.compile(
    r"""(?P<neg>-)?(?P<field>[a-z_]+):(?P<op>>=|<=|>|<|=)?(?P<value>'[^']*'|"[^"]*"|\S+)"""
)
_OPS = {">=": "gte", "<=": "lte", ">": "gt", "<": "lt", "=": "exact", None: "exact"}


@dataclass(frozen=True)
class SearchTerm:
    field: str
    lookup: str
    value: str
    negated: bool = False


def search_parse(query: str | None) -> list[SearchTerm]:
    """The ``field:value`` terms of a Shopify search query (AND-ed; bare words ignored)."""
    if not query:
        return []
    terms = []
    for match in _TERM.finditer(query):
        value = match["value"]
        if value[:1] in "'\"" and value[-1:] == value[:1]:
            value = value[1:-1]
        terms.append(
            SearchTerm(match["field"], _OPS[match["op"]], value, negated=bool(match["neg"]))
        )
    return terms


def search_filter(terms: list[SearchTerm], *, columns: dict[str, str], timezone: str) -> Q:
    """A Q for the terms whose field is in ``columns`` (search field -> model column).
    Datetime values without an offset (or plain dates) are in the shop's time zone, as
    Shopify reads them. Unknown fields are ignored, as Shopify does."""
    q = Q()
    for term in terms:
        column = columns.get(term.field)
        if column is None:
            continue
        value: Any = term.value
        if column.endswith("_at"):
            value = _when(value, timezone)
        elif column in ("legacy_id", "number", "customer_legacy_id"):
            value = int(re.sub(r"\D", "", value.rsplit("/", 1)[-1]) or 0)
        elif column == "email":
            value = value.lower()
        clause = Q(**{f"{column}__{term.lookup}": value})
        q &= ~clause if term.negated else clause
    return q


def _when(value: str, timezone: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise GraphQLError(f"Invalid date in search query: {value}") from exc
    if len(value) == 10:
        parsed = datetime.combine(parsed.date(), time.min)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(timezone))
    return parsed


def cursor_encode(last_id: int, last_value: Any) -> str:
    raw = json.dumps({"last_id": last_id, "last_value": last_value}, separators=(",", ":"))
    return base64.b64encode(raw.encode()).decode()


@lru_cache(maxsize=1024)
def _position_cursor(position: int) -> str:
    """The cursor of an embedded list's item at ``position`` (the same for every list: a bulk
    file asks for one per line item of every order)."""
    return cursor_encode(position, position)


def cursor_decode(cursor: str) -> tuple[int, Any]:
    try:
        data = json.loads(base64.b64decode(cursor.encode(), validate=True))
        return int(data["last_id"]), data["last_value"]
    except (ValueError, KeyError, TypeError) as exc:
        raise GraphQLError("Invalid cursor for current pagination sort.") from exc


def page_size(first: int | None, last: int | None) -> int:
    if first is None and last is None:
        raise GraphQLError("you must provide one of first or last")
    size = first if first is not None else last
    assert size is not None
    if size < 0 or size > MAX_PAGE:
        raise GraphQLError(f"The maximum page size is {MAX_PAGE}, and it must not be negative.")
    return size


def _sort_value(row: Model, column: str) -> Any:
    value = getattr(row, column)
    return value.isoformat() if isinstance(value, datetime) else value


def _row(*items: Any) -> Func:
    """A row value: ``(a, b)``."""
    return Func(*items, function="", template="(%(expressions)s)", output_field=Field())


def rows_after(
    columns: Sequence[str], values: Sequence[Any], *, ascending: bool = True
) -> Expression:
    """Rows after ``values`` in the order of ``columns`` (before them when not ``ascending``):
    ``(a, b) > (x, y)``, a filter both PostgreSQL and SQLite (3.15+) run as one index range on
    an index over (..., a, b)."""
    lookup = GreaterThan if ascending else LessThan
    return lookup(_row(*(F(c) for c in columns)), _row(*(Value(v) for v in values)))


def _keyset(
    column: str, id_field: str, value: Any, last_id: int, *, ascending: bool
) -> Q | Expression:
    if column == id_field:
        return Q(**{f"{id_field}__{'gt' if ascending else 'lt'}": last_id})
    if column.endswith("_at"):
        value = datetime.fromisoformat(value)
    return rows_after((column, id_field), (value, last_id), ascending=ascending)


def queryset_page(
    qs: QuerySet[Any],
    *,
    column: str,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    reverse: bool,
    id_field: str = "legacy_id",
) -> tuple[list[Any], dict[str, Any], list[str]]:
    """(rows, pageInfo, cursors) for one page of ``qs`` ordered by (column, id_field)."""
    size = page_size(first, last)
    backwards = first is None
    ascending = reverse == backwards  # reading backwards flips the order
    if after:
        qs = qs.filter(_keyset(column, id_field, *_decoded(after), ascending=not reverse))
    if before:
        qs = qs.filter(_keyset(column, id_field, *_decoded(before), ascending=reverse))
    sign = "" if ascending else "-"
    order = [f"{sign}{column}"] if column == id_field else [f"{sign}{column}", f"{sign}{id_field}"]
    rows = list(qs.order_by(*order)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    cursors = [cursor_encode(getattr(r, id_field), _sort_value(r, column)) for r in rows]
    info = _page_info(cursors, more=more, backwards=backwards, after=after, before=before)
    return rows, info, cursors


def _decoded(cursor: str) -> tuple[Any, int]:
    last_id, value = cursor_decode(cursor)
    return value, last_id


def _page_info(
    cursors: list[str], *, more: bool, backwards: bool, after: str | None, before: str | None
) -> dict[str, Any]:
    return {
        "hasNextPage": bool(before) if backwards else more,
        "hasPreviousPage": more if backwards else bool(after),
        "startCursor": cursors[0] if cursors else None,
        "endCursor": cursors[-1] if cursors else None,
    }


def list_page(
    items: Sequence[dict[str, Any]],
    *,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    reverse: bool = False,
) -> dict[str, Any]:
    """A connection over an embedded list (line items of an order, variants of a product);
    the cursor's ``last_id`` is the item's position."""
    ordered = list(reversed(items)) if reverse else list(items)
    start, end = 0, len(ordered)
    if after:
        start = cursor_decode(after)[0] + 1
    if before:
        end = cursor_decode(before)[0]
    size = page_size(first, last)
    window = range(start, end)
    chosen = window[:size] if first is not None else window[max(len(window) - size, 0) :]
    cursors = [_position_cursor(i) for i in chosen]
    nodes = [ordered[i] for i in chosen]
    return connection(
        nodes,
        cursors,
        {
            "hasNextPage": bool(chosen) and chosen[-1] < len(ordered) - 1,
            "hasPreviousPage": bool(chosen) and chosen[0] > 0,
            "startCursor": cursors[0] if cursors else None,
            "endCursor": cursors[-1] if cursors else None,
        },
    )


def list_all(items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """A connection holding every item (a bulk query's nested connections have no page size)."""
    cursors = [_position_cursor(i) for i in range(len(items))]
    info = {
        "hasNextPage": False,
        "hasPreviousPage": False,
        "startCursor": cursors[0] if cursors else None,
        "endCursor": cursors[-1] if cursors else None,
    }
    return connection(list(items), cursors, info)


def connection(
    nodes: list[dict[str, Any]], cursors: list[str], page_info: dict[str, Any]
) -> dict[str, Any]:
    return {
        "nodes": nodes,
        "edges": [{"cursor": c, "node": n} for c, n in zip(cursors, nodes, strict=True)],
        "pageInfo": page_info,
    }
