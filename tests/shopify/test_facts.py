"""Order facts read from the mirror: customers by email or phone, a customer's orders with
their line items and fulfillments, another customer's order answered as not found, and a
bounded number of queries however big the orders are."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import factory
import pytest

from core.models import Store
from integrations.shopify.facts import (
    CustomerFacts,
    LineShipment,
    customer_find_by_email,
    customer_find_by_phone,
    customer_get,
    customer_order_get,
    customer_orders_list,
    phone_e164,
)
from integrations.shopify.models import (
    Customer,
    Fulfillment,
    FulfillmentLineItem,
    LineItem,
    Order,
)
from tests.factories.core import StoreFactory
from tests.factories.integrations import CustomerFactory, OrderFactory

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 5, 1, 10, 0, tzinfo=dt.UTC)


class LineItemFactory(factory.django.DjangoModelFactory[LineItem]):
    class Meta:
        model = LineItem

    order = factory.SubFactory(OrderFactory)
    store = factory.SelfAttribute("order.store")
    shopify_id = factory.Sequence(lambda n: 15_000_000 + n)
    title = "Texel Merino Trui"
    variant_title = "M / Marine"
    variant_options = factory.LazyFunction(lambda: {"Size": "M", "Color": "Marine"})
    sku = "TX-M-MARI"
    product_type = "Knitwear"
    product_tags = factory.LazyFunction(lambda: ["knitwear", "merino"])
    quantity = 1
    current_quantity = factory.SelfAttribute("quantity")
    unfulfilled_quantity = factory.SelfAttribute("quantity")
    unit_price = Decimal("89.95")


class FulfillmentFactory(factory.django.DjangoModelFactory[Fulfillment]):
    class Meta:
        model = Fulfillment

    order = factory.SubFactory(OrderFactory)
    store = factory.SelfAttribute("order.store")
    shopify_id = factory.Sequence(lambda n: 5_600_000 + n)
    status = "SUCCESS"
    display_status = "IN_TRANSIT"
    tracking_company = "PostNL"
    tracking_number = factory.Sequence(lambda n: f"3SNRDC{n:07d}")
    shop_created_at = T0 + dt.timedelta(days=1)
    in_transit_at = T0 + dt.timedelta(days=1, hours=5)
    shop_updated_at = T0 + dt.timedelta(days=1, hours=5)


def owner(order: Order) -> int:
    assert order.customer_id is not None
    return order.customer_id


def ship(fulfillment: Fulfillment, line: LineItem, quantity: int) -> None:
    FulfillmentLineItem.objects.create(fulfillment=fulfillment, line_item=line, quantity=quantity)


# --- customers --------------------------------------------------------------------------------


def test_customer_found_by_email_in_any_case(store: Store) -> None:
    c = CustomerFactory.create(
        store=store, email="sanne@example.com", phone="+31612345678", locale="nl"
    )
    found = customer_find_by_email(store=store, email="  Sanne@Example.COM ")
    assert found == CustomerFacts(
        id=c.pk,
        shopify_id=c.shopify_id,
        email="sanne@example.com",
        phone="+31612345678",
        first_name="Sanne",
        last_name="de Vries",
        locale="nl",
    )
    assert found is not None and found.full_name == "Sanne de Vries"


def test_customer_stored_with_capitals_is_found_too(store: Store) -> None:
    c = CustomerFactory.create(store=store, email="Oliver.Smith@Example.com")
    found = customer_find_by_email(store=store, email="oliver.smith@example.com")
    assert found is not None and found.id == c.pk


def test_customer_by_email_is_store_scoped(store: Store, other_store: Store) -> None:
    CustomerFactory.create(store=other_store, email="sanne@example.com")
    assert customer_find_by_email(store=store, email="sanne@example.com") is None


@pytest.mark.parametrize("email", ["", "   ", "not-an-email", "nobody@example.com"])
def test_no_customer_for_an_unknown_or_malformed_email(store: Store, email: str) -> None:
    CustomerFactory.create(store=store, email="sanne@example.com")
    assert customer_find_by_email(store=store, email=email) is None


def test_two_customers_with_one_email_identify_nobody(store: Store) -> None:
    CustomerFactory.create(store=store, email="Twin@example.com")
    CustomerFactory.create(store=store, email="twin@EXAMPLE.com")
    assert customer_find_by_email(store=store, email="twin@example.com") is None


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("+31612345678", "+31612345678"),
        ("+31 6 1234 5678", "+31612345678"),
        ("+31 (0)6-1234.5678", "+31612345678"),  # the written-out trunk 0 is dropped
        ("0031612345678", "+31612345678"),
        ("+44 20 7946 0958", "+442079460958"),
        ("0612345678", None),  # national: no country to place it in
        ("+0612345678", None),
        ("", None),
        ("call me", None),
    ],
)
def test_phone_e164(raw: str, e164: str | None) -> None:
    assert phone_e164(raw) == e164


def test_customer_found_by_phone_in_any_international_notation(store: Store) -> None:
    c = CustomerFactory.create(store=store, phone="+31612345678")
    for raw in ("+31612345678", "+31 6 12 34 56 78", "0031 6 1234 5678"):
        found = customer_find_by_phone(store=store, phone=raw)
        assert found is not None and found.id == c.pk


def test_phone_matching_several_customers_or_none_identifies_nobody(
    store: Store, other_store: Store
) -> None:
    CustomerFactory.create(store=store, phone="+31611111111")
    CustomerFactory.create(store=store, phone="+31611111111")
    CustomerFactory.create(store=other_store, phone="+31622222222")
    assert customer_find_by_phone(store=store, phone="+31611111111") is None
    assert customer_find_by_phone(store=store, phone="+31622222222") is None
    assert customer_find_by_phone(store=store, phone="0611111111") is None


def test_customer_get_is_store_scoped(store: Store, other_store: Store) -> None:
    c = CustomerFactory.create(store=store)
    assert customer_get(store=store, customer_id=c.pk) is not None
    assert customer_get(store=other_store, customer_id=c.pk) is None


# --- orders -----------------------------------------------------------------------------------


def test_order_facts_hold_the_order_its_items_and_its_fulfillments(store: Store) -> None:
    # given an order: a jumper delivered, 2 T-shirts of which 1 shipped (on its way) and
    # 1 still in the warehouse, and a cancelled fulfillment that shipped nothing
    o = OrderFactory.create(
        store=store,
        number=1043,
        name="#1043",
        shop_created_at=T0,
        processed_at=T0,
        display_fulfillment_status="PARTIALLY_FULFILLED",
        return_status="NO_RETURN",
        total_price=Decimal("134.85"),
        total_refunded=Decimal("0"),
        tags=["vip"],
        status_page_url="https://shop.example.com/orders/abc",
        shipping_address={"city": "Utrecht", "countryCodeV2": "NL"},
    )
    jumper = LineItemFactory.create(order=o, unfulfilled_quantity=0)
    shirts = LineItemFactory.create(
        order=o,
        title="Organic Basic T-shirt",
        variant_title="L / Black",
        variant_options={"Maat": "L", "Kleur": "Black"},
        product_tags=["organic-cotton"],
        product_type="T-shirts",
        quantity=2,
        unfulfilled_quantity=1,
        unit_price=Decimal("24.95"),
    )
    delivered_at = T0 + dt.timedelta(days=3)
    first = FulfillmentFactory.create(
        order=o, display_status="DELIVERED", delivered_at=delivered_at
    )
    ship(first, jumper, 1)
    second = FulfillmentFactory.create(order=o, shop_created_at=T0 + dt.timedelta(days=2))
    ship(second, shirts, 1)
    dead = FulfillmentFactory.create(
        order=o, status="CANCELLED", shop_created_at=T0 + dt.timedelta(days=2, hours=1)
    )
    ship(dead, shirts, 1)

    # when
    facts = customer_order_get(store=store, customer_id=owner(o), number=1043)

    # then
    assert facts is not None
    assert (facts.id, facts.number, facts.name, facts.customer_id) == (
        o.pk,
        1043,
        "#1043",
        o.customer_id,
    )
    assert (facts.created_at, facts.processed_at, facts.cancelled_at, facts.closed_at) == (
        T0,
        T0,
        None,
        None,
    )
    assert facts.display_fulfillment_status == "PARTIALLY_FULFILLED"
    assert (facts.total_price, facts.total_refunded, facts.currency) == (
        Decimal("134.85"),
        Decimal("0.00"),
        "EUR",
    )
    assert facts.tags == ("vip",)
    assert facts.shipping_address == {"city": "Utrecht", "countryCodeV2": "NL"}
    assert facts.status_page_url == "https://shop.example.com/orders/abc"
    assert [f.id for f in facts.fulfillments] == [first.pk, second.pk, dead.pk]
    assert [f.live for f in facts.fulfillments] == [True, True, False]
    assert facts.fulfillments[0].line_items == ((jumper.pk, 1),)

    j, s = facts.line_items
    assert (j.id, j.title, j.size, j.colour, j.sku) == (
        jumper.pk,
        "Texel Merino Trui",
        "M",
        "Marine",
        "TX-M-MARI",
    )
    assert j.product_tags == ("knitwear", "merino")
    assert j.shipments == (
        LineShipment(
            fulfillment_id=first.pk,
            quantity=1,
            display_status="DELIVERED",
            shipped_at=first.shop_created_at,
            delivered_at=delivered_at,
        ),
    )
    assert (j.fulfilled_quantity, j.delivered_quantity, j.delivered_at) == (1, 1, delivered_at)
    assert (s.size, s.colour, s.display_name) == ("L", "Black", "Organic Basic T-shirt (L / Black)")
    assert (s.quantity, s.current_quantity, s.unfulfilled_quantity) == (2, 2, 1)
    # the cancelled fulfillment does not count as shipped
    assert (s.fulfilled_quantity, s.in_transit_quantity, s.delivered_at) == (1, 1, None)
    assert facts.line_item(s.id) == s
    assert facts.line_item(-1) is None


def test_facts_are_frozen(store: Store) -> None:
    o = OrderFactory.create(store=store)
    LineItemFactory.create(order=o)
    facts = customer_order_get(store=store, customer_id=owner(o), number=o.number)
    assert facts is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        facts.name = "#1"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        facts.line_items[0].quantity = 5  # type: ignore[misc]


def test_refunds_show_in_quantities_and_totals(store: Store) -> None:
    o = OrderFactory.create(
        store=store,
        display_financial_status="PARTIALLY_REFUNDED",
        return_status="RETURNED",
        total_price=Decimal("24.95"),
        total_refunded=Decimal("89.95"),
    )
    returned = LineItemFactory.create(order=o, current_quantity=0, unfulfilled_quantity=0)
    kept = LineItemFactory.create(order=o, unfulfilled_quantity=0)
    f = FulfillmentFactory.create(order=o, display_status="DELIVERED", delivered_at=T0)
    ship(f, returned, 1)
    ship(f, kept, 1)
    facts = customer_order_get(store=store, customer_id=owner(o), number=o.number)
    assert facts is not None
    assert (facts.total_price, facts.total_refunded, facts.return_status) == (
        Decimal("24.95"),
        Decimal("89.95"),
        "RETURNED",
    )
    r, k = facts.line_items
    assert (r.removed_quantity, r.fulfilled_quantity) == (1, 1)
    assert (k.removed_quantity, k.delivered_quantity) == (0, 1)


def test_a_single_fulfillment_without_mirrored_lines_is_taken_to_hold_the_shipped_units(
    store: Store,
) -> None:
    # a bulk sync sets what each fulfillment shipped in a second pass
    o = OrderFactory.create(store=store)
    shipped = LineItemFactory.create(order=o, quantity=2, unfulfilled_quantity=0)
    waiting = LineItemFactory.create(order=o)
    f = FulfillmentFactory.create(order=o, display_status="DELIVERED", delivered_at=T0)
    facts = customer_order_get(store=store, customer_id=owner(o), number=o.number)
    assert facts is not None
    s, w = facts.line_items
    assert (s.id, w.id) == (shipped.pk, waiting.pk)
    assert [(x.fulfillment_id, x.quantity) for x in s.shipments] == [(f.pk, 2)]
    assert w.shipments == ()


def test_another_customer_s_order_is_none_exactly_like_a_missing_one(
    store: Store, other_store: Store
) -> None:
    mine = CustomerFactory.create(store=store)
    theirs = OrderFactory.create(store=store, number=2001)
    abroad = OrderFactory.create(store=other_store, number=2002)
    assert customer_order_get(store=store, customer_id=mine.pk, number=2001) is None
    assert customer_order_get(store=store, customer_id=mine.pk, number=9999) is None
    # the other store's order, even asked for with its own customer, is not this store's
    assert customer_order_get(store=store, customer_id=owner(abroad), number=2002) is None
    # while the owner gets it
    found = customer_order_get(store=store, customer_id=owner(theirs), number=2001)
    assert found is not None and found.id == theirs.pk


def test_orders_list_most_recent_first_limited_and_only_the_customer_s(
    store: Store, other_store: Store
) -> None:
    c = CustomerFactory.create(store=store)
    placed = [
        OrderFactory.create(store=store, customer=c, shop_created_at=T0 + dt.timedelta(days=n))
        for n in (3, 1, 4, 2)
    ]
    OrderFactory.create(store=store, shop_created_at=T0 + dt.timedelta(days=9))  # someone else
    other_c = CustomerFactory.create(store=other_store)
    OrderFactory.create(store=other_store, customer=other_c)
    listed = customer_orders_list(store=store, customer_id=c.pk)
    assert [o.id for o in listed] == [placed[i].pk for i in (2, 0, 3, 1)]
    assert [o.id for o in customer_orders_list(store=store, customer_id=c.pk, limit=2)] == [
        placed[2].pk,
        placed[0].pk,
    ]
    assert customer_orders_list(store=store, customer_id=c.pk, limit=0) == []
    assert customer_orders_list(store=other_store, customer_id=c.pk) == []


def _big_order(store: Store, customer: Customer, n: int, items: int) -> Order:
    o = OrderFactory.create(
        store=store, customer=customer, shop_created_at=T0 + dt.timedelta(hours=n)
    )
    lines = [LineItemFactory.create(order=o, quantity=2) for _ in range(items)]
    for _ in range(2):
        f = FulfillmentFactory.create(order=o)
        for line in lines:
            ship(f, line, 1)
    return o


@pytest.mark.parametrize("items", [1, 12])
def test_queries_are_bounded_whatever_the_number_of_items(
    store: Store, items: int, django_assert_max_num_queries: Any
) -> None:
    # orders, their line items, their fulfillments with what each shipped: three queries
    c = CustomerFactory.create(store=store)
    orders = [_big_order(store, c, n, items) for n in range(5)]
    with django_assert_max_num_queries(3):
        listed = customer_orders_list(store=store, customer_id=c.pk)
    assert len(listed) == 5
    assert all(len(o.line_items) == items for o in listed)
    assert all(li.fulfilled_quantity == 2 for o in listed for li in o.line_items)
    assert all(len(f.line_items) == items for o in listed for f in o.fulfillments)
    with django_assert_max_num_queries(3):
        one = customer_order_get(store=store, customer_id=c.pk, number=orders[0].number)
    assert one is not None and len(one.fulfillments) == 2


def test_no_order_costs_one_query_and_no_limit_none(
    store: Store, django_assert_num_queries: Any
) -> None:
    c = CustomerFactory.create(store=store)
    with django_assert_num_queries(1):
        assert customer_order_get(store=store, customer_id=c.pk, number=4242) is None
    with django_assert_num_queries(1):
        assert customer_orders_list(store=store, customer_id=c.pk) == []
    with django_assert_num_queries(0):
        assert customer_orders_list(store=store, customer_id=c.pk, limit=0) == []


def test_each_order_gets_its_own_items_and_fulfillments_in_date_order(store: Store) -> None:
    # given two orders read together, each with items and fulfillments (one of which the
    # mirror does not know the lines of yet), created out of date order
    c = CustomerFactory.create(store=store)
    older = OrderFactory.create(store=store, customer=c, shop_created_at=T0)
    newer = OrderFactory.create(store=store, customer=c, shop_created_at=T0 + dt.timedelta(days=1))
    old_line = LineItemFactory.create(order=older, quantity=2, unfulfilled_quantity=0)
    new_line = LineItemFactory.create(order=newer, title="Sokken")
    late = FulfillmentFactory.create(order=older, shop_created_at=T0 + dt.timedelta(days=3))
    early = FulfillmentFactory.create(order=older, shop_created_at=T0 + dt.timedelta(days=2))
    ship(late, old_line, 1)
    ship(early, old_line, 1)
    unknown = FulfillmentFactory.create(order=newer)

    # when
    n, o = customer_orders_list(store=store, customer_id=c.pk)

    # then
    assert (n.id, [li.id for li in n.line_items]) == (newer.pk, [new_line.pk])
    assert [(f.id, f.line_items) for f in n.fulfillments] == [(unknown.pk, ())]
    assert (o.id, [li.id for li in o.line_items]) == (older.pk, [old_line.pk])
    assert [(f.id, f.line_items) for f in o.fulfillments] == [
        (early.pk, ((old_line.pk, 1),)),
        (late.pk, ((old_line.pk, 1),)),
    ]
    assert [s.fulfillment_id for s in o.line_items[0].shipments] == [early.pk, late.pk]


def test_store_of_the_prefetched_rows_is_checked_too() -> None:
    # rows are always created in their order's store; a line item pointing at another store
    # (which the mirror never writes) is left out rather than shown
    store, elsewhere = StoreFactory.create(), StoreFactory.create()
    o = OrderFactory.create(store=store)
    LineItemFactory.create(order=o)
    LineItemFactory.create(order=o, store=elsewhere)
    facts = customer_order_get(store=store, customer_id=owner(o), number=o.number)
    assert facts is not None and len(facts.line_items) == 1
