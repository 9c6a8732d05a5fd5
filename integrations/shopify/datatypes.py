"""What the Shopify client gives back: frozen dataclasses, never raw dicts.

Ids are Shopify's numeric ``legacyResourceId`` values (the GraphQL ``gid://shopify/...``
ids are converted in the client). Times are timezone-aware datetimes. Money is Decimal in the
shop's currency (``shopMoney``). Status values are Shopify's own enum names (Admin API 2026-10).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Generic, Protocol, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class ShopInfo:
    id: int
    name: str
    myshopify_domain: str
    email: str
    currency: str
    iana_timezone: str
    primary_locale: str = "en"


@dataclass(frozen=True)
class CustomerData:
    id: int
    email: str
    phone: str
    first_name: str
    last_name: str
    locale: str
    updated_at: datetime


@dataclass(frozen=True)
class LineItemData:
    id: int
    title: str
    variant_id: int | None
    variant_title: str
    variant_options: dict[str, str]
    sku: str
    product_id: int | None
    product_type: str
    product_tags: tuple[str, ...]
    quantity: int
    current_quantity: int
    unfulfilled_quantity: int
    unit_price: Decimal
    requires_shipping: bool = True


@dataclass(frozen=True)
class FulfillmentLineItemData:
    line_item_id: int
    quantity: int


@dataclass(frozen=True)
class FulfillmentData:
    id: int
    status: str
    display_status: str
    tracking_company: str
    tracking_number: str
    tracking_url: str
    created_at: datetime
    updated_at: datetime
    in_transit_at: datetime | None
    delivered_at: datetime | None
    line_items: tuple[FulfillmentLineItemData, ...] = ()


@dataclass(frozen=True)
class OrderData:
    id: int
    name: str
    number: int
    email: str
    phone: str
    created_at: datetime
    processed_at: datetime | None
    updated_at: datetime
    cancelled_at: datetime | None
    cancel_reason: str
    closed_at: datetime | None
    display_fulfillment_status: str
    display_financial_status: str
    return_status: str
    shipping_address: dict[str, str | None]
    tags: tuple[str, ...]
    currency: str
    subtotal_price: Decimal
    total_price: Decimal
    total_refunded: Decimal
    status_page_url: str
    customer: CustomerData | None
    line_items: tuple[LineItemData, ...] = ()
    fulfillments: tuple[FulfillmentData, ...] = ()


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a cursor-paginated connection."""

    items: Sequence[T]
    end_cursor: str | None
    has_next_page: bool


@dataclass(frozen=True)
class ThrottleStatus:
    """From ``extensions.cost.throttleStatus`` of the last response."""

    maximum_available: float
    currently_available: float
    restore_rate: float


@dataclass(frozen=True)
class WebhookSubscriptionData:
    id: int
    topic: str
    uri: str


@dataclass(frozen=True)
class UserError:
    field: tuple[str, ...]
    message: str
    code: str = ""


@dataclass(frozen=True)
class MutationResult:
    """Outcome of a mutation: Shopify reports business errors as ``userErrors``, not HTTP
    errors. ``ok`` is False when there are any."""

    user_errors: tuple[UserError, ...] = ()
    data: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.user_errors


@dataclass(frozen=True)
class BulkOperation:
    """A bulk query (``BulkOperation``): ``status`` is Shopify's enum name (CREATED, RUNNING,
    COMPLETED, FAILED, CANCELING, CANCELED, EXPIRED); ``error_code`` (ACCESS_DENIED,
    INTERNAL_SERVER_ERROR, TIMEOUT) only when it failed; ``object_count`` counts every object
    written so far (orders and their line items alike); ``url`` is the JSONL file once COMPLETED
    (a signed link that needs no token, valid for seven days)."""

    id: str
    status: str
    error_code: str = ""
    object_count: int = 0
    url: str = ""

    @property
    def finished(self) -> bool:
        return self.status not in ("CREATED", "RUNNING", "CANCELING")


@dataclass(frozen=True)
class FulfillmentLinesData:
    """What one fulfillment shipped (from the fulfillment orders' bulk query)."""

    fulfillment_id: int
    line_items: tuple[FulfillmentLineItemData, ...]


@dataclass(frozen=True)
class ShopPolicyTranslation:
    """A published translation of a policy's ``body`` (a ``ShopPolicy``'s only translatable
    field) into ``locale``: HTML. ``outdated``: the original changed after it was translated."""

    locale: str
    body: str
    outdated: bool = False


@dataclass(frozen=True)
class ShopPolicyData:
    """A legal policy (``ShopPolicy``) as the merchant wrote it in Shopify. ``type`` is
    Shopify's ``ShopPolicyType`` (REFUND_POLICY, SHIPPING_POLICY, TERMS_OF_SERVICE,
    PRIVACY_POLICY, ...). ``title`` and ``body`` are in ``locale``, the shop's primary locale;
    ``body`` is the merchant's HTML, unsanitised. ``url`` is the policy's public page."""

    id: int
    type: str
    title: str
    body: str
    url: str
    updated_at: datetime
    locale: str
    translations: tuple[ShopPolicyTranslation, ...] = ()


class ShopifyAdmin(Protocol):
    """What the rest of the product needs from Shopify's Admin API. The real client
    (integrations.shopify.client.ShopifyClient) implements it; tests may pass a fake."""

    def shop(self) -> ShopInfo: ...

    def orders_count(self, *, updated_since: datetime | None = None) -> int: ...

    def orders_page(
        self,
        *,
        updated_since: datetime | None = None,
        after: str | None = None,
        first: int = 100,
    ) -> Page[OrderData]: ...

    def order_get(self, *, order_id: int) -> OrderData | None: ...

    def customers_page(
        self, *, updated_since: datetime | None = None, after: str | None = None, first: int = 100
    ) -> Page[CustomerData]: ...

    def webhook_subscriptions(self) -> list[WebhookSubscriptionData]: ...

    def webhook_subscription_create(self, *, topic: str, uri: str) -> MutationResult: ...

    def bulk_orders_start(self, *, updated_since: datetime | None = None) -> BulkOperation: ...

    def bulk_fulfillment_lines_start(
        self, *, updated_since: datetime | None = None
    ) -> BulkOperation: ...

    def bulk_operation_get(self, *, operation_id: str) -> BulkOperation: ...

    def bulk_orders_iter(self, *, url: str) -> Iterator[OrderData]: ...

    def bulk_fulfillment_lines_iter(self, *, url: str) -> Iterator[FulfillmentLinesData]: ...
