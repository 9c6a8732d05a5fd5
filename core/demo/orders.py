"""The demo shop's orders, as a pure function of ``now``.

Each spec below says who ordered what, how long ago, what happened since (shipped,
delivered, cancelled, returned) and which :class:`DemoCase` it demonstrates. Order numbers
follow placement time (oldest is #1001), so they stay realistic and deterministic.
Policy facts the specs rely on: edit/cancel window 60 minutes, cancellation fee EUR 5
after it, return window 30 days after delivery, free shipping from EUR 75 (NL) / EUR 100 (UK).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from core.demo.catalog import variant_by_sku
from core.demo.customers import customer_by_key
from core.demo.orders_specs import NO_RETURN, SPECS, Cancelled, Delivered, OrderSpec, Shipped
from core.demo.store import CANCELLATION_FEE, SHOP_DOMAIN
from core.demo.types import DemoFulfillment, DemoLineItem, DemoOrder

FIRST_ORDER_NUMBER = 1001
CURRENCY = "EUR"

_ORDER_ID_BASE = 6_100_000_000_000
_LINE_ITEM_ID_BASE = 15_100_000_000_000
_FULFILLMENT_ID_BASE = 5_600_000_000_000

# country code -> (free shipping from, shipping fee, carrier)
_SHIPPING = {
    "NL": (Decimal("75.00"), Decimal("4.95"), "PostNL"),
    "GB": (Decimal("100.00"), Decimal("9.95"), "DHL Express"),
}


def demo_orders(*, now: datetime) -> tuple[DemoOrder, ...]:
    """Every demo order, oldest first, with times relative to ``now`` (timezone-aware)."""
    ordered = sorted(SPECS, key=lambda spec: spec.placed, reverse=True)
    return tuple(
        _build(spec, number=FIRST_ORDER_NUMBER + i, now=now) for i, spec in enumerate(ordered)
    )


@dataclass(frozen=True)
class _Money:
    subtotal: Decimal
    shipping: Decimal

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.shipping


def _build(spec: OrderSpec, *, number: int, now: datetime) -> DemoOrder:
    customer = customer_by_key(spec.customer)
    country = customer.address["countryCodeV2"]
    created = now - spec.placed
    shipped = _shipped_quantities(spec)
    refunded = set(spec.state.refunded) if isinstance(spec.state, Delivered) else set()
    cancelled = isinstance(spec.state, Cancelled)
    lines = tuple(
        _line_item(
            number, i, sku, qty, shipped.get(i, 0), refunded=i in refunded, cancelled=cancelled
        )
        for i, (sku, qty) in enumerate(spec.items)
    )
    free_from, fee, _ = _SHIPPING[country]
    subtotal = sum((li.unit_price * li.quantity for li in lines), Decimal("0"))
    money = _Money(subtotal=subtotal, shipping=Decimal("0") if subtotal >= free_from else fee)
    fulfillments = _fulfillments(spec, number, lines, shipped, country, now=now)
    cancelled_at = created + spec.state.after if isinstance(spec.state, Cancelled) else None
    financial, refunded_total = _financial(spec, lines, money)
    return DemoOrder(
        shopify_id=_ORDER_ID_BASE + number,
        number=number,
        name=f"#{number}",
        customer_id=customer.shopify_id,
        email=customer.email,
        phone=customer.phone,
        created_at=created,
        processed_at=created,
        updated_at=_updated_at(created, cancelled_at, fulfillments, spec, now=now),
        cancelled_at=cancelled_at,
        cancel_reason="CUSTOMER" if cancelled_at else "",
        closed_at=cancelled_at,
        display_fulfillment_status=_fulfillment_status(lines, shipped),
        display_financial_status=financial,
        return_status=spec.state.return_status if isinstance(spec.state, Delivered) else NO_RETURN,
        shipping_address=dict(customer.address),
        tags=spec.tags,
        currency=CURRENCY,
        subtotal_price=money.subtotal,
        total_price=money.total,
        total_refunded=refunded_total,
        status_page_url=f"https://{SHOP_DOMAIN}/orders/{_token(number)}",
        line_items=lines,
        fulfillments=fulfillments,
        cases=spec.cases,
    )


def _shipped_quantities(spec: OrderSpec) -> dict[int, int]:
    """Line index -> quantity shipped."""
    state = spec.state
    if not isinstance(state, Shipped | Delivered):
        return {}
    if state.lines is None:
        return {i: qty for i, (_, qty) in enumerate(spec.items)}
    return dict(state.lines)


def _line_item(
    number: int, index: int, sku: str, qty: int, shipped: int, *, refunded: bool, cancelled: bool
) -> DemoLineItem:
    product, variant = variant_by_sku(sku)
    removed = refunded or cancelled
    return DemoLineItem(
        shopify_id=_LINE_ITEM_ID_BASE + number * 100 + index + 1,
        product_id=product.shopify_id,
        variant_id=variant.shopify_id,
        title=product.title,
        variant_title=variant.title,
        variant_options=dict(variant.options),
        sku=variant.sku,
        product_type=product.product_type,
        product_tags=product.tags,
        quantity=qty,
        current_quantity=0 if removed else qty,
        unfulfilled_quantity=0 if cancelled else qty - shipped,
        unit_price=product.price,
    )


def _fulfillments(
    spec: OrderSpec,
    number: int,
    lines: tuple[DemoLineItem, ...],
    shipped: dict[int, int],
    country: str,
    *,
    now: datetime,
) -> tuple[DemoFulfillment, ...]:
    state = spec.state
    if not isinstance(state, Shipped | Delivered):
        return ()
    created = now - state.shipped
    in_transit = min(created + timedelta(hours=5), now)
    if isinstance(state, Delivered):
        delivered: datetime | None = now - state.delivered
        display = "DELIVERED"
    else:
        delivered, display = None, state.display_status
    carrier = _SHIPPING[country][2]
    tracking, url = _tracking(number, country, customer_by_key(spec.customer).address["zip"])
    return (
        DemoFulfillment(
            shopify_id=_FULFILLMENT_ID_BASE + number * 10 + 1,
            status="SUCCESS",
            display_status=display,
            tracking_company=carrier,
            tracking_number=tracking,
            tracking_url=url,
            created_at=created,
            in_transit_at=in_transit,
            delivered_at=delivered,
            updated_at=delivered or in_transit,
            line_items=tuple(
                (lines[i].shopify_id, qty) for i, qty in sorted(shipped.items()) if qty
            ),
        ),
    )


def _tracking(number: int, country: str, zip_code: str) -> tuple[str, str]:
    """(tracking number, tracking URL) in the carrier's own format."""
    if country == "NL":
        tracking = f"3SNRDC{number:07d}"
        postcode = zip_code.replace(" ", "")
        return tracking, f"https://jouw.postnl.nl/track-and-trace/{tracking}-NL-{postcode}"
    tracking = f"JD0146{number:012d}"
    return tracking, f"https://www.dhl.com/gb-en/home/tracking.html?tracking-id={tracking}"


def _fulfillment_status(lines: tuple[DemoLineItem, ...], shipped: dict[int, int]) -> str:
    shipped_total = sum(shipped.values())
    if shipped_total == 0:
        return "UNFULFILLED"
    if shipped_total < sum(li.quantity for li in lines):
        return "PARTIALLY_FULFILLED"
    return "FULFILLED"


def _financial(
    spec: OrderSpec, lines: tuple[DemoLineItem, ...], money: _Money
) -> tuple[str, Decimal]:
    """(display financial status, total refunded). A full refund includes shipping."""
    state = spec.state
    if isinstance(state, Cancelled):
        if state.fee:
            return "PARTIALLY_REFUNDED", money.total - CANCELLATION_FEE
        return "REFUNDED", money.total
    if isinstance(state, Delivered) and state.refunded:
        if len(state.refunded) == len(lines):
            return "REFUNDED", money.total
        amount = sum((lines[i].unit_price * lines[i].quantity for i in state.refunded), Decimal(0))
        return "PARTIALLY_REFUNDED", amount
    return "PAID", Decimal("0.00")


def _updated_at(
    created: datetime,
    cancelled_at: datetime | None,
    fulfillments: tuple[DemoFulfillment, ...],
    spec: OrderSpec,
    *,
    now: datetime,
) -> datetime:
    latest = max(
        [created, *([cancelled_at] if cancelled_at else [])] + [f.updated_at for f in fulfillments]
    )
    if isinstance(spec.state, Delivered) and spec.state.return_status != NO_RETURN:
        # The return was requested/received about halfway between delivery and now.
        latest = latest + (now - latest) / 2
    return latest


def _token(number: int) -> str:
    return hashlib.sha256(f"{SHOP_DOMAIN}:order:{number}".encode()).hexdigest()[:32]
