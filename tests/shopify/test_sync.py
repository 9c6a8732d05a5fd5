"""Mirror upserts and the order sync, against a fake of the ShopifyAdmin Protocol."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection as db
from django.utils import timezone

from core.models import Store
from integrations.shopify.connection import ShopifyNotConnected
from integrations.shopify.errors import ShopifyAuthError, ShopifyUnavailable
from integrations.shopify.models import (
    Customer,
    Fulfillment,
    FulfillmentLineItem,
    LineItem,
    Order,
    ShopifyConnection,
    SyncStatus,
)
from integrations.shopify.sync import (
    OVERLAP,
    SyncProgress,
    customer_upsert,
    order_refresh,
    orders_upsert,
    store_sync,
    stores_to_sync,
)
from integrations.shopify.tasks import shopify_store_sync, shopify_sync_all
from tests.factories.integrations import ShopifyConnectionFactory
from tests.fakes.shopify_admin import (
    T0,
    FakeShopifyAdmin,
    customer_data,
    fulfillment_data,
    line_item_data,
    order_data,
)

pytestmark = pytest.mark.django_db

LATER = T0 + dt.timedelta(hours=1)


def _orders(count: int, *, start: int = 1) -> list:
    return [
        order_data(n, updated_at=T0 + dt.timedelta(minutes=n), customer=customer_data(500 + n % 3))
        for n in range(start, start + count)
    ]


@pytest.fixture
def connection(store: Store) -> ShopifyConnection:
    return ShopifyConnectionFactory.create(store=store, synced_until=None, last_sync_at=None)


# --- upserts -----------------------------------------------------------------------------------


def test_orders_upsert_writes_orders_customers_line_items_and_fulfillments(store: Store) -> None:
    # given
    lines = (line_item_data(11, quantity=2, unfulfilled=1), line_item_data(12))
    order = order_data(1, line_items=lines, fulfillments=(fulfillment_data(91, lines=[(11, 1)]),))

    # when
    written = orders_upsert(store=store, orders=[order])

    # then
    assert written == 1
    row = Order.objects.get(store=store, shopify_id=1)
    assert row.customer is not None
    assert (row.name, row.total_price, row.tags, row.customer.shopify_id) == (
        "#1001",
        Decimal("64.85"),
        ["vip"],
        501,
    )
    assert list(row.line_items.values_list("shopify_id", "quantity", "unfulfilled_quantity")) == [
        (11, 2, 1),
        (12, 1, 1),
    ]
    fulfillment = Fulfillment.objects.get(store=store, shopify_id=91)
    assert [
        (f.line_item.shopify_id, f.quantity) for f in fulfillment.fulfillment_line_items.all()
    ] == [(11, 1)]


def test_orders_upsert_twice_is_idempotent_and_keeps_primary_keys(store: Store) -> None:
    # given
    orders = [
        order_data(1, fulfillments=(fulfillment_data(91, lines=[(11, 1)]),)),
        order_data(2, customer=customer_data(502)),
    ]
    orders_upsert(store=store, orders=orders)
    pks = dict(Order.objects.values_list("shopify_id", "pk"))
    line_pks = dict(LineItem.objects.values_list("shopify_id", "pk"))

    # when: the same page delivered again
    written = orders_upsert(store=store, orders=orders)

    # then
    assert written == 2
    assert dict(Order.objects.values_list("shopify_id", "pk")) == pks
    assert dict(LineItem.objects.values_list("shopify_id", "pk")) == line_pks
    assert (Customer.objects.count(), Fulfillment.objects.count()) == (2, 1)
    assert FulfillmentLineItem.objects.count() == 1


def test_an_older_version_never_overwrites_a_newer_one(store: Store) -> None:
    # given
    orders_upsert(
        store=store, orders=[order_data(1, updated_at=LATER, display_financial_status="REFUNDED")]
    )

    # when
    written = orders_upsert(store=store, orders=[order_data(1, updated_at=T0)])

    # then
    assert written == 0
    assert Order.objects.get(shopify_id=1).display_financial_status == "REFUNDED"
    assert Order.objects.get(shopify_id=1).shop_updated_at == LATER


def test_a_stale_customer_is_skipped_and_a_newer_one_written(store: Store) -> None:
    # given
    customer_upsert(store=store, customer=customer_data(7, updated_at=LATER, first_name="New"))

    # when
    stale = customer_upsert(store=store, customer=customer_data(7, updated_at=T0, first_name="Old"))
    newer = customer_upsert(
        store=store,
        customer=customer_data(7, updated_at=LATER + dt.timedelta(seconds=1), last_name="Bakker"),
    )

    # then
    assert (stale, newer) == (False, True)
    customer = Customer.objects.get(store=store, shopify_id=7)
    assert (customer.first_name, customer.last_name) == ("Sanne", "Bakker")


def test_line_items_and_fulfillments_that_disappeared_are_removed(store: Store) -> None:
    # given
    lines = (line_item_data(11), line_item_data(12))
    orders_upsert(
        store=store,
        orders=[
            order_data(1, line_items=lines, fulfillments=(fulfillment_data(91, lines=[(11, 1)]),))
        ],
    )

    # when: an order edit removed line 12 and the fulfillment was dropped
    orders_upsert(
        store=store, orders=[order_data(1, updated_at=LATER, line_items=(line_item_data(11),))]
    )

    # then
    assert list(LineItem.objects.filter(store=store).values_list("shopify_id", flat=True)) == [11]
    assert Fulfillment.objects.filter(store=store).count() == 0
    assert FulfillmentLineItem.objects.count() == 0


def test_what_a_fulfillment_shipped_is_replaced_not_added(store: Store) -> None:
    # given
    lines = (line_item_data(11, quantity=2), line_item_data(12))
    orders_upsert(
        store=store,
        orders=[
            order_data(1, line_items=lines, fulfillments=(fulfillment_data(91, lines=[(11, 1)]),))
        ],
    )

    # when
    shipped = fulfillment_data(
        91, lines=[(11, 2), (12, 1)], updated_at=LATER, display_status="DELIVERED"
    )
    orders_upsert(
        store=store,
        orders=[order_data(1, updated_at=LATER, line_items=lines, fulfillments=(shipped,))],
    )

    # then
    pairs = FulfillmentLineItem.objects.values_list("line_item__shopify_id", "quantity")
    assert sorted(pairs) == [(11, 2), (12, 1)]
    assert Fulfillment.objects.get(shopify_id=91).display_status == "DELIVERED"


def test_same_shopify_ids_in_another_store_are_separate_rows(
    store: Store, other_store: Store
) -> None:
    # when
    orders_upsert(store=store, orders=[order_data(1)])
    orders_upsert(store=other_store, orders=[order_data(1, total_price=Decimal("1.00"))])

    # then
    assert Order.objects.get(store=store, shopify_id=1).total_price == Decimal("64.85")
    assert Order.objects.get(store=other_store, shopify_id=1).total_price == Decimal("1.00")
    assert LineItem.objects.filter(store=store).count() == 1
    assert LineItem.objects.filter(store=other_store).count() == 1


def test_order_refresh_upserts_the_order_and_removes_one_shopify_no_longer_has(
    store: Store, connection: ShopifyConnection
) -> None:
    # given
    fake = FakeShopifyAdmin(
        orders=[order_data(1, updated_at=LATER, display_fulfillment_status="FULFILLED")]
    )
    orders_upsert(store=store, orders=[order_data(1), order_data(2, customer=customer_data(502))])

    # when
    changed = order_refresh(store=store, order_id=1, client=fake)
    gone = order_refresh(store=store, order_id=2, client=fake)

    # then
    assert (changed, gone) == (True, True)
    assert fake.order_gets == [1, 2]
    assert list(
        Order.objects.filter(store=store).values_list("shopify_id", "display_fulfillment_status")
    ) == [(1, "FULFILLED")]


# --- the sync run ------------------------------------------------------------------------------


def test_full_sync_mirrors_every_order_in_pages_and_records_progress(
    store: Store, connection: ShopifyConnection
) -> None:
    # given
    fake = FakeShopifyAdmin(orders=_orders(25))
    seen: list[SyncProgress] = []
    before = timezone.now()

    # when
    result = store_sync(
        store=store,
        full=True,
        bulk=False,
        client=fake,
        on_progress=seen.append,
        page_size=10,
        batch_orders=10,
    )

    # then
    assert (result.mode, result.orders, result.pages, result.total, result.resumed) == (
        "full",
        25,
        3,
        25,
        False,
    )
    assert Order.objects.filter(store=store).count() == 25
    assert [(p.done, p.total, p.pages) for p in seen] == [(10, 25, 1), (20, 25, 2), (25, 25, 3)]
    connection.refresh_from_db()
    assert (
        connection.sync_status,
        connection.sync_cursor,
        connection.sync_done,
        connection.sync_total,
    ) == (
        SyncStatus.IDLE,
        "",
        25,
        25,
    )
    assert connection.sync_rate is not None and connection.sync_rate > 0
    assert connection.synced_until is not None and connection.synced_until >= before
    assert connection.last_sync_at is not None and connection.last_error == ""
    assert fake.pages_requested == [(None, None), (None, "10"), (None, "20")]


def test_small_pages_are_written_in_groups_with_one_cursor_per_group(
    store: Store, connection: ShopifyConnection
) -> None:
    # given: pages of 10 (as Shopify's query cost may force), groups of at least 25 orders
    fake = FakeShopifyAdmin(orders=_orders(55))
    seen: list[SyncProgress] = []

    # when
    result = store_sync(
        store=store,
        full=True,
        bulk=False,
        client=fake,
        on_progress=seen.append,
        page_size=10,
        batch_orders=25,
    )

    # then
    assert (result.orders, result.pages) == (55, 6)
    assert [(p.done, p.pages) for p in seen] == [(30, 3), (55, 6)]
    assert Order.objects.filter(store=store).count() == 55


def test_a_crash_loses_only_the_group_in_memory(
    store: Store, connection: ShopifyConnection
) -> None:
    # given: the fifth page fails; the first group (pages 1-3) was written, page 4 was not
    fake = FakeShopifyAdmin(orders=_orders(60), fail_on_page=5, fail_with=ShopifyUnavailable())
    with pytest.raises(ShopifyUnavailable):
        store_sync(store=store, full=True, bulk=False, client=fake, page_size=10, batch_orders=25)
    connection.refresh_from_db()
    assert (connection.sync_cursor, Order.objects.count()) == ("30", 30)

    # when
    result = store_sync(store=store, client=fake, page_size=10, batch_orders=25)

    # then: page 4 is fetched again from the stored cursor, nothing twice in the mirror
    assert fake.pages_requested[5:] == [(None, "30"), (None, "40"), (None, "50")]
    assert (result.orders, Order.objects.count(), LineItem.objects.count()) == (30, 60, 60)


def test_incremental_sync_starts_at_synced_until_minus_the_overlap(
    store: Store, connection: ShopifyConnection
) -> None:
    # given
    connection.synced_until = T0 + dt.timedelta(minutes=20)
    connection.save()
    fake = FakeShopifyAdmin(orders=_orders(30))

    # when
    result = store_sync(store=store, client=fake, page_size=100)

    # then
    since = T0 + dt.timedelta(minutes=20) - OVERLAP
    assert fake.pages_requested == [(since, None)]
    assert result.mode == "incremental"
    assert sorted(Order.objects.values_list("shopify_id", flat=True)) == list(range(15, 31))


def test_a_crashed_run_resumes_from_its_cursor_without_duplicates(
    store: Store, connection: ShopifyConnection
) -> None:
    # given: the worker dies (here: an error) while fetching the third page
    fake = FakeShopifyAdmin(
        orders=_orders(50), fail_on_page=3, fail_with=RuntimeError("worker killed")
    )
    with pytest.raises(RuntimeError):
        store_sync(store=store, full=True, bulk=False, client=fake, page_size=10, batch_orders=10)
    connection.refresh_from_db()
    assert (connection.sync_cursor, connection.sync_done, connection.synced_until) == (
        "20",
        20,
        None,
    )
    assert connection.sync_status == SyncStatus.FAILED
    assert Order.objects.count() == 20

    # when
    result = store_sync(store=store, client=fake, page_size=10, batch_orders=10)

    # then
    assert result.resumed is True
    assert (result.orders, result.pages) == (30, 3)
    assert fake.pages_requested[3:] == [(None, "20"), (None, "30"), (None, "40")]
    assert Order.objects.count() == 50
    assert LineItem.objects.count() == 50
    connection.refresh_from_db()
    assert (connection.sync_done, connection.sync_cursor, connection.sync_status) == (
        50,
        "",
        SyncStatus.IDLE,
    )
    assert connection.synced_until is not None


def test_a_stale_running_claim_is_taken_over_and_a_fresh_one_is_not(
    store: Store, connection: ShopifyConnection
) -> None:
    # given: a run that holds the slot and beats its heart
    fake = FakeShopifyAdmin(orders=_orders(3))
    ShopifyConnection.objects.filter(pk=connection.pk).update(
        sync_status=SyncStatus.RUNNING,
        sync_heartbeat_at=timezone.now(),
        sync_mode="full",
        sync_cursor="",
    )

    # when
    skipped = store_sync(store=store, client=fake)

    # then
    assert skipped.skipped is True
    assert fake.pages_requested == []

    # given: its worker died four minutes ago
    ShopifyConnection.objects.filter(pk=connection.pk).update(
        sync_heartbeat_at=timezone.now() - dt.timedelta(minutes=4)
    )

    # when
    taken = store_sync(store=store, client=fake)

    # then
    assert (taken.skipped, taken.orders) == (False, 3)


def test_throttling_after_the_clients_retries_keeps_the_cursor_for_the_retry(
    store: Store, connection: ShopifyConnection
) -> None:
    # given
    fake = FakeShopifyAdmin(orders=_orders(30), fail_on_page=2, fail_with=ShopifyUnavailable())

    # when
    with pytest.raises(ShopifyUnavailable):
        store_sync(store=store, full=True, bulk=False, client=fake, page_size=10, batch_orders=10)

    # then
    connection.refresh_from_db()
    assert (connection.sync_cursor, connection.status, connection.sync_status) == (
        "10",
        ShopifyConnection.Status.CONNECTED,
        SyncStatus.FAILED,
    )
    assert connection.last_error == "Shopify could not be reached. The sync will try again."

    # when: the task's retry
    result = store_sync(store=store, client=fake, page_size=10, batch_orders=10)

    # then
    assert (result.resumed, result.orders) == (True, 20)
    assert Order.objects.count() == 30
    connection.refresh_from_db()
    assert connection.last_error == ""


def test_a_revoked_token_marks_the_connection_broken_and_the_beat_skips_it(
    store: Store, connection: ShopifyConnection, other_store: Store
) -> None:
    # given
    healthy = ShopifyConnectionFactory.create(store=other_store)
    fake = FakeShopifyAdmin(orders=_orders(3), fail_on_count=ShopifyAuthError())

    # when
    with pytest.raises(ShopifyAuthError):
        store_sync(store=store, client=fake)

    # then
    connection.refresh_from_db()
    assert connection.status == ShopifyConnection.Status.ERROR
    assert connection.last_error == (
        "Shopify refused the access token (revoked or uninstalled). Reconnect the store."
    )
    assert stores_to_sync() == [healthy.store_id]
    with pytest.raises(ShopifyNotConnected) as excinfo:
        store_sync(store=store, client=fake)
    assert "Reconnect the store" in str(excinfo.value)


def test_sync_without_a_connection_says_so(store: Store) -> None:
    # when
    with pytest.raises(ShopifyNotConnected) as excinfo:
        store_sync(store=store, client=FakeShopifyAdmin())

    # then
    assert str(excinfo.value) == "This store is not connected to Shopify."


def test_the_beat_run_picks_connected_stores_with_a_token_only(
    store: Store, connection: ShopifyConnection, other_store: Store
) -> None:
    # given
    ShopifyConnectionFactory.create(store=other_store, status=ShopifyConnection.Status.ERROR)
    third = ShopifyConnectionFactory.create(status=ShopifyConnection.Status.UNINSTALLED)
    fourth = ShopifyConnectionFactory.create(access_token="")

    # when
    ids = stores_to_sync()

    # then
    assert ids == [store.pk]
    assert third.store_id not in ids and fourth.store_id not in ids
    assert shopify_sync_all.name == "integrations.shopify.tasks.shopify_sync_all"
    assert shopify_store_sync.name == "integrations.shopify.tasks.shopify_store_sync"


@pytest.mark.skipif(
    "sqlite" not in settings.DATABASES["default"]["ENGINE"],
    reason="SQLite's planner statistics (sqlite_stat1); PostgreSQL's autovacuum keeps its own",
)
def test_a_large_run_gives_sqlite_the_statistics_to_use_the_shoppers_index(
    store: Store, connection: ShopifyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a run large enough to refresh the statistics (lowered for the test)
    monkeypatch.setattr("integrations.shopify.sync.STATISTICS_MIN_ORDERS", 20)
    fake = FakeShopifyAdmin(orders=_orders(25))

    # when
    store_sync(store=store, full=True, bulk=False, client=fake, page_size=10, batch_orders=10)

    # then the order table has statistics, and one shopper's newest orders come from the
    # (store, customer, -created) index
    with db.cursor() as cursor:
        cursor.execute("SELECT tbl FROM sqlite_stat1 WHERE tbl = %s", [Order._meta.db_table])
        assert cursor.fetchall()
    customer = Customer.objects.filter(store=store).first()
    assert customer is not None
    plan = (
        Order.objects.filter(store=store, customer=customer)
        .order_by("-shop_created_at", "-id")
        .explain()
    )
    assert "order_customer_recent" in plan
