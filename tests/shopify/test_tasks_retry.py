"""The Celery sync task's retry path, end to end: the task (run eagerly, so Celery's own retry
machinery re-runs it with ``retries + 1``) builds the real ShopifyClient, which talks to a
loopback server that answers 503s, THROTTLED errors or a 401 before it answers for real.

Celery runs eagerly in tests; here it does not propagate the task's exceptions to the caller
(``task_eager_propagates`` off, as in a worker), so the ``Retry`` the task raises is handled by
Celery, which applies the task again at once. The client's own retries are not what is
tested here: each scripted 503 carries
``Retry-After: 0`` and each THROTTLED answer a fast restore rate, so the client gives up
quickly and without sleeping, and the *task* has to retry. Celery ignores the countdown of an
eager retry; the countdowns it was asked for are recorded through its ``task_retry`` signal."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from celery.signals import task_retry

from core.models import Store
from integrations.shopify.models import LineItem, Order, ShopifyConnection, SyncStatus
from integrations.shopify.sync import stores_to_sync
from integrations.shopify.tasks import MAX_RETRIES, shopify_store_sync
from tests.factories.integrations import ShopifyConnectionFactory
from tests.fakes.http_server import Scripted, ScriptedServer
from tests.fakes.shopify_responses import (
    ORDER_NODE,
    ok,
    orders_page,
    throttled,
    unauthorized,
)

pytestmark = pytest.mark.django_db

SYNCED_UNTIL = dt.datetime(2026, 10, 1, 0, 0, tzinfo=dt.UTC)
CLIENT_ATTEMPTS = 5  # shopify_client's default: one 503 answer per attempt
THROTTLE_ANSWERS = 9  # one THROTTLED answer, then the client's 8 waits (its default)


@pytest.fixture(autouse=True)
def retries_run_eagerly() -> Iterator[None]:
    conf = shopify_store_sync.app.conf
    before = conf.task_eager_propagates
    conf.task_eager_propagates = False
    try:
        yield
    finally:
        conf.task_eager_propagates = before


@pytest.fixture
def server(settings: Any) -> Iterator[ScriptedServer]:
    with ScriptedServer() as running:
        settings.SHOPIFY_ADMIN_URL_TEMPLATE = running.url + "/{shop}"
        yield running


@pytest.fixture
def retries() -> Iterator[list[tuple[str, Any]]]:
    """(error class, countdown asked for) of every retry the task raised."""
    seen: list[tuple[str, Any]] = []

    def record(sender: Any = None, reason: Any = None, **_: Any) -> None:
        if getattr(sender, "name", None) == shopify_store_sync.name:
            seen.append((type(reason.exc).__name__, reason.when))

    task_retry.connect(record, weak=False)
    try:
        yield seen
    finally:
        task_retry.disconnect(record)


@pytest.fixture
def connection(store: Store) -> ShopifyConnection:
    # Synced before, so the run is incremental and pages (two orders: far below the bulk
    # threshold).
    return ShopifyConnectionFactory.create(store=store, synced_until=SYNCED_UNTIL)


def _unavailable() -> Scripted:
    return Scripted(status=503, body=b"Service Unavailable", headers={"Retry-After": "0"})


def _second_order() -> dict[str, Any]:
    """ORDER_NODE as another order, with line item ids of its own and nothing shipped."""
    node = copy.deepcopy(ORDER_NODE)
    node.update(legacyResourceId="5002", name="#1002", number=1002, fulfillments=[])
    for line in node["lineItems"]["nodes"]:
        line["id"] = line["id"].replace("/900", "/910")
    return node


def _count(n: int) -> Scripted:
    return ok({"ordersCount": {"count": n, "precision": "EXACT"}}, requested=1, actual=1)


def _operations(server: ScriptedServer) -> list[str]:
    return [request.json()["operationName"] for request in server.requests]


def test_the_task_retries_503s_and_throttling_with_backoff_and_then_mirrors_the_orders(
    store: Store,
    connection: ShopifyConnection,
    server: ScriptedServer,
    retries: list[tuple[str, Any]],
) -> None:
    # given: Shopify answers 503 until the client gives up, then THROTTLED until it gives up,
    # then answers
    server.enqueue(*[_unavailable() for _ in range(CLIENT_ATTEMPTS)])
    server.enqueue(
        *[throttled(requested=10, available=0, restore=1000) for _ in range(THROTTLE_ANSWERS)]
    )
    server.enqueue(
        _count(2),
        ok(orders_page([copy.deepcopy(ORDER_NODE)], end_cursor="c1", has_next_page=True)),
        ok(orders_page([_second_order()], end_cursor="c2", has_next_page=False)),
    )

    # when
    outcome = shopify_store_sync.delay(store.pk)

    # then: two retries, the second waiting twice as long, and the third run completed
    assert outcome.state == "SUCCESS"
    assert retries == [("ShopifyUnavailable", 2), ("ShopifyThrottled", 4)]
    assert _operations(server) == (
        ["OrdersCount"] * (CLIENT_ATTEMPTS + THROTTLE_ANSWERS) + ["OrdersCount", "Orders", "Orders"]
    )
    assert server.requests[-1].json()["variables"]["after"] == "c1"
    assert sorted(Order.objects.filter(store=store).values_list("shopify_id", flat=True)) == [
        5001,
        5002,
    ]
    connection.refresh_from_db()
    assert (connection.status, connection.sync_status, connection.last_error) == (
        ShopifyConnection.Status.CONNECTED,
        SyncStatus.IDLE,
        "",
    )
    assert (connection.sync_done, connection.sync_cursor) == (2, "")
    assert connection.synced_until is not None and connection.synced_until > SYNCED_UNTIL


def test_a_503_on_a_later_page_is_retried_over_the_same_window_and_each_order_lands_once(
    store: Store,
    connection: ShopifyConnection,
    server: ScriptedServer,
    retries: list[tuple[str, Any]],
) -> None:
    # given: the count and the first page come through, the second page fails for good
    server.enqueue(
        _count(2),
        ok(orders_page([copy.deepcopy(ORDER_NODE)], end_cursor="c1", has_next_page=True)),
        *[_unavailable() for _ in range(CLIENT_ATTEMPTS)],
        _count(2),
        ok(orders_page([copy.deepcopy(ORDER_NODE)], end_cursor="c1", has_next_page=True)),
        ok(orders_page([_second_order()], end_cursor="c2", has_next_page=False)),
    )

    # when
    outcome = shopify_store_sync.delay(store.pk)

    # then: one retry, over the same window (synced_until did not move), and every order and
    # line item is mirrored once
    assert (outcome.state, retries) == ("SUCCESS", [("ShopifyUnavailable", 2)])
    first, second = _count_variables(server)
    assert first == second
    assert first["query"] == "updated_at:>='2026-09-30T23:55:00Z'"  # synced_until - OVERLAP
    assert Order.objects.filter(store=store).count() == 2
    assert LineItem.objects.filter(store=store).count() == 4
    connection.refresh_from_db()
    assert (connection.sync_status, connection.last_error, connection.sync_done) == (
        SyncStatus.IDLE,
        "",
        2,
    )


def _count_variables(server: ScriptedServer) -> list[dict[str, Any]]:
    return [
        request.json()["variables"]
        for request in server.requests
        if request.json()["operationName"] == "OrdersCount"
    ]


def test_a_401_marks_the_connection_broken_and_the_task_does_not_retry(
    store: Store,
    connection: ShopifyConnection,
    server: ScriptedServer,
    retries: list[tuple[str, Any]],
) -> None:
    # given
    server.enqueue(unauthorized())

    # when
    outcome = shopify_store_sync.delay(store.pk)

    # then: one request, no retry (the task ends normally), the reason kept for the dashboard
    assert (outcome.state, retries) == ("SUCCESS", [])
    assert len(server.requests) == 1
    connection.refresh_from_db()
    assert (connection.status, connection.sync_status) == (
        ShopifyConnection.Status.ERROR,
        SyncStatus.FAILED,
    )
    assert connection.last_error == (
        "Shopify refused the access token (revoked or uninstalled). Reconnect the store."
    )
    assert connection.last_error_at is not None

    # when: the beat comes round, and the task is queued again anyway
    picked = stores_to_sync()
    shopify_store_sync.delay(store.pk)

    # then: the beat skips it, and the task sends nothing (no crash loop)
    assert store.pk not in picked
    assert len(server.requests) == 1
    assert Order.objects.filter(store=store).count() == 0


def test_the_task_stops_retrying_after_max_retries_and_leaves_the_error_for_the_beat(
    store: Store,
    connection: ShopifyConnection,
    server: ScriptedServer,
    retries: list[tuple[str, Any]],
) -> None:
    # given: Shopify is down for longer than every retry
    runs = MAX_RETRIES + 1
    server.enqueue(*[_unavailable() for _ in range(runs * CLIENT_ATTEMPTS)])

    # when
    outcome = shopify_store_sync.delay(store.pk)

    # then: the countdown doubled each time, and the last run logged and returned
    assert outcome.state == "SUCCESS"
    assert retries == [("ShopifyUnavailable", 2**n) for n in range(1, MAX_RETRIES + 1)]
    assert len(server.requests) == runs * CLIENT_ATTEMPTS
    connection.refresh_from_db()
    assert (connection.status, connection.sync_status, connection.last_error) == (
        ShopifyConnection.Status.CONNECTED,
        SyncStatus.FAILED,
        "Shopify could not be reached. The sync will try again.",
    )
    # not broken: the next beat run tries again
    assert stores_to_sync() == [store.pk]
