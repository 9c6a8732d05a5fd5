"""An incremental run picks its path by how many orders changed in its window: more than the
bulk threshold -> one bulk export; up to it -> pages. Against the fake, so what was fetched,
and how often, is on record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from core.models import Store
from integrations.shopify.models import FulfillmentLineItem, Order, ShopifyConnection, SyncStatus
from integrations.shopify.sync import BULK_THRESHOLD, OVERLAP, orders_upsert, store_sync
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

OLD = 10
"""Orders last changed before the window: mirrored already, not fetched again."""
SYNCED_UNTIL = T0 + dt.timedelta(days=1)
SINCE = SYNCED_UNTIL - OVERLAP


def _order(n: int, *, updated_at: dt.datetime) -> Any:
    shipped = (fulfillment_data(n * 100, lines=[(n * 10 + 1, 1)]),) if n % 2 else ()
    return order_data(
        n,
        updated_at=updated_at,
        customer=customer_data(500 + n % 3),
        line_items=(line_item_data(n * 10 + 1), line_item_data(n * 10 + 2)),
        fulfillments=shipped,
    )


def _shop(changed: int) -> FakeShopifyAdmin:
    """OLD orders from before the window, then ``changed`` orders inside it."""
    old = [_order(n, updated_at=T0 + dt.timedelta(minutes=n)) for n in range(1, OLD + 1)]
    new = [
        _order(n, updated_at=SINCE + dt.timedelta(seconds=n))
        for n in range(OLD + 1, OLD + changed + 1)
    ]
    return FakeShopifyAdmin(orders=old + new)


def _synced_store(store: Store, fake: FakeShopifyAdmin) -> ShopifyConnection:
    """The store as its last run left it: the old orders mirrored, synced until SYNCED_UNTIL."""
    orders_upsert(store=store, orders=[o for o in fake.orders if o.updated_at < SINCE])
    return ShopifyConnectionFactory.create(store=store, synced_until=SYNCED_UNTIL)


def _mirrored_ids(store: Store) -> list[int]:
    return sorted(Order.objects.filter(store=store).values_list("shopify_id", flat=True))


@pytest.mark.parametrize("changed", [6, 9])
def test_more_changed_orders_than_the_threshold_go_through_one_bulk_export_once(
    store: Store, changed: int
) -> None:
    # given a threshold of 5 and more changed orders than that in the window
    fake = _shop(changed)
    _synced_store(store, fake)

    # when
    result = store_sync(
        store=store, client=fake, bulk_threshold=5, batch_orders=4, sleep=lambda s: None
    )

    # then: bulk, over the window only, each changed order written once, nothing paged
    assert (result.mode, result.bulk, result.total, result.orders) == (
        "incremental",
        True,
        changed,
        changed,
    )
    assert fake.pages_requested == []
    kinds = {op_id: (kind, since) for op_id, (kind, since, _) in fake.bulk_operations.items()}
    assert sorted(kinds.values()) == [("lines", SINCE), ("orders", SINCE)]
    downloads = [fake_id for what, fake_id in fake.bulk_log if what == "download"]
    assert sorted(kinds[d][0] for d in downloads) == ["lines", "orders"]
    assert _mirrored_ids(store) == list(range(1, OLD + changed + 1))
    # every fulfillment shipped one line, the old ones' and those the lines export brought
    shipped = sum(len(o.fulfillments) for o in fake.orders)
    assert FulfillmentLineItem.objects.filter(fulfillment__store=store).count() == shipped
    connection = ShopifyConnection.objects.get(store=store)
    assert (connection.sync_status, connection.sync_done, connection.sync_cursor) == (
        SyncStatus.IDLE,
        changed,
        "",
    )


@pytest.mark.parametrize("changed", [1, 5])
def test_up_to_the_threshold_an_incremental_run_pages(store: Store, changed: int) -> None:
    # given a threshold of 5 and at most 5 changed orders
    fake = _shop(changed)
    _synced_store(store, fake)

    # when
    result = store_sync(store=store, client=fake, bulk_threshold=5, page_size=2)

    # then
    assert (result.mode, result.bulk, result.orders) == ("incremental", False, changed)
    assert fake.bulk_log == []
    assert fake.pages_requested[0] == (SINCE, None)
    assert len(fake.pages_requested) == (changed + 1) // 2
    assert _mirrored_ids(store) == list(range(1, OLD + changed + 1))


@pytest.mark.parametrize(("changed", "bulk"), [(BULK_THRESHOLD, False), (BULK_THRESHOLD + 1, True)])
def test_the_default_threshold_is_crossed_at_2001_changed_orders(
    store: Store, changed: int, bulk: bool
) -> None:
    # given
    fake = _shop(changed)
    _synced_store(store, fake)

    # when
    result = store_sync(store=store, client=fake, sleep=lambda s: None)

    # then
    assert BULK_THRESHOLD == 2000
    assert (result.bulk, result.orders) == (bulk, changed)
    assert bool(fake.bulk_log) is bulk
    assert bool(fake.pages_requested) is not bulk
    assert Order.objects.filter(store=store).count() == OLD + changed
