"""Reads shared within one agent turn (``skills.reads.reads_shared``): the skill status, the
skills' hub/provider checks and their settings read the store once per turn, and never carry
anything over to the next turn."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integrations.customer_hub.models import CustomerHubSettings
from integrations.returns.models import ReturnsProviderConnection
from knowledge.models import Article
from skills.reads import reads_shared
from skills.settings import order_edit_settings_get, returns_settings_get
from skills.status import skill_status_get
from tests.skills.conftest import DemoShop

pytestmark = pytest.mark.django_db


def queries(fn: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)


def test_within_a_turn_the_store_is_read_once(shop: DemoShop) -> None:
    store = shop.store

    def turn() -> None:
        skill_status_get(store=store, skill_id="order_edit")
        skill_status_get(store=store, skill_id="returns")
        skill_status_get(store=store, skill_id="handoff")
        order_edit_settings_get(store=store)
        returns_settings_get(store=store)

    alone = queries(turn)
    with reads_shared():
        shared = queries(turn)
        again = queries(turn)
    # every status, setting and fact read once: the configs, the hub, Shopify readiness,
    # the returns provider, published content, the index version of each of the two content
    # probes, the channels (alone: 21 queries); asked again in the same turn, nothing is read
    assert shared == 8
    assert alone > 2 * shared
    assert again == 0


def test_the_next_turn_sees_a_change_at_once(shop: DemoShop) -> None:
    store = shop.store
    with reads_shared():
        assert skill_status_get(store=store, skill_id="order_edit").live
        assert order_edit_settings_get(store=store).edit_window_minutes == 60
    CustomerHubSettings.objects.filter(store=store).update(active=False, edit_window_minutes=30)
    with reads_shared():
        status = skill_status_get(store=store, skill_id="order_edit")
        assert not status.usable
        assert [str(p.reason) for p in status.missing] == ["Customer Hub is not active."]
        assert order_edit_settings_get(store=store).edit_window_minutes == 30
    # and outside any turn every call reads afresh
    CustomerHubSettings.objects.filter(store=store).update(active=True)
    assert skill_status_get(store=store, skill_id="order_edit").live


def test_nested_blocks_share_the_outer_one(shop: DemoShop) -> None:
    store = shop.store
    with reads_shared():
        skill_status_get(store=store, skill_id="order_edit")
        with reads_shared():
            assert queries(lambda: order_edit_settings_get(store=store)) == 0
        assert queries(lambda: order_edit_settings_get(store=store)) == 0


def test_the_next_turn_sees_the_provider_and_content_change_at_once(shop: DemoShop) -> None:
    store = shop.store
    with reads_shared():
        assert skill_status_get(store=store, skill_id="returns").live
        assert skill_status_get(store=store, skill_id="general_qa").live
    ReturnsProviderConnection.objects.filter(store=store).update(status="error")
    Article.objects.filter(store=store).update(status=Article.Status.DRAFT)
    with reads_shared():
        returns = skill_status_get(store=store, skill_id="returns")
        general = skill_status_get(store=store, skill_id="general_qa")
    assert [p.code.value for p in returns.missing] == [
        "returns_provider_connected",
        "return_policy_content",
    ]
    assert [p.code.value for p in general.missing] == ["published_content"]
