"""Writes about the store's returns provider (built-in, Loop or AfterShip)."""

from __future__ import annotations

from django.utils import timezone

from core.models import Store
from core.validation import full_clean_or_fail
from integrations.returns.models import ReturnsProviderConnection


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
