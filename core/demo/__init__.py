"""The demo shop "Noord & Co", defined once, as plain data.

A bilingual (Dutch/English) fashion and lifestyle shop with products, customers, orders in
every state the skills must handle, and policy articles in both languages. Pure Python with
no Django models: ``agent.demo.demo_store_load`` writes it into the database, and the
Shopify sandbox serves the same data through the Admin GraphQL API.

Everything time-dependent is a pure function of a ``now`` anchor (see :func:`demo_orders`),
so loading again later moves every order along with the clock and each case still holds.
"""

from __future__ import annotations

from core.demo.articles_en import ARTICLES_EN
from core.demo.articles_nl import ARTICLES_NL
from core.demo.catalog import PRODUCTS
from core.demo.customers import CUSTOMERS
from core.demo.home import HOME_STORE
from core.demo.orders import demo_orders
from core.demo.store import (
    CANCEL_WINDOW_MINUTES,
    CANCELLATION_FEE,
    DASHBOARD_URL,
    EDIT_WINDOW_MINUTES,
    OWNER,
    RETURN_WINDOW_DAYS,
    SHOP_DOMAIN,
    USERS,
)
from core.demo.types import (
    DemoArticle,
    DemoCase,
    DemoCustomer,
    DemoFulfillment,
    DemoLineItem,
    DemoOrder,
    DemoProduct,
    DemoStoreInfo,
    DemoUser,
    DemoVariant,
)

STORE = DemoStoreInfo(
    name="Noord & Co",
    slug="demo",
    shop_domain=SHOP_DOMAIN,
    default_language="nl",
    timezone="Europe/Amsterdam",
    articles=(*ARTICLES_EN, *ARTICLES_NL),
)

__all__ = [
    "CANCELLATION_FEE",
    "CANCEL_WINDOW_MINUTES",
    "CUSTOMERS",
    "DASHBOARD_URL",
    "EDIT_WINDOW_MINUTES",
    "HOME_STORE",
    "OWNER",
    "PRODUCTS",
    "RETURN_WINDOW_DAYS",
    "STORE",
    "USERS",
    "DemoArticle",
    "DemoCase",
    "DemoCustomer",
    "DemoFulfillment",
    "DemoLineItem",
    "DemoOrder",
    "DemoProduct",
    "DemoStoreInfo",
    "DemoUser",
    "DemoVariant",
    "demo_orders",
]
