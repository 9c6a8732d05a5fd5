"""Reading the JSONL file of a Shopify bulk query as a stream (Admin API 2026-10).

Shopify writes one JSON object per line. An object from a nested connection gets its own line
with ``__parentId`` (the id of the object it belongs to); list fields such as
``Order.fulfillments`` stay inside their object. The client starts every bulk query with
``groupObjects: true``, so each object's children come right after it, before the next object
of its level: an object is complete when a line that is not one of its children starts. Only
the object being assembled is held in memory, never the file.

Lines are parsed with orjson; objects are turned into datatypes with parsing.py. A line that
breaks these rules (not JSON, a child of an object that is not the current one) raises
``ShopifyBulkRefused``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import orjson

from integrations.shopify import parsing
from integrations.shopify.datatypes import (
    FulfillmentLineItemData,
    FulfillmentLinesData,
    OrderData,
)
from integrations.shopify.errors import ShopifyBulkRefused, ShopifyError

Json = dict[str, Any]

_FULFILLMENT = "gid://shopify/Fulfillment/"
_FULFILLMENT_ORDER = "gid://shopify/FulfillmentOrder/"


def _objects(lines: Iterable[bytes]) -> Iterator[Json]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError:
            raise ShopifyBulkRefused(detail=f"bulk file line {number} is not JSON") from None
        if not isinstance(value, dict):
            raise ShopifyBulkRefused(detail=f"bulk file line {number} is not an object")
        yield value


def _parsed_order(node: Json, line_items: list[Json]) -> OrderData:
    try:
        return parsing.order_from({**node, "lineItems": {"nodes": line_items}})
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise ShopifyError(detail=f"unexpected bulk order shape: {exc!r}") from None


def orders_from_lines(lines: Iterable[bytes]) -> Iterator[OrderData]:
    """Orders of ``queries.bulk_orders_query``'s file: an order line, then its line items.
    Fulfillments come without ``line_items`` (the bulk query cannot ask for them; see
    ``fulfillment_lines_from_lines``)."""
    order: Json | None = None
    items: list[Json] = []
    for obj in _objects(lines):
        parent = obj.pop("__parentId", None)
        if parent is None:
            if order is not None:
                yield _parsed_order(order, items)
            order, items = obj, []
        elif order is not None and parent == order.get("id"):
            items.append(obj)
        else:
            raise ShopifyBulkRefused(detail=f"bulk file: {obj.get('id')} does not follow {parent}")
    if order is not None:
        yield _parsed_order(order, items)


def fulfillment_lines_from_lines(lines: Iterable[bytes]) -> Iterator[FulfillmentLinesData]:
    """What each fulfillment shipped, from ``queries.bulk_fulfillment_lines_query``'s file: a
    fulfillment order line, its fulfillment lines, each followed by its fulfillment line items.
    Every fulfillment is yielded, also one without lines."""
    fulfillment: Json | None = None
    shipped: list[FulfillmentLineItemData] = []
    for obj in _objects(lines):
        parent = obj.get("__parentId")
        own = str(obj.get("id", ""))
        if parent is None or own.startswith(_FULFILLMENT_ORDER) or own.startswith(_FULFILLMENT):
            if fulfillment is not None:
                yield _fulfillment_lines(fulfillment, shipped)
            fulfillment, shipped = (obj if own.startswith(_FULFILLMENT) else None), []
        elif fulfillment is not None and parent == fulfillment["id"]:
            shipped.append(_shipped(obj))
        else:
            raise ShopifyBulkRefused(detail=f"bulk file: {own} does not follow {parent}")
    if fulfillment is not None:
        yield _fulfillment_lines(fulfillment, shipped)


def _shipped(obj: Json) -> FulfillmentLineItemData:
    try:
        return FulfillmentLineItemData(
            line_item_id=parsing.gid_to_int(obj["lineItem"]["id"]),
            quantity=obj.get("quantity") or 0,
        )
    except (KeyError, TypeError) as exc:
        raise ShopifyError(detail=f"unexpected bulk fulfillment line: {exc!r}") from None


def _fulfillment_lines(
    fulfillment: Json, shipped: list[FulfillmentLineItemData]
) -> FulfillmentLinesData:
    return FulfillmentLinesData(
        fulfillment_id=parsing.legacy_id(
            fulfillment.get("legacyResourceId") or parsing.gid_to_int(fulfillment["id"])
        ),
        line_items=tuple(shipped),
    )
