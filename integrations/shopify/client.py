"""Shopify Admin GraphQL client (API version 2026-10), built on integrations/transport.py.

It implements ``datatypes.ShopifyAdmin`` plus the order-edit, address and cancel mutations.
It sends only the documents in queries.py, returns frozen dataclasses, and raises only the
errors of integrations/shopify/errors.py:

* throttling, retries and error mapping happen in graphql_http.AdminGraphQL (Shopify's
  cost-based throttle, 429 ``Retry-After``, 5xx/timeouts with backoff, 401/403 as auth errors);
* orders too large for one order node are completed with follow-up queries (queries.py).

``sleep`` and ``clock`` (seconds, default ``time.sleep``/``time.monotonic``) are injectable so
tests record the waits instead of sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings

from integrations.shopify import bulk_jsonl, parsing, queries
from integrations.shopify.datatypes import (
    BulkOperation,
    CustomerData,
    FulfillmentLinesData,
    MutationResult,
    OrderData,
    Page,
    ShopInfo,
    ShopPolicyData,
    ThrottleStatus,
    WebhookSubscriptionData,
)
from integrations.shopify.errors import (
    ShopifyBulkRefused,
    ShopifyError,
    ShopifyQueryError,
    ShopifyUnavailable,
)
from integrations.shopify.graphql_http import AdminGraphQL, http_error
from integrations.transport import (
    READ_TIMEOUT,
    Backoff,
    TransportError,
    TransportHTTPError,
    http_client,
    http_lines,
)

if TYPE_CHECKING:
    from integrations.shopify.models import ShopifyConnection

T = TypeVar("T")
Json = dict[str, Any]

WEBHOOK_PAGE_SIZE = 100
ADDRESS_INPUT_FIELDS = (
    "firstName",
    "lastName",
    "company",
    "address1",
    "address2",
    "zip",
    "city",
    "provinceCode",
    "countryCode",
    "phone",
)
"""``MailingAddressInput`` fields (2026-10) the address update sends; ``countryCodeV2`` of a
``MailingAddress`` is accepted as ``countryCode``."""


class ShopifyClient:
    """One shop's Admin API. Not thread-safe (it tracks the shop's throttle state); use one per
    task. Close it, or use it as a context manager."""

    def __init__(
        self,
        *,
        endpoint: str,
        access_token: str,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        attempts: int = 5,
        backoff: Backoff | None = None,
        max_throttle_waits: int = 8,
        timeout: float = READ_TIMEOUT,
    ) -> None:
        self.endpoint = endpoint
        self._graphql = AdminGraphQL(
            endpoint=endpoint,
            access_token=access_token,
            sleep=sleep,
            clock=clock,
            attempts=attempts,
            backoff=backoff,
            max_throttle_waits=max_throttle_waits,
            timeout=timeout,
        )
        self._execute = self._graphql.execute
        self._timeout = timeout

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self._graphql.close()

    def __enter__(self) -> ShopifyClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def last_throttle_status(self) -> ThrottleStatus | None:
        """``extensions.cost.throttleStatus`` of the last answer (None before the first)."""
        return self._graphql.throttle_status

    # -- ShopifyAdmin ----------------------------------------------------------------------

    def shop(self) -> ShopInfo:
        data = self._execute(queries.SHOP, {}, "Shop")
        return _parsed(parsing.shop_from, data)

    def orders_count(self, *, updated_since: datetime | None = None) -> int:
        variables = {"query": _updated_since_query(updated_since), "limit": None}
        data = self._execute(queries.ORDERS_COUNT, variables, "OrdersCount")
        return int(_parsed(lambda d: d["ordersCount"]["count"], data))

    def orders_page(
        self,
        *,
        updated_since: datetime | None = None,
        after: str | None = None,
        first: int = 100,
    ) -> Page[OrderData]:
        """Orders by ``updatedAt`` ascending, ``updated_at >= updated_since`` (to the second).
        ``first`` is capped at ``queries.ORDERS_PAGE_MAX`` (Shopify's single-query cost cap), so
        a page may hold fewer orders than asked: follow ``end_cursor`` while ``has_next_page``.
        Each order is complete (long orders cost extra requests, see queries.py)."""
        variables = {
            "first": max(1, min(first, queries.ORDERS_PAGE_MAX)),
            "after": after,
            "query": _updated_since_query(updated_since),
        }
        data = self._execute(queries.ORDERS, variables, "Orders")
        return _parsed(lambda d: _page(d["orders"], self._order_complete), data)

    def order_get(self, *, order_id: int) -> OrderData | None:
        data = self._execute(queries.ORDER, {"id": parsing.gid("Order", order_id)}, "Order")
        node = data.get("order")
        return _parsed(self._order_complete, node) if node else None

    def customers_page(
        self, *, updated_since: datetime | None = None, after: str | None = None, first: int = 100
    ) -> Page[CustomerData]:
        variables = {"first": first, "after": after, "query": _updated_since_query(updated_since)}
        data = self._execute(queries.CUSTOMERS, variables, "Customers")
        return _parsed(lambda d: _page(d["customers"], parsing.customer_from), data)

    def webhook_subscriptions(self) -> list[WebhookSubscriptionData]:
        found: list[WebhookSubscriptionData] = []
        after: str | None = None
        while True:
            variables = {"first": WEBHOOK_PAGE_SIZE, "after": after}
            data = self._execute(queries.WEBHOOK_SUBSCRIPTIONS, variables, "WebhookSubscriptions")
            page = _parsed(
                lambda d: _page(d["webhookSubscriptions"], parsing.webhook_subscription_from), data
            )
            found.extend(page.items)
            if not page.has_next_page or not page.end_cursor:
                return found
            after = page.end_cursor

    def shop_policies(self) -> list[ShopPolicyData]:
        """The shop's legal policies (refund, shipping, privacy, terms of service ...), title
        and HTML body in the shop's primary locale, each with its published translations into
        the shop's other published locales. One request, plus one per other locale. Needs the
        ``read_legal_policies`` scope: without it Shopify answers ACCESS_DENIED, raised as
        ShopifyAuthError."""
        data = self._execute(queries.SHOP_POLICIES, {}, "ShopPolicies")
        primary, published = _parsed(parsing.shop_locales_from, data)
        policies = _parsed(partial(parsing.shop_policies_from, locale=primary), data)
        for locale in published:
            if locale == primary or not policies:
                continue
            data = self._execute(
                queries.SHOP_POLICY_TRANSLATIONS, {"locale": locale}, "ShopPolicyTranslations"
            )
            found = _parsed(partial(parsing.shop_policy_translations_from, locale=locale), data)
            policies = [
                replace(p, translations=(*p.translations, found[p.id])) if p.id in found else p
                for p in policies
            ]
        return policies

    def webhook_subscription_create(self, *, topic: str, uri: str) -> MutationResult:
        """Subscribe ``uri`` (https, or the app's own URL in the sandbox) to ``topic``, an enum
        name such as ``ORDERS_UPDATED``; JSON payloads."""
        variables = {"topic": topic, "webhookSubscription": {"uri": uri, "format": "JSON"}}
        data = self._execute(
            queries.WEBHOOK_SUBSCRIPTION_CREATE, variables, "WebhookSubscriptionCreate"
        )

        def result(payload: Json) -> Json:
            node = payload.get("webhookSubscription")
            if not node:
                return {}
            sub = parsing.webhook_subscription_from(node)
            return {"id": sub.id, "topic": sub.topic, "uri": sub.uri}

        return self._mutation_result(data, "webhookSubscriptionCreate", result)

    # -- bulk operations ---------------------------------------------------------------------

    def bulk_orders_start(self, *, updated_since: datetime | None = None) -> BulkOperation:
        """Start the bulk query over every order updated since ``updated_since`` (all when
        None), with customers, line items and fulfillments (queries.bulk_orders_query).
        Raises ShopifyBulkRefused when Shopify answers with ``userErrors``."""
        search = _updated_since_query(updated_since)
        return self._bulk_start(queries.bulk_orders_query(search=search))

    def bulk_fulfillment_lines_start(
        self, *, updated_since: datetime | None = None
    ) -> BulkOperation:
        """Start the bulk query for what each fulfillment shipped, over the fulfillment orders
        updated since ``updated_since`` (queries.bulk_fulfillment_lines_query)."""
        search = _updated_since_query(updated_since)
        return self._bulk_start(queries.bulk_fulfillment_lines_query(search=search))

    def bulk_operation_get(self, *, operation_id: str) -> BulkOperation:
        """The operation's status now (poll it until ``finished``)."""
        data = self._execute(queries.BULK_OPERATION, {"id": operation_id}, "BulkOperation")
        node = data.get("bulkOperation")
        if not node:
            raise ShopifyBulkRefused(detail=f"no bulk operation {operation_id}")
        return _parsed(parsing.bulk_operation_from, node)

    def bulk_orders_iter(self, *, url: str) -> Iterator[OrderData]:
        """Download a COMPLETED orders operation's file and yield its orders one by one as the
        file streams in (bulk_jsonl.orders_from_lines); fulfillments come without lines."""
        return bulk_jsonl.orders_from_lines(self._bulk_lines(url))

    def bulk_fulfillment_lines_iter(self, *, url: str) -> Iterator[FulfillmentLinesData]:
        """Download a COMPLETED fulfillment-lines operation's file, streaming."""
        return bulk_jsonl.fulfillment_lines_from_lines(self._bulk_lines(url))

    def _bulk_start(self, query: str) -> BulkOperation:
        variables = {"query": query, "groupObjects": True}
        data = self._execute(queries.BULK_OPERATION_RUN_QUERY, variables, "BulkOperationRunQuery")
        payload = data.get("bulkOperationRunQuery") or {}
        errors = _parsed(parsing.user_errors_from, payload.get("userErrors"))
        if errors or not payload.get("bulkOperation"):
            detail = [f"{e.code}: {e.message}" if e.code else e.message for e in errors]
            raise ShopifyBulkRefused(detail=detail or "bulkOperationRunQuery returned nothing")
        return _parsed(parsing.bulk_operation_from, payload["bulkOperation"])

    def _bulk_lines(self, url: str) -> Iterator[bytes]:
        """The file's lines. A separate HTTP client without the access token: the file lives
        on Shopify's storage behind a signed URL, which must not receive our token."""
        with http_client(timeout=self._timeout) as http:
            try:
                yield from http_lines(http, url)
            except TransportHTTPError as exc:
                if exc.status_code in (401, 403, 404, 410):
                    # An expired or unknown file link, not a refused token.
                    raise ShopifyBulkRefused(detail=exc.detail) from exc
                raise http_error(exc) from exc
            except TransportError as exc:
                raise ShopifyUnavailable(detail=exc.detail) from exc

    # -- order edits, address, cancel (mutations) ------------------------------------------

    def order_edit_begin(self, *, order_id: int) -> MutationResult:
        """Open an edit session. ``data``: ``calculated_order_id`` (a gid, pass it to the other
        edit calls) and ``line_items`` as after the edit (see ``parsing.calculated_order_from``)."""
        variables = {"id": parsing.gid("Order", order_id)}
        data = self._execute(queries.ORDER_EDIT_BEGIN, variables, "OrderEditBegin")
        return self._mutation_result(data, "orderEditBegin", parsing.calculated_order_from)

    def order_edit_set_quantity(
        self, *, calculated_order_id: str, line_item_id: int, quantity: int, restock: bool = True
    ) -> MutationResult:
        """Stage ``quantity`` (0 removes) for the order's line item ``line_item_id``."""
        variables = {
            "id": calculated_order_id,
            "lineItemId": parsing.gid("CalculatedLineItem", line_item_id),
            "quantity": quantity,
            "restock": restock,
        }
        data = self._execute(queries.ORDER_EDIT_SET_QUANTITY, variables, "OrderEditSetQuantity")
        return self._mutation_result(data, "orderEditSetQuantity", parsing.calculated_order_from)

    def order_edit_add_variant(
        self, *, calculated_order_id: str, variant_id: int, quantity: int
    ) -> MutationResult:
        """Stage ``quantity`` of variant ``variant_id``; ``data["calculated_line_item_id"]`` is
        the new line's gid."""
        variables = {
            "id": calculated_order_id,
            "variantId": parsing.gid("ProductVariant", variant_id),
            "quantity": quantity,
            "allowDuplicates": False,
        }
        data = self._execute(queries.ORDER_EDIT_ADD_VARIANT, variables, "OrderEditAddVariant")
        return self._mutation_result(data, "orderEditAddVariant", parsing.calculated_order_from)

    def order_edit_commit(
        self, *, calculated_order_id: str, notify_customer: bool = True, staff_note: str = ""
    ) -> MutationResult:
        """Apply the session's staged changes. ``data``: ``order_id``, ``updated_at``."""
        variables = {
            "id": calculated_order_id,
            "notifyCustomer": notify_customer,
            "staffNote": staff_note or None,
        }
        data = self._execute(queries.ORDER_EDIT_COMMIT, variables, "OrderEditCommit")
        return self._mutation_result(data, "orderEditCommit", parsing.order_ref_from)

    def order_update_shipping_address(
        self, *, order_id: int, address: Mapping[str, str | None]
    ) -> MutationResult:
        """Replace the shipping address. ``address`` uses ``MailingAddress`` names (as stored in
        ``OrderData.shipping_address``); only ``ADDRESS_INPUT_FIELDS`` are sent. ``data``:
        ``order_id``, ``updated_at``, ``shipping_address`` as Shopify stored it."""
        fields = dict(address)
        if "countryCode" not in fields and "countryCodeV2" in fields:
            fields["countryCode"] = fields["countryCodeV2"]
        shipping = {k: fields[k] for k in ADDRESS_INPUT_FIELDS if k in fields}
        variables = {"input": {"id": parsing.gid("Order", order_id), "shippingAddress": shipping}}
        data = self._execute(queries.ORDER_UPDATE, variables, "OrderUpdate")

        def result(payload: Json) -> Json:
            order = payload.get("order")
            if not order:
                return {}
            return {
                **parsing.order_ref_from(payload),
                "shipping_address": order.get("shippingAddress") or {},
            }

        return self._mutation_result(data, "orderUpdate", result)

    def order_cancel(
        self,
        *,
        order_id: int,
        reason: str = "CUSTOMER",
        restock: bool = True,
        refund: bool = True,
        notify_customer: bool = True,
        staff_note: str = "",
    ) -> MutationResult:
        """Ask Shopify to cancel (``reason``: an ``OrderCancelReason`` such as CUSTOMER). It runs
        as a job: ``data`` has ``job_id`` and ``job_done``; the order's ``cancelledAt`` follows
        (and the orders/cancelled webhook). Refunds go to the original payment methods."""
        variables = {
            "orderId": parsing.gid("Order", order_id),
            "reason": reason,
            "restock": restock,
            "notifyCustomer": notify_customer,
            "refundMethod": {"originalPaymentMethodsRefund": refund},
            "staffNote": staff_note or None,
        }
        data = self._execute(queries.ORDER_CANCEL, variables, "OrderCancel")

        def result(payload: Json) -> Json:
            job = payload.get("job") or {}
            return {"job_id": job.get("id"), "job_done": bool(job.get("done"))}

        return self._mutation_result(
            data, "orderCancel", result, user_errors_key="orderCancelUserErrors"
        )

    # -- completing orders larger than one order node ---------------------------------------

    def _order_complete(self, node: Json) -> OrderData:
        """Parse an order node, first fetching what its nested pages left out."""
        order_gid = parsing.gid("Order", parsing.legacy_id(node["legacyResourceId"]))
        line_items = node["lineItems"]
        if (line_items.get("pageInfo") or {}).get("hasNextPage"):
            rest = self._connection_rest(
                queries.ORDER_LINE_ITEMS,
                "OrderLineItems",
                order_gid,
                line_items["pageInfo"]["endCursor"],
                lambda d: d["order"]["lineItems"],
            )
            node = {**node, "lineItems": {"nodes": [*line_items["nodes"], *rest]}}
        fulfillments = node.get("fulfillments") or []
        if len(fulfillments) >= queries.FULFILLMENTS_PER_ORDER:
            variables = {"id": order_gid, "first": queries.PAGE_SIZE_FOLLOW_UP}
            data = self._execute(queries.ORDER_FULFILLMENTS, variables, "OrderFulfillments")
            fulfillments = data["order"]["fulfillments"]
        node = {**node, "fulfillments": [self._fulfillment_complete(f) for f in fulfillments]}
        return parsing.order_from(node)

    def _fulfillment_complete(self, node: Json) -> Json:
        lines = node.get("fulfillmentLineItems") or {}
        if not (lines.get("pageInfo") or {}).get("hasNextPage"):
            return node
        rest = self._connection_rest(
            queries.FULFILLMENT_LINE_ITEMS,
            "FulfillmentLineItems",
            node["id"],
            lines["pageInfo"]["endCursor"],
            lambda d: d["fulfillment"]["fulfillmentLineItems"],
        )
        return {**node, "fulfillmentLineItems": {"nodes": [*lines["nodes"], *rest]}}

    def _connection_rest(
        self,
        document: str,
        operation: str,
        owner_gid: str,
        after: str | None,
        connection: Callable[[Json], Json],
    ) -> list[Json]:
        """The nodes of a nested connection after ``after``, page by page."""
        nodes: list[Json] = []
        while after:
            variables = {"id": owner_gid, "first": queries.PAGE_SIZE_FOLLOW_UP, "after": after}
            page = connection(self._execute(document, variables, operation))
            nodes.extend(page["nodes"])
            info = page["pageInfo"]
            after = info["endCursor"] if info["hasNextPage"] else None
        return nodes

    # -- plumbing --------------------------------------------------------------------------

    def _mutation_result(
        self,
        data: Json,
        field: str,
        result: Callable[[Json], Json],
        *,
        user_errors_key: str = "userErrors",
    ) -> MutationResult:
        payload = data.get(field)
        if payload is None:
            raise ShopifyQueryError(detail=f"{field} returned no payload")
        errors = _parsed(parsing.user_errors_from, payload.get(user_errors_key))
        return MutationResult(user_errors=errors, data=_parsed(result, payload))


def shopify_admin_url(*, shop_domain: str) -> str:
    """The shop's Admin base URL (no trailing slash): ``https://{shop}`` in production, the
    sandbox store's mount in local/test (``settings.SHOPIFY_ADMIN_URL_TEMPLATE``)."""
    return settings.SHOPIFY_ADMIN_URL_TEMPLATE.format(shop=shop_domain).rstrip("/")


def shopify_graphql_url(*, shop_domain: str) -> str:
    """``{admin}/admin/api/{settings.SHOPIFY_API_VERSION}/graphql.json``."""
    base = shopify_admin_url(shop_domain=shop_domain)
    return f"{base}/admin/api/{settings.SHOPIFY_API_VERSION}/graphql.json"


def shopify_client(
    *,
    connection: ShopifyConnection,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> ShopifyClient:
    """The client for a store's connection (its decrypted token, its shop domain)."""
    return ShopifyClient(
        endpoint=shopify_graphql_url(shop_domain=connection.shop_domain),
        access_token=connection.access_token,
        sleep=sleep,
        clock=clock,
    )


def _updated_since_query(since: datetime | None) -> str | None:
    """Shopify search syntax for ``updated_at >= since`` (UTC, to the second)."""
    if since is None:
        return None
    if since.tzinfo is None:
        raise ValueError("updated_since must be timezone-aware")
    return f"updated_at:>='{since.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}'"


def _page(connection: Json, item: Callable[[Json], T]) -> Page[T]:
    info = connection["pageInfo"]
    return Page(
        items=[item(node) for node in connection["nodes"]],
        end_cursor=info.get("endCursor"),
        has_next_page=bool(info["hasNextPage"]),
    )


def _parsed(parse: Callable[[Any], T], value: Any) -> T:
    """Run a parser over Shopify's JSON; a missing or mistyped key becomes ShopifyError."""
    try:
        return parse(value)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise ShopifyError(detail=f"unexpected answer shape: {exc!r}") from None
