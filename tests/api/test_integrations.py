from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from core.models import Membership, Store
from core.roles import Role
from integrations.customer_hub.models import CustomerHubSettings
from tests.factories.integrations import (
    CustomerHubSettingsFactory,
    ReturnsProviderConnectionFactory,
    ShopifyConnectionFactory,
)


def test_overview_shows_status_without_secrets(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    # given a connected shop, an active hub and a returns provider, each with secrets
    ShopifyConnectionFactory.create(store=store, access_token="shpat_secret_access_token")
    CustomerHubSettingsFactory.create(store=store, edit_window_minutes=90)
    ReturnsProviderConnectionFactory.create(store=store)

    # when the overview is read
    response = api_for(member_of(store, Role.SUPPORT)).get("/api/v1/integrations")

    # then it tells their state and never their secrets
    assert response.status_code == 200
    body = response.json()
    assert body["shopify"]["status"] == "connected"
    assert body["shopify"]["shop_domain"] == store.shop_domain
    assert body["customer_hub"]["active"] is True
    assert body["customer_hub"]["edit_window_minutes"] == 90
    assert body["returns_provider"]["provider"] == "loop"
    assert body["returns_provider"]["status"] == "connected"
    text = response.content.decode()
    assert "shpat_secret_access_token" not in text
    assert "loop_secret_api_key" not in text
    assert "access_token" not in body["shopify"]
    assert "api_key" not in body["returns_provider"]


def test_overview_of_a_store_with_nothing_connected(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    body = api_for(member_of(store)).get("/api/v1/integrations").json()
    assert body["shopify"] is None
    assert body["returns_provider"] is None
    assert body["customer_hub"]["active"] is False
    assert body["customer_hub"]["mode"] == "builtin"


def test_hub_patch_saves_windows_and_external_url(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    response = api_for(member_of(store, Role.ADMIN)).patch(
        "/api/v1/integrations/customer-hub",
        {
            "active": True,
            "mode": "external",
            "external_url": "https://account.example.com",
            "edit_window_minutes": 120,
            "cancel_window_minutes": 30,
        },
        format="json",
    )
    assert response.status_code == 200
    hub = CustomerHubSettings.objects.get(store=store)
    assert (hub.active, hub.mode, hub.external_url) == (
        True,
        "external",
        "https://account.example.com",
    )
    assert (hub.edit_window_minutes, hub.cancel_window_minutes) == (120, 30)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"mode": "external"}, "external_url"),
        ({"mode": "external", "external_url": "http://account.example.com"}, "external_url"),
        ({"mode": "external", "external_url": "not a url"}, "external_url"),
        ({"edit_window_minutes": -1}, "edit_window_minutes"),
        ({"cancel_window_minutes": 60 * 24 * 31}, "cancel_window_minutes"),
    ],
    ids=["external-without-url", "external-http", "bad-url", "negative", "over-30-days"],
)
def test_hub_patch_is_validated(
    body: dict[str, object],
    field: str,
    store: Store,
    member_of: Callable[..., Membership],
    api_for: Callable[..., APIClient],
) -> None:
    response = api_for(member_of(store)).patch(
        "/api/v1/integrations/customer-hub", body, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["detail"]) == [field]
    assert CustomerHubSettings.objects.filter(store=store, mode="external").exists() is False


def test_integrations_of_another_store_are_404(
    store: Store,
    other_store: Store,
    member_of: Callable[..., Membership],
    api_for: Callable[..., APIClient],
) -> None:
    ShopifyConnectionFactory.create(store=other_store)
    client = api_for(member_of(store), store_header=other_store.slug)
    assert client.get("/api/v1/integrations").status_code == 404
    response = client.patch("/api/v1/integrations/customer-hub", {"active": True}, format="json")
    assert response.status_code == 404
    assert CustomerHubSettings.objects.filter(store=other_store).exists() is False
