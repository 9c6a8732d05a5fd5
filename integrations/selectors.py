"""Reads across the store's integrations: one overview of Shopify, the Customer Hub and the
returns provider. Secrets (access tokens, API keys) stay in their rows; callers that show
the overview must not serialize them."""

from __future__ import annotations

from dataclasses import dataclass

from core.models import Store
from integrations.customer_hub.models import CustomerHubSettings
from integrations.returns.models import ReturnsProviderConnection
from integrations.shopify.models import ShopifyConnection


@dataclass(frozen=True)
class IntegrationOverview:
    shopify: ShopifyConnection | None
    customer_hub: CustomerHubSettings
    returns_provider: ReturnsProviderConnection | None


def hub_settings_get(*, store: Store) -> CustomerHubSettings:
    """The store's Customer Hub settings (defaults, unsaved and inactive, when never saved)."""
    found = CustomerHubSettings.objects.filter(store=store).first()
    return found if found is not None else CustomerHubSettings(store=store)


def returns_provider_get(*, store: Store) -> ReturnsProviderConnection | None:
    """The store's returns provider connection; None when it never chose one."""
    # One-to-one: at most one row, so no ordering to compile (``first()`` would add one).
    found = list(ReturnsProviderConnection.objects.filter(store=store).order_by()[:1])
    return found[0] if found else None


def integration_overview_get(*, store: Store) -> IntegrationOverview:
    return IntegrationOverview(
        shopify=ShopifyConnection.objects.filter(store=store).first(),
        customer_hub=hub_settings_get(store=store),
        returns_provider=returns_provider_get(store=store),
    )
