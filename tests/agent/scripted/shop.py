"""The demo shop for scripted conversations, loaded once per test module the way ``make run``
loads it: ``agent.demo.demo_store_load`` (stores, settings, hub, returns provider, handoff
messages, articles) and the orders reaching the mirror through the real Shopify sync against
the sandbox served by the live server.

The sync reads over HTTP from the live server's own database connection, so the load is
committed (not inside a test's transaction); the module's tests then each run in a rolled-back
transaction over it, and the database is flushed when the module is done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.core.management import call_command
from django.test import override_settings
from pytest_django.live_server_helper import LiveServer

from agent.demo import demo_store_load
from core import demo
from integrations.shopify.models import Order, ShopifyConnection
from integrations.shopify.sandbox.models import SandboxShop
from integrations.shopify.sandbox.seed import sandbox_shop_seed
from tests.skills.conftest import NOW as SKILLS_NOW
from tests.skills.conftest import DemoShop

#: The clock of every scripted conversation: a Monday, 11:00 in Amsterdam (business hours).
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def demo_shop_committed(*, live_server_url: str) -> DemoShop:
    """Load the demo shop at ``NOW`` and sync its orders through the sandbox (committed)."""
    with override_settings(
        SHOPIFY_ADMIN_URL_TEMPLATE=live_server_url + "/shopify-sandbox/{shop}",
        APP_BASE_URL=live_server_url,
    ):
        sandbox_shop_seed(shop_domain=demo.STORE.shop_domain, now=NOW)
        # The sandbox's query budget is lifted: tests/shopify covers the throttling.
        SandboxShop.objects.filter(domain=demo.STORE.shop_domain).update(
            throttle_maximum=1_000_000, throttle_restore_rate=1_000_000
        )
        result = demo_store_load(now=NOW)
    orders = demo.demo_orders(now=NOW)
    synced = Order.objects.filter(store=result.store).count()
    connection = ShopifyConnection.objects.get(store=result.store)
    assert synced == len(orders), (synced, connection.sync_status, connection.last_error)
    return DemoShop(store=result.store, orders=tuple(orders))


# The order skills' helpers (``order_copy``) anchor the demo at their own clock: the same one.
assert SKILLS_NOW == NOW


def demo_shop_module(django_db_blocker: Any) -> Iterator[DemoShop]:
    """Body of a module-scoped fixture: the committed demo shop, flushed afterwards.

    The sandbox is served by a live server of our own: a test that asks for pytest-django's
    ``live_server`` fixture (even through another fixture) runs in a flushed transactional
    database, which would wipe the shop after the first test."""
    with django_db_blocker.unblock():
        server = LiveServer("localhost")
        try:
            yield demo_shop_committed(live_server_url=server.url)
        finally:
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
