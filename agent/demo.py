"""Loads the demo shop (``core.demo``): stores, logins, settings and articles into the
database, and the customers and orders into the Shopify sandbox store, to which the demo
store is connected. The app's order mirror is filled the way a real shop's is: by the
Shopify sync (queued on commit), through the real GraphQL client.

Idempotent. Running it again gives the same rows (keyed by slug, username, store + kind and
source reference) and re-seeds the sandbox shop with every order's times moved along with
``now``, so after the next sync each demo case (e.g. "unfulfilled, inside the edit window")
holds again.

What a re-run keeps: settings, articles, passwords and other rows a person may have edited in
the dashboard are only created when missing, unless ``reset=True`` puts them back to the demo
values. What a re-run always rewrites: the sandbox shop and the Shopify connection, because
they stand for the shop's state, not for anything a merchant edits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.conf import settings
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
from integrations.shopify.connection import connection_connect
from integrations.shopify.sandbox.seed import SandboxShopSeed, sandbox_shop_seed
from knowledge.embeddings import store_embeddings_refresh
from knowledge.indexing import store_reindex
from knowledge.models import Article
from knowledge.services import article_publish, article_source_upsert
from skills.models import SkillConfig
from skills.registry import SKILLS

ARTICLE_SOURCE_PREFIX = "demo:"

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class DemoResult:
    store: Store
    home_store: Store
    users: tuple[demo.DemoUser, ...]
    #: The sandbox shop the demo store is connected to (None with production settings), and
    #: what it was seeded with; the app's mirror receives these through the Shopify sync.
    shop_domain: str | None
    customers: int
    orders: int
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
    seed = _shopify_connect(store=store, now=now)
    articles = _articles_upsert(store=store, articles=demo.STORE.articles, reset=reset)
    _articles_upsert(store=home_store, articles=demo.HOME_STORE.articles, reset=reset)
    # Index now, so the demo's content is searchable the moment the loader returns (the
    # re-index tasks the publishing queued after commit find nothing left to change).
    store_reindex(store=store)
    store_reindex(store=home_store)
    store_embeddings_refresh(store=store)
    store_embeddings_refresh(store=home_store)
    return DemoResult(
        store=store,
        home_store=home_store,
        users=demo.USERS,
        shop_domain=demo.STORE.shop_domain if seed else None,
        customers=seed.customers if seed else 0,
        orders=seed.orders if seed else 0,
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


def _shopify_connect(*, store: Store, now: datetime) -> SandboxShopSeed | None:
    """Seed the sandbox shop with the demo's customers and orders (times anchored at ``now``)
    and connect the demo store to it. Without verification: during ``make run`` the web
    server that serves the sandbox is not up yet. The connection queues its set-up (webhooks,
    then a full sync) on commit; the worker runs it once the web server answers, and the
    orders arrive in the mirror through the real client. Production settings have no
    sandbox, so there the demo store stays unconnected."""
    if not settings.SHOPIFY_SANDBOX:
        return None
    seed = sandbox_shop_seed(shop_domain=demo.STORE.shop_domain, now=now)
    connection_connect(
        store=store,
        shop_domain=demo.STORE.shop_domain,
        access_token=seed.access_token,
        scopes=demo_shop.SHOPIFY_SCOPES,
        verify=False,
    )
    return seed


# --- articles ----------------------------------------------------------------------------------


def _articles_upsert(*, store: Store, articles: Iterable[demo.DemoArticle], reset: bool) -> int:
    """Published, hand-written articles keyed by ``source_ref`` ("demo:<key>.<language>"),
    written through the knowledge services, so each has its version history and a published
    version (what the agent uses and answers cite).

    A missing article is created and published; with ``reset`` an edited one gets the demo
    text back as a new, published version. Without ``reset`` a merchant's edits are kept; an
    article published before versions existed gets its published version. Returns how many
    demo articles the store has.
    """
    wanted = {f"{ARTICLE_SOURCE_PREFIX}{a.key}.{a.language}": a for a in articles}
    existing = {a.source_ref: a for a in Article.objects.filter(store=store, source_ref__in=wanted)}
    for ref, info in wanted.items():
        article = existing.get(ref)
        if article is None or reset:
            article_source_upsert(
                store=store,
                source=Article.Source.MANUAL,
                source_ref=ref,
                title=info.title,
                markdown=info.body,
                language=info.language,
                language_known=True,
                publish=True,
            )
        elif article.status == Article.Status.PUBLISHED and article.published_version is None:
            article_publish(store=store, article_id=article.pk)
    return len(wanted)
