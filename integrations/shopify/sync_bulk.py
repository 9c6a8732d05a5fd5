"""The bulk path of the order sync: Shopify exports the orders as a file, the sync streams it in.

Paging is bound by Shopify's single-query cost cap (about 11 complete orders per query) and its
restore rate (100 points/s on the Standard plan): a few orders per second. A bulk query has
neither limit, so a full backfill, and an incremental run with more than ``BULK_THRESHOLD``
orders, go this way (``sync.store_sync``):

1. ``bulkOperationRunQuery`` over the orders (with customers, line items and fulfillments);
   poll ``bulkOperation(id:)`` with growing pauses (``POLL_FIRST`` up to ``POLL_MAX`` seconds),
   writing the heartbeat at every look so a long export is not taken for a dead worker;
2. download the JSONL file as a stream and upsert ``batch_orders`` orders per transaction,
   storing the progress (and the cursor below) in the same transaction;
3. what each fulfillment shipped: a second bulk query, over the fulfillment orders (Shopify
   refuses ``Fulfillment.fulfillmentLineItems`` inside ``Order.fulfillments``), started as
   soon as the first is done and read in a worker thread while step 2 writes, then written in
   batches once the orders (and so the fulfillments) are in.

The run's place is kept in ``sync_cursor`` as ``bulk:<phase>:<operation id>:<objects written>``,
during the orders phase followed by ``|<fulfillment-lines operation id>`` once that export has
started. A killed worker's next run asks for the same operation again: still running -> keep
polling; COMPLETED -> download it again and skip what was written (upserts are idempotent
anyway). A run resumed in the orders phase also takes up the fulfillment-lines export its
predecessor started (still running or COMPLETED), instead of starting (and paying for) another;
only one that Shopify no longer has, or that ended without a file, is started again.
An orders operation that ends FAILED, CANCELED or EXPIRED, or that Shopify refuses to start,
hands the run back to paging (``BulkFallback``, with the reason).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import islice
from typing import TypeVar

from django.db import transaction
from django.utils import timezone

from core.models import Store
from integrations.shopify.datatypes import BulkOperation, FulfillmentLinesData, ShopifyAdmin
from integrations.shopify.errors import ShopifyBulkRefused
from integrations.shopify.mirror import fulfillment_lines_set, orders_upsert

logger = logging.getLogger(__name__)

T = TypeVar("T")

BULK_THRESHOLD = 2000
"""An incremental run with more orders to fetch than this uses a bulk query."""
BULK_BATCH = 1000
"""Orders per transaction on the bulk path (no page size to follow there)."""
POLL_FIRST = 0.25
POLL_MAX = 5.0
POLL_GROWTH = 1.5
PREFIX = "bulk:"
ORDERS, LINES = "orders", "lines"
_LINES_SEPARATOR = "|"  # never in a gid
REUSABLE = frozenset({"CREATED", "RUNNING", "COMPLETED"})
"""Statuses of an earlier run's fulfillment-lines export that a resumed run reads."""


class BulkFallback(Exception):
    """The bulk path cannot finish this run; page instead. ``reason`` says why, in words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class BulkTakenOver(Exception):
    """Another run took the store's slot over; this one stops without writing."""


@dataclass(frozen=True)
class BulkPlace:
    """Where a bulk run is: phase, operation id and objects of its file already written; in
    the orders phase also the fulfillment-lines export started for this run ("" before)."""

    phase: str
    operation_id: str
    written: int
    lines_operation_id: str = ""

    def cursor(self) -> str:
        place = f"{PREFIX}{self.phase}:{self.operation_id}:{self.written}"
        if self.lines_operation_id:
            place += f"{_LINES_SEPARATOR}{self.lines_operation_id}"
        return place


def bulk_place(cursor: str) -> BulkPlace | None:
    """The bulk place stored in ``sync_cursor``, or None for a paging cursor (or none)."""
    if not cursor.startswith(PREFIX):
        return None
    place, _, lines_operation_id = cursor[len(PREFIX) :].partition(_LINES_SEPARATOR)
    phase, rest = place.split(":", 1)
    operation_id, written = rest.rsplit(":", 1)
    return BulkPlace(
        phase=phase,
        operation_id=operation_id,
        written=int(written),
        lines_operation_id=lines_operation_id,
    )


@dataclass
class BulkProgress:
    done: int
    rate: float


Sleep = Callable[[float], None]
Keep = Callable[..., bool]
"""Write run bookkeeping while the run still holds the slot (``sync._still_ours``)."""


def bulk_sync(
    *,
    store: Store,
    api: ShopifyAdmin,
    since: datetime | None,
    place: BulkPlace | None,
    done: int,
    started: float,
    keep: Keep,
    on_batch: Callable[[BulkProgress], None],
    batch_orders: int = BULK_BATCH,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Run (or continue at ``place``) both phases; returns how many orders this call wrote.
    Raises BulkFallback or BulkTakenOver as above, and the client's errors."""
    written = 0
    shipped: Iterable[FulfillmentLinesData]
    if place is None or place.phase == ORDERS:
        if place is None:
            place = _start(api.bulk_orders_start(updated_since=since), ORDERS, keep)
        url = _completed_url(api, place, keep, sleep)
        # Shopify runs one bulk query at a time; the orders export is done, so the second one
        # starts now (or the one a crashed run started is taken up), is recorded in the
        # cursor at once, and is read in the background while the orders are written.
        operation = _lines_export(api, place, since)
        place = replace(place, lines_operation_id=operation.id)
        if not keep(sync_cursor=place.cursor(), sync_heartbeat_at=timezone.now()):
            raise BulkTakenOver
        lines = _LinesReader(api, operation, sleep)
        orders = islice(api.bulk_orders_iter(url=url), place.written, None)
        try:
            for batch in _prefetched(orders, batch_orders):
                with transaction.atomic():
                    orders_upsert(store=store, orders=batch, fulfillment_lines=False)
                    written += len(batch)
                    done += len(batch)
                    place = replace(place, written=place.written + len(batch))
                    rate = written / max(time.perf_counter() - started, 1e-6)
                    if not keep(
                        sync_cursor=place.cursor(),
                        sync_done=done,
                        sync_rate=rate,
                        sync_heartbeat_at=timezone.now(),
                    ):
                        transaction.set_rollback(True)
                        raise BulkTakenOver
                on_batch(BulkProgress(done=done, rate=rate))
        except BaseException:
            lines.stop()
            raise
        shipped = lines.result()
        place = _start(lines.operation, LINES, keep)
    else:
        url = _completed_url(api, place, keep, sleep)
        shipped = islice(api.bulk_fulfillment_lines_iter(url=url), place.written, None)
    for group in _prefetched(shipped, batch_orders * 2):
        with transaction.atomic():
            fulfillment_lines_set(store=store, fulfillments=group)
            place = BulkPlace(LINES, place.operation_id, place.written + len(group))
            if not keep(sync_cursor=place.cursor(), sync_heartbeat_at=timezone.now()):
                transaction.set_rollback(True)
                raise BulkTakenOver
    return written


class _LinesReader:
    """Waits for the fulfillment-lines export and reads it whole, in a worker thread, while
    the orders are written. The GraphQL client is used only here meanwhile (the orders file
    comes through its own HTTP client), and no database work happens in the thread. What it
    holds is small: a fulfillment id and a few (line item id, quantity) pairs each."""

    def __init__(self, api: ShopifyAdmin, operation: BulkOperation, sleep: Sleep) -> None:
        self.operation = operation
        self._api, self._sleep = api, sleep
        self._stopped = threading.Event()
        self._found: list[FulfillmentLinesData] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._read, name="shopify-bulk-lines", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            url = _completed_url(self._api, _place(self.operation), None, self._sleep)
            for item in self._api.bulk_fulfillment_lines_iter(url=url):
                if self._stopped.is_set():
                    return
                self._found.append(item)
        except BaseException as exc:  # raised in the caller's thread by result()
            self._error = exc

    def stop(self) -> None:
        self._stopped.set()

    def result(self) -> list[FulfillmentLinesData]:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._found


def _lines_export(api: ShopifyAdmin, place: BulkPlace, since: datetime | None) -> BulkOperation:
    """The fulfillment-lines export for this run: the one recorded in ``place`` by a run that
    crashed, while Shopify still has it running or completed; otherwise a new one."""
    if place.lines_operation_id:
        try:
            operation = api.bulk_operation_get(operation_id=place.lines_operation_id)
        except ShopifyBulkRefused:
            operation = None
        if operation is not None and operation.status in REUSABLE:
            return operation
        logger.info(
            "bulk operation %s cannot be read (%s); exporting the fulfillment lines again",
            place.lines_operation_id,
            operation.status if operation is not None else "unknown to Shopify",
        )
    return api.bulk_fulfillment_lines_start(updated_since=since)


def _place(operation: BulkOperation) -> BulkPlace:
    return BulkPlace(phase=LINES, operation_id=operation.id, written=0)


def _start(operation: BulkOperation, phase: str, keep: Keep) -> BulkPlace:
    place = BulkPlace(phase=phase, operation_id=operation.id, written=0)
    if not keep(sync_cursor=place.cursor(), sync_heartbeat_at=timezone.now()):
        raise BulkTakenOver
    return place


def _completed_url(api: ShopifyAdmin, place: BulkPlace, keep: Keep | None, sleep: Sleep) -> str:
    """Poll until the operation finishes (writing the heartbeat at each look, unless ``keep``
    is None: a worker thread must not touch the database); its file's URL, or BulkFallback."""
    pause = POLL_FIRST
    while True:
        try:
            operation = api.bulk_operation_get(operation_id=place.operation_id)
        except ShopifyBulkRefused as exc:
            raise BulkFallback(f"bulk operation {place.operation_id}: {exc.detail}") from exc
        if keep is not None and not keep(sync_heartbeat_at=timezone.now()):
            raise BulkTakenOver
        if operation.finished:
            break
        sleep(pause)
        pause = min(pause * POLL_GROWTH, POLL_MAX)
    if operation.status != "COMPLETED" or not operation.url:
        code = f" ({operation.error_code})" if operation.error_code else ""
        raise BulkFallback(f"bulk operation {operation.id} ended {operation.status}{code}")
    logger.info("bulk operation %s completed: %s objects", operation.id, operation.object_count)
    return operation.url


def _chunks(items: Iterable[T], size: int) -> Generator[list[T], None, None]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


_DONE = object()


def _prefetched(items: Iterable[T], size: int, *, ahead: int = 2) -> Iterator[list[T]]:
    """Chunks of ``size`` items, read by a worker thread up to ``ahead`` chunks in advance, so
    downloading and parsing the next chunk overlaps writing this one (the download waits on
    the network and the database on its own I/O; neither holds the GIL while it waits).
    The worker's errors are raised here; leaving early stops the worker after its chunk."""
    ready: queue.Queue[object] = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def work() -> None:
        chunks = _chunks(items, size)
        try:
            for chunk in chunks:
                if stop.is_set():
                    break
                ready.put(chunk)
            ready.put(_DONE)
        except BaseException as exc:  # handed to the consumer below
            ready.put(exc)
        finally:
            chunks.close()

    worker = threading.Thread(target=work, name="shopify-bulk-read", daemon=True)
    worker.start()
    try:
        while (item := ready.get()) is not _DONE:
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        while worker.is_alive():
            # Unblock a worker waiting on a full queue, then let it finish its chunk.
            try:
                ready.get_nowait()
            except queue.Empty:
                worker.join(timeout=0.05)
