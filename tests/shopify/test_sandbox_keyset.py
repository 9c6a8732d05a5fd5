"""The sandbox's keyset pages and bulk-file chunks: every row once, in (sort column, legacy id)
order, forwards and backwards, across rows that share a sort value; each page asks for an
index range with a row-value comparison, never ``a > x OR (a = x AND b > y)``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integrations.shopify.sandbox.bulk import document_chunks
from integrations.shopify.sandbox.models import SandboxOrder, SandboxShop
from integrations.shopify.sandbox.paging import queryset_page

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def orders() -> Any:
    """23 orders; updated_at takes 4 values only (many ties), legacy ids not in insert order."""
    shop = SandboxShop.objects.create(
        domain="keyset.myshopify.com",
        legacy_id=77,
        name="Keyset",
        email="owner@keyset.example",
        created_at=T0,
        updated_at=T0,
    )
    rows = []
    for n in range(23):
        legacy_id = 5000 + (n * 7) % 23
        rows.append(
            SandboxOrder(
                shop=shop,
                legacy_id=legacy_id,
                number=1000 + n,
                created_at=T0,
                updated_at=T0 + dt.timedelta(minutes=n % 4),
                document={"legacyResourceId": str(legacy_id)},
            )
        )
    SandboxOrder.objects.bulk_create(rows)
    return SandboxOrder.objects.filter(shop=shop)


def _ids(rows: list[Any]) -> list[int]:
    return [row.legacy_id for row in rows]


def _expected(qs: Any, *, reverse: bool = False) -> list[int]:
    sign = "-" if reverse else ""
    return list(
        qs.order_by(f"{sign}updated_at", f"{sign}legacy_id").values_list("legacy_id", flat=True)
    )


@pytest.mark.parametrize("reverse", [False, True])
def test_pages_forward_hold_every_row_once_in_order(orders: Any, reverse: bool) -> None:
    # when: pages of 5, following endCursor
    seen: list[int] = []
    after = None
    while True:
        rows, info, _ = queryset_page(
            orders,
            column="updated_at",
            first=5,
            after=after,
            last=None,
            before=None,
            reverse=reverse,
        )
        seen += _ids(rows)
        if not info["hasNextPage"]:
            break
        after = info["endCursor"]

    # then
    assert seen == _expected(orders, reverse=reverse)


def test_pages_backward_hold_every_row_once_in_order(orders: Any) -> None:
    # when: the last 5, then the 5 before them, ... following startCursor
    pages: list[list[int]] = []
    before = None
    while True:
        rows, info, _ = queryset_page(
            orders,
            column="updated_at",
            first=None,
            after=None,
            last=5,
            before=before,
            reverse=False,
        )
        pages.insert(0, _ids(rows))
        if not info["hasPreviousPage"]:
            break
        before = info["startCursor"]

    # then
    assert [legacy_id for page in pages for legacy_id in page] == _expected(orders)


def test_a_page_after_a_cursor_is_one_row_value_comparison(orders: Any) -> None:
    # given
    _, info, _ = queryset_page(
        orders, column="updated_at", first=5, after=None, last=None, before=None, reverse=False
    )

    # when
    with CaptureQueriesContext(connection) as queries:
        rows, _, _ = queryset_page(
            orders,
            column="updated_at",
            first=5,
            after=info["endCursor"],
            last=None,
            before=None,
            reverse=False,
        )

    # then
    assert _ids(rows) == _expected(orders)[5:10]
    (sql,) = [q["sql"] for q in queries.captured_queries]
    assert '("shopify_sandbox_sandboxorder"."updated_at", "shopify_sandbox_sandboxorder"' in sql
    assert ") > (" in sql
    assert " OR " not in sql


@pytest.mark.parametrize("size", [1, 4, 23, 50])
def test_bulk_file_chunks_hold_every_row_once_in_order(orders: Any, size: int) -> None:
    # when
    chunks = list(document_chunks(orders, "updated_at", size=size))

    # then
    read = [int(doc["legacyResourceId"]) for chunk in chunks for doc in chunk]
    assert read == _expected(orders)
    assert all(len(chunk) <= size for chunk in chunks)
