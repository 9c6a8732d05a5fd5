"""The Integrations page's Shopify card: per-role rendering, live progress, and its actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from core.models import Membership, Store
from core.roles import Role
from integrations.shopify.models import ShopifyConnection, SyncStatus
from tests.factories.integrations import ShopifyConnectionFactory

pytestmark = pytest.mark.django_db

CONFIGURERS = [Role.OWNER, Role.ADMIN]
READERS = [Role.MANAGER, Role.ANALYST, Role.SUPPORT]
REFUSED = "Shopify refused the access token (revoked or uninstalled). Reconnect the store."
Member = Callable[..., Membership]
ClientFor = Callable[..., Client]


def _page(client: Client, store: Store) -> str:
    response = client.get(reverse("integrations:index", args=[store.slug]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", list(Role))
def test_an_unconnected_store_offers_connecting_to_owners_and_admins_only(
    store: Store, member_of: Member, client_for: ClientFor, role: Role
) -> None:
    # when
    html = _page(client_for(member_of(store, role)), store)

    # then
    connect = f'action="{reverse("integrations:shopify-connect", args=[store.slug])}"'
    install = f'action="{reverse("shopify:install", args=[store.slug])}"'
    assert (connect in html) is (role in CONFIGURERS)
    assert (install in html) is (role in CONFIGURERS)
    assert ("Install with Shopify (OAuth)" in html) is (role in CONFIGURERS)
    assert ("Only the store's owner and admins can change integrations." in html) is (
        role in READERS
    )


@pytest.mark.parametrize("role", list(Role))
def test_a_connected_store_shows_sync_and_disconnect_to_owners_and_admins_only(
    store: Store, member_of: Member, client_for: ClientFor, role: Role
) -> None:
    # given
    ShopifyConnectionFactory.create(store=store)

    # when
    html = _page(client_for(member_of(store, role)), store)

    # then
    sync = f'action="{reverse("integrations:shopify-sync", args=[store.slug])}"'
    disconnect = f'action="{reverse("integrations:shopify-disconnect", args=[store.slug])}"'
    assert (sync in html) is (role in CONFIGURERS)
    assert (disconnect in html) is (role in CONFIGURERS)
    assert "Synced until" in html
    assert "shpat_test_token" not in html


def test_a_running_sync_shows_its_progress_and_polls_every_two_seconds(
    store: Store, member_of: Member, client_for: ClientFor
) -> None:
    # given
    ShopifyConnectionFactory.create(
        store=store, sync_status=SyncStatus.RUNNING, sync_done=250, sync_total=1000, sync_rate=812.4
    )
    client = client_for(member_of(store, Role.SUPPORT))

    # when
    response = client.get(reverse("integrations:shopify-status", args=[store.slug]))
    html = response.content.decode()

    # then
    assert response.status_code == 200
    assert 'hx-trigger="every 2s"' in html
    assert f'hx-get="{reverse("integrations:shopify-status", args=[store.slug])}"' in html
    assert "Syncing orders: 250 of 1000" in html
    assert "(812 orders/s)" in html
    assert '<progress max="100" value="25"' in html


def test_an_idle_connection_does_not_poll(
    store: Store, member_of: Member, client_for: ClientFor
) -> None:
    # given
    ShopifyConnectionFactory.create(store=store, sync_status=SyncStatus.IDLE)
    client = client_for(member_of(store, Role.OWNER))

    # when
    html = client.get(reverse("integrations:shopify-status", args=[store.slug])).content.decode()

    # then
    assert "hx-trigger" not in html
    assert "<progress" not in html


def test_the_status_partial_of_another_store_is_404(
    store: Store, other_store: Store, member_of: Member, client_for: ClientFor
) -> None:
    # given
    ShopifyConnectionFactory.create(store=other_store)
    client = client_for(member_of(store, Role.OWNER))

    # when
    response = client.get(reverse("integrations:shopify-status", args=[other_store.slug]))

    # then
    assert response.status_code == 404


@pytest.mark.parametrize("role", READERS)
@pytest.mark.parametrize("name", ["shopify-connect", "shopify-disconnect", "shopify-sync"])
def test_posts_are_403_for_roles_that_may_not_configure_integrations(
    store: Store, member_of: Member, client_for: ClientFor, role: Role, name: str
) -> None:
    # given
    ShopifyConnectionFactory.create(store=store)
    client = client_for(member_of(store, role))

    # when
    response = client.post(
        reverse(f"integrations:{name}", args=[store.slug]),
        {"shop_domain": "x.myshopify.com", "access_token": "shpat_x"},
    )

    # then
    assert response.status_code == 403
    connection = ShopifyConnection.objects.get(store=store)
    assert (connection.status, connection.access_token, connection.sync_status) == (
        "connected",
        "shpat_test_token",
        SyncStatus.IDLE,
    )


def test_sync_now_queues_a_sync(
    store: Store, member_of: Member, client_for: ClientFor, django_capture_on_commit_callbacks: Any
) -> None:
    # given
    ShopifyConnectionFactory.create(store=store)
    client = client_for(member_of(store, Role.ADMIN))

    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("integrations:shopify-sync", args=[store.slug]))

    # then
    assert response.status_code == 302
    assert ShopifyConnection.objects.get(store=store).sync_status == SyncStatus.QUEUED
    assert len(callbacks) == 1
    html = _page(client, store)
    assert "Sync started." in html
    assert "Sync queued; it starts in a moment." in html


def test_sync_now_without_a_connection_says_so(
    store: Store, member_of: Member, client_for: ClientFor
) -> None:
    # given
    client = client_for(member_of(store, Role.OWNER))

    # when
    response = client.post(reverse("integrations:shopify-sync", args=[store.slug]), follow=True)

    # then
    assert "This store is not connected to Shopify." in response.content.decode()


def test_disconnect_forgets_the_token(
    store: Store, member_of: Member, client_for: ClientFor
) -> None:
    # given
    ShopifyConnectionFactory.create(store=store)
    client = client_for(member_of(store, Role.OWNER))

    # when
    response = client.post(
        reverse("integrations:shopify-disconnect", args=[store.slug]), follow=True
    )

    # then
    connection = ShopifyConnection.objects.get(store=store)
    assert (connection.status, connection.access_token) == ("not_connected", "")
    assert "Disconnected from Shopify." in response.content.decode()


def test_connect_with_a_bad_domain_shows_the_error_and_stores_nothing(
    store: Store, member_of: Member, client_for: ClientFor
) -> None:
    # given
    client = client_for(member_of(store, Role.OWNER))

    # when
    response = client.post(
        reverse("integrations:shopify-connect", args=[store.slug]),
        {"shop_domain": "evil.example.com", "access_token": "shpat_x"},
    )

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter the shop&#x27;s myshopify.com domain" in html
    assert "<details open>" in html
    assert ShopifyConnection.objects.count() == 0


def test_the_last_error_is_shown_in_words(
    store: Store, member_of: Member, client_for: ClientFor
) -> None:
    # given
    ShopifyConnectionFactory.create(
        store=store,
        status="error",
        last_error=REFUSED,
    )

    # when
    html = _page(client_for(member_of(store, Role.ANALYST)), store)

    # then
    assert REFUSED in html
