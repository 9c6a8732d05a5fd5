from __future__ import annotations

import factory

from core.models import ApiToken, Membership
from core.services import api_token_create
from integrations.customer_hub.models import CustomerHubSettings
from integrations.returns.models import ReturnsProviderConnection
from integrations.shopify.models import ShopifyConnection
from knowledge.models import Article
from skills.models import SkillConfig
from tests.factories.core import StoreFactory


class ArticleFactory(factory.django.DjangoModelFactory[Article]):
    class Meta:
        model = Article

    store = factory.SubFactory(StoreFactory)
    title = factory.Sequence(lambda n: f"Order changes {n}")
    body = "# Changing an order\n\nOrders can be changed within 1 hour."
    language = "en"
    status = Article.Status.DRAFT


class SkillConfigFactory(factory.django.DjangoModelFactory[SkillConfig]):
    class Meta:
        model = SkillConfig

    store = factory.SubFactory(StoreFactory)
    skill_id = "order_edit"
    enabled = True
    settings = factory.LazyFunction(dict)


class ShopifyConnectionFactory(factory.django.DjangoModelFactory[ShopifyConnection]):
    class Meta:
        model = ShopifyConnection

    store = factory.SubFactory(StoreFactory)
    shop_domain = factory.SelfAttribute("store.shop_domain")
    access_token = "shpat_secret_access_token"
    scopes = "read_orders,read_customers"
    status = ShopifyConnection.Status.CONNECTED


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


def token_for(membership: Membership, name: str = "CI") -> tuple[ApiToken, str]:
    return api_token_create(membership=membership, name=name)
