"""Plain, frozen records for the demo shop. No Django models here: the loader
(``agent.demo``) writes them into the database and the Shopify sandbox serves them.

Field names and status values follow Shopify's Admin GraphQL API (2026-10): statuses are
Shopify enum values (``UNFULFILLED``, ``PAID``, ``RETURN_REQUESTED``, ``DELIVERED`` ...),
addresses use ``MailingAddress`` field names (``address1``, ``zip``, ``countryCodeV2`` ...).
Money is ``Decimal`` in EUR; times are timezone-aware datetimes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal


class DemoCase(enum.StrEnum):
    """A situation the skills must handle; every demo order is labelled with the ones it shows."""

    UNFULFILLED_IN_EDIT_WINDOW = "unfulfilled_in_edit_window"
    UNFULFILLED_OUTSIDE_EDIT_WINDOW = "unfulfilled_outside_edit_window"
    PARTIALLY_FULFILLED = "partially_fulfilled"
    IN_TRANSIT = "in_transit"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVERED_IN_RETURN_WINDOW = "delivered_in_return_window"
    DELIVERED_OUTSIDE_RETURN_WINDOW = "delivered_outside_return_window"
    CANCELLED = "cancelled"
    FINAL_SALE_ITEM = "final_sale_item"
    SALE_ITEM = "sale_item"
    PERSONALISED_ITEM = "personalised_item"
    HYGIENE_ITEM = "hygiene_item"
    PRE_ORDER_ITEM = "pre_order_item"
    MULTI_ITEM = "multi_item"
    REPEAT_CUSTOMER = "repeat_customer"
    RETURN_REQUESTED = "return_requested"
    RETURN_IN_PROGRESS = "return_in_progress"
    REFUNDED = "refunded"
    PARTIALLY_REFUNDED = "partially_refunded"


@dataclass(frozen=True)
class DemoVariant:
    shopify_id: int
    sku: str
    options: dict[str, str]

    @property
    def title(self) -> str:
        """Shopify's variant title: the option values joined by " / "."""
        return " / ".join(self.options.values())


@dataclass(frozen=True)
class DemoProduct:
    shopify_id: int
    title: str
    product_type: str
    tags: tuple[str, ...]
    price: Decimal
    variants: tuple[DemoVariant, ...]
    compare_at_price: Decimal | None = None


@dataclass(frozen=True)
class DemoCustomer:
    key: str
    shopify_id: int
    first_name: str
    last_name: str
    email: str
    phone: str
    locale: str
    address: dict[str, str]


@dataclass(frozen=True)
class DemoLineItem:
    shopify_id: int
    product_id: int
    variant_id: int
    title: str
    variant_title: str
    variant_options: dict[str, str]
    sku: str
    product_type: str
    product_tags: tuple[str, ...]
    quantity: int
    current_quantity: int
    unfulfilled_quantity: int
    unit_price: Decimal
    requires_shipping: bool = True


@dataclass(frozen=True)
class DemoFulfillment:
    shopify_id: int
    status: str
    display_status: str
    tracking_company: str
    tracking_number: str
    tracking_url: str
    created_at: datetime
    in_transit_at: datetime | None
    delivered_at: datetime | None
    updated_at: datetime
    # (line item Shopify id, quantity shipped)
    line_items: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class DemoOrder:
    shopify_id: int
    number: int
    name: str
    customer_id: int | None
    email: str
    phone: str
    created_at: datetime
    processed_at: datetime
    updated_at: datetime
    cancelled_at: datetime | None
    cancel_reason: str
    closed_at: datetime | None
    display_fulfillment_status: str
    display_financial_status: str
    return_status: str
    shipping_address: dict[str, str]
    tags: tuple[str, ...]
    currency: str
    subtotal_price: Decimal
    total_price: Decimal
    total_refunded: Decimal
    status_page_url: str
    line_items: tuple[DemoLineItem, ...]
    fulfillments: tuple[DemoFulfillment, ...]
    cases: frozenset[DemoCase]


@dataclass(frozen=True)
class DemoArticle:
    """A published help-centre article; ``key`` + ``language`` identify it across runs."""

    key: str
    language: str
    title: str
    body: str


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    first_name: str
    last_name: str

    @property
    def email(self) -> str:
        return self.username


@dataclass(frozen=True)
class DemoStoreInfo:
    name: str
    slug: str
    shop_domain: str
    default_language: str
    timezone: str
    articles: tuple[DemoArticle, ...] = field(default=())
