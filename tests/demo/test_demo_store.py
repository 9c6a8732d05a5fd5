"""``manage.py demo_store`` and the loader behind it, against the database."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from pytest_django.fixtures import Settings

from agent.demo import demo_store_load
from agent.models import ChannelConfig, HandoffSettings
from core import demo
from core.demo import DemoCase
from core.models import Membership, Store
from integrations.customer_hub.models import CustomerHubSettings
from integrations.returns.models import ReturnsProviderConnection
from integrations.shopify.models import (
    Customer,
    Fulfillment,
    FulfillmentLineItem,
    LineItem,
    Order,
    ShopifyConnection,
    SyncStatus,
)
from integrations.shopify.sandbox.models import SandboxOrder, SandboxShop
from integrations.shopify.sandbox.seed import sandbox_seed_token, sandbox_shop_seed
from knowledge.models import Article
from skills.models import SkillConfig
from skills.registry import SKILL_IDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def synced(live_server: Any, settings: Settings) -> None:
    """The demo's orders reach the mirror the way they do in ``make run``: loading connects
    the store to the sandbox shop and queues the Shopify set-up on commit, which (Celery is
    eager in tests) registers webhooks and runs the full sync through the real client against
    the sandbox served by the live server. The sandbox's query budget is lifted so these
    tests do not wait for it (tests/shopify covers the throttling)."""
    settings.SHOPIFY_ADMIN_URL_TEMPLATE = live_server.url + "/shopify-sandbox/{shop}"
    settings.APP_BASE_URL = live_server.url
    sandbox_shop_seed(shop_domain=demo.STORE.shop_domain, now=NOW)
    SandboxShop.objects.filter(domain=demo.STORE.shop_domain).update(
        throttle_maximum=1_000_000, throttle_restore_rate=1_000_000
    )


synced_db = pytest.mark.django_db(transaction=True)

NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
MODELS = (
    Store,
    User,
    Membership,
    Customer,
    Order,
    LineItem,
    Fulfillment,
    FulfillmentLineItem,
    Article,
    SkillConfig,
    ChannelConfig,
    HandoffSettings,
    CustomerHubSettings,
    ReturnsProviderConnection,
    ShopifyConnection,
)


def _counts() -> dict[str, int]:
    return {m.__name__: m._default_manager.count() for m in MODELS}


def _run(*args: str) -> str:
    out = StringIO()
    call_command("demo_store", *args, stdout=out)
    return out.getvalue()


# --- the command -------------------------------------------------------------------------------


def test_command_prints_the_dashboard_url_and_an_owner_login_that_works() -> None:
    # when
    output = _run()

    # then
    assert "http://127.0.0.1:8000/" in output
    username = re.search(r"username: (\S+)", output)
    password = re.search(r"password: (\S+)", output)
    assert username is not None and password is not None
    assert username.group(1) == "owner@demo.shop"
    assert Client().login(username=username.group(1), password=password.group(1)) is True
    for role in ("admin", "manager", "analyst", "support"):
        assert f"{role}@demo.shop" in output


@synced_db
def test_command_run_twice_gives_the_same_rows(synced: None) -> None:
    # given
    _run()
    counts = _counts()
    order_pks = dict(Order.objects.values_list("shopify_id", "pk"))
    line_pks = dict(LineItem.objects.values_list("shopify_id", "pk"))

    # when
    _run()

    # then
    assert _counts() == counts
    assert dict(Order.objects.values_list("shopify_id", "pk")) == order_pks
    assert dict(LineItem.objects.values_list("shopify_id", "pk")) == line_pks
    assert counts["Order"] == len(demo.demo_orders(now=NOW))
    assert counts["Customer"] == len(demo.CUSTOMERS)
    assert SandboxOrder.objects.count() == len(demo.demo_orders(now=NOW))
    assert counts["Store"] == 2
    assert counts["User"] == 5


def test_command_refuses_production_settings_without_the_flag(settings: Settings) -> None:
    # given
    settings.SHOPIFY_SANDBOX = False

    # when
    with pytest.raises(CommandError) as excinfo:
        _run()

    # then
    assert "SHOPIFY_SANDBOX" in str(excinfo.value)
    assert "--allow-production" in str(excinfo.value)
    assert Store.objects.count() == 0
    assert User.objects.count() == 0


def test_command_runs_on_production_settings_with_allow_production(
    settings: Settings,
) -> None:
    # given
    settings.SHOPIFY_SANDBOX = False

    # when
    output = _run("--allow-production")

    # then
    assert "owner@demo.shop" in output
    assert Store.objects.filter(slug="demo").count() == 1


# --- what the loader writes --------------------------------------------------------------------


@synced_db
def test_second_load_moves_order_times_along_with_now(synced: None) -> None:
    # given
    demo_store_load(now=NOW)
    later = NOW + dt.timedelta(hours=5)

    # when
    demo_store_load(now=later)

    # then
    for order in demo.demo_orders(now=later):
        row = Order.objects.get(shopify_id=order.shopify_id)
        assert row.shop_created_at == order.created_at
        assert row.shop_updated_at == order.updated_at
    newest = Order.objects.order_by("-number").first()
    assert newest is not None
    assert later - newest.shop_created_at == dt.timedelta(minutes=5)
    connection = ShopifyConnection.objects.get()
    assert (connection.status, connection.sync_status, connection.last_error) == (
        "connected",
        SyncStatus.IDLE,
        "",
    )
    assert connection.synced_until is not None


def test_demo_store_identity_and_settings() -> None:
    # when
    result = demo_store_load(now=NOW)

    # then
    store = Store.objects.get(slug="demo")
    assert result.store == store
    assert (store.name, store.shop_domain, store.default_language, store.timezone) == (
        "Noord & Co",
        "noord-demo.myshopify.com",
        "nl",
        "Europe/Amsterdam",
    )
    assert store.agent_enabled is True
    hub = CustomerHubSettings.objects.get(store=store)
    assert (hub.active, hub.mode, hub.edit_window_minutes, hub.cancel_window_minutes) == (
        True,
        "builtin",
        60,
        60,
    )
    provider = ReturnsProviderConnection.objects.get(store=store)
    assert (provider.provider, provider.status) == ("builtin", "connected")
    connection = ShopifyConnection.objects.get(store=store)
    assert (connection.shop_domain, connection.status, connection.api_version) == (
        "noord-demo.myshopify.com",
        "connected",
        "2026-10",
    )
    assert connection.access_token == sandbox_seed_token(shop_domain=demo.STORE.shop_domain)
    assert connection.sync_status == SyncStatus.QUEUED
    assert SandboxOrder.objects.count() == len(demo.demo_orders(now=NOW))
    assert Order.objects.count() == 0  # the mirror fills through the sync, not the loader
    handoff = HandoffSettings.objects.get(store=store)
    assert "Noord & Co" in handoff.message_en and "Noord & Co" in handoff.message_nl
    channels = {c.kind: c for c in ChannelConfig.objects.filter(store=store)}
    assert {k: c.enabled for k, c in channels.items()} == {
        "webchat": True,
        "sms": False,
        "whatsapp": False,
        "email": False,
    }
    assert channels["webchat"].settings["allowed_origins"] == [
        "http://127.0.0.1:8000",
        "http://localhost:8000",
    ]
    skills = SkillConfig.objects.filter(store=store)
    assert {s.skill_id for s in skills} == SKILL_IDS
    assert all(s.enabled for s in skills)


def test_each_role_has_a_demo_user_and_the_owner_has_a_second_store() -> None:
    # when
    demo_store_load(now=NOW)

    # then
    roles = dict(
        Membership.objects.filter(store__slug="demo").values_list("user__username", "role")
    )
    assert roles == {
        "owner@demo.shop": "owner",
        "admin@demo.shop": "admin",
        "manager@demo.shop": "manager",
        "analyst@demo.shop": "analyst",
        "support@demo.shop": "support",
    }
    owner_stores = set(
        Membership.objects.filter(user__username="owner@demo.shop").values_list(
            "store__slug", "role"
        )
    )
    assert owner_stores == {("demo", "owner"), ("demo-home", "owner")}
    home = Store.objects.get(slug="demo-home")
    assert Article.objects.filter(store=home).count() == 2
    assert Order.objects.filter(store=home).count() == 0


def test_articles_are_published_in_both_languages_and_state_the_policy() -> None:
    # when
    demo_store_load(now=NOW)

    # then
    articles = Article.objects.filter(store__slug="demo", status=Article.Status.PUBLISHED)
    by_language = {
        lang: "\n".join(articles.filter(language=lang).values_list("body", flat=True))
        for lang in ("en", "nl")
    }
    assert articles.filter(language="en").count() >= 5
    assert articles.filter(language="nl").count() >= 5
    assert all(a.source == Article.Source.MANUAL for a in articles)
    en, nl = by_language["en"], by_language["nl"]
    for fact in (
        "1 hour (60 minutes)",
        "30 days from the delivery date",
        "Final sale",
        "Personalised items",
        "EUR 5",
        "within 5 business days",
        "Hygiene items",
    ):
        assert fact in en
    for fact in (
        "1 uur (60 minuten)",
        "30 dagen vanaf de bezorgdatum",
        "Final sale",
        "Gepersonaliseerde artikelen",
        "EUR 5",
        "binnen 5 werkdagen",
        "Hygiëne-artikelen",
    ):
        assert fact in nl


@synced_db
def test_every_row_belongs_to_the_demo_store_and_other_stores_are_untouched(
    synced: None, other_store: Store
) -> None:
    # given: another store whose mirror rows reuse the demo's Shopify ids
    first = demo.demo_orders(now=NOW)[0]
    foreign_customer = Customer.objects.create(
        store=other_store, shopify_id=demo.CUSTOMERS[0].shopify_id, email="x@example.com"
    )
    foreign_order = Order.objects.create(
        store=other_store,
        customer=foreign_customer,
        shopify_id=first.shopify_id,
        name=first.name,
        number=first.number,
        shop_created_at=NOW,
        shop_updated_at=NOW,
        display_fulfillment_status="FULFILLED",
        display_financial_status="PAID",
        currency="USD",
        subtotal_price=1,
        total_price=1,
    )

    # when
    demo_store_load(now=NOW)
    demo_store_load(now=NOW + dt.timedelta(minutes=1))

    # then
    store = Store.objects.get(slug="demo")
    assert list(Customer.objects.exclude(store=store)) == [foreign_customer]
    assert list(Order.objects.exclude(store=store)) == [foreign_order]
    assert Order.objects.get(pk=foreign_order.pk).currency == "USD"
    for model in (LineItem, Fulfillment, SkillConfig, ChannelConfig, ShopifyConnection):
        assert model._default_manager.exclude(store=store).count() == 0
    assert Order.objects.filter(store=store).exclude(customer__store=store).count() == 0
    assert LineItem.objects.filter(store=store).exclude(order__store=store).count() == 0
    assert Fulfillment.objects.filter(store=store).exclude(order__store=store).count() == 0
    for fli in FulfillmentLineItem.objects.select_related("fulfillment", "line_item"):
        assert fli.fulfillment.order_id == fli.line_item.order_id
        assert fli.fulfillment.store_id == store.pk
    assert Article.objects.filter(store=other_store).count() == 0
    assert Membership.objects.filter(store=other_store).count() == 0


def test_edits_survive_a_reload_and_reset_restores_them() -> None:
    # given
    demo_store_load(now=NOW)
    store = Store.objects.get(slug="demo")
    CustomerHubSettings.objects.filter(store=store).update(edit_window_minutes=15)
    SkillConfig.objects.filter(store=store, skill_id="returns").update(enabled=False)
    owner = User.objects.get(username="owner@demo.shop")
    owner.set_password("changed-by-the-owner")
    owner.save()

    # when
    demo_store_load(now=NOW)

    # then
    assert CustomerHubSettings.objects.get(store=store).edit_window_minutes == 15
    assert SkillConfig.objects.get(store=store, skill_id="returns").enabled is False
    assert Client().login(username="owner@demo.shop", password="changed-by-the-owner")

    # when
    demo_store_load(now=NOW, reset=True)

    # then
    assert CustomerHubSettings.objects.get(store=store).edit_window_minutes == 60
    assert SkillConfig.objects.get(store=store, skill_id="returns").enabled is True
    assert Client().login(username="owner@demo.shop", password=demo.OWNER.password)


def test_reset_restores_an_edited_article_as_a_new_version() -> None:
    # given
    demo_store_load(now=NOW)
    article = Article.objects.get(store__slug="demo", source_ref="demo:returns.en")
    Article.objects.filter(pk=article.pk).update(body="# Returns\n\nNo returns.")

    # when
    demo_store_load(now=NOW)
    kept = Article.objects.get(pk=article.pk)
    demo_store_load(now=NOW, reset=True)
    restored = Article.objects.get(pk=article.pk)

    # then
    assert kept.body == "# Returns\n\nNo returns."
    assert restored.body.startswith("# Returns and exchanges")
    assert restored.version == article.version + 1


# --- every demo case really holds --------------------------------------------------------------


def _shipped(order: Order) -> dict[int, int]:
    shipped: dict[int, int] = {}
    for f in order.fulfillments.all():
        for fli in f.fulfillment_line_items.all():
            shipped[fli.line_item_id] = shipped.get(fli.line_item_id, 0) + fli.quantity
    return shipped


def _tagged(tag: str) -> Callable[[Order, dt.datetime], bool]:
    return lambda o, now: any(tag in li.product_tags for li in o.line_items.all())


def _delivered_days(o: Order, now: dt.datetime) -> list[float]:
    return [
        (now - f.delivered_at) / dt.timedelta(days=1)
        for f in o.fulfillments.all()
        if f.display_status == "DELIVERED" and f.delivered_at is not None
    ]


def _unfulfilled_age(o: Order, now: dt.datetime) -> dt.timedelta | None:
    open_items = all(li.unfulfilled_quantity == li.quantity > 0 for li in o.line_items.all())
    if o.display_fulfillment_status != "UNFULFILLED" or o.cancelled_at or not open_items:
        return None
    return now - o.shop_created_at


def _all_in(o: Order, display_status: str) -> bool:
    fulfillments = list(o.fulfillments.all())
    return (
        o.display_fulfillment_status == "FULFILLED"
        and bool(fulfillments)
        and all(f.display_status == display_status and f.delivered_at is None for f in fulfillments)
        and all(li.unfulfilled_quantity == 0 for li in o.line_items.all())
    )


def _partially_fulfilled(o: Order, now: dt.datetime) -> bool:
    shipped = _shipped(o)
    lines = list(o.line_items.all())
    return (
        o.display_fulfillment_status == "PARTIALLY_FULFILLED"
        and any(li.unfulfilled_quantity > 0 for li in lines)
        and any(shipped.get(li.pk, 0) > 0 for li in lines)
        and all(li.unfulfilled_quantity == li.quantity - shipped.get(li.pk, 0) for li in lines)
    )


def _repeat_customer(o: Order, now: dt.datetime) -> bool:
    recent = Order.objects.filter(
        store=o.store_id, customer=o.customer_id, shop_created_at__gte=now - dt.timedelta(days=30)
    )
    return o.customer_id is not None and recent.count() >= 3


WINDOW = dt.timedelta(minutes=60)
HOLDS: dict[DemoCase, Callable[[Order, dt.datetime], bool]] = {
    DemoCase.UNFULFILLED_IN_EDIT_WINDOW: lambda o, now: (
        (age := _unfulfilled_age(o, now)) is not None and age < WINDOW
    ),
    DemoCase.UNFULFILLED_OUTSIDE_EDIT_WINDOW: lambda o, now: (
        (age := _unfulfilled_age(o, now)) is not None and age > WINDOW
    ),
    DemoCase.PARTIALLY_FULFILLED: _partially_fulfilled,
    DemoCase.IN_TRANSIT: lambda o, now: _all_in(o, "IN_TRANSIT"),
    DemoCase.OUT_FOR_DELIVERY: lambda o, now: _all_in(o, "OUT_FOR_DELIVERY"),
    DemoCase.DELIVERED_IN_RETURN_WINDOW: lambda o, now: (
        bool(days := _delivered_days(o, now)) and all(d < 30 for d in days)
    ),
    DemoCase.DELIVERED_OUTSIDE_RETURN_WINDOW: lambda o, now: (
        bool(days := _delivered_days(o, now)) and all(d > 30 for d in days)
    ),
    DemoCase.CANCELLED: lambda o, now: (
        o.cancelled_at is not None
        and o.shop_created_at < o.cancelled_at <= now
        and o.cancel_reason == "CUSTOMER"
        and all(li.current_quantity == 0 for li in o.line_items.all())
    ),
    DemoCase.FINAL_SALE_ITEM: _tagged("final-sale"),
    DemoCase.SALE_ITEM: lambda o, now: any(
        "sale" in li.product_tags and "final-sale" not in li.product_tags
        for li in o.line_items.all()
    ),
    DemoCase.PERSONALISED_ITEM: _tagged("personalised"),
    DemoCase.HYGIENE_ITEM: _tagged("hygiene"),
    DemoCase.PRE_ORDER_ITEM: _tagged("pre-order"),
    DemoCase.MULTI_ITEM: lambda o, now: o.line_items.count() >= 2,
    DemoCase.REPEAT_CUSTOMER: _repeat_customer,
    DemoCase.RETURN_REQUESTED: lambda o, now: (
        o.return_status == "RETURN_REQUESTED" and bool(_delivered_days(o, now))
    ),
    DemoCase.RETURN_IN_PROGRESS: lambda o, now: (
        o.return_status == "IN_PROGRESS" and bool(_delivered_days(o, now))
    ),
    # The mirror's total_price is Shopify's currentTotalPriceSet: what remains after refunds.
    DemoCase.REFUNDED: lambda o, now: (
        o.display_financial_status == "REFUNDED" and o.total_refunded > 0 and o.total_price == 0
    ),
    DemoCase.PARTIALLY_REFUNDED: lambda o, now: (
        o.display_financial_status == "PARTIALLY_REFUNDED"
        and o.total_refunded > 0
        and o.total_price > 0
    ),
}


def test_every_case_has_a_check() -> None:
    assert set(HOLDS) == set(DemoCase)


@synced_db
def test_each_case_is_labelled_on_exactly_the_orders_where_it_holds_in_the_mirror(
    synced: None,
) -> None:
    # given: one load, whose sync fills the mirror from the sandbox (a load per case is slow)
    demo_store_load(now=NOW)
    labelled = {
        case: {o.shopify_id for o in demo.demo_orders(now=NOW) if case in o.cases}
        for case in DemoCase
    }

    # when
    orders = list(
        Order.objects.filter(store__slug="demo").prefetch_related(
            "line_items", "fulfillments__fulfillment_line_items"
        )
    )
    holding = {case: {o.shopify_id for o in orders if HOLDS[case](o, NOW)} for case in DemoCase}

    # then
    assert len(orders) == len(demo.demo_orders(now=NOW))
    assert all(labelled[case] for case in DemoCase)
    assert holding == labelled


@synced_db
def test_refund_and_return_statuses_use_shopify_values(synced: None) -> None:
    # when
    demo_store_load(now=NOW)

    # then
    orders = Order.objects.filter(store__slug="demo")
    assert set(orders.values_list("display_fulfillment_status", flat=True)) == {
        "UNFULFILLED",
        "PARTIALLY_FULFILLED",
        "FULFILLED",
    }
    assert set(orders.values_list("display_financial_status", flat=True)) == {
        "PAID",
        "REFUNDED",
        "PARTIALLY_REFUNDED",
    }
    assert set(orders.values_list("return_status", flat=True)) == {
        "NO_RETURN",
        "RETURN_REQUESTED",
        "IN_PROGRESS",
        "RETURNED",
    }
    assert set(Fulfillment.objects.values_list("status", flat=True)) == {"SUCCESS"}
    assert set(orders.values_list("currency", flat=True)) == {"EUR"}


def test_reload_is_fast() -> None:
    # given
    demo_store_load(now=NOW)
    started = time.perf_counter()

    # when
    demo_store_load(now=NOW + dt.timedelta(minutes=1))

    # then: it runs on every `make run` (about 0.05 s here); a generous bound for slow CI
    assert time.perf_counter() - started < 3
