"""A generated Shopify mirror for the agent-turn benchmark: a few thousand customers and their
orders (line items from the demo catalogue, fulfillments, cancellations, returns and refunds),
written straight into ``integrations.shopify.models`` with ``bulk_create`` — what a finished
sync leaves behind, without running one.

The orders are generated in memory first (``orders_generate``, plain records, deterministic for
a seed and a ``now``), so the benchmark's conversations can name orders in the state each turn
needs (an open order to change, a delivered one to return, a refunded one to ask about), then
written with ``mirror_write``.

States (share of a regular customer's orders): ``fresh`` unfulfilled, placed minutes ago
(inside the demo's 60-minute edit window) 3 %; ``open`` unfulfilled, hours to days old 9 %;
``partial`` partly shipped 5 %; ``transit`` shipped, not delivered 10 %; ``delivered`` in the
last four weeks 20 %; ``delivered_old`` months ago 38 %; ``cancelled`` 5 %; ``returned``
delivered, then a return requested, in progress or refunded 10 %. Besides the regular
customers, ``multi_return`` customers have three orders delivered in the last 25 days and
``multi_open`` customers two or three open orders of the last days: "I want to return
something" / "cancel my order" from them is ambiguous, so the agent asks which order and the
next message ("the second one") continues the flow.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from core.demo.catalog import PRODUCTS
from core.demo.types import DemoProduct, DemoVariant

if TYPE_CHECKING:
    from core.models import Store
    from integrations.shopify.models import Fulfillment, LineItem, Order

STATE_SHARES: tuple[tuple[str, float], ...] = (
    ("fresh", 0.03),
    ("open", 0.09),
    ("partial", 0.05),
    ("transit", 0.10),
    ("delivered", 0.20),
    ("delivered_old", 0.38),
    ("cancelled", 0.05),
    ("returned", 0.10),
)
MULTI_CUSTOMERS = 150  # of each kind: multi_return, multi_open
FIRST_NUMBER = 1001
BATCH = 2000

_FIRST = (
    "Anna", "Daan", "Emma", "Finn", "Julia", "Lars", "Lotte", "Milan", "Noor", "Sem", "Sophie",
    "Thijs", "Tess", "Luuk", "Eva", "Bram", "Fleur", "Jesse", "Iris", "Ruben", "Sara", "Tim",
    "Lisa", "Max", "Olivia", "Jack", "Amelia", "Noah", "Grace", "Leo", "Mia", "Oscar", "Ella",
)  # fmt: skip
_LAST = (
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
    "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Dekker", "Brouwer", "Smith", "Jones",
    "Taylor", "Brown", "Wilson", "Evans", "Walker", "Wright", "Green", "Hall",
)  # fmt: skip
_RETURN_STATES = ("RETURN_REQUESTED", "IN_PROGRESS", "RETURNED")


@dataclass(frozen=True)
class GenCustomer:
    index: int
    kind: str  # regular | multi_return | multi_open
    email: str
    phone: str
    first_name: str
    last_name: str
    locale: str


@dataclass
class GenLine:
    product: DemoProduct
    variant: DemoVariant
    quantity: int
    current_quantity: int
    unfulfilled_quantity: int
    shipped: int = 0


@dataclass
class GenOrder:
    customer: int
    state: str
    created: datetime
    lines: list[GenLine]
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None
    cancelled_at: datetime | None = None
    return_status: str = "NO_RETURN"
    financial_status: str = "PAID"
    refunded: Decimal = Decimal("0.00")
    number: int = 0


@dataclass
class Mirror:
    """The generated shop: customers, orders (numbered, oldest first) and look-ups by state."""

    customers: list[GenCustomer]
    orders: list[GenOrder]
    by_state: dict[str, list[GenOrder]] = field(default_factory=dict)
    by_customer: dict[int, list[GenOrder]] = field(default_factory=dict)
    #: customer index -> primary key, filled by ``mirror_write``.
    customer_pk: dict[int, int] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[GenCustomer]:
        return [c for c in self.customers if c.kind == kind]


def orders_generate(*, count: int, now: datetime, seed: int = 7) -> Mirror:
    """``count`` orders over ``max(300, count // 3)`` customers, placed in the year before
    ``now`` (timezone-aware), numbered from ``FIRST_NUMBER`` in the order they were placed."""
    rng = random.Random(f"{seed}/agent-orders")
    customers = _customers(rng, max(300, count // 3))
    orders: list[GenOrder] = []
    for customer in customers:
        if customer.kind == "multi_return":
            for days in sorted(rng.sample(range(3, 25), 3), reverse=True):
                orders.append(_order(rng, customer.index, "delivered", now, days_ago=days))
        elif customer.kind == "multi_open":
            for hours in sorted(rng.sample(range(3, 72), rng.choice((2, 3))), reverse=True):
                orders.append(_order(rng, customer.index, "open", now, days_ago=hours / 24))
    regular = [c.index for c in customers if c.kind == "regular"]
    weights = [rng.paretovariate(1.2) for _ in regular]
    states, shares = zip(*STATE_SHARES, strict=True)
    while len(orders) < count:
        who = rng.choices(regular, weights)[0]
        orders.append(_order(rng, who, rng.choices(states, shares)[0], now))
    orders = sorted(orders[:count], key=lambda o: o.created)
    mirror = Mirror(customers=customers, orders=orders)
    for number, order in enumerate(orders, start=FIRST_NUMBER):
        order.number = number
        mirror.by_state.setdefault(order.state, []).append(order)
        mirror.by_customer.setdefault(order.customer, []).append(order)
    return mirror


def _customers(rng: random.Random, count: int) -> list[GenCustomer]:
    kinds = ["multi_return"] * MULTI_CUSTOMERS + ["multi_open"] * MULTI_CUSTOMERS
    kinds += ["regular"] * max(0, count - len(kinds))
    rng.shuffle(kinds)
    out = []
    for index, kind in enumerate(kinds):
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        out.append(
            GenCustomer(
                index=index,
                kind=kind,
                email=f"{first}.{last.replace(' ', '')}.{index}@bench.invalid".lower(),
                phone=f"+3161{index:07d}",
                first_name=first,
                last_name=last,
                locale=rng.choice(("nl", "nl", "en")),
            )
        )
    return out


def _lines(rng: random.Random, at_least: int = 1) -> list[GenLine]:
    lines = []
    for _ in range(max(at_least, rng.choice((1, 1, 1, 2, 2, 3, 4)))):
        product = rng.choice(PRODUCTS)
        quantity = rng.choice((1, 1, 1, 2))
        lines.append(
            GenLine(
                product=product,
                variant=rng.choice(product.variants),
                quantity=quantity,
                current_quantity=quantity,
                unfulfilled_quantity=quantity,
            )
        )
    return lines


def _order(
    rng: random.Random, customer: int, state: str, now: datetime, *, days_ago: float | None = None
) -> GenOrder:
    if days_ago is None:
        days_ago = {
            "fresh": rng.uniform(2, 55) / 1440,
            "open": rng.uniform(2 / 24, 4),
            "partial": rng.uniform(1, 6),
            "transit": rng.uniform(1, 5),
            "delivered": rng.uniform(4, 30),
            "delivered_old": rng.uniform(40, 365),
            "cancelled": rng.uniform(0.1, 365),
            "returned": rng.uniform(8, 45),
        }[state]
    created = (now - timedelta(days=days_ago)).replace(microsecond=0)
    order = GenOrder(
        customer=customer,
        state=state,
        created=created,
        lines=_lines(rng, 2 if state == "partial" else 1),
    )
    if state in ("partial", "transit", "delivered", "delivered_old", "returned"):
        order.shipped_at = created + timedelta(hours=rng.uniform(4, 24))
        shipped = order.lines[:-1] if state == "partial" else order.lines
        for line in shipped:
            line.shipped, line.unfulfilled_quantity = line.quantity, 0
        if state not in ("partial", "transit"):
            order.delivered_at = order.shipped_at + timedelta(days=rng.uniform(1, 3))
    if state == "cancelled":
        order.cancelled_at = created + timedelta(minutes=rng.randint(5, 50))
        for line in order.lines:
            line.current_quantity = 0
        order.financial_status = "REFUNDED"
        order.refunded = _total(order)
    if state == "returned":
        order.return_status = rng.choice(_RETURN_STATES)
        if order.return_status == "RETURNED":
            returned = order.lines[0]
            returned.current_quantity = 0
            order.refunded = returned.product.price * returned.quantity
            order.financial_status = "REFUNDED" if len(order.lines) == 1 else "PARTIALLY_REFUNDED"
    return order


def _subtotal(order: GenOrder) -> Decimal:
    return sum((li.product.price * li.quantity for li in order.lines), Decimal(0))


def _total(order: GenOrder) -> Decimal:
    subtotal = _subtotal(order)
    return subtotal + (Decimal(0) if subtotal >= 75 else Decimal("4.95"))


# --- writing ----------------------------------------------------------------------------------


def _batches(items: Sequence[GenOrder]) -> Iterator[Sequence[GenOrder]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def mirror_write(*, store: Store, mirror: Mirror) -> dict[str, int]:
    """Write the customers, orders, line items, fulfillments and fulfillment lines with
    ``bulk_create`` (``BATCH`` orders at a time); return the row counts per table."""
    from integrations.shopify.models import Customer

    rows = Customer.objects.bulk_create(
        [
            Customer(
                store=store,
                shopify_id=8_800_000_000_000 + c.index,
                email=c.email,
                phone=c.phone,
                first_name=c.first_name,
                last_name=c.last_name,
                locale=c.locale,
            )
            for c in mirror.customers
        ],
        batch_size=BATCH,
    )
    mirror.customer_pk = {c.index: row.pk for c, row in zip(mirror.customers, rows, strict=True)}
    counts = {"customers": len(rows), "orders": 0, "line items": 0, "fulfillments": 0}
    counts["fulfillment lines"] = 0
    for batch in _batches(mirror.orders):
        for table, written in _orders_write(store=store, mirror=mirror, orders=batch).items():
            counts[table] += written
    return counts


def _orders_write(*, store: Store, mirror: Mirror, orders: Sequence[GenOrder]) -> dict[str, int]:
    from integrations.shopify.models import Fulfillment, FulfillmentLineItem, LineItem, Order

    customers = {c.index: c for c in mirror.customers}
    rows = Order.objects.bulk_create([_order_row(store, mirror, customers, o) for o in orders])
    lines: list[tuple[GenLine, LineItem]] = []
    for order, row in zip(orders, rows, strict=True):
        lines += [(li, _line_row(store, row, order, i, li)) for i, li in enumerate(order.lines)]
    LineItem.objects.bulk_create([row for _, row in lines])
    shipped = [(o, row) for o, row in zip(orders, rows, strict=True) if o.shipped_at is not None]
    fulfillments = Fulfillment.objects.bulk_create(
        [_fulfillment_row(store, o, r) for o, r in shipped]
    )
    by_order = {f.order_id: f for f in fulfillments}
    shipped_lines = [
        FulfillmentLineItem(fulfillment=by_order[row.order_id], line_item=row, quantity=li.shipped)
        for li, row in lines
        if li.shipped and row.order_id in by_order
    ]
    FulfillmentLineItem.objects.bulk_create(shipped_lines)
    return {
        "orders": len(rows),
        "line items": len(lines),
        "fulfillments": len(fulfillments),
        "fulfillment lines": len(shipped_lines),
    }


def _order_row(
    store: Store, mirror: Mirror, customers: dict[int, GenCustomer], o: GenOrder
) -> Order:
    from integrations.shopify.models import Order

    c = customers[o.customer]
    partial = o.state == "partial"
    status = "UNFULFILLED" if o.shipped_at is None else "FULFILLED"
    return Order(
        store=store,
        customer_id=mirror.customer_pk[o.customer],
        shopify_id=7_700_000_000_000 + o.number,
        name=f"#{o.number}",
        number=o.number,
        email=c.email,
        phone=c.phone,
        shop_created_at=o.created,
        processed_at=o.created,
        shop_updated_at=o.cancelled_at or o.delivered_at or o.shipped_at or o.created,
        cancelled_at=o.cancelled_at,
        cancel_reason="CUSTOMER" if o.cancelled_at else "",
        closed_at=o.cancelled_at,
        display_fulfillment_status="PARTIALLY_FULFILLED" if partial else status,
        display_financial_status=o.financial_status,
        return_status=o.return_status,
        shipping_address={
            "firstName": c.first_name,
            "lastName": c.last_name,
            "address1": f"Kerkstraat {c.index % 200 + 1}",
            "zip": "1017 GC",
            "city": "Amsterdam",
            "countryCodeV2": "NL",
        },
        tags=[],
        currency="EUR",
        subtotal_price=_subtotal(o),
        total_price=_total(o) - o.refunded,
        total_refunded=o.refunded,
        status_page_url=f"https://bench.example/orders/g{o.number:08d}",
    )


def _line_row(store: Store, order: Order, o: GenOrder, i: int, li: GenLine) -> LineItem:
    from integrations.shopify.models import LineItem

    return LineItem(
        store=store,
        order=order,
        shopify_id=17_700_000_000_000 + o.number * 10 + i,
        title=li.product.title,
        variant_id=li.variant.shopify_id,
        variant_title=li.variant.title,
        variant_options=dict(li.variant.options),
        sku=li.variant.sku,
        product_id=li.product.shopify_id,
        product_type=li.product.product_type,
        product_tags=list(li.product.tags),
        quantity=li.quantity,
        current_quantity=li.current_quantity,
        unfulfilled_quantity=li.unfulfilled_quantity,
        unit_price=li.product.price,
    )


def _fulfillment_row(store: Store, o: GenOrder, order: Order) -> Fulfillment:
    from integrations.shopify.models import Fulfillment

    assert o.shipped_at is not None
    code = f"3SNRDC{o.number:09d}"
    return Fulfillment(
        store=store,
        order=order,
        shopify_id=6_700_000_000_000 + o.number,
        status="SUCCESS",
        display_status="DELIVERED" if o.delivered_at else "IN_TRANSIT",
        tracking_company="PostNL",
        tracking_number=code,
        tracking_url=f"https://jouw.postnl.nl/track-and-trace/{code}",
        shop_created_at=o.shipped_at,
        in_transit_at=o.shipped_at,
        delivered_at=o.delivered_at,
        shop_updated_at=o.delivered_at or o.shipped_at,
    )
