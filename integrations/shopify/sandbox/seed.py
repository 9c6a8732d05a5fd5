"""Filling the sandbox: the demo shop from ``core.demo``, and generated orders for benchmarks."""

from __future__ import annotations

import hashlib
import hmac
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Max

from core import demo
from core.demo.orders import CURRENCY
from core.demo.types import DemoFulfillment, DemoLineItem, DemoOrder, DemoProduct
from integrations.shopify.sandbox import documents as docs
from integrations.shopify.sandbox.models import (
    SandboxAccessToken,
    SandboxCustomer,
    SandboxFulfillment,
    SandboxOrder,
    SandboxProduct,
    SandboxShop,
    SandboxVariant,
)

SEED_SCOPES = (
    "read_orders,write_orders,read_customers,read_fulfillments,read_returns,"
    "read_merchant_managed_fulfillment_orders,read_legal_policies"
)
_GENERATED_ORDER_ID_BASE = 7_100_000_000_000
_GENERATED_LINE_ID_BASE = 17_100_000_000_000
_GENERATED_FULFILLMENT_ID_BASE = 6_600_000_000_000
_BATCH = 2000


@dataclass(frozen=True)
class SandboxShopSeed:
    shop: SandboxShop
    access_token: str
    customers: int
    orders: int
    products: int


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def sandbox_seed_token(*, shop_domain: str) -> str:
    """The seeded shop's Admin API token: derived from SECRET_KEY and the domain, so a re-seed
    (or another process) gets the same token back without storing it in the clear."""
    key = settings.SECRET_KEY.encode()
    digest = hmac.new(key, f"shopify-sandbox-token:{shop_domain}".encode(), hashlib.sha256)
    return f"shpat_{digest.hexdigest()[:32]}"


@transaction.atomic
def sandbox_shop_seed(*, shop_domain: str, now: datetime) -> SandboxShopSeed:
    """Create or refresh ``shop_domain`` with the demo shop's products, customers and orders
    (times anchored at ``now``, whole seconds). Idempotent: documents are replaced, rows the
    demo no longer has are deleted, webhook subscriptions are kept, the token stays the same.
    """
    shop = _shop_upsert(shop_domain=shop_domain, now=now)
    token = sandbox_seed_token(shop_domain=shop_domain)
    SandboxAccessToken.objects.filter(shop=shop, source=SandboxAccessToken.Source.SEED).exclude(
        token_hash=token_hash(token)
    ).delete()
    SandboxAccessToken.objects.update_or_create(
        token_hash=token_hash(token),
        defaults={"shop": shop, "scopes": SEED_SCOPES, "source": SandboxAccessToken.Source.SEED},
        create_defaults={
            "shop": shop,
            "scopes": SEED_SCOPES,
            "source": SandboxAccessToken.Source.SEED,
            "created_at": now,
        },
    )
    catalog_created = docs.whole_seconds(now - timedelta(days=365))
    variants = _products_upsert(shop=shop, created=catalog_created)
    orders = demo.demo_orders(now=now)
    customers = _customers_upsert(shop=shop, orders=orders, now=now)
    rows = [
        _order_row(
            shop,
            docs.order_document(o, customer=customers.get(o.customer_id or 0), variants=variants),
        )
        for o in orders
    ]
    _upsert(SandboxOrder, rows)
    SandboxOrder.objects.filter(shop=shop).exclude(
        legacy_id__in=[o.shopify_id for o in orders]
    ).delete()
    pks = dict(SandboxOrder.objects.filter(shop=shop).values_list("legacy_id", "pk"))
    for row in rows:
        row.pk = pks[row.legacy_id]
    _fulfillments_index(shop, rows)
    return SandboxShopSeed(
        shop=shop,
        access_token=token,
        customers=len(customers),
        orders=len(rows),
        products=len(demo.PRODUCTS),
    )


def _shop_upsert(*, shop_domain: str, now: datetime) -> SandboxShop:
    legacy_id = int(hashlib.sha256(shop_domain.encode()).hexdigest()[:12], 16) % 10**11
    values = {
        "name": demo.STORE.name,
        "email": demo.OWNER.email,
        "currency": CURRENCY,
        "iana_timezone": demo.STORE.timezone,
        "primary_locale": demo.STORE.default_language,
        "updated_at": now,
    }
    shop, _ = SandboxShop.objects.update_or_create(
        domain=shop_domain,
        defaults=values,
        create_defaults={**values, "legacy_id": legacy_id, "created_at": now},
    )
    return shop


def _products_upsert(*, shop: SandboxShop, created: datetime) -> dict[int, docs.Doc]:
    """Write the catalogue; return {variant id: variant document with its product}."""
    _upsert(
        SandboxProduct,
        [
            SandboxProduct(
                shop=shop,
                legacy_id=p.shopify_id,
                document=docs.product_document(p, created=created),
            )
            for p in demo.PRODUCTS
        ],
    )
    product_pks = dict(SandboxProduct.objects.filter(shop=shop).values_list("legacy_id", "pk"))
    _upsert(
        SandboxVariant,
        [
            SandboxVariant(shop=shop, legacy_id=v.shopify_id, product_id=product_pks[p.shopify_id])
            for p in demo.PRODUCTS
            for v in p.variants
        ],
    )
    return _variant_documents(demo.PRODUCTS, created=created)


def _variant_documents(
    products: tuple[DemoProduct, ...], *, created: datetime
) -> dict[int, docs.Doc]:
    return {
        v.shopify_id: docs.variant_document(p, v, position=i, created=created)
        for p in products
        for i, v in enumerate(p.variants, start=1)
    }


def _customers_upsert(
    *, shop: SandboxShop, orders: tuple[DemoOrder, ...], now: datetime
) -> dict[int, docs.Doc]:
    """Write the demo customers; their times and totals follow their orders."""
    placed: dict[int, list[DemoOrder]] = {}
    for order in orders:
        if order.customer_id is not None:
            placed.setdefault(order.customer_id, []).append(order)
    documents: dict[int, docs.Doc] = {}
    rows = []
    for customer in demo.CUSTOMERS:
        theirs = placed.get(customer.shopify_id, [])
        first = min((o.created_at for o in theirs), default=now - timedelta(days=60))
        updated = max((o.created_at for o in theirs), default=first)
        spent = sum((o.total_price - o.total_refunded for o in theirs), Decimal(0))
        doc = docs.customer_document(
            customer,
            created=first - timedelta(days=30),
            updated=updated,
            orders=len(theirs),
            spent=spent,
            currency=CURRENCY,
        )
        documents[customer.shopify_id] = doc
        rows.append(_customer_row(shop, doc))
    _upsert(SandboxCustomer, rows)
    SandboxCustomer.objects.filter(shop=shop).exclude(legacy_id__in=list(documents)).delete()
    return documents


def _fulfillments_index(shop: SandboxShop, orders: list[SandboxOrder]) -> None:
    """Record which order holds each fulfillment (rows must have their primary keys)."""
    SandboxFulfillment.objects.bulk_create(
        [
            SandboxFulfillment(shop=shop, legacy_id=int(f["legacyResourceId"]), order_id=o.pk)
            for o in orders
            for f in o.document["fulfillments"]
        ],
        batch_size=_BATCH,
        update_conflicts=True,
        unique_fields=["shop", "legacy_id"],
        update_fields=["order"],
    )


def _customer_row(shop: SandboxShop, doc: docs.Doc) -> SandboxCustomer:
    return SandboxCustomer(
        shop=shop,
        legacy_id=int(doc["legacyResourceId"]),
        email=doc["email"] or "",
        created_at=docs.parse_iso(doc["createdAt"]),
        updated_at=docs.parse_iso(doc["updatedAt"]),
        document=doc,
    )


def _order_row(shop: SandboxShop, doc: docs.Doc) -> SandboxOrder:
    customer = doc["customer"]
    return SandboxOrder(
        shop=shop,
        legacy_id=int(doc["legacyResourceId"]),
        number=doc["number"],
        email=doc["email"] or "",
        customer_legacy_id=int(customer["legacyResourceId"]) if customer else None,
        created_at=docs.parse_iso(doc["createdAt"]),
        updated_at=docs.parse_iso(doc["updatedAt"]),
        document=doc,
    )


def _upsert(
    model: type[SandboxOrder | SandboxCustomer | SandboxProduct | SandboxVariant], rows: list
) -> None:
    fields = [
        f.name for f in model._meta.concrete_fields if f.name not in ("id", "shop", "legacy_id")
    ]
    model._default_manager.bulk_create(
        rows,
        batch_size=_BATCH,
        update_conflicts=True,
        unique_fields=["shop", "legacy_id"],
        update_fields=fields,
    )


# --- generated orders for the benchmark ---------------------------------------------------------


def sandbox_orders_generate(*, shop_domain: str, count: int, now: datetime, seed: int) -> int:
    """Add ``count`` realistic orders (1-4 line items; some shipped, delivered or cancelled)
    to a seeded shop, numbered after its last order, placed over the year before ``now``.
    Written in bulk batches, never all in memory. Returns how many were written."""
    shop = SandboxShop.objects.get(domain=shop_domain)
    variants = _variant_documents(demo.PRODUCTS, created=now - timedelta(days=400))
    last = SandboxOrder.objects.filter(shop=shop).aggregate(n=Max("number"))["n"] or 1000
    rng = random.Random(seed)  # noqa: S311 - reproducible fake data, not a secret
    written = 0
    batch: list[SandboxOrder] = []
    customer_docs = {c.legacy_id: c.document for c in SandboxCustomer.objects.filter(shop=shop)}
    for order in _generated_orders(rng, start=last + 1, count=count, now=now):
        customer_doc = customer_docs.get(order.customer_id or 0)
        doc = docs.order_document(order, customer=customer_doc, variants=variants)
        batch.append(_order_row(shop, doc))
        if len(batch) >= _BATCH:
            _fulfillments_index(shop, SandboxOrder.objects.bulk_create(batch))
            written += len(batch)
            batch = []
    if batch:
        _fulfillments_index(shop, SandboxOrder.objects.bulk_create(batch))
        written += len(batch)
    return written


def _generated_orders(
    rng: random.Random, *, start: int, count: int, now: datetime
) -> Iterator[DemoOrder]:
    pairs = [(p, v) for p in demo.PRODUCTS for v in p.variants]
    for number in range(start, start + count):
        customer = rng.choice(demo.CUSTOMERS)
        created = docs.whole_seconds(now - timedelta(seconds=rng.randint(600, 365 * 86400)))
        lines = tuple(
            _generated_line(number, i, *rng.choice(pairs), rng.choice((1, 1, 1, 2)))
            for i in range(rng.randint(1, 4))
        )
        roll = rng.random()
        state = (
            "open"
            if roll < 0.25
            else "transit"
            if roll < 0.45
            else "cancel"
            if roll < 0.5
            else "delivered"
        )
        yield _generated_order(number, customer, created, lines, state, now=now)


def _generated_line(
    number: int, index: int, product: DemoProduct, variant: demo.DemoVariant, qty: int
) -> DemoLineItem:
    return DemoLineItem(
        shopify_id=_GENERATED_LINE_ID_BASE + number * 10 + index,
        product_id=product.shopify_id,
        variant_id=variant.shopify_id,
        title=product.title,
        variant_title=variant.title,
        variant_options=dict(variant.options),
        sku=variant.sku,
        product_type=product.product_type,
        product_tags=product.tags,
        quantity=qty,
        current_quantity=qty,
        unfulfilled_quantity=qty,
        unit_price=product.price,
    )


def _generated_order(
    number: int,
    customer: demo.DemoCustomer,
    created: datetime,
    lines: tuple[DemoLineItem, ...],
    state: str,
    *,
    now: datetime,
) -> DemoOrder:
    subtotal = sum((li.unit_price * li.quantity for li in lines), Decimal(0))
    total = subtotal + (Decimal(0) if subtotal >= 75 else Decimal("4.95"))
    fulfillments: tuple[DemoFulfillment, ...] = ()
    cancelled = created + timedelta(minutes=30) if state == "cancel" else None
    updated = cancelled or created
    if state in ("transit", "delivered"):
        shipped = min(created + timedelta(days=1), now)
        delivered = min(shipped + timedelta(days=2), now) if state == "delivered" else None
        lines = tuple(DemoLineItem(**{**li.__dict__, "unfulfilled_quantity": 0}) for li in lines)
        fulfillments = (
            DemoFulfillment(
                shopify_id=_GENERATED_FULFILLMENT_ID_BASE + number,
                status="SUCCESS",
                display_status="DELIVERED" if delivered else "IN_TRANSIT",
                tracking_company="PostNL",
                tracking_number=f"3SNRDC{number:09d}",
                tracking_url=f"https://jouw.postnl.nl/track-and-trace/3SNRDC{number:09d}",
                created_at=shipped,
                in_transit_at=shipped,
                delivered_at=delivered,
                updated_at=delivered or shipped,
                line_items=tuple((li.shopify_id, li.quantity) for li in lines),
            ),
        )
        updated = delivered or shipped
    if cancelled:
        lines = tuple(DemoLineItem(**{**li.__dict__, "current_quantity": 0}) for li in lines)
    return DemoOrder(
        shopify_id=_GENERATED_ORDER_ID_BASE + number,
        number=number,
        name=f"#{number}",
        customer_id=customer.shopify_id,
        email=customer.email,
        phone=customer.phone,
        created_at=created,
        processed_at=created,
        updated_at=updated,
        cancelled_at=cancelled,
        cancel_reason="CUSTOMER" if cancelled else "",
        closed_at=cancelled,
        display_fulfillment_status="FULFILLED" if fulfillments else "UNFULFILLED",
        display_financial_status="REFUNDED" if cancelled else "PAID",
        return_status="NO_RETURN",
        shipping_address=dict(customer.address),
        tags=(),
        currency=CURRENCY,
        subtotal_price=subtotal,
        total_price=total,
        total_refunded=total if cancelled else Decimal("0.00"),
        status_page_url=f"https://{demo.STORE.shop_domain}/orders/g{number:08d}",
        line_items=lines,
        fulfillments=fulfillments,
        cases=frozenset(),
    )


def sandbox_shop_limits_set(
    *,
    shop_domain: str,
    throttle_maximum: float | None = None,
    restore_rate: float | None = None,
    max_query_cost: int | None = None,
) -> SandboxShop:
    """Change a shop's rate limits (e.g. a benchmark's large bucket, a test's tiny one).
    Buckets already in use keep their points and follow the new limits from now on."""
    shop = SandboxShop.objects.get(domain=shop_domain)
    if throttle_maximum is not None:
        shop.throttle_maximum = throttle_maximum
    if restore_rate is not None:
        shop.throttle_restore_rate = restore_rate
    if max_query_cost is not None:
        shop.max_query_cost = max_query_cost
    shop.save(update_fields=["throttle_maximum", "throttle_restore_rate", "max_query_cost"])
    return shop
