"""Connecting a store: token check with a ``shop`` query, webhook registration, disconnect,
and the OAuth install views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection as db_connection
from django.test import Client
from django.urls import reverse

from core.errors import ValidationFailed
from core.models import Membership, Store
from core.roles import Role
from integrations.shopify.connection import (
    connection_connect,
    connection_disconnect,
    shop_domain_clean,
    webhooks_register,
)
from integrations.shopify.datatypes import WebhookSubscriptionData
from integrations.shopify.errors import ShopifyAuthError, ShopifyQueryError, ShopifyUnavailable
from integrations.shopify.models import Order, ShopifyConnection, SyncStatus
from integrations.shopify.oauth import oauth_query_sign
from integrations.shopify.selectors import shopify_ready
from integrations.shopify.sync import orders_upsert
from tests.factories.integrations import ShopifyConnectionFactory
from tests.fakes.shopify_admin import FakeShopifyAdmin, order_data

pytestmark = pytest.mark.django_db

SHOP = "noord-test.myshopify.com"
TOPICS = [
    "ORDERS_CREATE",
    "ORDERS_UPDATED",
    "ORDERS_CANCELLED",
    "ORDERS_FULFILLED",
    "ORDERS_PARTIALLY_FULFILLED",
    "ORDERS_EDITED",
    "FULFILLMENTS_CREATE",
    "FULFILLMENTS_UPDATE",
    "CUSTOMERS_CREATE",
    "CUSTOMERS_UPDATE",
    "APP_UNINSTALLED",
]


# --- connection_connect ------------------------------------------------------------------------


def test_connect_verifies_the_token_stores_it_encrypted_and_queues_the_set_up(
    store: Store, django_capture_on_commit_callbacks: Any
) -> None:
    # given
    fake = FakeShopifyAdmin()

    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        connection = connection_connect(
            store=store, shop_domain=" Noord-Test ", access_token="shpat_abc", client=fake
        )

    # then
    assert (connection.shop_domain, connection.status, connection.access_token) == (
        SHOP,
        ShopifyConnection.Status.CONNECTED,
        "shpat_abc",
    )
    assert connection.connected_at is not None
    assert connection.sync_status == SyncStatus.QUEUED
    with db_connection.cursor() as cursor:
        cursor.execute(
            "SELECT access_token FROM shopify_shopifyconnection WHERE id = %s", [connection.pk]
        )
        (stored,) = cursor.fetchone()
    assert stored and "shpat_abc" not in stored
    assert len(callbacks) == 1


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (ShopifyAuthError(), "Shopify refused this access token."),
        (ShopifyUnavailable(), "Could not reach noord-test.myshopify.com"),
        (ShopifyQueryError(), "Shopify answered, but not as expected"),
    ],
)
def test_a_refused_check_raises_in_words_and_connects_nothing(
    store: Store, error: Exception, words: str
) -> None:
    # when
    with pytest.raises(ValidationFailed) as excinfo:
        connection_connect(
            store=store,
            shop_domain=SHOP,
            access_token="shpat_wrong",
            client=FakeShopifyAdmin(shop_error=error),
        )

    # then
    assert words in str(excinfo.value)
    assert ShopifyConnection.objects.count() == 0


@pytest.mark.parametrize(
    "domain", ["", "https://evil.example.com/", "noord test", "a.b.myshopify.com"]
)
def test_a_domain_that_is_not_myshopify_is_refused(store: Store, domain: str) -> None:
    with pytest.raises(ValidationFailed):
        shop_domain_clean(domain)


def test_shop_domain_clean_normalises_what_merchants_type() -> None:
    assert shop_domain_clean("https://Noord-Test.myshopify.com/admin") == SHOP
    assert shop_domain_clean("noord-test") == SHOP


def test_a_shop_connected_to_another_store_is_refused(store: Store, other_store: Store) -> None:
    # given
    ShopifyConnectionFactory.create(store=other_store, shop_domain=SHOP)

    # when
    with pytest.raises(ValidationFailed) as excinfo:
        connection_connect(store=store, shop_domain=SHOP, access_token="shpat_x", verify=False)

    # then
    assert "already connected to another store" in str(excinfo.value)


def test_connecting_another_shop_removes_the_old_shops_mirror(store: Store) -> None:
    # given
    ShopifyConnectionFactory.create(store=store, shop_domain="old-shop.myshopify.com")
    orders_upsert(store=store, orders=[order_data(1)])

    # when
    connection_connect(store=store, shop_domain=SHOP, access_token="shpat_new", verify=False)

    # then
    assert Order.objects.filter(store=store).count() == 0
    assert ShopifyConnection.objects.get(store=store).shop_domain == SHOP


def test_reconnecting_the_same_shop_keeps_the_mirror_and_clears_the_error(store: Store) -> None:
    # given
    ShopifyConnectionFactory.create(
        store=store,
        shop_domain=SHOP,
        status="error",
        last_error="Shopify refused the access token.",
    )
    orders_upsert(store=store, orders=[order_data(1)])

    # when
    connection = connection_connect(
        store=store, shop_domain=SHOP, access_token="shpat_new", verify=False
    )

    # then
    assert Order.objects.filter(store=store).count() == 1
    assert (connection.status, connection.last_error, connection.synced_until) == (
        "connected",
        "",
        None,
    )


def test_disconnect_forgets_the_token(store: Store) -> None:
    # given
    ShopifyConnectionFactory.create(store=store)

    # when
    connection_disconnect(store=store)

    # then
    connection = ShopifyConnection.objects.get(store=store)
    assert (connection.status, connection.access_token) == ("not_connected", "")


# --- webhooks_register -------------------------------------------------------------------------


def test_webhooks_register_creates_each_missing_subscription_once(
    store: Store, settings: Any
) -> None:
    # given
    settings.APP_BASE_URL = "https://agent.example.com"
    ShopifyConnectionFactory.create(store=store)
    address = "https://agent.example.com/webhooks/shopify/"
    fake = FakeShopifyAdmin(
        subscriptions=[
            WebhookSubscriptionData(id=1, topic="ORDERS_CREATE", uri=address),
            WebhookSubscriptionData(
                id=2, topic="ORDERS_UPDATED", uri="https://old.example.com/hook"
            ),
        ]
    )

    # when
    first = webhooks_register(store=store, client=fake)
    second = webhooks_register(store=store, client=fake)

    # then
    assert (first, second) == (10, 0)
    ours = sorted(s.topic for s in fake.subscriptions if s.uri == address)
    assert ours == sorted(TOPICS)
    assert ShopifyConnection.objects.get(store=store).webhooks_registered_at is not None


def test_a_refused_subscription_raises_with_shopifys_words(store: Store) -> None:
    # given
    ShopifyConnectionFactory.create(store=store)
    fake = FakeShopifyAdmin(
        subscription_errors={"ORDERS_EDITED": "Address for this topic has already been taken"}
    )

    # when
    with pytest.raises(ShopifyQueryError) as excinfo:
        webhooks_register(store=store, client=fake)

    # then
    assert "ORDERS_EDITED" in str(excinfo.value)
    assert "already been taken" in str(excinfo.value)
    assert ShopifyConnection.objects.get(store=store).webhooks_registered_at is None


# --- OAuth install views -----------------------------------------------------------------------


def _install(client: Client, store: Store, shop: str = SHOP) -> Any:
    return client.post(reverse("shopify:install", args=[store.slug]), {"shop_domain": shop})


def _callback(client: Client, **params: str) -> Any:
    return client.get(reverse("shopify:callback"), params)


def _signed(params: dict[str, str]) -> dict[str, str]:
    return {**params, "hmac": oauth_query_sign(query=params)}


@pytest.mark.parametrize("role", [Role.OWNER, Role.ADMIN])
def test_install_redirects_to_shopifys_authorize_page_with_a_nonce(
    store: Store,
    member_of: Callable[..., Membership],
    client_for: Callable[..., Client],
    role: Role,
    settings: Any,
) -> None:
    # given
    settings.APP_BASE_URL = "https://agent.example.com"
    client = client_for(member_of(store, role))

    # when
    response = _install(client, store)

    # then
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert url.path.endswith(f"/{SHOP}/admin/oauth/authorize")
    assert query["redirect_uri"] == "https://agent.example.com/shopify/callback/"
    assert query["client_id"] == "sandbox-api-key"
    pending = client.session["shopify_oauth"]
    assert (pending["store"], pending["shop"], pending["state"]) == (
        store.slug,
        SHOP,
        query["state"],
    )


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ANALYST, Role.SUPPORT])
def test_install_is_403_for_other_roles(
    store: Store,
    member_of: Callable[..., Membership],
    client_for: Callable[..., Client],
    role: Role,
) -> None:
    client = client_for(member_of(store, role))
    assert _install(client, store).status_code == 403
    assert "shopify_oauth" not in client.session


def test_install_with_a_bad_domain_says_so_and_does_not_leave(
    store: Store, member_of: Callable[..., Membership], client_for: Callable[..., Client]
) -> None:
    # given
    client = client_for(member_of(store, Role.OWNER))

    # when
    response = _install(client, store, shop="evil.example.com")

    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("integrations:index", args=[store.slug])
    assert "shopify_oauth" not in client.session


@pytest.mark.parametrize(
    "tamper",
    ["hmac", "state", "shop", "no-session"],
)
def test_a_callback_that_fails_a_check_stores_nothing(
    store: Store,
    member_of: Callable[..., Membership],
    client_for: Callable[..., Client],
    tamper: str,
) -> None:
    # given
    client = client_for(member_of(store, Role.OWNER))
    if tamper != "no-session":
        _install(client, store)
    state = client.session.get("shopify_oauth", {}).get("state", "x")
    params = {"code": "abc", "shop": SHOP, "state": state, "timestamp": "1767225600"}
    if tamper == "state":
        params["state"] = "forged"
    if tamper == "shop":
        params["shop"] = "other-shop.myshopify.com"
    signed = _signed(params)
    if tamper == "hmac":
        signed["hmac"] = "0" * 64

    # when
    response = _callback(client, **signed)

    # then
    assert response.status_code == 302
    assert ShopifyConnection.objects.count() == 0
    assert "shopify_oauth" not in client.session
    messages = [str(m) for m in response.wsgi_request._messages]
    assert len(messages) == 1 and "Start" in messages[0]


# --- readiness for the skills ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "ready"),
    [
        ({}, True),
        ({"last_sync_at": None}, False),
        ({"status": "error"}, False),
        ({"status": "uninstalled", "access_token": ""}, False),
        ({"status": "not_connected"}, False),
    ],
    ids=["connected-and-synced", "never-synced", "broken", "uninstalled", "disconnected"],
)
def test_shopify_ready_only_when_connected_with_a_token_and_synced(
    store: Store, values: dict[str, Any], ready: bool
) -> None:
    # given
    ShopifyConnectionFactory.create(store=store, **values)

    # then
    assert shopify_ready(store=store) is ready
