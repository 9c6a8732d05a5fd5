"""Writes for the dashboard's Integrations page: Customer Hub and returns provider settings."""

from __future__ import annotations

from django.utils import timezone

from core.models import Store
from core.validation import full_clean_or_fail
from integrations.customer_hub.models import CustomerHubSettings
from integrations.returns.models import ReturnsProviderConnection


def hub_settings_update(
    *,
    store: Store,
    active: bool,
    mode: str,
    external_url: str,
    edit_window_minutes: int,
    cancel_window_minutes: int,
    allow_variant_change: bool,
    allow_quantity_change: bool,
    allow_address_change: bool,
    allow_cancel: bool,
) -> CustomerHubSettings:
    """Create or replace the store's Customer Hub settings (idempotent)."""
    hub = CustomerHubSettings.objects.filter(store=store).first() or CustomerHubSettings(
        store=store
    )
    hub.active = active
    hub.mode = mode
    # The built-in hub has no outside address; a stale URL would only confuse.
    hub.external_url = external_url if mode == CustomerHubSettings.Mode.EXTERNAL else ""
    hub.edit_window_minutes = edit_window_minutes
    hub.cancel_window_minutes = cancel_window_minutes
    hub.allow_variant_change = allow_variant_change
    hub.allow_quantity_change = allow_quantity_change
    hub.allow_address_change = allow_address_change
    hub.allow_cancel = allow_cancel
    full_clean_or_fail(hub)
    hub.save()
    return hub


def returns_provider_update(
    *, store: Store, provider: str, portal_url: str, api_key: str, clear_api_key: bool = False
) -> ReturnsProviderConnection:
    """Choose the store's returns provider.

    ``api_key`` is write-only: an empty value keeps the stored key, ``clear_api_key`` removes it.
    The built-in provider needs no outside account, so choosing it connects it. Choosing Loop or
    AfterShip, or changing their key, leaves the connection "not connected" until the key has
    been verified with the provider.
    """
    conn = ReturnsProviderConnection.objects.filter(store=store).first()
    if conn is None:
        conn = ReturnsProviderConnection(store=store)
    before = (conn.pk, conn.provider, conn.api_key)
    conn.provider = provider
    conn.portal_url = portal_url
    if api_key:
        conn.api_key = api_key
    elif clear_api_key:
        conn.api_key = ""
    changed = (conn.pk, conn.provider, conn.api_key) != before or conn.pk is None
    if provider == ReturnsProviderConnection.Provider.BUILTIN:
        if changed or conn.status != ReturnsProviderConnection.Status.CONNECTED:
            conn.status = ReturnsProviderConnection.Status.CONNECTED
            conn.connected_at = timezone.now()
            conn.last_error = ""
    elif changed:
        conn.status = ReturnsProviderConnection.Status.NOT_CONNECTED
        conn.connected_at = None
        conn.last_error = ""
    full_clean_or_fail(conn)
    conn.save()
    return conn
