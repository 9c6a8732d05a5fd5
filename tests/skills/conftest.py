"""Helpers for the order skills' tests: the demo shop in the database (its settings, its help
articles indexed, its customers and orders written straight into the Shopify mirror with the
mirror's own upsert) and a ``SkillContext`` built with the real tools over that database and a
fixed clock."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import translation

from core import demo
from core.demo.types import DemoCase, DemoOrder
from core.models import Store
from integrations.customer_hub.links import HubLinkClaims, hub_link_build, hub_link_verify
from integrations.customer_hub.models import CustomerHubSettings
from integrations.returns.models import ReturnsProviderConnection
from integrations.shopify.datatypes import (
    CustomerData,
    FulfillmentData,
    FulfillmentLineItemData,
    LineItemData,
    OrderData,
)
from integrations.shopify.facts import customer_order_get, customer_orders_list
from integrations.shopify.mirror import orders_upsert
from integrations.shopify.models import Customer
from knowledge.answers import knowledge_answer
from knowledge.search import knowledge_search
from skills.base import Shopper, SkillContext, SkillRequest, SkillResult, SkillTools
from skills.replies import OrderCard, QuickReplies, TextBlock
from tests.factories.agent import ChannelConfigFactory
from tests.factories.core import StoreFactory
from tests.factories.integrations import (
    CustomerHubSettingsFactory,
    ReturnsProviderConnectionFactory,
    ShopifyConnectionFactory,
)
from tests.knowledge.search_content import demo_content_load

#: The fixed clock of every skill test: a Monday morning (11:00 in Amsterdam).
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)

_CUSTOMERS = {c.shopify_id: c for c in demo.CUSTOMERS}
_DEMO_ORDERS = demo.demo_orders(now=NOW)


def _order_data(o: DemoOrder) -> OrderData:
    c = _CUSTOMERS[o.customer_id] if o.customer_id is not None else None
    return OrderData(
        id=o.shopify_id,
        name=o.name,
        number=o.number,
        email=o.email,
        phone=o.phone,
        created_at=o.created_at,
        processed_at=o.processed_at,
        updated_at=o.updated_at,
        cancelled_at=o.cancelled_at,
        cancel_reason=o.cancel_reason,
        closed_at=o.closed_at,
        display_fulfillment_status=o.display_fulfillment_status,
        display_financial_status=o.display_financial_status,
        return_status=o.return_status,
        shipping_address=dict(o.shipping_address),
        tags=o.tags,
        currency=o.currency,
        subtotal_price=o.subtotal_price,
        total_price=o.total_price,
        total_refunded=o.total_refunded,
        status_page_url=o.status_page_url,
        customer=CustomerData(
            id=c.shopify_id,
            email=c.email,
            phone=c.phone,
            first_name=c.first_name,
            last_name=c.last_name,
            locale=c.locale,
            updated_at=NOW - dt.timedelta(days=365),
        )
        if c is not None
        else None,
        line_items=tuple(
            LineItemData(
                id=li.shopify_id,
                title=li.title,
                variant_id=li.variant_id,
                variant_title=li.variant_title,
                variant_options=dict(li.variant_options),
                sku=li.sku,
                product_id=li.product_id,
                product_type=li.product_type,
                product_tags=li.product_tags,
                quantity=li.quantity,
                current_quantity=li.current_quantity,
                unfulfilled_quantity=li.unfulfilled_quantity,
                unit_price=li.unit_price,
                requires_shipping=li.requires_shipping,
            )
            for li in o.line_items
        ),
        fulfillments=tuple(
            FulfillmentData(
                id=f.shopify_id,
                status=f.status,
                display_status=f.display_status,
                tracking_company=f.tracking_company,
                tracking_number=f.tracking_number,
                tracking_url=f.tracking_url,
                created_at=f.created_at,
                updated_at=f.updated_at,
                in_transit_at=f.in_transit_at,
                delivered_at=f.delivered_at,
                line_items=tuple(
                    FulfillmentLineItemData(line_item_id=line_id, quantity=qty)
                    for line_id, qty in f.line_items
                ),
            )
            for f in o.fulfillments
        ),
    )


@dataclass(frozen=True)
class DemoShop:
    """The demo shop in one test's database, at ``NOW``."""

    store: Store
    orders: tuple[DemoOrder, ...]
    #: customer key ("sanne") -> Shopper, verified.
    shoppers: Mapping[str, Shopper] = field(default_factory=dict)

    def order(self, number: int) -> DemoOrder:
        return next(o for o in self.orders if o.number == number)

    def owner(self, number: int) -> str:
        """The key of the customer who placed order ``number``."""
        customer_id = self.order(number).customer_id
        return next(c.key for c in demo.CUSTOMERS if c.shopify_id == customer_id)

    def with_case(self, *cases: DemoCase) -> list[DemoOrder]:
        return [o for o in self.orders if set(cases) <= o.cases]

    def of(self, key: str) -> list[DemoOrder]:
        """The customer's orders, most recent first."""
        shopify_id = next(c.shopify_id for c in demo.CUSTOMERS if c.key == key)
        mine = [o for o in self.orders if o.customer_id == shopify_id]
        return sorted(mine, key=lambda o: o.created_at, reverse=True)

    def shopper_of(self, number: int) -> Shopper:
        return self.shoppers[self.owner(number)]


def demo_shop_load(
    *, hub: bool = True, provider: bool = True, content: bool = True, slug: str = "demo"
) -> DemoShop:
    """The demo store's settings, content and orders (anchored at NOW) in the database.
    ``hub``/``provider``: whether the Customer Hub is active / a returns provider connected."""
    store = StoreFactory.create(
        slug=slug, name="Noord & Co", timezone=demo.STORE.timezone, default_language="nl"
    )
    CustomerHubSettingsFactory.create(
        store=store,
        active=hub,
        mode=CustomerHubSettings.Mode.BUILTIN,
        edit_window_minutes=demo.EDIT_WINDOW_MINUTES,
        cancel_window_minutes=demo.CANCEL_WINDOW_MINUTES,
    )
    if provider:
        ReturnsProviderConnectionFactory.create(
            store=store,
            provider=ReturnsProviderConnection.Provider.BUILTIN,
            status=ReturnsProviderConnection.Status.CONNECTED,
        )
    ShopifyConnectionFactory.create(store=store)
    ChannelConfigFactory.create(store=store, kind="webchat", enabled=True)
    if content:
        demo_content_load(store=store)
    orders_upsert(store=store, orders=[_order_data(o) for o in _DEMO_ORDERS])
    customers = {c.shopify_id: c for c in Customer.objects.filter(store=store)}
    shoppers = {
        c.key: Shopper(
            verified=True,
            customer_id=customers[c.shopify_id].pk,
            shopify_customer_id=c.shopify_id,
            email=c.email,
            phone=c.phone,
            name=f"{c.first_name} {c.last_name}",
        )
        for c in demo.CUSTOMERS
        if c.shopify_id in customers
    }
    return DemoShop(store=store, orders=_DEMO_ORDERS, shoppers=shoppers)


@pytest.fixture(scope="module")
def demo_shop(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoShop]:
    """The demo shop with every prerequisite met, loaded once per test module inside a
    transaction that is rolled back after the module (each test runs in a savepoint of it,
    so a test may change settings freely)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield demo_shop_load()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def shop(demo_shop: DemoShop, db: None) -> DemoShop:
    return demo_shop


def skill_tools(*, now: dt.datetime = NOW) -> SkillTools:
    """The real tools over the test database, with a fixed clock."""
    return SkillTools(
        knowledge_answer=knowledge_answer,
        knowledge_search=knowledge_search,
        orders_list=customer_orders_list,
        order_get=customer_order_get,
        hub_link=hub_link_build,
        now=lambda: now,
    )


def skill_context(
    *,
    store: Store,
    text: str,
    intent: str,
    language: str = "en",
    shopper: Shopper | None = None,
    state: Mapping[str, Any] | None = None,
    channel: str = "webchat",
    now: dt.datetime = NOW,
    **request: Any,
) -> SkillContext:
    return SkillContext(
        store=store,
        channel=channel,
        request=SkillRequest(
            text=text, language=language, intent=intent, confidence=0.9, **request
        ),
        shopper=shopper or Shopper(),
        tools=skill_tools(now=now),
        state=dict(state or {}),
    )


def anonymous() -> Shopper:
    return Shopper()


def first(items: Iterable[Any], kind: type) -> Any:
    """The first item of ``kind`` (a block type) or None."""
    return next((item for item in items if isinstance(item, kind)), None)


def each(items: Iterable[Any], kind: type) -> list[Any]:
    return [item for item in items if isinstance(item, kind)]


def in_language(language: str) -> Callable[[Callable[[], Any]], Any]:
    def run(fn: Callable[[], Any]) -> Any:
        with translation.override(language):
            return fn()

    return run


# --- more orders ------------------------------------------------------------------------------


def order_copy(
    shop: DemoShop,
    number: int,
    *,
    new_number: int,
    placed: dt.timedelta,
    shipped: dt.timedelta | None = None,
) -> DemoOrder:
    """A copy of demo order ``number`` for the same customer, as ``new_number``, placed
    ``placed`` before NOW (its fulfillments ``shipped`` before NOW), written into the mirror."""
    source = shop.order(number)
    offset = 1_000_000 + new_number
    line_ids = {li.shopify_id: li.shopify_id + offset for li in source.line_items}
    when = (NOW - shipped) if shipped is not None else None
    copy = dataclasses.replace(
        source,
        shopify_id=source.shopify_id + offset,
        number=new_number,
        name=f"#{new_number}",
        created_at=NOW - placed,
        processed_at=NOW - placed,
        updated_at=NOW - placed,
        line_items=tuple(
            dataclasses.replace(li, shopify_id=line_ids[li.shopify_id]) for li in source.line_items
        ),
        fulfillments=tuple(
            dataclasses.replace(
                f,
                shopify_id=f.shopify_id + offset,
                created_at=when or f.created_at,
                in_transit_at=when or f.in_transit_at,
                updated_at=when or f.updated_at,
                line_items=tuple((line_ids[i], q) for i, q in f.line_items),
            )
            for f in source.fulfillments
        ),
    )
    orders_upsert(store=shop.store, orders=[_order_data(copy)])
    return copy


# --- reading results --------------------------------------------------------------------------


def said(result: SkillResult) -> list[str]:
    """The skill's own sentences: text blocks without a citation."""
    return [b.text for b in result.reply.blocks if isinstance(b, TextBlock) and not b.citation]


def quoted(result: SkillResult) -> list[TextBlock]:
    """The quoted policy passages: text blocks with a citation."""
    return [b for b in result.reply.blocks if isinstance(b, TextBlock) and b.citation]


def block_types(result: SkillResult) -> list[str]:
    return [type(b).block_type for b in result.reply.blocks]


def the_card(result: SkillResult) -> OrderCard:
    cards = [b for b in result.reply.blocks if isinstance(b, OrderCard)]
    assert len(cards) == 1, block_types(result)
    return cards[0]


def quick_labels(result: SkillResult) -> list[str]:
    return [o.label for b in result.reply.blocks if isinstance(b, QuickReplies) for o in b.options]


def event_kinds(result: SkillResult) -> list[str]:
    return [kind for kind, _ in result.events]


def hub_claims(url: str, *, store: Store, number: int, action: str) -> HubLinkClaims:
    """The claims of a built-in hub deep link, checked the way the hub checks them."""
    prefix = f"{settings.APP_BASE_URL}/hub/{store.slug}/orders/{number}/{action}?t="
    assert url.startswith(prefix), url
    token = parse_qs(urlsplit(url).query)["t"][0]
    return hub_link_verify(store=store, token=token, order_number=number, action=action, now=NOW)
