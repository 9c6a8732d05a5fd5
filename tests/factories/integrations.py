"""Factories for the integrations apps: the Shopify mirror, the Customer Hub, returns providers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from integrations.customer_hub.models import CustomerHubSettings
from integrations.returns.models import ReturnsProviderConnection
from integrations.shopify.models import Customer, Order, ShopifyConnection
from tests.factories.core import StoreFactory

_T0 = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


class ShopifyConnectionFactory(factory.django.DjangoModelFactory[ShopifyConnection]):
    class Meta:
        model = ShopifyConnection

    store = factory.SubFactory(StoreFactory)
    shop_domain = factory.SelfAttribute("store.shop_domain")
    access_token = "shpat_test_token"
    status = ShopifyConnection.Status.CONNECTED
    connected_at = _T0
    last_sync_at = _T0 + dt.timedelta(hours=2)


class CustomerFactory(factory.django.DjangoModelFactory[Customer]):
    class Meta:
        model = Customer

    store = factory.SubFactory(StoreFactory)
    shopify_id = factory.Sequence(lambda n: 7_000_000 + n)
    email = factory.Sequence(lambda n: f"shopper{n}@example.com")
    first_name = "Sanne"
    last_name = "de Vries"


class OrderFactory(factory.django.DjangoModelFactory[Order]):
    class Meta:
        model = Order

    store = factory.SubFactory(StoreFactory)
    customer = factory.SubFactory(CustomerFactory, store=factory.SelfAttribute("..store"))
    shopify_id = factory.Sequence(lambda n: 9_000_000 + n)
    number = factory.Sequence(lambda n: 1001 + n)
    name = factory.LazyAttribute(lambda o: f"#{o.number}")
    shop_created_at = _T0
    shop_updated_at = _T0
    display_fulfillment_status = "UNFULFILLED"
    display_financial_status = "PAID"
    currency = "EUR"
    subtotal_price = Decimal("49.95")
    total_price = Decimal("54.90")


class CustomerHubSettingsFactory(factory.django.DjangoModelFactory[CustomerHubSettings]):
    class Meta:
        model = CustomerHubSettings

    store = factory.SubFactory(StoreFactory)
    active = True


class ReturnsProviderConnectionFactory(
    factory.django.DjangoModelFactory[ReturnsProviderConnection]
):
    class Meta:
        model = ReturnsProviderConnection

    store = factory.SubFactory(StoreFactory)
    provider = ReturnsProviderConnection.Provider.LOOP
    api_key = "loop_secret_api_key"
    portal_url = "https://returns.example.com"
    status = ReturnsProviderConnection.Status.CONNECTED
