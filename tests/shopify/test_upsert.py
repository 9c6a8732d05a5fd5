"""The mirror's lean bulk upsert: inserts, updates on (store, Shopify id), hands back the keys,
in as many statements as the parameter limit needs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from core.models import Store
from integrations.shopify.models import Fulfillment, Order
from integrations.shopify.upsert import _chunk_sizes, rows_upsert
from tests.factories.core import StoreFactory

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)


def _order(store: Store, number: int, **changes: Any) -> dict[str, Any]:
    row = {
        "store_id": store.pk,
        "customer_id": None,
        "shopify_id": 9000 + number,
        "name": f"#{number}",
        "number": number,
        "email": "",
        "phone": "",
        "shop_created_at": T0,
        "processed_at": None,
        "shop_updated_at": T0 + dt.timedelta(minutes=number),
        "cancelled_at": None,
        "cancel_reason": "",
        "closed_at": None,
        "display_fulfillment_status": "UNFULFILLED",
        "display_financial_status": "PAID",
        "return_status": "NO_RETURN",
        "shipping_address": {"city": "Utrecht", "zip": None},
        "tags": ["vip"],
        "currency": "EUR",
        "subtotal_price": Decimal("19.95"),
        "total_price": Decimal("24.90"),
        "total_refunded": Decimal("0"),
        "status_page_url": "",
    }
    return {**row, **changes}


UPDATE = ("name", "shop_updated_at", "shipping_address", "tags", "total_price")


def test_rows_are_inserted_then_updated_in_place_across_several_statements(
    store: Store,
) -> None:
    # given 11 orders and a limit that fits 4 rows per statement (25 values a row)
    rows = [_order(store, n) for n in range(1, 12)]
    other = StoreFactory.create()

    # when inserted, then written again with changes (and the same ids in another store)
    first = rows_upsert(model=Order, rows=rows, update=UPDATE, max_params=100)
    changed = [_order(store, n, total_price=Decimal("1.00"), tags=[]) for n in range(1, 12)]
    second = rows_upsert(model=Order, rows=changed, update=UPDATE, max_params=100)
    rows_upsert(model=Order, rows=[_order(other, 1)], update=UPDATE)

    # then the keys are handed back and kept, and the stored values are the new ones
    assert sorted(first) == [9000 + n for n in range(1, 12)]
    assert second == first
    stored = Order.objects.filter(store=store).order_by("number")
    assert [(o.pk, o.total_price, o.tags) for o in stored] == [
        (first[9000 + n], Decimal("1.00"), []) for n in range(1, 12)
    ]
    one = stored.first()
    assert one is not None
    assert one.shipping_address == {"city": "Utrecht", "zip": None}
    assert one.shop_updated_at == T0 + dt.timedelta(minutes=1)
    assert one.created_at <= one.updated_at
    assert Order.objects.filter(store=other).count() == 1


def test_no_rows_is_no_statement(store: Store) -> None:
    assert rows_upsert(model=Fulfillment, rows=[], update=("status",)) == {}


def test_statements_come_in_a_few_sizes_only() -> None:
    assert _chunk_sizes(2537, 1200) == [1024, 1024, 256, 128, 64, 32, 8, 1]
    assert _chunk_sizes(11, 4) == [4, 4, 2, 1]
    assert _chunk_sizes(0, 10) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's UNNEST statement")
def test_on_postgresql_every_chunk_is_one_short_statement_of_column_arrays(store: Store) -> None:
    # given 11 orders, 4 rows per statement
    rows = [_order(store, n) for n in range(1, 12)]
    statements: list[tuple[str, int]] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statements.append((sql, len(params)))
        return execute(sql, params, many, context)

    # when
    with connection.execute_wrapper(record):
        written = rows_upsert(model=Order, rows=rows, update=UPDATE, max_params=100)

    # then: three statements of one text, each with the two times and one array per column
    assert len(written) == 11
    assert [count for _, count in statements] == [2 + len(rows[0])] * 3
    assert len({sql for sql, _ in statements}) == 1
    # (psycopg parses a statement's placeholders once and caches it, up to 4 KB of text)
    assert "UNNEST(" in statements[0][0] and len(statements[0][0]) < 4096
