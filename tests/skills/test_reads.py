"""Reads shared within one agent turn (``skills.reads.reads_shared``): the skill status, the
skills' hub/provider checks and their settings read the store once per turn, and never carry
anything over to the next turn."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integrations.customer_hub.models import CustomerHubSettings
from skills.reads import reads_shared, store_state_get
from skills.settings import order_edit_settings_get, returns_settings_get
from skills.status import skill_status_get
from tests.factories.core import StoreFactory
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
    # every status, setting and the hub read once: the configs, the store state, the index
    # version of each of the two content probes, the channels (alone: 17 queries); asked
    # again in the same turn, nothing is read
    assert shared == 5
    assert alone > 3 * shared
    assert again == 0


def test_the_store_state_is_one_query_with_the_defaults_when_nothing_is_set_up(
    django_assert_num_queries: Any,
) -> None:
    # given a store with no hub settings, provider, Shopify connection or content
    store = StoreFactory.create()

    # when
    with django_assert_num_queries(1):
        state = store_state_get(store=store)

    # then the hub's defaults (unsaved, inactive), nothing connected, nothing published
    hub = state.overview.customer_hub
    assert (hub.pk, hub.active, hub.store_id) == (None, False, store.pk)
    assert (state.overview.shopify, state.overview.returns_provider) == (None, None)
    assert state.published is False


def test_the_store_state_holds_what_is_set_up(shop: DemoShop) -> None:
    state = store_state_get(store=shop.store)
    assert state.overview.customer_hub.pk is not None and state.overview.customer_hub.active
    assert state.overview.shopify is not None
    assert state.overview.shopify.store_id == shop.store.pk
    assert state.overview.returns_provider is not None
    assert state.published is True


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
