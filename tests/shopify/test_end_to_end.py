"""Through the real client and the sandbox store over HTTP (pytest-django's live_server):
connecting with verification, webhook registration, the full sync of the demo data, the
command, OAuth, and a fulfilment on the sandbox arriving by signed webhook."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from core import demo
from core.errors import ValidationFailed
from core.models import Store
from integrations.shopify.connection import connection_connect
from integrations.shopify.models import (
    Customer,
    LineItem,
    Order,
    ShopifyConnection,
    WebhookDelivery,
)
from integrations.shopify.sandbox.models import SandboxShop, SandboxWebhookSubscription
from integrations.shopify.sandbox.seed import SandboxShopSeed, sandbox_shop_seed
from integrations.shopify.sync import store_sync

pytestmark = pytest.mark.django_db(transaction=True)

SHOP = demo.STORE.shop_domain


def _seed(now: dt.datetime) -> SandboxShopSeed:
    """The demo shop in the sandbox, with its throttle lifted: these tests are about what
    arrives, not about waiting for Shopify's query budget (the first test keeps the budget)."""
    seed = sandbox_shop_seed(shop_domain=SHOP, now=now)
    SandboxShop.objects.filter(domain=SHOP).update(
        throttle_maximum=1_000_000, throttle_restore_rate=1_000_000
    )
    return seed


@pytest.fixture
def sandbox(live_server: Any, settings: Any) -> str:
    settings.SHOPIFY_ADMIN_URL_TEMPLATE = live_server.url + "/shopify-sandbox/{shop}"
    settings.APP_BASE_URL = live_server.url
    return str(live_server.url)


def test_connect_verifies_registers_webhooks_and_syncs_the_demo_shop(
    sandbox: str, store: Store
) -> None:
    # given
    now = timezone.now().replace(microsecond=0)
    seed = sandbox_shop_seed(shop_domain=SHOP, now=now)

    # when: connecting queues the set-up on commit; Celery is eager in tests
    connection_connect(store=store, shop_domain=SHOP, access_token=seed.access_token)

    # then
    connection = ShopifyConnection.objects.get(store=store)
    assert connection.status == "connected"
    assert connection.webhooks_registered_at is not None
    assert connection.synced_until is not None
    assert connection.last_error == ""
    assert (connection.sync_done, connection.sync_total) == (seed.orders, seed.orders)
    assert (
        Order.objects.filter(store=store).count() == seed.orders == len(demo.demo_orders(now=now))
    )
    assert Customer.objects.filter(store=store).count() == len(demo.CUSTOMERS)
    expected_lines = sum(len(o.line_items) for o in demo.demo_orders(now=now))
    assert LineItem.objects.filter(store=store).count() == expected_lines
    topics = set(SandboxWebhookSubscription.objects.values_list("topic", flat=True))
    assert topics == set(settings.SHOPIFY_WEBHOOK_TOPICS)


def test_a_wrong_token_is_refused_in_words(sandbox: str, store: Store) -> None:
    # given
    _seed(timezone.now())

    # when
    with pytest.raises(ValidationFailed) as excinfo:
        connection_connect(store=store, shop_domain=SHOP, access_token="shpat_wrong")

    # then
    assert "Shopify refused this access token" in str(excinfo.value)
    assert ShopifyConnection.objects.count() == 0


def test_the_command_runs_a_full_sync_and_prints_figures(sandbox: str, store: Store) -> None:
    # given
    seed = _seed(timezone.now())
    ShopifyConnection.objects.create(
        store=store, shop_domain=SHOP, access_token=seed.access_token, status="connected"
    )
    out = StringIO()

    # when
    call_command("shopify_sync", "--store", store.slug, "--full", stdout=out)

    # then
    output = out.getvalue()
    line = ShopifyConnection.objects.get(store=store).sync_done and re.search(
        r"full sync: (\d+) orders through a bulk export, [\d.]+ s, \d+ orders/s\.", output
    )
    assert line, output
    assert int(line.group(1)) == seed.orders
    assert "Bulk export failed" not in output
    assert Order.objects.filter(store=store).count() == seed.orders


def test_oauth_install_through_the_sandbox_connects_the_store(
    sandbox: str, store: Store, member_of: Any, client_for: Any
) -> None:
    # given
    _seed(timezone.now())
    client = client_for(member_of(store, "owner"))
    authorize = client.post(f"/shopify/s/{store.slug}/install/", {"shop_domain": SHOP})
    assert authorize.status_code == 302
    path = authorize["Location"].removeprefix(sandbox)

    # when: the merchant approves on (the sandbox's) Shopify, which redirects back
    approved = client.post(path.split("?")[0], {**_query(path), "install": "1"})
    callback = approved["Location"].removeprefix(sandbox)
    done = client.get(callback, follow=True)

    # then
    connection = ShopifyConnection.objects.get(store=store)
    assert connection.status == "connected"
    assert connection.access_token.startswith("shpat_")
    assert Order.objects.filter(store=store).count() == len(demo.demo_orders(now=timezone.now()))
    assert f"Installed on {SHOP}." in done.content.decode()


def _query(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))


def test_fulfilling_on_the_sandbox_page_updates_the_mirror_through_the_webhook(
    sandbox: str, store: Store
) -> None:
    # given: the demo shop connected and synced
    now = timezone.now().replace(microsecond=0)
    seed = _seed(now)
    connection_connect(store=store, shop_domain=SHOP, access_token=seed.access_token)
    order = Order.objects.filter(store=store, display_fulfillment_status="UNFULFILLED").first()
    assert order is not None
    before = order.shop_updated_at

    # when: fulfilled on the sandbox's admin page (which sends signed webhooks to the app)
    response = Client().post(
        f"/shopify-sandbox/{SHOP}/admin/orders/",
        {"action": "fulfill", "order": str(order.shopify_id)},
    )

    # then
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.display_fulfillment_status == "FULFILLED"
    assert order.shop_updated_at > before
    assert order.fulfillments.count() == 1
    assert all(li.unfulfilled_quantity == 0 for li in order.line_items.all())
    topics = set(WebhookDelivery.objects.filter(store=store).values_list("topic", "status"))
    assert ("orders/fulfilled", "processed") in topics


def test_an_incremental_sync_after_the_full_one_fetches_only_recent_changes(
    sandbox: str, store: Store
) -> None:
    # given
    now = timezone.now().replace(microsecond=0) - dt.timedelta(days=1)
    seed = _seed(now)
    connection_connect(store=store, shop_domain=SHOP, access_token=seed.access_token)

    # when
    result = store_sync(store=store)

    # then: only orders updated in the 5 minutes before the last run started come again
    assert result.mode == "incremental"
    assert result.orders < seed.orders
    assert Order.objects.filter(store=store).count() == seed.orders
