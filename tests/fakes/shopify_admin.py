"""A fake of the ``ShopifyAdmin`` Protocol: an in-memory shop for sync, connection and
webhook tests, with fault injection (raise on the n-th page, refuse the token), plus
builders for the datatypes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from integrations.shopify.datatypes import (
    BulkOperation,
    CustomerData,
    FulfillmentData,
    FulfillmentLineItemData,
    FulfillmentLinesData,
    LineItemData,
    MutationResult,
    OrderData,
    Page,
    ShopInfo,
    UserError,
    WebhookSubscriptionData,
)

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def customer_data(
    customer_id: int = 501, *, updated_at: dt.datetime = T0, **changes: object
) -> CustomerData:
    base = CustomerData(
        id=customer_id,
        email=f"shopper{customer_id}@example.com",
        phone="+31612345678",
        first_name="Sanne",
        last_name="de Vries",
        locale="nl",
        updated_at=updated_at,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def line_item_data(
    line_id: int, *, quantity: int = 1, unfulfilled: int | None = None, **changes: object
) -> LineItemData:
    base = LineItemData(
        id=line_id,
        title=f"Item {line_id}",
        variant_id=line_id + 1,
        variant_title="M / Navy",
        variant_options={"Size": "M", "Colour": "Navy"},
        sku=f"SKU-{line_id}",
        product_id=line_id + 2,
        product_type="Shirts",
        product_tags=("sale",),
        quantity=quantity,
        current_quantity=quantity,
        unfulfilled_quantity=quantity if unfulfilled is None else unfulfilled,
        unit_price=Decimal("29.95"),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def fulfillment_data(
    fulfillment_id: int,
    *,
    lines: Iterable[tuple[int, int]],
    updated_at: dt.datetime = T0,
    **changes: object,
) -> FulfillmentData:
    base = FulfillmentData(
        id=fulfillment_id,
        status="SUCCESS",
        display_status="IN_TRANSIT",
        tracking_company="PostNL",
        tracking_number=f"3S{fulfillment_id}",
        tracking_url=f"https://track.example/{fulfillment_id}",
        created_at=updated_at,
        updated_at=updated_at,
        in_transit_at=updated_at,
        delivered_at=None,
        line_items=tuple(FulfillmentLineItemData(line_item_id=i, quantity=q) for i, q in lines),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def order_data(
    order_id: int,
    *,
    updated_at: dt.datetime = T0,
    customer: CustomerData | None = None,
    line_items: tuple[LineItemData, ...] | None = None,
    fulfillments: tuple[FulfillmentData, ...] = (),
    **changes: object,
) -> OrderData:
    number = 1000 + order_id % 100_000
    base = OrderData(
        id=order_id,
        name=f"#{number}",
        number=number,
        email="shopper501@example.com",
        phone="",
        created_at=updated_at - dt.timedelta(hours=1),
        processed_at=updated_at - dt.timedelta(hours=1),
        updated_at=updated_at,
        cancelled_at=None,
        cancel_reason="",
        closed_at=None,
        display_fulfillment_status="FULFILLED" if fulfillments else "UNFULFILLED",
        display_financial_status="PAID",
        return_status="NO_RETURN",
        shipping_address={"city": "Utrecht", "countryCodeV2": "NL"},
        tags=("vip",),
        currency="EUR",
        subtotal_price=Decimal("59.90"),
        total_price=Decimal("64.85"),
        total_refunded=Decimal("0"),
        status_page_url=f"https://shop.example/orders/{order_id}",
        customer=customer if customer is not None else customer_data(updated_at=updated_at),
        line_items=line_items if line_items is not None else (line_item_data(order_id * 10 + 1),),
        fulfillments=fulfillments,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@dataclass
class FakeShopifyAdmin:
    """In-memory shop. ``orders`` are served sorted by ``updated_at`` like ``sortKey:
    UPDATED_AT``; cursors are positions. ``fail_on_page`` (1-based, counted across calls)
    raises ``fail_with`` once when that page is requested."""

    orders: list[OrderData] = field(default_factory=list)
    shop_info: ShopInfo = field(
        default_factory=lambda: ShopInfo(
            id=1,
            name="Test shop",
            myshopify_domain="test-shop.myshopify.com",
            email="owner@example.com",
            currency="EUR",
            iana_timezone="Europe/Amsterdam",
        )
    )
    shop_error: Exception | None = None
    fail_on_page: int | None = None
    fail_with: Exception | None = None
    fail_on_count: Exception | None = None
    subscriptions: list[WebhookSubscriptionData] = field(default_factory=list)
    subscription_errors: dict[str, str] = field(default_factory=dict)
    pages_requested: list[tuple[dt.datetime | None, str | None]] = field(default_factory=list)
    order_gets: list[int] = field(default_factory=list)
    # Bulk operations: each finishes after ``bulk_polls`` looks, as ``bulk_end_status`` (with
    # ``bulk_error_code``); ``bulk_stream_fail_after`` raises ``fail_with`` once after that many
    # orders of a download. ``bulk_log`` records ("start"|"get"|"download", kind or id).
    bulk_polls: int = 2
    bulk_end_status: str = "COMPLETED"
    bulk_error_code: str = ""
    bulk_stream_fail_after: int | None = None
    bulk_operations: dict[str, tuple[str, dt.datetime | None, list[int]]] = field(
        default_factory=dict
    )
    bulk_log: list[tuple[str, str]] = field(default_factory=list)

    def shop(self) -> ShopInfo:
        if self.shop_error is not None:
            raise self.shop_error
        return self.shop_info

    def _matching(self, updated_since: dt.datetime | None) -> list[OrderData]:
        found = [o for o in self.orders if updated_since is None or o.updated_at >= updated_since]
        return sorted(found, key=lambda o: (o.updated_at, o.id))

    def orders_count(self, *, updated_since: dt.datetime | None = None) -> int:
        if self.fail_on_count is not None:
            raise self.fail_on_count
        return len(self._matching(updated_since))

    def orders_page(
        self,
        *,
        updated_since: dt.datetime | None = None,
        after: str | None = None,
        first: int = 100,
    ) -> Page[OrderData]:
        self.pages_requested.append((updated_since, after))
        if self.fail_on_page == len(self.pages_requested) and self.fail_with is not None:
            raise self.fail_with
        matching = self._matching(updated_since)
        start = int(after) if after else 0
        items = matching[start : start + first]
        end = start + len(items)
        return Page(
            items=items, end_cursor=str(end) if items else after, has_next_page=end < len(matching)
        )

    def order_get(self, *, order_id: int) -> OrderData | None:
        self.order_gets.append(order_id)
        return next((o for o in self.orders if o.id == order_id), None)

    def customers_page(
        self,
        *,
        updated_since: dt.datetime | None = None,
        after: str | None = None,
        first: int = 100,
    ) -> Page[CustomerData]:
        customers = {o.customer.id: o.customer for o in self.orders if o.customer}
        return Page(items=list(customers.values()), end_cursor=None, has_next_page=False)

    def webhook_subscriptions(self) -> list[WebhookSubscriptionData]:
        return list(self.subscriptions)

    def webhook_subscription_create(self, *, topic: str, uri: str) -> MutationResult:
        if topic in self.subscription_errors:
            return MutationResult(
                user_errors=(UserError(field=("topic",), message=self.subscription_errors[topic]),)
            )
        self.subscriptions.append(
            WebhookSubscriptionData(id=len(self.subscriptions) + 1, topic=topic, uri=uri)
        )
        return MutationResult()

    # -- bulk operations -------------------------------------------------------------------

    def _bulk_start(self, kind: str, updated_since: dt.datetime | None) -> BulkOperation:
        operation_id = f"gid://shopify/BulkOperation/{len(self.bulk_operations) + 1}"
        self.bulk_operations[operation_id] = (kind, updated_since, [0])
        self.bulk_log.append(("start", kind))
        return BulkOperation(id=operation_id, status="CREATED")

    def bulk_orders_start(self, *, updated_since: dt.datetime | None = None) -> BulkOperation:
        return self._bulk_start("orders", updated_since)

    def bulk_fulfillment_lines_start(
        self, *, updated_since: dt.datetime | None = None
    ) -> BulkOperation:
        return self._bulk_start("lines", updated_since)

    def bulk_operation_get(self, *, operation_id: str) -> BulkOperation:
        self.bulk_log.append(("get", operation_id))
        _, _, looks = self.bulk_operations[operation_id]
        looks[0] += 1
        if looks[0] < self.bulk_polls:
            return BulkOperation(id=operation_id, status="RUNNING", object_count=looks[0])
        if self.bulk_end_status != "COMPLETED":
            return BulkOperation(
                id=operation_id, status=self.bulk_end_status, error_code=self.bulk_error_code
            )
        return BulkOperation(id=operation_id, status="COMPLETED", url=f"fake://{operation_id}")

    def _bulk_source(self, url: str) -> tuple[str, list[OrderData]]:
        operation_id = url.removeprefix("fake://")
        self.bulk_log.append(("download", operation_id))
        kind, since, _ = self.bulk_operations[operation_id]
        return kind, sorted(self._matching(since), key=lambda o: o.id)

    def bulk_orders_iter(self, *, url: str) -> Iterator[OrderData]:
        """Like Shopify's export: fulfillments come without what they shipped."""
        _, orders = self._bulk_source(url)
        for count, order in enumerate(orders):
            if count == self.bulk_stream_fail_after and self.fail_with is not None:
                error, self.fail_with = self.fail_with, None
                raise error
            bare = tuple(replace(f, line_items=()) for f in order.fulfillments)
            yield replace(order, fulfillments=bare)

    def bulk_fulfillment_lines_iter(self, *, url: str) -> Iterator[FulfillmentLinesData]:
        _, orders = self._bulk_source(url)
        for order in orders:
            for fulfillment in order.fulfillments:
                yield FulfillmentLinesData(
                    fulfillment_id=fulfillment.id, line_items=fulfillment.line_items
                )
