"""The sync's bulk path: through the sandbox over HTTP (the demo shop, compared row for row
with the paged sync), and against the fake for crashes, resumption and fallback."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.utils import timezone

from core import demo
from core.models import Store
from integrations.shopify.datatypes import BulkOperation
from integrations.shopify.errors import ShopifyBulkRefused, ShopifyUnavailable
from integrations.shopify.models import (
    Customer,
    Fulfillment,
    FulfillmentLineItem,
    LineItem,
    Order,
    ShopifyConnection,
    SyncStatus,
)
from integrations.shopify.sandbox.seed import sandbox_shop_limits_set, sandbox_shop_seed
from integrations.shopify.sync import orders_upsert, store_sync
from integrations.shopify.sync_bulk import ORDERS, POLL_FIRST, BulkPlace, bulk_place
from tests.factories.core import StoreFactory
from tests.factories.integrations import ShopifyConnectionFactory
from tests.fakes.shopify_admin import (
    T0,
    FakeShopifyAdmin,
    customer_data,
    fulfillment_data,
    line_item_data,
    order_data,
)

SHOP = demo.STORE.shop_domain


def _orders(count: int) -> list[Any]:
    """Orders with two line items each; every other one shipped the first of them."""
    orders = []
    for n in range(1, count + 1):
        lines = (line_item_data(n * 10 + 1, quantity=2), line_item_data(n * 10 + 2))
        shipped = (fulfillment_data(n * 100, lines=[(n * 10 + 1, 2)]),) if n % 2 else ()
        orders.append(
            order_data(
                n,
                updated_at=T0 + dt.timedelta(minutes=n),
                customer=customer_data(500 + n % 3),
                line_items=lines,
                fulfillments=shipped,
            )
        )
    return orders


def _mirror(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every mirrored row of the store, keyed by Shopify ids (not our primary keys)."""

    def rows(model: Any, *fields: str) -> list[tuple[Any, ...]]:
        return sorted(model.objects.filter(store=store).values_list(*fields))

    order_fields = [
        f.name
        for f in Order._meta.concrete_fields
        if f.name not in ("id", "store", "customer", "created_at", "updated_at")
    ]
    line_fields = [
        f.name
        for f in LineItem._meta.concrete_fields
        if f.name not in ("id", "store", "order", "created_at", "updated_at")
    ]
    fulfillment_fields = [
        f.name
        for f in Fulfillment._meta.concrete_fields
        if f.name not in ("id", "store", "order", "created_at", "updated_at")
    ]
    return {
        "customers": rows(Customer, "shopify_id", "email", "first_name", "locale"),
        "orders": rows(Order, "customer__shopify_id", *order_fields),
        "line_items": rows(LineItem, "order__shopify_id", *line_fields),
        "fulfillments": rows(Fulfillment, "order__shopify_id", *fulfillment_fields),
        "shipped": sorted(
            FulfillmentLineItem.objects.filter(fulfillment__store=store).values_list(
                "fulfillment__shopify_id", "line_item__shopify_id", "quantity"
            )
        ),
    }


# --- through the sandbox over HTTP ----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_full_sync_through_the_sandbox_goes_bulk_and_mirrors_the_demo_exactly(
    live_server: Any, settings: Any
) -> None:
    # given the demo shop in the sandbox, with Shopify's real limits, and two stores on it
    settings.SHOPIFY_ADMIN_URL_TEMPLATE = live_server.url + "/shopify-sandbox/{shop}"
    now = timezone.now().replace(microsecond=0)
    seed = sandbox_shop_seed(shop_domain=SHOP, now=now)
    bulk_store, paged_store = StoreFactory.create(), StoreFactory.create()
    for store in (bulk_store, paged_store):
        ShopifyConnectionFactory.create(
            store=store, shop_domain=SHOP, access_token=seed.access_token, synced_until=None
        )
    waits: list[float] = []

    # when one syncs through bulk operations and the other page by page
    bulk = store_sync(store=bulk_store, full=True, sleep=waits.append)
    sandbox_shop_limits_set(shop_domain=SHOP, throttle_maximum=10**6, restore_rate=10**6)
    paged = store_sync(store=paged_store, full=True, bulk=False)

    # then the bulk run wrote every demo order, with everything the paged run wrote
    orders = demo.demo_orders(now=now)
    assert (bulk.bulk, bulk.orders, bulk.pages, bulk.fallback) == (True, len(orders), 0, "")
    assert (paged.bulk, paged.orders) == (False, len(orders))
    assert waits == [POLL_FIRST, POLL_FIRST]  # one pause per operation: created, running, done
    mirrored = _mirror(bulk_store)
    assert mirrored == _mirror(paged_store)
    assert len(mirrored["orders"]) == len(orders)
    assert len(mirrored["line_items"]) == sum(len(o.line_items) for o in orders)
    assert len(mirrored["shipped"]) == sum(
        len(f.line_items) for o in orders for f in o.fulfillments
    )
    connection = ShopifyConnection.objects.get(store=bulk_store)
    assert (connection.sync_status, connection.sync_cursor) == (SyncStatus.IDLE, "")
    assert (connection.sync_done, connection.sync_total) == (len(orders), len(orders))
    assert connection.synced_until == connection.sync_run_until


# --- against the fake -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_full_sync_goes_bulk_and_an_incremental_one_pages(store: Store) -> None:
    # given
    ShopifyConnectionFactory.create(store=store, synced_until=None, last_sync_at=None)
    fake = FakeShopifyAdmin(orders=_orders(12))

    # when
    full = store_sync(store=store, full=True, client=fake, sleep=lambda s: None)
    fake.orders.append(order_data(99, updated_at=timezone.now()))
    incremental = store_sync(store=store, client=fake)

    # then
    assert (full.bulk, full.orders) == (True, 12)
    # the second export starts once the first is done, and is read while the orders are written
    log = [entry for entry in fake.bulk_log if entry[0] != "get"]
    assert log[:2] == [("start", "orders"), ("start", "lines")]
    assert sorted(log[2:]) == [
        ("download", "gid://shopify/BulkOperation/1"),
        ("download", "gid://shopify/BulkOperation/2"),
    ]
    assert (incremental.bulk, incremental.mode, incremental.orders) == (False, "incremental", 1)
    assert FulfillmentLineItem.objects.filter(fulfillment__store=store).count() == 6


@pytest.mark.django_db
def test_a_crash_mid_download_resumes_the_same_operation_and_skips_what_was_written(
    store: Store,
) -> None:
    # given a download that breaks after 5 orders, with 2 orders per transaction
    ShopifyConnectionFactory.create(store=store, synced_until=None, last_sync_at=None)
    fake = FakeShopifyAdmin(
        orders=_orders(9), bulk_stream_fail_after=5, fail_with=ShopifyUnavailable()
    )
    with pytest.raises(ShopifyUnavailable):
        store_sync(store=store, full=True, client=fake, batch_orders=2, sleep=lambda s: None)
    crashed = ShopifyConnection.objects.get(store=store)
    place = bulk_place(crashed.sync_cursor)
    assert place is not None
    assert (place.phase, place.operation_id, place.written, place.lines_operation_id) == (
        "orders",
        "gid://shopify/BulkOperation/1",
        4,
        "gid://shopify/BulkOperation/2",
    )
    assert (crashed.sync_status, crashed.sync_done, crashed.synced_until) == (
        SyncStatus.FAILED,
        4,
        None,
    )
    assert Order.objects.filter(store=store).count() == 4

    # when the next run comes
    crashed_log = len(fake.bulk_log)
    result = store_sync(store=store, client=fake, batch_orders=2, sleep=lambda s: None)

    # then it downloads the same orders export again and writes the 5 orders left, and reads
    # the fulfillment-lines export the crashed run started instead of starting another
    assert (result.resumed, result.bulk, result.orders) == (True, True, 5)
    starts = [entry for entry in fake.bulk_log if entry[0] == "start"]
    assert starts == [("start", "orders"), ("start", "lines")]
    resumed_downloads = [
        entry[1] for entry in fake.bulk_log[crashed_log:] if entry[0] == "download"
    ]
    assert sorted(resumed_downloads) == [
        "gid://shopify/BulkOperation/1",
        "gid://shopify/BulkOperation/2",
    ]
    done = ShopifyConnection.objects.get(store=store)
    assert (done.sync_status, done.sync_cursor, done.sync_done) == (SyncStatus.IDLE, "", 9)
    assert done.synced_until == done.sync_run_until
    assert sorted(Order.objects.filter(store=store).values_list("shopify_id", flat=True)) == list(
        range(1, 10)
    )
    assert FulfillmentLineItem.objects.filter(fulfillment__store=store).count() == 5


@pytest.mark.django_db
def test_a_failed_bulk_operation_falls_back_to_paging_and_says_why(store: Store) -> None:
    # given Shopify's export times out
    ShopifyConnectionFactory.create(store=store, synced_until=None, last_sync_at=None)
    fake = FakeShopifyAdmin(orders=_orders(7), bulk_end_status="FAILED", bulk_error_code="TIMEOUT")

    # when
    result = store_sync(store=store, full=True, client=fake, page_size=3, sleep=lambda s: None)

    # then every order arrives page by page, and the reason is recorded
    reason = "bulk operation gid://shopify/BulkOperation/1 ended FAILED (TIMEOUT)"
    assert (result.bulk, result.fallback, result.orders, result.pages) == (False, reason, 7, 3)
    connection = ShopifyConnection.objects.get(store=store)
    assert connection.sync_status == SyncStatus.IDLE
    assert connection.last_error == (
        f"Shopify's bulk export failed ({reason}); the orders were synced page by page."
    )
    assert Order.objects.filter(store=store).count() == 7
    assert FulfillmentLineItem.objects.filter(fulfillment__store=store).count() == 4


def _crashed_in_the_orders_phase(store: Store, fake: FakeShopifyAdmin, *, written: int) -> str:
    """The state a worker killed in the orders phase leaves: both exports started (as the
    fake's operations 1 and 2), ``written`` orders of the first file in the mirror, the slot
    still RUNNING with a heartbeat too old to be alive. Returns the lines operation's id."""
    orders = fake.bulk_orders_start()
    lines = fake.bulk_fulfillment_lines_start()
    by_id = sorted(fake.orders, key=lambda o: o.id)
    orders_upsert(store=store, orders=by_id[:written], fulfillment_lines=False)
    place = BulkPlace(ORDERS, orders.id, written, lines_operation_id=lines.id)
    ShopifyConnectionFactory.create(
        store=store,
        synced_until=None,
        sync_status=SyncStatus.RUNNING,
        sync_mode="full",
        sync_cursor=place.cursor(),
        sync_done=written,
        sync_total=len(fake.orders),
        sync_started_at=timezone.now() - dt.timedelta(minutes=10),
        sync_heartbeat_at=timezone.now() - dt.timedelta(minutes=10),
        sync_run_until=timezone.now() - dt.timedelta(minutes=10),
    )
    return lines.id


@pytest.mark.django_db
def test_a_resumed_run_keeps_polling_the_lines_export_its_predecessor_left_running(
    store: Store,
) -> None:
    # given: a crashed run's lines export is still running (it needs three looks to finish)
    fake = FakeShopifyAdmin(orders=_orders(7), bulk_polls=3)
    lines_id = _crashed_in_the_orders_phase(store, fake, written=3)

    # when
    result = store_sync(store=store, client=fake, batch_orders=2, sleep=lambda s: None)

    # then: no new export; the running one was waited for and read
    assert (result.resumed, result.bulk, result.orders) == (True, True, 4)
    assert [e for e in fake.bulk_log if e[0] == "start"] == [
        ("start", "orders"),
        ("start", "lines"),
    ]
    assert fake.bulk_log.count(("get", lines_id)) == 3
    assert fake.bulk_log.count(("download", lines_id)) == 1
    assert FulfillmentLineItem.objects.filter(fulfillment__store=store).count() == 4
    done = ShopifyConnection.objects.get(store=store)
    assert (done.sync_status, done.sync_cursor, done.sync_done) == (SyncStatus.IDLE, "", 7)


@dataclass
class _ShopThatForgets(FakeShopifyAdmin):
    """A shop on which some bulk operations have EXPIRED (or are unknown: Shopify answers
    ``bulkOperation: null``, which the client raises as ShopifyBulkRefused)."""

    expired: set[str] = field(default_factory=set)
    unknown: set[str] = field(default_factory=set)

    def bulk_operation_get(self, *, operation_id: str) -> BulkOperation:
        if operation_id in self.unknown:
            self.bulk_log.append(("get", operation_id))
            raise ShopifyBulkRefused(detail=f"no bulk operation {operation_id}")
        if operation_id in self.expired:
            self.bulk_log.append(("get", operation_id))
            return BulkOperation(id=operation_id, status="EXPIRED")
        return super().bulk_operation_get(operation_id=operation_id)


@pytest.mark.django_db
@pytest.mark.parametrize("gone", ["expired", "unknown"])
def test_a_lines_export_that_cannot_be_read_any_more_is_started_again(
    store: Store, gone: str
) -> None:
    # given: the crashed run's lines export expired, or Shopify no longer knows it
    fake = _ShopThatForgets(orders=_orders(7))
    lines_id = _crashed_in_the_orders_phase(store, fake, written=3)
    getattr(fake, gone).add(lines_id)

    # when
    result = store_sync(store=store, client=fake, batch_orders=2, sleep=lambda s: None)

    # then: a new lines export was started, recorded, and read; the run did not fall back
    assert (result.bulk, result.fallback, result.orders) == (True, "", 4)
    assert [e for e in fake.bulk_log if e[0] == "start"] == [
        ("start", "orders"),
        ("start", "lines"),
        ("start", "lines"),
    ]
    assert fake.bulk_log.count(("download", lines_id)) == 0
    assert fake.bulk_log.count(("download", "gid://shopify/BulkOperation/3")) == 1
    assert FulfillmentLineItem.objects.filter(fulfillment__store=store).count() == 4
    assert Order.objects.filter(store=store).count() == 7


def test_a_bulk_cursor_round_trips_and_one_without_a_lines_export_still_reads() -> None:
    # given
    place = BulkPlace(
        ORDERS, "gid://shopify/BulkOperation/11", 4000, "gid://shopify/BulkOperation/12"
    )

    # when
    cursor = place.cursor()

    # then
    assert (
        cursor == "bulk:orders:gid://shopify/BulkOperation/11:4000|gid://shopify/BulkOperation/12"
    )
    assert bulk_place(cursor) == place
    assert bulk_place("bulk:lines:gid://shopify/BulkOperation/12:500") == BulkPlace(
        "lines", "gid://shopify/BulkOperation/12", 500
    )
    assert bulk_place("eyJsYXN0X2lkIjoxfQ==") is None
