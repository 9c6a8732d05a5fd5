"""Loads the demo shop (``core.demo``) into the database: stores, logins, settings, articles
and the Shopify mirror.

Idempotent. Running it again gives the same rows (keyed by slug, username, store + kind,
source reference and Shopify ids) and moves every order's times along with ``now``, so each
demo case (e.g. "unfulfilled, inside the edit window") holds again right after loading.

What a re-run keeps: settings, articles, passwords and other rows a person may have edited in
the dashboard are only created when missing, unless ``reset=True`` puts them back to the demo
values. What a re-run always rewrites: the Shopify connection and the order mirror, because
they stand for the sandbox shop's state, not for anything a merchant edits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import models, transaction

from agent.models import ChannelConfig, HandoffSettings
from core import demo
from core.demo import store as demo_shop
from core.models import Store
from core.roles import Role
from core.services import membership_set
from integrations.customer_hub.models import CustomerHubSettings
from integrations.returns.models import ReturnsProviderConnection
from integrations.shopify.models import (
    Customer,
    Fulfillment,
    FulfillmentLineItem,
    LineItem,
    Order,
    ShopifyConnection,
)
from knowledge.models import Article
from skills.models import SkillConfig
from skills.registry import SKILLS

ARTICLE_SOURCE_PREFIX = "demo:"

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class DemoResult:
    store: Store
    home_store: Store
    users: tuple[demo.DemoUser, ...]
    customers: int
    orders: int
    line_items: int
    fulfillments: int
    articles: int


@transaction.atomic
def demo_store_load(*, now: datetime, reset: bool = False) -> DemoResult:
    """Create or refresh the demo stores; ``now`` (timezone-aware) anchors every order time.

    ``reset`` also restores edited settings, articles and the demo users' passwords.
    """
    users = _users_upsert(reset=reset)
    store = _store_upsert(info=demo.STORE, reset=reset)
    home_store = _store_upsert(info=demo.HOME_STORE, reset=reset)
    for user in demo.USERS:
        membership_set(store=store, user=users[user.username], role=Role(user.role))
    membership_set(store=home_store, user=users[demo.OWNER.username], role=Role.OWNER)

    _settings_upsert(store=store, now=now, reset=reset)
    _shopify_connection_upsert(store=store, now=now)
    articles = _articles_upsert(store=store, articles=demo.STORE.articles, now=now, reset=reset)
    _articles_upsert(store=home_store, articles=demo.HOME_STORE.articles, now=now, reset=reset)
    counts = _mirror_load(store=store, orders=demo.demo_orders(now=now))
    return DemoResult(
        store=store,
        home_store=home_store,
        users=demo.USERS,
        customers=counts["customers"],
        orders=counts["orders"],
        line_items=counts["line_items"],
        fulfillments=counts["fulfillments"],
        articles=articles,
    )


# --- logins and stores -------------------------------------------------------------------------


def _users_upsert(*, reset: bool) -> dict[str, User]:
    """The demo users by username. A password is set only on a new user (or on every demo user
    with ``reset``): hashing is slow, and a changed hash would sign people out on each restart.
    """
    existing = {
        u.username: u for u in User.objects.filter(username__in=[u.username for u in demo.USERS])
    }
    to_save = [info for info in demo.USERS if reset or info.username not in existing]
    password_hash = make_password(demo.OWNER.password) if to_save else ""
    for info in to_save:
        user = existing.get(info.username) or User(username=info.username)
        user.email = info.email
        user.first_name = info.first_name
        user.last_name = info.last_name
        user.password = password_hash
        user.is_active = True
        user.save()
        existing[info.username] = user
    return existing


def _store_upsert(*, info: demo.DemoStoreInfo, reset: bool) -> Store:
    values = {
        "name": info.name,
        "shop_domain": info.shop_domain,
        "default_language": info.default_language,
        "timezone": info.timezone,
        "agent_enabled": True,
    }
    return _config_set(Store, reset=reset, defaults=values, slug=info.slug)


def _config_set(model: type[M], *, reset: bool, defaults: dict[str, Any], **lookup: Any) -> M:
    """Create the row when missing; overwrite it with ``defaults`` only when ``reset``."""
    manager = model._default_manager
    if reset:
        row, _ = manager.update_or_create(defaults=defaults, **lookup)
    else:
        row, _ = manager.get_or_create(defaults=defaults, **lookup)
    return row


# --- settings ----------------------------------------------------------------------------------


def _settings_upsert(*, store: Store, now: datetime, reset: bool) -> None:
    _config_set(
        CustomerHubSettings,
        reset=reset,
        store=store,
        defaults={
            "active": True,
            "mode": CustomerHubSettings.Mode.BUILTIN,
            "external_url": "",
            "edit_window_minutes": demo.EDIT_WINDOW_MINUTES,
            "cancel_window_minutes": demo.CANCEL_WINDOW_MINUTES,
            "allow_variant_change": True,
            "allow_quantity_change": True,
            "allow_address_change": True,
            "allow_cancel": True,
        },
    )
    _config_set(
        ReturnsProviderConnection,
        reset=reset,
        store=store,
        defaults={
            "provider": ReturnsProviderConnection.Provider.BUILTIN,
            "status": ReturnsProviderConnection.Status.CONNECTED,
            "connected_at": now,
            "last_error": "",
        },
    )
    _config_set(
        HandoffSettings,
        reset=reset,
        store=store,
        defaults={
            "message_en": demo_shop.HANDOFF_MESSAGE_EN,
            "message_nl": demo_shop.HANDOFF_MESSAGE_NL,
            "out_of_hours_message_en": demo_shop.OUT_OF_HOURS_MESSAGE_EN,
            "out_of_hours_message_nl": demo_shop.OUT_OF_HOURS_MESSAGE_NL,
        },
    )
    for kind, (enabled, channel_settings) in demo_shop.CHANNELS.items():
        defaults: dict[str, Any] = {"enabled": enabled, "settings": channel_settings}
        if kind == "webchat":
            defaults["public_key"] = demo_shop.WEBCHAT_PUBLIC_KEY
        _config_set(ChannelConfig, reset=reset, store=store, kind=kind, defaults=defaults)
    for skill in SKILLS:
        _config_set(
            SkillConfig,
            reset=reset,
            store=store,
            skill_id=skill.id,
            defaults={"enabled": True, "settings": {}},
        )


def _shopify_connection_upsert(*, store: Store, now: datetime) -> None:
    """The sandbox connection, marked as synced at ``now``.

    The loader writes the mirror rows itself, from the same data module. Once the Shopify
    sandbox exists (issue 3), its sync fills the mirror through the real GraphQL client; this
    connection is what that sync will use.
    """
    values: dict[str, Any] = {
        "shop_domain": demo.STORE.shop_domain,
        "access_token": demo_shop.SANDBOX_ACCESS_TOKEN,
        "scopes": demo_shop.SHOPIFY_SCOPES,
        "api_version": demo_shop.SHOPIFY_API_VERSION,
        "status": ShopifyConnection.Status.CONNECTED,
        "last_sync_at": now,
        "sync_cursor": "",
        "last_error": "",
    }
    ShopifyConnection.objects.update_or_create(
        store=store, defaults=values, create_defaults={**values, "connected_at": now}
    )


# --- articles ----------------------------------------------------------------------------------


def _articles_upsert(
    *, store: Store, articles: Iterable[demo.DemoArticle], now: datetime, reset: bool
) -> int:
    """Published, hand-written articles keyed by ``source_ref`` ("demo:<key>.<language>").

    A missing article is created; with ``reset`` an edited one gets the demo text back as a
    new version. Returns how many demo articles the store has.
    """
    wanted = {f"{ARTICLE_SOURCE_PREFIX}{a.key}.{a.language}": a for a in articles}
    existing = {a.source_ref: a for a in Article.objects.filter(store=store, source_ref__in=wanted)}
    for ref, info in wanted.items():
        article = existing.get(ref)
        demo_values = (info.title, info.body, info.language, Article.Status.PUBLISHED)
        if article is None:
            article = Article(store=store, source_ref=ref)
        elif reset and (article.title, article.body, article.language, article.status) != (
            demo_values
        ):
            article.version += 1
        else:
            continue
        article.title, article.body, article.language, article.status = demo_values
        article.language_overridden = True
        article.source = Article.Source.MANUAL
        article.published_at = now
        article.save()
    return len(wanted)


# --- the Shopify mirror ------------------------------------------------------------------------


def _mirror_load(*, store: Store, orders: tuple[demo.DemoOrder, ...]) -> dict[str, int]:
    """Upsert customers, orders, line items, fulfillments and what each fulfillment shipped,
    keyed by Shopify ids, and delete the store's mirror rows the demo data no longer has."""
    customer_pks = _customers_upsert(store=store, orders=orders)
    order_pks = _bulk_upsert(
        Order,
        store=store,
        rows=[_order_row(store, o, customer_pks) for o in orders],
    )
    lines = [(o, li) for o in orders for li in o.line_items]
    line_pks = _bulk_upsert(
        LineItem,
        store=store,
        rows=[_line_item_row(store, li, order_pks[o.shopify_id]) for o, li in lines],
    )
    fulfillments = [(o, f) for o in orders for f in o.fulfillments]
    fulfillment_pks = _bulk_upsert(
        Fulfillment,
        store=store,
        rows=[_fulfillment_row(store, f, order_pks[o.shopify_id]) for o, f in fulfillments],
    )
    _fulfillment_line_items_set(
        store=store,
        pairs={
            (fulfillment_pks[f.shopify_id], line_pks[line_id]): qty
            for _, f in fulfillments
            for line_id, qty in f.line_items
        },
    )
    return {
        "customers": len(customer_pks),
        "orders": len(order_pks),
        "line_items": len(line_pks),
        "fulfillments": len(fulfillment_pks),
    }


def _customers_upsert(*, store: Store, orders: tuple[demo.DemoOrder, ...]) -> dict[int, int]:
    last_order: dict[int, datetime] = {}
    for order in orders:
        if order.customer_id is not None:
            last_order[order.customer_id] = max(
                order.created_at, last_order.get(order.customer_id, order.created_at)
            )
    rows = [
        Customer(
            store=store,
            shopify_id=c.shopify_id,
            email=c.email,
            phone=c.phone,
            first_name=c.first_name,
            last_name=c.last_name,
            locale=c.locale,
            shop_updated_at=last_order.get(c.shopify_id),
        )
        for c in demo.CUSTOMERS
    ]
    return _bulk_upsert(Customer, store=store, rows=rows)


def _order_row(store: Store, order: demo.DemoOrder, customer_pks: dict[int, int]) -> Order:
    return Order(
        store=store,
        customer_id=customer_pks[order.customer_id] if order.customer_id else None,
        shopify_id=order.shopify_id,
        name=order.name,
        number=order.number,
        email=order.email,
        phone=order.phone,
        shop_created_at=order.created_at,
        processed_at=order.processed_at,
        shop_updated_at=order.updated_at,
        cancelled_at=order.cancelled_at,
        cancel_reason=order.cancel_reason,
        closed_at=order.closed_at,
        display_fulfillment_status=order.display_fulfillment_status,
        display_financial_status=order.display_financial_status,
        return_status=order.return_status,
        shipping_address=order.shipping_address,
        tags=list(order.tags),
        currency=order.currency,
        subtotal_price=order.subtotal_price,
        total_price=order.total_price,
        total_refunded=order.total_refunded,
        status_page_url=order.status_page_url,
    )


def _line_item_row(store: Store, line: demo.DemoLineItem, order_pk: int) -> LineItem:
    return LineItem(
        store=store,
        order_id=order_pk,
        shopify_id=line.shopify_id,
        title=line.title,
        variant_id=line.variant_id,
        variant_title=line.variant_title,
        variant_options=line.variant_options,
        sku=line.sku,
        product_id=line.product_id,
        product_type=line.product_type,
        product_tags=list(line.product_tags),
        quantity=line.quantity,
        current_quantity=line.current_quantity,
        unfulfilled_quantity=line.unfulfilled_quantity,
        unit_price=line.unit_price,
        requires_shipping=line.requires_shipping,
    )


def _fulfillment_row(store: Store, fulfillment: demo.DemoFulfillment, order_pk: int) -> Fulfillment:
    return Fulfillment(
        store=store,
        order_id=order_pk,
        shopify_id=fulfillment.shopify_id,
        status=fulfillment.status,
        display_status=fulfillment.display_status,
        tracking_company=fulfillment.tracking_company,
        tracking_number=fulfillment.tracking_number,
        tracking_url=fulfillment.tracking_url,
        shop_created_at=fulfillment.created_at,
        in_transit_at=fulfillment.in_transit_at,
        delivered_at=fulfillment.delivered_at,
        shop_updated_at=fulfillment.updated_at,
    )


_KEY_FIELDS = {"id", "store", "shopify_id", "created_at"}


def _bulk_upsert(model: type[M], *, store: Store, rows: list[M]) -> dict[int, int]:
    """Insert-or-update ``rows`` on (store, shopify_id) in one statement, delete the store's
    other rows of this model, and return {Shopify id: primary key}."""
    update_fields = [f.name for f in model._meta.concrete_fields if f.name not in _KEY_FIELDS]
    manager = model._default_manager
    manager.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["store", "shopify_id"],
        update_fields=update_fields,
    )
    ids = [getattr(row, "shopify_id") for row in rows]  # noqa: B009 - M is any mirror model
    manager.filter(store=store).exclude(shopify_id__in=ids).delete()
    return dict(manager.filter(store=store).values_list("shopify_id", "pk"))


def _fulfillment_line_items_set(*, store: Store, pairs: dict[tuple[int, int], int]) -> None:
    """Make the store's fulfillment line items exactly ``{(fulfillment pk, line pk): qty}``."""
    FulfillmentLineItem.objects.bulk_create(
        [
            FulfillmentLineItem(fulfillment_id=f_pk, line_item_id=l_pk, quantity=qty)
            for (f_pk, l_pk), qty in pairs.items()
        ],
        update_conflicts=True,
        unique_fields=["fulfillment", "line_item"],
        update_fields=["quantity"],
    )
    stale = [
        pk
        for pk, f_pk, l_pk in FulfillmentLineItem.objects.filter(
            fulfillment__store=store
        ).values_list("pk", "fulfillment_id", "line_item_id")
        if (f_pk, l_pk) not in pairs
    ]
    FulfillmentLineItem.objects.filter(fulfillment__store=store, pk__in=stale).delete()
