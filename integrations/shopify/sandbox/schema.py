"""The sandbox's GraphQL schema (schema.graphql, Shopify's names) with its query resolvers.

Resolvers stay trivial: documents are already shaped like the output, so most fields use
graphql-core's default resolver (a dict lookup). Only root fields, connections and links
between documents have resolvers here; mutations live in ``mutations``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Q
from graphql import GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema, build_schema

from integrations.shopify.sandbox import documents as docs
from integrations.shopify.sandbox import mutations, policies
from integrations.shopify.sandbox.models import (
    SandboxCustomer,
    SandboxFulfillment,
    SandboxOrder,
    SandboxProduct,
    SandboxShop,
    SandboxVariant,
    SandboxWebhookSubscription,
)
from integrations.shopify.sandbox.paging import (
    connection,
    list_all,
    list_page,
    queryset_page,
    search_filter,
    search_parse,
)

SCHEMA_PATH = Path(__file__).with_name("schema.graphql")

_ORDER_SORT = {
    "UPDATED_AT": "updated_at",
    "CREATED_AT": "created_at",
    "PROCESSED_AT": "created_at",
    "ID": "legacy_id",
    "ORDER_NUMBER": "number",
}
_CUSTOMER_SORT = {"UPDATED_AT": "updated_at", "CREATED_AT": "created_at", "ID": "legacy_id"}
_ORDER_SEARCH = {
    "updated_at": "updated_at",
    "created_at": "created_at",
    "processed_at": "created_at",
    "email": "email",
    "id": "legacy_id",
    "name": "number",
    "customer_id": "customer_legacy_id",
}
_CUSTOMER_SEARCH = {
    "updated_at": "updated_at",
    "created_at": "created_at",
    "email": "email",
    "id": "legacy_id",
}


@dataclass
class SandboxContext:
    """What every resolver may use: the authenticated shop and the request's clock.
    ``origin`` is the sandbox's own scheme://host as the request reached it (for the links it
    hands out); ``bulk`` is set while a bulk query runs: nested connections then hold every
    node, as Shopify's bulk queries do. ``scopes`` are the access token's, for the fields
    that check theirs (None: not checked)."""

    shop: SandboxShop
    now: datetime
    origin: str = ""
    bulk: bool = False
    scopes: frozenset[str] | None = None


def _ctx(info: GraphQLResolveInfo) -> SandboxContext:
    context: SandboxContext = info.context
    return context


@cache
def sandbox_schema() -> GraphQLSchema:
    """The executable schema, built once per process."""
    from integrations.shopify.sandbox import bulk  # it runs queries over this schema

    schema = build_schema(SCHEMA_PATH.read_text())
    _bind(
        schema,
        "QueryRoot",
        {**_QUERY_RESOLVERS, **bulk.QUERY_RESOLVERS, "fulfillmentOrders": _fulfillment_orders},
    )
    _bind(schema, "Mutation", {**mutations.RESOLVERS, **bulk.MUTATION_RESOLVERS})
    _bind(schema, "FulfillmentOrder", {"fulfillments": _fulfillment_order_fulfillments})
    _bind(schema, "Order", {"lineItems": _order_line_items, "fulfillments": _order_fulfillments})
    _bind(schema, "Fulfillment", {"fulfillmentLineItems": _fulfillment_line_items})
    _bind(schema, "LineItem", {"product": _line_item_product})
    _bind(schema, "Product", {"variants": _product_variants})
    _bind(schema, "Customer", {"orders": _customer_orders, "lastOrder": _customer_last_order})
    _bind(schema, "CalculatedOrder", mutations.CALCULATED_ORDER_RESOLVERS)
    _bind(schema, "Shop", policies.SHOP_RESOLVERS)
    _bind(schema, "ShopPolicy", policies.SHOP_POLICY_RESOLVERS)
    node = schema.get_type("Node")
    node.resolve_type = _node_type  # type: ignore[union-attr]
    endpoint = schema.get_type("WebhookSubscriptionEndpoint")
    endpoint.resolve_type = lambda value, info, type_: "WebhookHttpEndpoint"  # type: ignore[union-attr]
    return schema


def _bind(schema: GraphQLSchema, type_name: str, resolvers: dict[str, Any]) -> None:
    gql_type = schema.get_type(type_name)
    assert isinstance(gql_type, GraphQLObjectType)
    for field, resolver in resolvers.items():
        gql_type.fields[field].resolve = resolver


def _node_type(value: dict[str, Any], info: GraphQLResolveInfo, type_: Any) -> str:
    return str(value["id"]).split("/")[3]


# --- root fields ---------------------------------------------------------------------------------


def shop_document(shop: SandboxShop) -> dict[str, Any]:
    offset = shop.updated_at.astimezone(ZoneInfo(shop.iana_timezone)).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "+" if minutes >= 0 else "-"
    return {
        "id": docs.gid("Shop", shop.legacy_id),
        "name": shop.name,
        "email": shop.email,
        "contactEmail": shop.email,
        "shopOwnerName": shop.name,
        "myshopifyDomain": shop.domain,
        "url": f"https://{shop.domain}",
        "currencyCode": shop.currency,
        "ianaTimezone": shop.iana_timezone,
        "timezoneAbbreviation": shop.updated_at.astimezone(ZoneInfo(shop.iana_timezone)).tzname(),
        "timezoneOffset": f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}",
        "timezoneOffsetMinutes": minutes,
        "createdAt": docs.iso(shop.created_at),
        "updatedAt": docs.iso(shop.updated_at),
        "primaryDomain": {
            "id": docs.gid("Domain", shop.legacy_id),
            "host": shop.domain,
            "url": f"https://{shop.domain}",
            "sslEnabled": True,
        },
    }


_LOCALE_NAMES = {"en": "English", "nl": "Dutch"}


def _shop_locales(_: Any, info: GraphQLResolveInfo, published: bool = False) -> list[Any]:
    primary = _ctx(info).shop.primary_locale
    codes = [primary, *(c for c in _LOCALE_NAMES if c != primary)]
    return [
        {"locale": c, "name": _LOCALE_NAMES.get(c, c), "primary": c == primary, "published": True}
        for c in codes
    ]


def _shop(_: Any, info: GraphQLResolveInfo) -> dict[str, Any]:
    return shop_document(_ctx(info).shop)


def order_rows(*, shop: SandboxShop, query: str | None) -> Any:
    """The shop's orders matching a Shopify search query (``updated_at:>='...'``)."""
    where = search_filter(search_parse(query), columns=_ORDER_SEARCH, timezone=shop.iana_timezone)
    return SandboxOrder.objects.filter(where, shop=shop)


def _orders_qs(info: GraphQLResolveInfo, query: str | None) -> Any:
    return order_rows(shop=_ctx(info).shop, query=query)


def _orders(_: Any, info: GraphQLResolveInfo, **args: Any) -> dict[str, Any]:
    return _documents_page(
        _orders_qs(info, args.get("query")),
        column=_ORDER_SORT.get(args.get("sortKey") or "", "created_at"),
        args=args,
    )


def _documents_page(qs: Any, *, column: str, args: dict[str, Any]) -> dict[str, Any]:
    rows, info, cursors = queryset_page(
        qs.only("legacy_id", column, "document") if column != "legacy_id" else qs,
        column=column,
        first=args.get("first"),
        after=args.get("after"),
        last=args.get("last"),
        before=args.get("before"),
        reverse=bool(args.get("reverse")),
    )
    return connection([r.document for r in rows], cursors, info)


def _count(qs: Any, limit: int | None) -> dict[str, Any]:
    if limit is None:
        return {"count": qs.count(), "precision": "EXACT"}
    found = qs[: limit + 1].count()
    if found > limit:
        return {"count": limit, "precision": "AT_LEAST"}
    return {"count": found, "precision": "EXACT"}


def _orders_count(_: Any, info: GraphQLResolveInfo, **args: Any) -> dict[str, Any]:
    return _count(_orders_qs(info, args.get("query")), args.get("limit"))


def _order(_: Any, info: GraphQLResolveInfo, id: str) -> dict[str, Any] | None:
    legacy_id = docs.gid_parse(id, "Order")
    row = SandboxOrder.objects.filter(shop=_ctx(info).shop, legacy_id=legacy_id).first()
    return row.document if row else None


def _fulfillment(_: Any, info: GraphQLResolveInfo, id: str) -> dict[str, Any] | None:
    legacy_id = docs.gid_parse(id, "Fulfillment")
    row = (
        SandboxFulfillment.objects.filter(shop=_ctx(info).shop, legacy_id=legacy_id)
        .select_related("order")
        .first()
    )
    if row is None:
        return None
    fulfillments = _order_fulfillments(row.order.document, info)
    return next((f for f in fulfillments if f["id"] == id.split("?", 1)[0]), None)


def _customers_qs(info: GraphQLResolveInfo, query: str | None) -> Any:
    shop = _ctx(info).shop
    where = search_filter(
        search_parse(query), columns=_CUSTOMER_SEARCH, timezone=shop.iana_timezone
    )
    return SandboxCustomer.objects.filter(where, shop=shop)


def _customers(_: Any, info: GraphQLResolveInfo, **args: Any) -> dict[str, Any]:
    return _documents_page(
        _customers_qs(info, args.get("query")),
        column=_CUSTOMER_SORT.get(args.get("sortKey") or "", "legacy_id"),
        args=args,
    )


def _customers_count(_: Any, info: GraphQLResolveInfo, **args: Any) -> dict[str, Any]:
    return _count(_customers_qs(info, args.get("query")), args.get("limit"))


def _customer(_: Any, info: GraphQLResolveInfo, id: str) -> dict[str, Any] | None:
    legacy_id = docs.gid_parse(id, "Customer")
    row = SandboxCustomer.objects.filter(shop=_ctx(info).shop, legacy_id=legacy_id).first()
    return row.document if row else None


def _product(_: Any, info: GraphQLResolveInfo, id: str) -> dict[str, Any] | None:
    legacy_id = docs.gid_parse(id, "Product")
    row = SandboxProduct.objects.filter(shop=_ctx(info).shop, legacy_id=legacy_id).first()
    return row.document if row else None


def variant_lookup(*, shop: SandboxShop, variant_id: int) -> dict[str, Any] | None:
    """The variant's document with its product, or None."""
    row = (
        SandboxVariant.objects.filter(shop=shop, legacy_id=variant_id)
        .select_related("product")
        .first()
    )
    if row is None:
        return None
    product = row.product.document
    stub = {k: v for k, v in product.items() if k != "variants"}
    for variant in product["variants"]:
        if variant["legacyResourceId"] == str(variant_id):
            return {**variant, "product": stub}
    return None


def _product_variant(_: Any, info: GraphQLResolveInfo, id: str) -> dict[str, Any] | None:
    return variant_lookup(shop=_ctx(info).shop, variant_id=docs.gid_parse(id, "ProductVariant"))


def subscription_document(row: SandboxWebhookSubscription) -> dict[str, Any]:
    return {
        "id": docs.gid("WebhookSubscription", row.pk),
        "legacyResourceId": str(row.pk),
        "topic": row.topic,
        "uri": row.uri,
        "format": row.format,
        "filter": None,
        "includeFields": [],
        "name": None,
        "apiVersion": {
            "handle": row.api_version,
            "displayName": row.api_version,
            "supported": True,
        },
        "endpoint": {"callbackUrl": row.uri},
        "createdAt": docs.iso(row.created_at),
        "updatedAt": docs.iso(row.updated_at),
    }


def _subscriptions_qs(info: GraphQLResolveInfo, args: dict[str, Any]) -> Any:
    qs = SandboxWebhookSubscription.objects.filter(shop=_ctx(info).shop)
    if args.get("topics"):
        qs = qs.filter(topic__in=args["topics"])
    uri = args.get("uri") or args.get("callbackUrl")
    if uri:
        qs = qs.filter(uri=uri)
    return qs


def _webhook_subscriptions(_: Any, info: GraphQLResolveInfo, **args: Any) -> dict[str, Any]:
    rows, page, cursors = queryset_page(
        _subscriptions_qs(info, args),
        column="pk",
        id_field="pk",
        first=args.get("first"),
        after=args.get("after"),
        last=args.get("last"),
        before=args.get("before"),
        reverse=bool(args.get("reverse")),
    )
    return connection([subscription_document(r) for r in rows], cursors, page)


def _webhook_subscriptions_count(_: Any, info: GraphQLResolveInfo, **args: Any) -> dict[str, Any]:
    return _count(_subscriptions_qs(info, args), args.get("limit"))


def _webhook_subscription(_: Any, info: GraphQLResolveInfo, id: str) -> dict[str, Any] | None:
    pk = docs.gid_parse(id, "WebhookSubscription")
    row = SandboxWebhookSubscription.objects.filter(shop=_ctx(info).shop, pk=pk).first()
    return subscription_document(row) if row else None


_NODE_RESOLVERS = {
    "Order": _order,
    "Fulfillment": _fulfillment,
    "Customer": _customer,
    "Product": _product,
    "ProductVariant": _product_variant,
    "WebhookSubscription": _webhook_subscription,
}


def _node(_: Any, info: GraphQLResolveInfo, id: str) -> dict[str, Any] | None:
    parts = id.split("/") if isinstance(id, str) else []
    resolver = _NODE_RESOLVERS.get(parts[3]) if len(parts) > 4 else None
    return resolver(None, info, id=id) if resolver else None


def _nodes(_: Any, info: GraphQLResolveInfo, ids: list[str]) -> list[dict[str, Any] | None]:
    return [_node(None, info, id=i) for i in ids]


_QUERY_RESOLVERS: dict[str, Any] = {
    "shop": _shop,
    "shopLocales": _shop_locales,
    "orders": _orders,
    "ordersCount": _orders_count,
    "order": _order,
    "fulfillment": _fulfillment,
    "customers": _customers,
    "customersCount": _customers_count,
    "customer": _customer,
    "product": _product,
    "productVariant": _product_variant,
    "webhookSubscriptions": _webhook_subscriptions,
    "webhookSubscriptionsCount": _webhook_subscriptions_count,
    "webhookSubscription": _webhook_subscription,
    "node": _node,
    "nodes": _nodes,
}


# --- links inside documents ---------------------------------------------------------------------


def _order_line_items(order: dict[str, Any], info: GraphQLResolveInfo, **args: Any) -> Any:
    if _ctx(info).bulk:
        return list_all(order["lineItems"])
    return list_page(order["lineItems"], **args)


def _order_fulfillments(
    order: dict[str, Any], info: GraphQLResolveInfo, first: int | None = None, **_: Any
) -> list[dict[str, Any]]:
    lines = {li["id"]: li for li in order["lineItems"]}
    linked = []
    for fulfillment in order["fulfillments"][:first]:
        items = [
            {**fli, "lineItem": lines[fli["lineItemId"]]}
            for fli in fulfillment["fulfillmentLineItems"]
        ]
        linked.append({**fulfillment, "fulfillmentLineItems": items, "order": order})
    return linked


def _line_item_product(line: dict[str, Any], info: GraphQLResolveInfo) -> Any:
    variant = line.get("variant")
    return variant.get("product") if variant else None


def _fulfillment_line_items(
    fulfillment: dict[str, Any], info: GraphQLResolveInfo, **args: Any
) -> Any:
    if _ctx(info).bulk:
        return list_all(fulfillment["fulfillmentLineItems"])
    return list_page(fulfillment["fulfillmentLineItems"], **args)


def fulfillment_order_document(order: dict[str, Any]) -> dict[str, Any]:
    """The order's one fulfillment order (the sandbox ships each order from one location):
    every fulfillment of the order belongs to it. ``_order`` links back for the resolvers."""
    if order["cancelledAt"]:
        status = "CANCELLED"
    elif not any(li["unfulfilledQuantity"] > 0 for li in order["lineItems"]):
        status = "CLOSED"
    else:
        status = "IN_PROGRESS" if order["fulfillments"] else "OPEN"
    return {
        "id": docs.gid("FulfillmentOrder", order["legacyResourceId"]),
        "orderId": order["id"],
        "status": status,
        "updatedAt": order["updatedAt"],
        "_order": order,
    }


def _fulfillment_order_fulfillments(
    fulfillment_order: dict[str, Any], info: GraphQLResolveInfo, **args: Any
) -> Any:
    fulfillments = _order_fulfillments(fulfillment_order["_order"], info)
    if _ctx(info).bulk:
        return list_all(fulfillments)
    return list_page(fulfillments, **args)


def _fulfillment_orders(_: Any, info: GraphQLResolveInfo, **args: Any) -> dict[str, Any]:
    column = "updated_at" if args.get("sortKey") == "UPDATED_AT" else "legacy_id"
    page = _documents_page(_orders_qs(info, args.get("query")), column=column, args=args)
    nodes = [fulfillment_order_document(order) for order in page["nodes"]]
    if not args.get("includeClosed"):
        # Filtered after paging: a page may hold fewer nodes than asked, as Shopify's may.
        nodes = [n for n in nodes if n["status"] not in ("CLOSED", "CANCELLED")]
    cursors = {e["node"]["id"]: e["cursor"] for e in page["edges"]}
    return connection(nodes, [cursors[n["_order"]["id"]] for n in nodes], page["pageInfo"])


def _product_variants(product: dict[str, Any], info: GraphQLResolveInfo, **args: Any) -> Any:
    stub = {k: v for k, v in product.items() if k != "variants"}
    variants = [{**v, "product": stub} for v in product["variants"]]
    args.pop("sortKey", None)
    args.pop("query", None)
    return list_page(variants, **args)


def _customer_orders(customer: dict[str, Any], info: GraphQLResolveInfo, **args: Any) -> Any:
    qs = _orders_qs(info, args.get("query")).filter(
        customer_legacy_id=int(customer["legacyResourceId"])
    )
    return _documents_page(
        qs, column=_ORDER_SORT.get(args.get("sortKey") or "", "created_at"), args=args
    )


def _customer_last_order(customer: dict[str, Any], info: GraphQLResolveInfo) -> Any:
    row = (
        SandboxOrder.objects.filter(
            Q(customer_legacy_id=int(customer["legacyResourceId"])), shop=_ctx(info).shop
        )
        .order_by("-created_at", "-legacy_id")
        .first()
    )
    return row.document if row else None
