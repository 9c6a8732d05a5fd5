"""Reads about a store's Shopify connection and its sync. Every query names its store."""

from __future__ import annotations

from dataclasses import dataclass

from core.models import Store
from integrations.shopify.models import Customer, Order, ShopifyConnection, SyncStatus


@dataclass(frozen=True)
class ShopifySyncState:
    """The Shopify card's facts: connection (None when never connected), mirror counts and
    the progress of the sync in progress, if any."""

    connection: ShopifyConnection | None
    order_count: int
    customer_count: int

    @property
    def syncing(self) -> bool:
        """A sync is queued or running: the dashboard keeps polling while this holds."""
        return self.connection is not None and self.connection.sync_status in (
            SyncStatus.QUEUED,
            SyncStatus.RUNNING,
        )

    @property
    def percent(self) -> int | None:
        conn = self.connection
        if conn is None or not conn.sync_total:
            return None
        return min(100, round(100 * conn.sync_done / conn.sync_total))


def shopify_connection_get(*, store: Store) -> ShopifyConnection | None:
    return ShopifyConnection.objects.filter(store=store).first()


def shopify_sync_state_get(*, store: Store) -> ShopifySyncState:
    return ShopifySyncState(
        connection=shopify_connection_get(store=store),
        order_count=Order.objects.filter(store=store).count(),
        customer_count=Customer.objects.filter(store=store).count(),
    )


def shopify_ready(*, store: Store) -> bool:
    """Connected with a token and at least one completed sync: what the order skills need.
    A broken or uninstalled connection is not ready (the skills turn Unavailable)."""
    return (
        ShopifyConnection.objects.filter(
            store=store, status=ShopifyConnection.Status.CONNECTED, last_sync_at__isnull=False
        )
        .exclude(access_token="")
        .exists()
    )
