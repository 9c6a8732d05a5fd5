"""Reads for the dashboard's Integrations page. Every query is scoped to the store."""

from __future__ import annotations

from dataclasses import dataclass

from core.models import Store
from integrations.customer_hub.models import CustomerHubSettings
from integrations.returns.models import ReturnsProviderConnection
from integrations.selectors import integration_overview_get
from integrations.shopify.models import Customer, Order, ShopifyConnection


@dataclass(frozen=True)
class IntegrationsOverview:
    """What the store has connected. ``None`` means the store never set that integration up."""

    shopify: ShopifyConnection | None
    customer_count: int
    order_count: int
    hub: CustomerHubSettings | None
    returns: ReturnsProviderConnection | None

    @property
    def returns_key_stored(self) -> bool:
        return bool(self.returns and self.returns.api_key)


def integrations_overview_get(*, store: Store) -> IntegrationsOverview:
    """The API's overview (integrations.selectors) plus the mirror's counts; a hub never saved
    is ``None`` here, so the page can say it was not set up."""
    overview = integration_overview_get(store=store)
    hub = overview.customer_hub
    return IntegrationsOverview(
        shopify=overview.shopify,
        customer_count=Customer.objects.filter(store=store).count(),
        order_count=Order.objects.filter(store=store).count(),
        hub=hub if hub.pk is not None else None,
        returns=overview.returns_provider,
    )
