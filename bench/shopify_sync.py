"""Benchmark: a full Shopify sync through the sandbox store over loopback HTTP.

    .venv/bin/python bench/shopify_sync.py --orders 100000 [--database-url URL] [--batch 1000]

What it does, honestly end to end:

1. A fresh database: with no ``--database-url`` a new SQLite file in a temporary folder (WAL,
   as ``make run`` uses); with one, that PostgreSQL database (migrated; a new store and shop
   per run, so it may be reused).
2. A child process seeds the sandbox shop and generates ``--orders`` orders in it
   (``sandbox_orders_generate``), so the generator's memory does not count below. The shop
   keeps Shopify's limits (1,000-point queries, a 2,000-point bucket restoring 100 points/s)
   unless ``--lift-budget``: the bulk path does not need them lifted.
3. The sandbox is served by daphne (the ASGI server ``make run`` uses) in its own process on
   127.0.0.1, reading the same database.
4. This process runs ``store_sync(full=True)`` through the real ``ShopifyClient`` over HTTP
   into the mirror: a full run goes through bulk operations (start, poll, stream the JSONL
   file, upsert ``--batch`` orders per transaction, then the fulfillment lines). It reports
   orders/s and its peak RSS (getrusage: the whole process, Django included; the sync holds one
   batch and one chunk of the file).
5. Fetch only: the same bulk export downloaded and parsed by the client, nothing written.
6. The floor: the same rows written again, into a second store, with nothing but raw
   ``bulk_create(update_conflicts=True)`` per table in batches of ``--batch`` orders, timing
   only the writes. Ratio = floor time / sync time (1.0 would mean HTTP, the export and
   parsing cost nothing).
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from core.models import Store

M = TypeVar("M", bound=Any)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SETTINGS = "config.settings.local"


def _environment(args: argparse.Namespace, var_dir: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "SHOPAGENT_VAR_DIR": var_dir,
        "DJANGO_DEBUG": "0",
        "SHOPIFY_SANDBOX": "1",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("SHOPIFY_ADMIN_URL_TEMPLATE", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, server: subprocess.Popen[bytes], seconds: float = 30) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the sandbox server exited")
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit(f"the sandbox server did not answer on {url}")


# --- phase 1 (child process): database and sandbox data -----------------------------------------


def setup(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from integrations.shopify.sandbox.models import SandboxShop
    from integrations.shopify.sandbox.seed import sandbox_orders_generate, sandbox_shop_seed

    call_command("migrate", verbosity=0)
    now = datetime.fromisoformat(args.now)
    sandbox_shop_seed(shop_domain=args.shop, now=now)
    if args.lift_budget:
        SandboxShop.objects.filter(domain=args.shop).update(
            throttle_maximum=10**9, throttle_restore_rate=10**9
        )
    started = time.perf_counter()
    generated = sandbox_orders_generate(shop_domain=args.shop, count=args.orders, now=now, seed=7)
    if connection.vendor == "postgresql":
        # Fresh statistics for the planner, as autovacuum would gather after a bulk load.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"  generated {generated} orders in the sandbox in {time.perf_counter() - started:.1f} s")


# --- phase 2 (this process): the sync and the floor ------------------------------------------


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.conf import settings

    from core.models import Store
    from integrations.shopify.models import Order, ShopifyConnection
    from integrations.shopify.sandbox.models import SandboxShop
    from integrations.shopify.sandbox.seed import sandbox_seed_token
    from integrations.shopify.sync import store_sync

    settings.SHOPIFY_ADMIN_URL_TEMPLATE = f"http://127.0.0.1:{args.port}/shopify-sandbox/{{shop}}"
    store = Store.objects.create(name=f"Bench {args.tag}", slug=f"bench-{args.tag}")
    ShopifyConnection.objects.create(
        store=store,
        shop_domain=args.shop,
        access_token=sandbox_seed_token(shop_domain=args.shop),
        status=ShopifyConnection.Status.CONNECTED,
    )
    shop = SandboxShop.objects.get(domain=args.shop)
    rss_before = _rss_mb()
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        result = profiler.runcall(store_sync, store=store, full=True, batch_orders=args.batch)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    else:
        result = store_sync(store=store, full=True, batch_orders=args.batch)
    rss_peak = _rss_mb()
    synced = Order.objects.filter(store=store).count()
    floor = _floor(store=store, page_size=args.batch, tag=args.tag)
    fetch_only = _fetch_only(store=store)
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"  database            {engine}")
    print(
        f"  Shopify limits      {shop.max_query_cost} points per query, bucket "
        f"{shop.throttle_maximum:,.0f} points restoring {shop.throttle_restore_rate:,.0f}/s"
        + (" (lifted)" if args.lift_budget else " (Shopify's Standard plan)")
    )
    how = "bulk operations" if result.bulk else f"{result.pages} pages"
    fallback = f"; bulk export failed: {result.fallback}" if result.fallback else ""
    print(f"  orders synced       {result.orders} ({synced} in the mirror) through {how}{fallback}")
    print(f"  sync time           {result.elapsed:.2f} s")
    print(f"  sync rate           {result.orders / result.elapsed:,.0f} orders/s")
    print(
        f"  fetch only          {fetch_only:.2f} s ({synced / fetch_only:,.0f} orders/s): the "
        "orders export started, polled, downloaded and parsed, nothing written"
    )
    print(f"  raw bulk upsert     {floor:.2f} s ({synced / floor:,.0f} orders/s)")
    print(f"  ratio floor/sync    {floor / result.elapsed:.2f}")
    print(f"  peak RSS            {rss_peak:.0f} MB (before the sync: {rss_before:.0f} MB)")


def _fetch_only(*, store: Store) -> float:
    """Export every order with the real client (start, poll, download, parse), no writes."""
    from integrations.shopify.client import shopify_client
    from integrations.shopify.models import ShopifyConnection

    connection = ShopifyConnection.objects.get(store=store)
    started = time.perf_counter()
    with shopify_client(connection=connection) as client:
        operation = client.bulk_orders_start()
        pause = 0.5
        while not (operation := client.bulk_operation_get(operation_id=operation.id)).finished:
            time.sleep(pause)
            pause = min(pause * 1.5, 5.0)
        for _ in client.bulk_orders_iter(url=operation.url):
            pass
    return time.perf_counter() - started


def _floor(*, store: Store, page_size: int, tag: str) -> float:
    """Write the mirror's rows again into a second store with raw bulk upserts, one batch
    of ``page_size`` orders at a time; return the seconds spent writing."""
    from core.models import Store
    from integrations.shopify.models import (
        Customer,
        Fulfillment,
        FulfillmentLineItem,
        LineItem,
        Order,
    )

    target = Store.objects.create(name=f"Bench floor {tag}", slug=f"bench-floor-{tag}")
    customers = list(Customer.objects.filter(store=store))
    spent = 0.0
    started = time.perf_counter()
    for c in customers:
        c.pk, c.store = None, target
    _upsert(Customer, customers)
    customer_pks = dict(Customer.objects.filter(store=target).values_list("shopify_id", "pk"))
    spent += time.perf_counter() - started
    source_customers = dict(Customer.objects.filter(store=store).values_list("pk", "shopify_id"))
    order_pks = list(Order.objects.filter(store=store).order_by("pk").values_list("pk", flat=True))
    for i in range(0, len(order_pks), page_size):
        batch = order_pks[i : i + page_size]
        orders = list(Order.objects.filter(pk__in=batch))
        lines = list(LineItem.objects.filter(order_id__in=batch))
        fulfillments = list(Fulfillment.objects.filter(order_id__in=batch))
        shipped = list(
            FulfillmentLineItem.objects.filter(fulfillment__order_id__in=batch).values_list(
                "fulfillment__shopify_id", "line_item__shopify_id", "quantity"
            )
        )
        order_ids = {o.pk: o.shopify_id for o in orders}
        started = time.perf_counter()
        for o in orders:
            o.pk, o.store = None, target
            o.customer_id = customer_pks.get(source_customers.get(o.customer_id or 0, 0))
        _upsert(Order, orders)
        new_orders = dict(
            Order.objects.filter(store=target, shopify_id__in=order_ids.values()).values_list(
                "shopify_id", "pk"
            )
        )
        for li in lines:
            li.pk, li.store, li.order_id = None, target, new_orders[order_ids[li.order_id]]
        _upsert(LineItem, lines)
        for f in fulfillments:
            f.pk, f.store, f.order_id = None, target, new_orders[order_ids[f.order_id]]
        _upsert(Fulfillment, fulfillments)
        line_pks = dict(
            LineItem.objects.filter(store=target, order_id__in=new_orders.values()).values_list(
                "shopify_id", "pk"
            )
        )
        fulfillment_pks = dict(
            Fulfillment.objects.filter(store=target, order_id__in=new_orders.values()).values_list(
                "shopify_id", "pk"
            )
        )
        FulfillmentLineItem.objects.bulk_create(
            [
                FulfillmentLineItem(
                    fulfillment_id=fulfillment_pks[f_id], line_item_id=line_pks[l_id], quantity=q
                )
                for f_id, l_id, q in shipped
            ],
            update_conflicts=True,
            unique_fields=["fulfillment", "line_item"],
            update_fields=["quantity"],
        )
        spent += time.perf_counter() - started
    return spent


def _upsert(model: type[M], rows: list[M]) -> None:
    """The raw bulk upsert: one INSERT ... ON CONFLICT (store, shopify_id) DO UPDATE."""
    keys = {"id", "store", "shopify_id", "created_at"}
    fields = [f.name for f in model._meta.concrete_fields if f.name not in keys]
    model._default_manager.bulk_create(
        rows, update_conflicts=True, unique_fields=["store", "shopify_id"], update_fields=fields
    )


# --- the driver ------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=20_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--batch", type=int, default=1000, help="Orders per transaction.")
    parser.add_argument(
        "--lift-budget",
        action="store_true",
        help="Lift the sandbox's Shopify query budget (kept by default: bulk does not need it).",
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the sync (slower).")
    parser.add_argument("--phase", choices=["all", "setup", "run"], default="all")
    parser.add_argument("--shop", default="")
    parser.add_argument("--now", default="")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--tag", default="")
    args = parser.parse_args()
    if args.phase == "setup":
        return setup(args)
    if args.phase == "run":
        return run(args)

    tag = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    shop = f"bench-{tag}.myshopify.com"
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    with tempfile.TemporaryDirectory(prefix="shopagent-bench-") as var_dir:
        env = _environment(args, var_dir)
        common = [f"--shop={shop}", f"--now={now}", f"--tag={tag}", f"--orders={args.orders}"]
        common += [f"--batch={args.batch}", f"--database-url={args.database_url}"]
        common += ["--lift-budget"] if args.lift_budget else []
        common += ["--profile"] if args.profile else []
        budget = "query budget lifted" if args.lift_budget else "Shopify's query budget in force"
        print(
            f"Shopify sync benchmark: {args.orders} generated orders (+ the demo's), "
            f"{args.batch} orders per transaction, {budget}; {os.cpu_count()} CPUs, "
            f"Python {sys.version.split()[0]}"
        )
        # Our own interpreter running this very script / the venv's daphne: no outside input.
        setup_cmd = [sys.executable, __file__, "--phase=setup", *common]
        subprocess.run(setup_cmd, env=env, check=True)  # noqa: S603
        port = _free_port()
        daphne = str(Path(sys.executable).with_name("daphne"))
        server = subprocess.Popen(  # noqa: S603
            [daphne, "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
            env={**env, "APP_BASE_URL": f"http://127.0.0.1:{port}"},
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_until_up(f"http://127.0.0.1:{port}/healthz", server)
            subprocess.run(  # noqa: S603
                [sys.executable, __file__, "--phase=run", f"--port={port}", *common],
                env=env,
                check=True,
            )
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
