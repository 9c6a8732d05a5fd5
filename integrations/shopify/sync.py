"""Order sync from Shopify into the mirror: full backfill and incremental runs.

How a run works (``store_sync``):

* It claims the store's connection with one conditional UPDATE, so two runs for one store
  never overlap; a RUNNING claim whose heartbeat is older than ``STALE_AFTER`` belongs to a
  worker that died and is taken over.
* It pages through ``orders`` sorted by UPDATED_AT (the client sends sortKey UPDATED_AT),
  from the start (full) or from ``synced_until`` minus ``OVERLAP`` (incremental). The next
  page is fetched while the current one is written, so the HTTP round trip and the database
  work overlap; only one group of pages (below) and the next page are ever in memory.
* After every group of pages (``WRITE_BATCH`` orders), in the same transaction as their rows,
  it stores the last page's end cursor and the progress (done/total, rate, heartbeat). A
  killed worker's next run resumes from that cursor; rows are keyed by Shopify ids, so a
  page written twice changes nothing.
* ``synced_until`` moves only when a run completes, to the time the run started: everything
  updated before then has been seen.

Errors: a refused token (ShopifyAuthError) marks the connection broken with the reason in
words and stops (the beat run skips broken connections until the merchant reconnects).
Throttling and 5xx errors that outlast the client's own retries leave the cursor in place and
propagate, so the task retries with backoff and continues where it stopped.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Store
from integrations.shopify.connection import (
    connection_mark_broken,
    connection_usable_get,
)
from integrations.shopify.datatypes import OrderData, Page, ShopifyAdmin
from integrations.shopify.errors import ShopifyAuthError, ShopifyBulkRefused, ShopifyError
from integrations.shopify.mirror import customer_upsert, order_delete, orders_upsert
from integrations.shopify.models import (
    Customer,
    Fulfillment,
    LineItem,
    Order,
    ShopifyConnection,
    SyncStatus,
)
from integrations.shopify.sync_bulk import (
    BULK_BATCH,
    BULK_THRESHOLD,
    BulkFallback,
    BulkProgress,
    BulkTakenOver,
    bulk_place,
    bulk_sync,
)

__all__ = [
    "BULK_THRESHOLD",
    "OVERLAP",
    "PAGE_SIZE",
    "STALE_AFTER",
    "SyncProgress",
    "SyncResult",
    "customer_upsert",
    "order_refresh",
    "orders_upsert",
    "store_sync",
    "store_sync_queue",
]

logger = logging.getLogger(__name__)

# Incremental runs start this long before the last completed run started, so an order
# updated while that run paged (or with a little clock skew) is not missed.
OVERLAP = timedelta(minutes=5)
# A RUNNING claim without a heartbeat for this long belongs to a dead worker.
STALE_AFTER = timedelta(minutes=3)
PAGE_SIZE = 100
# Orders written per transaction. The client may cap a page far below PAGE_SIZE (Shopify's
# single-query cost limit allows about 11 complete orders), so pages are grouped: one upsert
# and one cursor update per group. A crash loses at most the group in memory; the next run
# fetches it again from the stored cursor.
WRITE_BATCH = 200

FULL = "full"
INCREMENTAL = "incremental"


@dataclass(frozen=True)
class SyncProgress:
    done: int
    total: int | None
    pages: int
    rate: float | None


@dataclass(frozen=True)
class SyncResult:
    """What one ``store_sync`` call did. ``skipped`` is set (and nothing else happened) when
    another run holds the store. ``resumed`` means it continued a crashed run's cursor."""

    mode: str
    orders: int = 0
    pages: int = 0
    elapsed: float = 0.0
    total: int | None = None
    resumed: bool = False
    skipped: bool = False
    synced_until: datetime | None = None
    bulk: bool = False
    fallback: str = ""

    @property
    def rate(self) -> float:
        return self.orders / self.elapsed if self.elapsed > 0 else 0.0


def order_refresh(*, store: Store, order_id: int, client: ShopifyAdmin | None = None) -> bool:
    """Fetch one order from Shopify and upsert it (webhooks call this). An order Shopify no
    longer has is removed from the mirror. Returns True when the mirror changed."""
    connection = connection_usable_get(store=store)
    if client is not None:
        order = client.order_get(order_id=order_id)
    else:
        with _own_client(connection) as api:
            order = api.order_get(order_id=order_id)
    if order is None:
        return order_delete(store=store, order_id=order_id) > 0
    return orders_upsert(store=store, orders=[order]) > 0


# --- claiming a run ----------------------------------------------------------------------------


def _claim(*, connection: ShopifyConnection, full: bool, now: datetime) -> bool:
    """Take the store's sync slot. Continues an unfinished run (its mode, start and cursor)
    unless a full run is asked for while the unfinished one was incremental."""
    resume = bool(connection.sync_cursor) and not (full and connection.sync_mode != FULL)
    values: dict[str, object] = {
        "sync_status": SyncStatus.RUNNING,
        "sync_started_at": now,
        "sync_heartbeat_at": now,
        "sync_rate": None,
    }
    if not resume:
        since = None if full or connection.synced_until is None else connection.synced_until
        values.update(
            sync_mode=FULL if since is None else INCREMENTAL,
            sync_since=since - OVERLAP if since else None,
            sync_run_until=now,
            sync_cursor="",
            sync_done=0,
            sync_total=None,
        )
    free = ~Q(sync_status=SyncStatus.RUNNING) | Q(sync_heartbeat_at__isnull=True)
    claimed = (
        ShopifyConnection.objects.filter(pk=connection.pk)
        .filter(free | Q(sync_heartbeat_at__lt=now - STALE_AFTER))
        .update(**values)
    )
    if claimed:
        connection.refresh_from_db()
    return bool(claimed)


def _still_ours(connection: ShopifyConnection, **values: object) -> bool:
    """Write run bookkeeping only while this run still holds the slot (a run taken over
    after a long stall must not overwrite its successor's cursor)."""
    updated = ShopifyConnection.objects.filter(
        pk=connection.pk,
        sync_status=SyncStatus.RUNNING,
        sync_started_at=connection.sync_started_at,
    ).update(**values)
    return bool(updated)


# --- paging ------------------------------------------------------------------------------------


def _pages(
    client: ShopifyAdmin, *, since: datetime | None, cursor: str | None, first: int
) -> Iterator[Page[OrderData]]:
    """Yield pages while the next one is already being fetched (one page ahead)."""

    def fetch(after: str | None) -> Page[OrderData]:
        return client.orders_page(updated_since=since, after=after, first=first)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="shopify-page") as pool:
        pending: Future[Page[OrderData]] | None = pool.submit(fetch, cursor)
        while pending is not None:
            page = pending.result()
            more = page.has_next_page and page.end_cursor
            pending = pool.submit(fetch, page.end_cursor) if more else None
            yield page


def _batches(
    pages: Iterator[Page[OrderData]], *, min_orders: int
) -> Iterator[tuple[list[OrderData], Page[OrderData], int]]:
    """Group pages until they hold ``min_orders`` orders (or the last page came): one
    database transaction per group, whatever page size Shopify's query cost allows. Yields
    (orders, last page of the group, pages in the group)."""
    batch: list[OrderData] = []
    count = 0
    for page in pages:
        batch.extend(page.items)
        count += 1
        if len(batch) >= min_orders or not page.has_next_page:
            yield batch, page, count
            batch, count = [], 0


def store_sync(
    *,
    store: Store,
    full: bool = False,
    client: ShopifyAdmin | None = None,
    on_progress: Callable[[SyncProgress], None] | None = None,
    page_size: int = PAGE_SIZE,
    batch_orders: int | None = None,
    bulk: bool | None = None,
    bulk_threshold: int = BULK_THRESHOLD,
    sleep: Callable[[float], None] = time.sleep,
) -> SyncResult:
    """Mirror the store's orders (see the module docstring). ``bulk``: None lets the run
    choose (a bulk query for a full run or more than ``bulk_threshold`` orders to fetch, see
    sync_bulk), True/False forces it; a run that was interrupted continues the way it went.
    ``batch_orders``: orders per transaction (default WRITE_BATCH when paging, BULK_BATCH on
    the bulk path). ``sleep`` waits between looks at a bulk operation (injectable for tests). Raises
    ShopifyNotConnected when the store has no usable connection, ShopifyAuthError after
    marking it broken, and the client's retryable errors (cursor kept) for the task to retry."""
    connection = connection_usable_get(store=store)
    started = time.perf_counter()
    if not _claim(connection=connection, full=full, now=timezone.now()):
        return SyncResult(mode=connection.sync_mode or FULL, skipped=True)
    # The claim keeps the cursor only when it continues an unfinished run.
    resumed = bool(connection.sync_cursor)
    with contextlib.ExitStack() as owned:
        api = client
        if api is None:
            api = owned.enter_context(_own_client(connection))
        return _run_guarded(
            connection,
            api=api,
            started=started,
            resumed=resumed,
            on_progress=on_progress,
            page_size=page_size,
            batch_orders=batch_orders,
            bulk=bulk,
            bulk_threshold=bulk_threshold,
            sleep=sleep,
        )


@contextlib.contextmanager
def _own_client(connection: ShopifyConnection) -> Iterator[ShopifyAdmin]:
    from integrations.shopify.client import shopify_client

    with shopify_client(connection=connection) as client:
        yield client


def _run_guarded(
    connection: ShopifyConnection,
    *,
    api: ShopifyAdmin,
    started: float,
    resumed: bool,
    on_progress: Callable[[SyncProgress], None] | None,
    page_size: int,
    batch_orders: int | None,
    bulk: bool | None,
    bulk_threshold: int,
    sleep: Callable[[float], None],
) -> SyncResult:
    store = connection.store
    try:
        return _run(
            connection,
            api=api,
            started=started,
            resumed=resumed,
            on_progress=on_progress,
            page_size=page_size,
            batch_orders=batch_orders,
            bulk=bulk,
            bulk_threshold=bulk_threshold,
            sleep=sleep,
        )
    except ShopifyAuthError as exc:
        connection_mark_broken(store=store, error=_auth_error_text())
        logger.warning("Shopify sync for store %s stopped: %s", store.pk, exc)
        raise
    except ShopifyError as exc:
        _fail(connection, error=str(exc.message))
        raise
    except Exception:
        _fail(connection, error=_("The sync stopped on an unexpected error; it will try again."))
        raise


def _auth_error_text() -> str:
    return _("Shopify refused the access token (revoked or uninstalled). Reconnect the store.")


def _fail(connection: ShopifyConnection, *, error: str) -> None:
    _still_ours(
        connection,
        sync_status=SyncStatus.FAILED,
        last_error=error,
        last_error_at=timezone.now(),
    )


def _run(
    connection: ShopifyConnection,
    *,
    api: ShopifyAdmin,
    started: float,
    resumed: bool,
    on_progress: Callable[[SyncProgress], None] | None,
    page_size: int,
    batch_orders: int | None,
    bulk: bool | None,
    bulk_threshold: int,
    sleep: Callable[[float], None],
) -> SyncResult:
    since = connection.sync_since
    total = connection.sync_total
    if total is None:
        total = api.orders_count(updated_since=since)
        _still_ours(connection, sync_total=total)
    place = bulk_place(connection.sync_cursor)
    if bulk is None:
        bulk = connection.sync_mode == FULL or total > bulk_threshold
    fallback = ""
    if place is not None or (bulk and not connection.sync_cursor):
        try:
            return _run_bulk(
                connection,
                api=api,
                total=total,
                started=started,
                resumed=resumed,
                on_progress=on_progress,
                batch_orders=batch_orders or BULK_BATCH,
                sleep=sleep,
            )
        except BulkTakenOver:
            return SyncResult(mode=connection.sync_mode, skipped=True)
        except (BulkFallback, ShopifyBulkRefused) as exc:
            fallback = exc.reason if isinstance(exc, BulkFallback) else str(exc.detail)
            logger.warning(
                "Shopify sync for store %s pages instead: %s", connection.store_id, fallback
            )
            _still_ours(connection, sync_cursor="", sync_done=0)
            connection.sync_cursor, connection.sync_done = "", 0
    return _run_pages(
        connection,
        api=api,
        total=total,
        started=started,
        resumed=resumed,
        on_progress=on_progress,
        page_size=page_size,
        batch_orders=batch_orders or WRITE_BATCH,
        fallback=fallback,
    )


def _run_bulk(
    connection: ShopifyConnection,
    *,
    api: ShopifyAdmin,
    total: int,
    started: float,
    resumed: bool,
    on_progress: Callable[[SyncProgress], None] | None,
    batch_orders: int,
    sleep: Callable[[float], None],
) -> SyncResult:
    def progress(batch: BulkProgress) -> None:
        if on_progress is not None:
            done = batch.done
            on_progress(SyncProgress(done=done, total=max(total, done), pages=0, rate=batch.rate))

    written = bulk_sync(
        store=connection.store,
        api=api,
        since=connection.sync_since,
        place=bulk_place(connection.sync_cursor),
        done=connection.sync_done,
        started=started,
        keep=lambda **values: _still_ours(connection, **values),
        on_batch=progress,
        batch_orders=batch_orders,
        sleep=sleep,
    )
    done = connection.sync_done + written
    return _finish(
        connection,
        done=written,
        total=max(total, done),
        pages=0,
        started=started,
        resumed=resumed,
        bulk=True,
    )


def _run_pages(
    connection: ShopifyConnection,
    *,
    api: ShopifyAdmin,
    total: int,
    started: float,
    resumed: bool,
    on_progress: Callable[[SyncProgress], None] | None,
    page_size: int,
    batch_orders: int,
    fallback: str,
) -> SyncResult:
    store = connection.store
    since = connection.sync_since
    done, written, pages = connection.sync_done, 0, 0
    fetched = _pages(api, since=since, cursor=connection.sync_cursor or None, first=page_size)
    for batch, last, count in _batches(fetched, min_orders=batch_orders):
        with transaction.atomic():
            orders_upsert(store=store, orders=batch)
            written += len(batch)
            done += len(batch)
            pages += count
            rate = written / max(time.perf_counter() - started, 1e-6)
            ours = _still_ours(
                connection,
                sync_cursor=(last.end_cursor or connection.sync_cursor)
                if last.has_next_page
                else "",
                sync_done=done,
                sync_total=max(total, done),
                sync_rate=rate,
                sync_heartbeat_at=timezone.now(),
            )
            if not ours:
                # Another run took the slot over; its writes win, ours are rolled back.
                transaction.set_rollback(True)
                return SyncResult(mode=connection.sync_mode, skipped=True)
        if on_progress is not None:
            on_progress(SyncProgress(done=done, total=max(total, done), pages=pages, rate=rate))
    return _finish(
        connection,
        done=written,
        total=max(total, done),
        pages=pages,
        started=started,
        resumed=resumed,
        fallback=fallback,
    )


def _finish(
    connection: ShopifyConnection,
    *,
    done: int,
    total: int,
    pages: int,
    started: float,
    resumed: bool,
    bulk: bool = False,
    fallback: str = "",
) -> SyncResult:
    """Close the run. A run that had to page because the bulk export failed completes, and
    says so in ``last_error`` (the dashboard shows it) and in the result."""
    elapsed = time.perf_counter() - started
    finished = timezone.now()
    note = (
        _("Shopify's bulk export failed (%(reason)s); the orders were synced page by page.")
        % {"reason": fallback}
        if fallback
        else ""
    )
    if done >= STATISTICS_MIN_ORDERS:
        mirror_statistics_refresh()
    _still_ours(
        connection,
        sync_status=SyncStatus.IDLE,
        sync_cursor="",
        sync_total=total,
        sync_rate=done / elapsed if elapsed > 0 else None,
        sync_heartbeat_at=finished,
        synced_until=connection.sync_run_until,
        last_sync_at=finished,
        last_error=note,
        last_error_at=finished if note else None,
    )
    return SyncResult(
        mode=connection.sync_mode,
        orders=done,
        pages=pages,
        elapsed=elapsed,
        total=total,
        resumed=resumed,
        synced_until=connection.sync_run_until,
        bulk=bulk,
        fallback=fallback,
    )


#: A run that wrote at least this many orders refreshes the planner's statistics (SQLite).
STATISTICS_MIN_ORDERS = 500


def mirror_statistics_refresh() -> None:
    """ANALYZE the mirror's tables on SQLite, whose planner has no statistics until asked.

    Without them it can walk a store's whole order table for one shopper's orders: on 10,000
    orders the agent's order lookup took 15.6 ms instead of 4.9 ms (``bench/agent_turn.py``
    against ``--no-analyze``). PostgreSQL's autovacuum keeps its own statistics. A few
    hundred ms on 100,000 orders, after a run that wrote many orders.
    """
    from django.db import connection as db

    if db.vendor != "sqlite":
        return
    tables = [m._meta.db_table for m in (Customer, Order, LineItem, Fulfillment)]
    with db.cursor() as cursor:
        for table in tables:
            cursor.execute(f'ANALYZE "{table}"')


def stores_to_sync() -> list[int]:
    """Ids of the stores the periodic sync runs for: connected, with a token, not broken."""
    return list(
        ShopifyConnection.objects.filter(status=ShopifyConnection.Status.CONNECTED)
        .exclude(access_token="")
        .values_list("store_id", flat=True)
    )


def store_sync_queue(*, store: Store, full: bool = False) -> bool:
    """Queue a sync now (the dashboard's "Sync now"). Marks the connection QUEUED so the page
    shows it at once; a running sync is left alone. Returns False when nothing was queued."""
    connection = connection_usable_get(store=store)
    queued = (
        ShopifyConnection.objects.filter(pk=connection.pk)
        .exclude(sync_status=SyncStatus.RUNNING)
        .update(sync_status=SyncStatus.QUEUED)
    )
    if not queued:
        return False
    store_id = store.pk
    transaction.on_commit(lambda: _sync_queue(store_id, full))
    return True


def _sync_queue(store_id: int, full: bool) -> None:
    # Imported here: the tasks module imports this one.
    from integrations.shopify.tasks import shopify_store_sync

    shopify_store_sync.delay(store_id, full=full)
