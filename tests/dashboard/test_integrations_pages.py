"""Integrations page: Shopify status, Customer Hub and returns provider settings."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from core.roles import Role
from integrations.customer_hub.models import CustomerHubSettings
from integrations.returns.models import ReturnsProviderConnection
from tests.factories.integrations import (
    CustomerFactory,
    CustomerHubSettingsFactory,
    OrderFactory,
    ReturnsProviderConnectionFactory,
    ShopifyConnectionFactory,
)

pytestmark = pytest.mark.django_db

CONFIGURERS = [Role.OWNER, Role.ADMIN]
READERS = [Role.MANAGER, Role.ANALYST, Role.SUPPORT]

_HUB_FORM = {
    "mode": "external",
    "external_url": "https://hub.example.com",
    "edit_window_minutes": "90",
    "cancel_window_minutes": "30",
    "allow_variant_change": "on",
    "allow_address_change": "on",
}


@pytest.mark.parametrize("role", list(Role))
def test_integrations_page_renders_for_every_role(store, member_of, client_for, role):
    # given
    ShopifyConnectionFactory.create(store=store)
    client = client_for(member_of(store, role))
    # when
    response = client.get(reverse("integrations:index", args=[store.slug]))
    html = response.content.decode()
    # then
    assert response.status_code == 200
    assert store.shop_domain in html
    hub_form = f'action="{reverse("integrations:hub-update", args=[store.slug])}"'
    returns_form = f'action="{reverse("integrations:returns-update", args=[store.slug])}"'
    assert (hub_form in html) is (role in CONFIGURERS)
    assert (returns_form in html) is (role in CONFIGURERS)


def test_shopify_status_shows_counts_sync_and_error(store, other_store, member_of, client_for):
    # given
    ShopifyConnectionFactory.create(
        store=store, status="error", last_error="Shopify refused the access token."
    )
    customer = CustomerFactory.create(store=store)
    OrderFactory.create_batch(3, store=store, customer=customer)
    CustomerFactory.create(store=store)
    OrderFactory.create(store=other_store)  # another store's order is not counted
    client = client_for(member_of(store, Role.ANALYST))
    # when
    response = client.get(reverse("integrations:index", args=[store.slug]))
    html = response.content.decode()
    # then
    overview = response.context["overview"]
    assert (overview.customer_count, overview.order_count) == (2, 3)
    assert "Shopify refused the access token." in html
    assert '<span class="badge badge-critical">Error</span>' in html
    assert "<dt>Orders synced</dt>\n        <dd>3</dd>" in html


def test_store_without_shopify_says_not_connected(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.SUPPORT))
    # when
    html = client.get(reverse("integrations:index", args=[store.slug])).content.decode()
    # then
    assert "This store is not connected to Shopify" in html
    assert '<span class="badge">Not connected</span>' in html


@pytest.mark.parametrize("role", CONFIGURERS)
def test_configurer_saves_hub_settings(store, member_of, client_for, role):
    # given
    client = client_for(member_of(store, role))
    # when
    response = client.post(reverse("integrations:hub-update", args=[store.slug]), _HUB_FORM)
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("integrations:index", args=[store.slug])
    hub = CustomerHubSettings.objects.get(store=store)
    assert (
        hub.active,
        hub.mode,
        hub.external_url,
        hub.edit_window_minutes,
        hub.cancel_window_minutes,
        hub.allow_variant_change,
        hub.allow_quantity_change,
        hub.allow_address_change,
        hub.allow_cancel,
    ) == (False, "external", "https://hub.example.com", 90, 30, True, False, True, False)


def test_external_hub_needs_a_url(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.post(
        reverse("integrations:hub-update", args=[store.slug]), {**_HUB_FORM, "external_url": ""}
    )
    # then
    assert response.status_code == 200
    assert response.context["hub_form"].errors == {
        "external_url": ["Enter the address of your external hub."]
    }
    assert CustomerHubSettings.objects.count() == 0


def test_external_hub_needs_an_https_url(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.post(
        reverse("integrations:hub-update", args=[store.slug]),
        {**_HUB_FORM, "external_url": "http://hub.example.com"},
    )
    # then
    assert response.status_code == 200
    assert response.context["hub_form"].errors == {
        "external_url": ["An external hub needs its https:// address."]
    }
    assert CustomerHubSettings.objects.count() == 0


def test_builtin_hub_drops_the_external_url(store, member_of, client_for):
    # given
    CustomerHubSettingsFactory.create(
        store=store, mode="external", external_url="https://old.example"
    )
    client = client_for(member_of(store, Role.ADMIN))
    # when
    client.post(
        reverse("integrations:hub-update", args=[store.slug]), {**_HUB_FORM, "mode": "builtin"}
    )
    # then
    hub = CustomerHubSettings.objects.get(store=store)
    assert (hub.mode, hub.external_url) == ("builtin", "")


def test_htmx_hub_save_answers_with_the_section(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.post(
        reverse("integrations:hub-update", args=[store.slug]),
        _HUB_FORM,
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    # then
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="card" id="hub-section"')
    assert "Customer Hub settings saved." in html


@pytest.mark.parametrize("role", READERS)
def test_reader_cannot_change_hub_settings(store, member_of, client_for, role):
    # given
    CustomerHubSettingsFactory.create(store=store, active=False, edit_window_minutes=60)
    client = client_for(member_of(store, role))
    # when
    response = client.post(reverse("integrations:hub-update", args=[store.slug]), _HUB_FORM)
    # then
    assert response.status_code == 403
    hub = CustomerHubSettings.objects.get(store=store)
    assert (hub.active, hub.mode, hub.edit_window_minutes) == (False, "builtin", 60)


@pytest.mark.parametrize("role", READERS)
def test_reader_sees_hub_settings_read_only(store, member_of, client_for, role):
    # given
    CustomerHubSettingsFactory.create(store=store, edit_window_minutes=90, allow_cancel=False)
    client = client_for(member_of(store, role))
    # when
    html = client.get(reverse("integrations:index", args=[store.slug])).content.decode()
    # then
    assert "90 minutes" in html
    assert "<li>Cancel the order</li>" not in html
    assert "<li>Quantity</li>" in html


@pytest.mark.parametrize("role", CONFIGURERS)
def test_configurer_sets_a_returns_provider_with_key(store, member_of, client_for, role):
    # given
    client = client_for(member_of(store, role))
    # when
    response = client.post(
        reverse("integrations:returns-update", args=[store.slug]),
        {"provider": "loop", "portal_url": "https://returns.example.com", "api_key": "lk_abc123"},
    )
    # then
    assert response.status_code == 302
    conn = ReturnsProviderConnection.objects.get(store=store)
    assert (conn.provider, conn.portal_url, conn.api_key, conn.status, conn.connected_at) == (
        "loop",
        "https://returns.example.com",
        "lk_abc123",
        "not_connected",
        None,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT api_key FROM returns_returnsproviderconnection WHERE id = %s", [conn.id]
        )
        assert "lk_abc123" not in cursor.fetchone()[0]


def test_builtin_returns_provider_is_connected_without_key(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    client.post(
        reverse("integrations:returns-update", args=[store.slug]),
        {"provider": "builtin", "portal_url": "", "api_key": ""},
    )
    # then
    conn = ReturnsProviderConnection.objects.get(store=store)
    assert (conn.provider, conn.api_key, conn.status) == ("builtin", "", "connected")
    assert conn.connected_at is not None


def test_loop_without_key_is_refused(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.post(
        reverse("integrations:returns-update", args=[store.slug]),
        {"provider": "loop", "portal_url": "", "api_key": ""},
    )
    # then
    assert response.status_code == 200
    assert response.context["returns_form"].errors == {
        "api_key": ["Enter the API key from your provider's settings."]
    }
    assert ReturnsProviderConnection.objects.count() == 0


def test_empty_key_keeps_the_stored_one(store, member_of, client_for):
    # given
    ReturnsProviderConnectionFactory.create(store=store, api_key="loop_secret_key_5f1c")
    client = client_for(member_of(store, Role.OWNER))
    # when
    client.post(
        reverse("integrations:returns-update", args=[store.slug]),
        {"provider": "loop", "portal_url": "https://r.example.com", "api_key": ""},
    )
    # then
    conn = ReturnsProviderConnection.objects.get(store=store)
    assert (conn.api_key, conn.portal_url, conn.status) == (
        "loop_secret_key_5f1c",
        "https://r.example.com",
        "connected",
    )


def test_stored_key_can_be_removed(store, member_of, client_for):
    # given
    ReturnsProviderConnectionFactory.create(store=store, api_key="loop_secret_key_5f1c")
    client = client_for(member_of(store, Role.OWNER))
    # when
    client.post(
        reverse("integrations:returns-update", args=[store.slug]),
        {"provider": "builtin", "portal_url": "", "api_key": "", "clear_api_key": "on"},
    )
    # then
    conn = ReturnsProviderConnection.objects.get(store=store)
    assert (conn.provider, conn.api_key, conn.status) == ("builtin", "", "connected")


@pytest.mark.parametrize("role", list(Role))
def test_returns_key_is_never_rendered_back(store, member_of, client_for, role):
    # given
    ReturnsProviderConnectionFactory.create(store=store, api_key="loop_secret_key_5f1c")
    client = client_for(member_of(store, role))
    # when
    html = client.get(reverse("integrations:index", args=[store.slug])).content.decode()
    # then
    assert "loop_secret_key_5f1c" not in html
    assert "A key is stored" in html


def test_returns_key_is_not_rendered_back_after_an_invalid_post(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.post(
        reverse("integrations:returns-update", args=[store.slug]),
        {"provider": "aftership", "portal_url": "not a url", "api_key": "as_secret_77"},
    )
    # then
    assert response.status_code == 200
    assert "as_secret_77" not in response.content.decode()
    assert ReturnsProviderConnection.objects.count() == 0


@pytest.mark.parametrize("role", READERS)
def test_reader_cannot_change_returns_provider(store, member_of, client_for, role):
    # given
    ReturnsProviderConnectionFactory.create(
        store=store, provider="loop", api_key="loop_secret_key_5f1c"
    )
    client = client_for(member_of(store, role))
    # when
    response = client.post(
        reverse("integrations:returns-update", args=[store.slug]),
        {"provider": "aftership", "portal_url": "", "api_key": "as_other"},
    )
    # then
    assert response.status_code == 403
    conn = ReturnsProviderConnection.objects.get(store=store)
    assert (conn.provider, conn.api_key) == ("loop", "loop_secret_key_5f1c")
