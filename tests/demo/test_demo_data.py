"""The demo data module on its own: pure, deterministic, complete (no database)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from core import demo
from core.demo import DemoCase
from core.demo.catalog import FINAL_SALE_TAG, PERSONALISED_TAG

NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def test_demo_has_at_least_20_customers_and_60_orders() -> None:
    # when
    orders = demo.demo_orders(now=NOW)

    # then
    assert len(demo.CUSTOMERS) >= 20
    assert len(orders) >= 60
    assert {c.locale for c in demo.CUSTOMERS} == {"en", "nl"}


def test_every_demo_case_labels_at_least_one_order() -> None:
    # when
    labelled = {case for order in demo.demo_orders(now=NOW) for case in order.cases}

    # then
    assert labelled == set(DemoCase)


def test_demo_orders_are_a_pure_function_of_now() -> None:
    # given
    later = NOW + dt.timedelta(days=3, minutes=7)

    # when
    first, again, shifted = (
        demo.demo_orders(now=NOW),
        demo.demo_orders(now=NOW),
        demo.demo_orders(now=later),
    )

    # then: same input, same output; a later anchor moves every time by the same amount
    assert first == again
    delta = later - NOW
    for before, after in zip(first, shifted, strict=True):
        assert after.created_at - before.created_at == delta
        assert after.updated_at - before.updated_at == delta
        assert (
            replace(
                after,
                created_at=before.created_at,
                processed_at=before.processed_at,
                updated_at=before.updated_at,
                cancelled_at=before.cancelled_at,
                closed_at=before.closed_at,
                fulfillments=before.fulfillments,
            )
            == before
        )


def test_numbers_follow_placement_time_and_ids_are_unique() -> None:
    # when
    orders = demo.demo_orders(now=NOW)

    # then
    assert [o.name for o in orders] == [f"#{n}" for n in range(1001, 1001 + len(orders))]
    assert [o.created_at for o in orders] == sorted(o.created_at for o in orders)
    line_ids = [li.shopify_id for o in orders for li in o.line_items]
    fulfillment_ids = [f.shopify_id for o in orders for f in o.fulfillments]
    assert len(set(line_ids)) == len(line_ids)
    assert len(set(fulfillment_ids)) == len(fulfillment_ids)
    assert len({o.shopify_id for o in orders}) == len(orders)
    assert len({c.email for c in demo.CUSTOMERS}) == len(demo.CUSTOMERS)
    skus = [v.sku for p in demo.PRODUCTS for v in p.variants]
    assert len(set(skus)) == len(skus)


def test_line_item_quantities_agree_with_fulfillments() -> None:
    for order in demo.demo_orders(now=NOW):
        shipped: dict[int, int] = {}
        for fulfillment in order.fulfillments:
            for line_id, qty in fulfillment.line_items:
                shipped[line_id] = shipped.get(line_id, 0) + qty
        for line in order.line_items:
            if order.cancelled_at is None:
                assert line.unfulfilled_quantity == line.quantity - shipped.get(line.shopify_id, 0)
            else:
                assert (line.current_quantity, line.unfulfilled_quantity) == (0, 0)
        assert str(order.total_price - order.subtotal_price) in {"0.00", "4.95", "9.95"}
        assert order.subtotal_price == sum(li.unit_price * li.quantity for li in order.line_items)
        assert 0 <= order.total_refunded <= order.total_price
        assert order.status_page_url.startswith("https://noord-demo.myshopify.com/orders/")


def test_every_order_time_lies_in_the_past() -> None:
    for order in demo.demo_orders(now=NOW):
        assert order.created_at <= order.updated_at <= NOW
        for f in order.fulfillments:
            assert order.created_at <= f.created_at <= NOW
            assert f.in_transit_at is not None and f.created_at <= f.in_transit_at <= NOW
            if f.delivered_at is not None:
                assert f.in_transit_at <= f.delivered_at <= NOW


def test_policy_tags_mark_the_products_the_policies_name() -> None:
    # when
    by_title = {p.title: p for p in demo.PRODUCTS}

    # then
    assert PERSONALISED_TAG in by_title["Personalised Canvas Tote"].tags
    assert FINAL_SALE_TAG in by_title["Linen Summer Dress"].tags
    assert FINAL_SALE_TAG not in by_title["Chino Shorts"].tags


def test_articles_come_in_english_and_dutch_pairs() -> None:
    # when
    keys = {(a.key, a.language) for a in demo.STORE.articles}

    # then
    en = {k for k, lang in keys if lang == "en"}
    nl = {k for k, lang in keys if lang == "nl"}
    assert len(en) >= 5
    assert en == nl
    assert all(a.body.startswith("# ") for a in demo.STORE.articles)
