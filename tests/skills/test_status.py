"""The skill status selector: Live / Unavailable / Turned off from the store's real state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.fixtures import Settings

from agent.selectors import channel_config_list
from core import demo
from core.errors import NotFound
from core.models import Store
from integrations.customer_hub.models import CustomerHubSettings
from integrations.customer_hub.services import hub_settings_update
from integrations.returns.models import ReturnsProviderConnection
from integrations.shopify.models import ShopifyConnection, SyncStatus
from integrations.shopify.sandbox.models import SandboxShop
from integrations.shopify.sandbox.seed import sandbox_shop_seed
from knowledge.indexing import article_reindex
from knowledge.models import Article
from knowledge.services import article_unpublish
from skills.reads import reads_shared
from skills.registry import SKILLS
from skills.status import (
    LABELS,
    SKILL_PREREQUISITES,
    ActiveChannelsReader,
    PrerequisiteCode,
    SkillState,
    SkillStatus,
    active_channels_reader_get,
    active_channels_reader_register,
    skill_status_get,
    skill_status_list,
)
from tests.factories.agent import ChannelConfigFactory
from tests.factories.core import StoreFactory
from tests.factories.integrations import (
    CustomerHubSettingsFactory,
    ReturnsProviderConnectionFactory,
    ShopifyConnectionFactory,
)
from tests.factories.knowledge import ArticleFactory
from tests.factories.skills import SkillConfigFactory
from tests.knowledge.search_content import article_publish_indexed, demo_content_load

pytestmark = pytest.mark.django_db

Code = PrerequisiteCode
ORDER_CHANGES, RETURNS, REFUNDS, SHIPPING, PAYMENT, CONTACT = demo.ARTICLES_EN[:6]


def _active_channels(*, store: Store) -> Collection[str]:
    """What the agent app registers in its ready()."""
    return [c.kind for c in channel_config_list(store=store) if c.enabled]


@pytest.fixture(autouse=True)
def channels_reader() -> Iterator[None]:
    previous = active_channels_reader_get()
    active_channels_reader_register(reader=_active_channels)
    yield
    active_channels_reader_register(reader=previous)


def _publish(store: Store, *articles: demo.DemoArticle) -> None:
    for article in articles:
        article_publish_indexed(
            store=store, title=article.title, body=article.body, language=article.language
        )


@pytest.fixture
def ready_store() -> Store:
    """Every prerequisite of every skill met."""
    store = StoreFactory.create()
    CustomerHubSettingsFactory.create(store=store, active=True)
    ShopifyConnectionFactory.create(store=store)
    ReturnsProviderConnectionFactory.create(store=store)
    ChannelConfigFactory.create(store=store, kind="webchat", enabled=True)
    _publish(store, ORDER_CHANGES, RETURNS)
    return store


def _states(statuses: list[SkillStatus]) -> dict[str, str]:
    return {s.id: s.state.value for s in statuses}


def _missing(status: SkillStatus) -> list[tuple[str, str]]:
    return [(p.code.value, str(p.reason)) for p in status.missing]


# --- the whole picture -------------------------------------------------------------------------


def test_every_skill_is_live_when_every_prerequisite_is_met(ready_store: Store) -> None:
    # when
    statuses = skill_status_list(store=ready_store)

    # then
    assert _states(statuses) == {s.id: "live" for s in SKILLS}
    assert all(s.live and s.usable and not s.limited_mode and not s.missing for s in statuses)
    checks = {s.id: [(p.code.value, p.met) for p in s.prerequisites] for s in statuses}
    assert checks == {
        "order_edit": [
            ("agent_enabled", True),
            ("hub_active", True),
            ("shopify_synced", True),
            ("order_policy_content", True),
        ],
        "returns": [
            ("agent_enabled", True),
            ("hub_active", True),
            ("returns_provider_connected", True),
            ("return_policy_content", True),
            ("channel_active", True),
        ],
        "order_status": [("agent_enabled", True), ("shopify_synced", True)],
        "general_qa": [("agent_enabled", True), ("published_content", True)],
        "handoff": [("agent_enabled", True)],
        "smalltalk": [("agent_enabled", True)],
    }


def test_met_prerequisites_say_what_was_found(ready_store: Store) -> None:
    status = skill_status_get(store=ready_store, skill_id="returns")
    reasons = {p.code.value: str(p.reason) for p in status.prerequisites}
    assert reasons == {
        "agent_enabled": "The agent is on.",
        "hub_active": "Customer Hub is active.",
        "returns_provider_connected": "Loop Returns is connected.",
        "return_policy_content": (
            "Found in “Returns and exchanges › Items that cannot be returned”."
        ),
        "channel_active": "At least one channel is active.",
    }


def test_a_new_store_says_what_is_missing_for_each_skill() -> None:
    # given a store with nothing set up
    store = StoreFactory.create()

    # when
    statuses = {s.id: s for s in skill_status_list(store=store)}

    # then
    assert _states(list(statuses.values())) == {
        "order_edit": "unavailable",
        "returns": "unavailable",
        "order_status": "unavailable",
        "general_qa": "unavailable",
        "handoff": "live",
        "smalltalk": "live",
    }
    assert _missing(statuses["order_edit"]) == [
        ("hub_active", "Customer Hub is not active."),
        ("shopify_synced", "Shopify is not connected."),
        ("order_policy_content", "No content about changing or cancelling orders found."),
    ]
    assert _missing(statuses["returns"]) == [
        ("hub_active", "Customer Hub is not active."),
        ("returns_provider_connected", "No returns provider is connected."),
        ("return_policy_content", "No return-policy content found."),
        ("channel_active", "No channel is active."),
    ]
    assert _missing(statuses["order_status"]) == [
        ("shopify_synced", "Shopify is not connected."),
    ]
    assert _missing(statuses["general_qa"]) == [
        ("published_content", "No published content found.")
    ]
    assert statuses["returns"].limited_mode is False
    assert statuses["returns"].usable is False


def test_each_missing_prerequisite_links_to_where_it_is_fixed() -> None:
    store = StoreFactory.create(slug="noord")
    fixes = {
        p.code.value: (p.fix_url_name, p.fix_url)
        for s in skill_status_list(store=store)
        for p in s.prerequisites
    }
    assert fixes == {
        "agent_enabled": (None, None),
        "hub_active": ("integrations:index", "/s/noord/integrations/#hub-section"),
        "shopify_synced": ("integrations:index", "/s/noord/integrations/#shopify-section"),
        "returns_provider_connected": (
            "integrations:index",
            "/s/noord/integrations/#returns-section",
        ),
        "order_policy_content": ("knowledge:list", "/s/noord/content/"),
        "return_policy_content": ("knowledge:list", "/s/noord/content/"),
        "published_content": ("knowledge:list", "/s/noord/content/"),
        "channel_active": ("agent:channels", "/s/noord/channels/"),
    }


def test_labels_are_the_registry_prerequisites_in_order() -> None:
    for info in SKILLS:
        labels = [str(LABELS[code]) for code in SKILL_PREREQUISITES[info.id]]
        assert labels == [str(p) for p in info.prerequisites], info.id


# --- one prerequisite at a time ----------------------------------------------------------------


def test_status_follows_the_hub_the_moment_it_changes(ready_store: Store) -> None:
    # when the merchant deactivates the Customer Hub
    hub_settings_update(store=ready_store, active=False)
    status = skill_status_get(store=ready_store, skill_id="order_edit")

    # then order editing is Unavailable with that reason
    assert status.state is SkillState.UNAVAILABLE
    assert _missing(status) == [("hub_active", "Customer Hub is not active.")]

    # when it is reactivated
    hub_settings_update(store=ready_store, active=True)

    # then it is Live again
    assert skill_status_get(store=ready_store, skill_id="order_edit").state is SkillState.LIVE


def test_returns_without_hub_or_provider_runs_in_limited_mode(ready_store: Store) -> None:
    # given the hub off and no provider, but policy content and a channel
    hub_settings_update(store=ready_store, active=False)
    ReturnsProviderConnection.objects.filter(store=ready_store).delete()

    # when
    status = skill_status_get(store=ready_store, skill_id="returns")

    # then
    assert (status.state, status.limited_mode, status.usable) == (
        SkillState.UNAVAILABLE,
        True,
        True,
    )
    assert [c for c, _ in _missing(status)] == ["hub_active", "returns_provider_connected"]


def test_returns_only_missing_its_provider_is_also_limited(ready_store: Store) -> None:
    ReturnsProviderConnection.objects.filter(store=ready_store).update(status="error")
    status = skill_status_get(store=ready_store, skill_id="returns")
    assert (status.state, status.limited_mode) == (SkillState.UNAVAILABLE, True)
    assert _missing(status) == [
        ("returns_provider_connected", "The returns provider reports an error.")
    ]


def test_limited_mode_needs_the_return_policy_and_a_channel(ready_store: Store) -> None:
    # given no hub, and also no active channel
    hub_settings_update(store=ready_store, active=False)

    # then
    status = skill_status_get(store=ready_store, skill_id="returns", active_channels=[])
    assert (status.state, status.limited_mode, status.usable) == (
        SkillState.UNAVAILABLE,
        False,
        False,
    )


def test_order_edit_has_no_limited_mode(ready_store: Store) -> None:
    hub_settings_update(store=ready_store, active=False)
    status = skill_status_get(store=ready_store, skill_id="order_edit")
    assert (status.limited_mode, status.usable) == (False, False)


def test_a_turned_off_skill_is_its_own_state_and_keeps_its_checklist(ready_store: Store) -> None:
    # given returns turned off and its hub missing
    SkillConfigFactory.create(store=ready_store, skill_id="returns", enabled=False)
    hub_settings_update(store=ready_store, active=False)

    # when
    status = skill_status_get(store=ready_store, skill_id="returns")

    # then
    assert (status.state, status.enabled, status.limited_mode, status.usable) == (
        SkillState.TURNED_OFF,
        False,
        False,
        False,
    )
    assert [c for c, _ in _missing(status)] == ["hub_active"]
    assert skill_status_get(store=ready_store, skill_id="smalltalk").state is SkillState.LIVE


def test_agent_turned_off_makes_every_skill_unavailable(ready_store: Store) -> None:
    # given
    ready_store.agent_enabled = False
    ready_store.save()

    # when
    statuses = skill_status_list(store=ready_store)

    # then
    assert _states(statuses) == {s.id: "unavailable" for s in SKILLS}
    for status in statuses:
        assert _missing(status) == [("agent_enabled", "The agent is turned off for this store.")]
        assert status.limited_mode is False


@pytest.mark.parametrize(
    ("connection", "reason"),
    [
        (None, "Shopify is not connected."),
        ({"status": "not_connected"}, "Shopify is not connected."),
        ({"status": "error"}, "The Shopify connection is broken. Reconnect the store."),
        ({"status": "uninstalled"}, "The Shopify connection is broken. Reconnect the store."),
        ({"access_token": ""}, "The Shopify connection is broken. Reconnect the store."),
        (
            {"last_sync_at": None, "sync_status": SyncStatus.RUNNING},
            "Shopify is connected, but no order sync has finished yet.",
        ),
    ],
)
def test_shopify_must_be_connected_and_synced(
    ready_store: Store, connection: dict[str, Any] | None, reason: str
) -> None:
    # given
    if connection is None:
        ShopifyConnection.objects.filter(store=ready_store).delete()
    else:
        ShopifyConnection.objects.filter(store=ready_store).update(**connection)

    # when
    status = skill_status_get(store=ready_store, skill_id="order_edit")

    # then
    assert status.state is SkillState.UNAVAILABLE
    assert _missing(status) == [("shopify_synced", reason)]


def test_an_external_hub_without_an_address_is_not_active(ready_store: Store) -> None:
    hub_settings_update(
        store=ready_store, mode="external", external_url="https://hub.example.com/{order}"
    )
    assert skill_status_get(store=ready_store, skill_id="order_edit").live
    # a row that skipped the service's validation
    CustomerHubSettings.objects.filter(store=ready_store).update(external_url="")
    status = skill_status_get(store=ready_store, skill_id="order_edit")
    assert _missing(status) == [("hub_active", "Customer Hub has no address.")]


# --- content probes ----------------------------------------------------------------------------


def _content_codes(store: Store) -> dict[str, bool]:
    statuses = {s.id: s for s in skill_status_list(store=store, active_channels=["webchat"])}
    return {
        p.code.value: p.met
        for s in statuses.values()
        for p in s.prerequisites
        if p.code in (Code.ORDER_POLICY_CONTENT, Code.RETURN_POLICY_CONTENT, Code.PUBLISHED_CONTENT)
    }


@pytest.mark.parametrize(
    ("articles", "found"),
    [
        ((ORDER_CHANGES,), (True, False)),
        ((RETURNS,), (False, True)),
        # pages that mention returns or cancelling in passing are not a policy
        ((REFUNDS, SHIPPING, PAYMENT, CONTACT), (False, False)),
        (demo.ARTICLES_EN, (True, True)),
        (demo.ARTICLES_NL, (True, True)),
    ],
    ids=["order-changes", "returns", "other-pages", "all-en", "all-nl"],
)
def test_policy_content_is_found_by_topic(
    articles: tuple[demo.DemoArticle, ...], found: tuple[bool, bool]
) -> None:
    # given
    store = StoreFactory.create()
    _publish(store, *articles)

    # then
    assert _content_codes(store) == {
        "order_policy_content": found[0],
        "return_policy_content": found[1],
        "published_content": True,
    }


def test_only_published_content_counts() -> None:
    # given the return policy as a draft, and a published shipping page
    store = StoreFactory.create()
    draft = ArticleFactory.create(
        store=store, title=RETURNS.title, body=RETURNS.body, status=Article.Status.DRAFT
    )
    article_reindex(store=store, article_id=draft.pk)
    _publish(store, SHIPPING)

    # then
    assert _content_codes(store)["return_policy_content"] is False


def test_unpublishing_the_policy_makes_returns_unavailable(ready_store: Store) -> None:
    # given
    article = Article.objects.get(store=ready_store, title=RETURNS.title)

    # when
    article_unpublish(store=ready_store, article_id=article.pk)
    article_reindex(store=ready_store, article_id=article.pk)

    # then
    status = skill_status_get(store=ready_store, skill_id="returns")
    assert _missing(status) == [("return_policy_content", "No return-policy content found.")]


def test_another_stores_content_does_not_count(ready_store: Store) -> None:
    other = StoreFactory.create()
    assert _content_codes(other) == {
        "order_policy_content": False,
        "return_policy_content": False,
        "published_content": False,
    }


# --- channels ----------------------------------------------------------------------------------


def test_channels_come_from_the_registered_reader(ready_store: Store) -> None:
    # when the only channel is switched off
    ready_store.channel_configs.update(enabled=False)

    # then
    status = skill_status_get(store=ready_store, skill_id="returns")
    assert _missing(status) == [("channel_active", "No channel is active.")]


def test_channels_given_by_the_caller_win(ready_store: Store) -> None:
    ready_store.channel_configs.update(enabled=False)
    status = skill_status_get(store=ready_store, skill_id="returns", active_channels={"sms"})
    assert status.live


def test_without_a_reader_the_channel_prerequisite_is_not_met(ready_store: Store) -> None:
    # given no reader registered (the agent app did not wire it)
    reader: ActiveChannelsReader | None = active_channels_reader_get()
    active_channels_reader_register(reader=None)
    try:
        status = skill_status_get(store=ready_store, skill_id="returns")
    finally:
        active_channels_reader_register(reader=reader)

    # then
    assert _missing(status) == [("channel_active", "The channel settings could not be read.")]


# --- cost --------------------------------------------------------------------------------------


def _queries(store: Store) -> int:
    skill_status_list(store=store)  # warm the store's search index
    with CaptureQueriesContext(connection) as captured:
        skill_status_list(store=store)
    return len(captured.captured_queries)


def test_the_list_reads_a_bounded_number_of_rows(ready_store: Store) -> None:
    # given a second store with all the demo content in both languages
    big = StoreFactory.create()
    CustomerHubSettingsFactory.create(store=big, active=True)
    ShopifyConnectionFactory.create(store=big)
    ReturnsProviderConnectionFactory.create(store=big)
    ChannelConfigFactory.create(store=big, kind="webchat", enabled=True)
    demo_content_load(store=big)

    # then both cost the same few queries, however much content: configs, hub settings,
    # Shopify readiness, returns provider, published content, channels and one index-version
    # row per probe search (2 here: the English probes find both policies) — 8; the bound
    # leaves room for one more row per search (e.g. an embeddings version)
    small_count, big_count = _queries(ready_store), _queries(big)
    assert small_count == big_count
    assert big_count <= 10


def test_a_store_without_content_runs_no_search(django_assert_num_queries: Any) -> None:
    # configs, hub settings, Shopify readiness and (not ready) its connection, returns
    # provider, published content, channels
    store = StoreFactory.create()
    with django_assert_num_queries(7):
        statuses = skill_status_list(store=store)
    assert [s.live for s in statuses if s.id in ("handoff", "smalltalk")] == [True, True]


def test_one_skill_reads_only_what_it_needs(
    ready_store: Store, django_assert_num_queries: Any
) -> None:
    # the skill's config row, nothing else: smalltalk needs only the store's agent switch
    with django_assert_num_queries(1):
        assert skill_status_get(store=ready_store, skill_id="smalltalk").live


@pytest.mark.parametrize(
    ("skill_id", "queries"),
    [
        # config, hub, provider, published content, the probes' index version, channels
        # (no Shopify: returns do not need it)
        ("returns", 6),
        # config, hub, Shopify readiness, published content, the probes' index version
        ("order_edit", 5),
        # config, Shopify readiness
        ("order_status", 2),
        # config, published content
        ("general_qa", 2),
        # config
        ("handoff", 1),
    ],
)
def test_one_skill_in_a_turn_reads_one_small_query_per_fact_it_needs(
    ready_store: Store, skill_id: str, queries: int, django_assert_num_queries: Any
) -> None:
    skill_status_get(store=ready_store, skill_id=skill_id)  # the probes' search, warmed
    with reads_shared(), django_assert_num_queries(queries):
        assert skill_status_get(store=ready_store, skill_id=skill_id).live


def test_an_unknown_skill_is_not_found(ready_store: Store) -> None:
    with pytest.raises(NotFound):
        skill_status_get(store=ready_store, skill_id="teleport")


# --- the demo store ----------------------------------------------------------------------------

NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


@pytest.mark.django_db(transaction=True)
def test_the_demo_store_has_every_skill_live_once_shopify_is_synced(
    live_server: Any, settings: Settings
) -> None:
    # given the demo loaded the way `make run` does, its orders synced through the real client
    # from the sandbox shop (Celery is eager in tests; see tests/demo/test_demo_store.py)
    from agent.demo import demo_store_load

    settings.SHOPIFY_ADMIN_URL_TEMPLATE = live_server.url + "/shopify-sandbox/{shop}"
    settings.APP_BASE_URL = live_server.url
    sandbox_shop_seed(shop_domain=demo.STORE.shop_domain, now=NOW)
    SandboxShop.objects.filter(domain=demo.STORE.shop_domain).update(
        throttle_maximum=1_000_000, throttle_restore_rate=1_000_000
    )
    store = demo_store_load(now=NOW).store

    # when
    statuses = skill_status_list(store=store)

    # then
    assert ShopifyConnection.objects.get(store=store).last_sync_at is not None
    assert {s.id: (s.state.value, _missing(s)) for s in statuses} == {
        s.id: ("live", []) for s in SKILLS
    }


def test_the_agent_app_registers_the_real_channel_reader(ready_store: Store) -> None:
    # given the reader the agent app registered at start-up (not this module's fixture)
    from agent.selectors import channel_active_kinds

    ChannelConfigFactory.create(store=ready_store, kind="sms", enabled=True)
    ChannelConfigFactory.create(store=ready_store, kind="email", enabled=False)

    # then it is agent.selectors.channel_active_kinds, reading only enabled channels
    assert apps_reader() is channel_active_kinds
    assert "sms" in channel_active_kinds(store=ready_store)
    assert "email" not in channel_active_kinds(store=ready_store)


def apps_reader() -> ActiveChannelsReader | None:
    from django.apps import apps

    apps.get_app_config("agent").ready()
    return active_channels_reader_get()


def test_the_content_probes_run_once_per_content_version(ready_store: Store) -> None:
    # given a first status check (the probes search the content)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        skill_status_list(store=ready_store)

    # when the status is checked again with the content unchanged
    with CaptureQueriesContext(connection) as second:
        statuses = skill_status_list(store=ready_store)

    # then the probes' answers are reused (fewer queries) and the status is the same
    assert len(second) < len(first)
    assert _states(statuses)["returns"] == "live"

    # and a content change makes them search again: the policy gone -> not found
    Article.objects.filter(store=ready_store).delete()
    from knowledge.indexing import store_reindex

    store_reindex(store=ready_store)
    assert _states(skill_status_list(store=ready_store))["returns"] == "unavailable"
