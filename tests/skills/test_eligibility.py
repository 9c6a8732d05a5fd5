"""The pure eligibility functions, without a database: every row of PRODUCT.md's Order editing
and Returns & exchanges tables, their edge cases, refund status, which order is meant, and
invariants checked with hypothesis."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.demo import DemoCase
from core.demo.orders import demo_orders
from core.demo.types import DemoOrder
from integrations.shopify.facts import LineItemFacts, LineShipment, OrderFacts
from skills.eligibility import (
    CancelCode,
    ChangeKind,
    EditCode,
    FulfillmentState,
    LineEditCode,
    OrderPick,
    PickCode,
    PickPurpose,
    RefundCode,
    ReturnCode,
    ReturnSummaryCode,
    fulfillment_state,
    line_return_decide,
    order_cancel_decide,
    order_edit_decide,
    order_pick,
    order_return_decide,
    refund_status_decide,
    return_window,
)
from skills.settings import (
    Exclusion,
    ExclusionKind,
    ExclusionRules,
    OrderEditSettings,
    ReturnsSettings,
)

AMS = ZoneInfo("Europe/Amsterdam")
UTC = dt.UTC
T0 = dt.datetime(2026, 5, 3, 9, 0, tzinfo=UTC)  # ordered 3 May, 11:00 in Amsterdam
EDIT = OrderEditSettings()  # 60-minute edit and cancel windows, everything allowed
RETURNS = ReturnsSettings(timezone="Europe/Amsterdam")  # 30 days


def minutes(n: float) -> dt.timedelta:
    return dt.timedelta(minutes=n)


def days(n: float) -> dt.timedelta:
    return dt.timedelta(days=n)


def parcel(qty: int = 1, *, delivered: dt.datetime | None = None, fid: int = 1) -> LineShipment:
    return LineShipment(
        fulfillment_id=fid,
        quantity=qty,
        display_status="DELIVERED" if delivered else "IN_TRANSIT",
        shipped_at=T0 + days(1),
        delivered_at=delivered,
    )


def item(
    line_id: int = 1,
    *,
    qty: int = 1,
    current: int | None = None,
    unfulfilled: int | None = None,
    shipments: tuple[LineShipment, ...] = (),
    tags: tuple[str, ...] = ("knitwear",),
    product_type: str = "Knitwear",
) -> LineItemFacts:
    """A line item; by default nothing removed, and what did not ship is still to ship."""
    current = qty if current is None else current
    shipped = sum(s.quantity for s in shipments)
    if unfulfilled is None:
        unfulfilled = max(0, min(current, qty - shipped))
    return LineItemFacts(
        id=line_id,
        shopify_id=100 + line_id,
        title=f"Item {line_id}",
        variant_title="M / Navy",
        sku=f"SKU-{line_id}",
        product_type=product_type,
        product_tags=tags,
        quantity=qty,
        current_quantity=current,
        unfulfilled_quantity=unfulfilled,
        unit_price=Decimal("50.00"),
        requires_shipping=True,
        shipments=shipments,
        variant_options={"Size": "M", "Color": "Navy"},
    )


def order(*lines: LineItemFacts, **changes: Any) -> OrderFacts:
    base = OrderFacts(
        id=1,
        shopify_id=1001,
        customer_id=7,
        number=1001,
        name="#1001",
        created_at=T0,
        processed_at=T0,
        updated_at=T0,
        cancelled_at=None,
        cancel_reason="",
        closed_at=None,
        display_fulfillment_status="UNFULFILLED",
        display_financial_status="PAID",
        return_status="NO_RETURN",
        currency="EUR",
        subtotal_price=Decimal("100.00"),
        total_price=Decimal("100.00"),
        total_refunded=Decimal("0.00"),
        tags=(),
        status_page_url="",
        line_items=lines or (item(),),
    )
    return dataclasses.replace(base, **changes)


def delivered(n_days_ago: float, now: dt.datetime) -> LineShipment:
    return parcel(delivered=now - days(n_days_ago))


# --- fulfillment state ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "state"),
    [
        ((item(qty=2),), FulfillmentState.UNFULFILLED),
        ((item(qty=2, shipments=(parcel(1),)),), FulfillmentState.PARTIALLY_FULFILLED),
        ((item(1), item(2, shipments=(parcel(1),))), FulfillmentState.PARTIALLY_FULFILLED),
        ((item(shipments=(parcel(1),)),), FulfillmentState.FULFILLED),
        # delivered, then returned and refunded: nothing left, but it did ship
        ((item(current=0, shipments=(parcel(1, delivered=T0),)),), FulfillmentState.FULFILLED),
        # the only item removed before it shipped
        ((item(current=0, unfulfilled=0),), FulfillmentState.EMPTY),
        # shipped units known only from the quantities (no fulfillment lines mirrored yet)
        ((item(qty=2, unfulfilled=0),), FulfillmentState.FULFILLED),
    ],
)
def test_fulfillment_state_comes_from_the_quantities(
    lines: tuple[LineItemFacts, ...], state: FulfillmentState
) -> None:
    assert fulfillment_state(order(*lines)) is state


# --- Order editing: the PRODUCT.md table ------------------------------------------------------


def test_unfulfilled_order_inside_the_window_is_editable_with_every_allowed_change() -> None:
    # given an unfulfilled order placed 20 minutes ago, two items
    o = order(item(1), item(2, qty=2))
    # when
    d = order_edit_decide(order=o, settings=EDIT, now=T0 + minutes(20))
    # then
    assert d.code is EditCode.EDITABLE
    assert d.editable is True
    assert d.fulfillment is FulfillmentState.UNFULFILLED
    assert d.allowed_changes == (ChangeKind.VARIANT, ChangeKind.QUANTITY, ChangeKind.ADDRESS)
    assert [(x.line_id, x.code, x.editable_quantity) for x in d.lines] == [
        (1, LineEditCode.EDITABLE, 1),
        (2, LineEditCode.EDITABLE, 2),
    ]
    assert d.shipped_lines == ()
    assert d.window_minutes == 60
    assert d.window_ends_at == T0 + minutes(60)
    assert d.created_at == T0


def test_partially_fulfilled_order_says_which_items_can_change_and_which_shipped() -> None:
    # given one item shipped and delivered, one still in the warehouse, inside the window
    now = T0 + minutes(30)
    o = order(item(1, shipments=(parcel(delivered=now - minutes(5)),)), item(2))
    # when
    d = order_edit_decide(order=o, settings=EDIT, now=now)
    # then the unshipped item can change, the shipped one goes to returns
    assert d.code is EditCode.PARTIALLY_FULFILLED
    assert d.editable is True
    assert d.fulfillment is FulfillmentState.PARTIALLY_FULFILLED
    assert [x.line_id for x in d.editable_lines] == [2]
    assert [x.line_id for x in d.shipped_lines] == [1]
    assert d.lines[0].code is LineEditCode.SHIPPED
    assert d.lines[0].to_returns is True
    # and the shipped item is returnable (delivered, inside 30 days)
    r = line_return_decide(order=o, line=o.line_items[0], settings=RETURNS, now=now)
    assert r.code is ReturnCode.ELIGIBLE


def test_partially_fulfilled_line_item_can_change_only_its_unshipped_units() -> None:
    # given 3 of an item ordered, 1 shipped
    o = order(item(qty=3, shipments=(parcel(1),)))
    d = order_edit_decide(order=o, settings=EDIT, now=T0 + minutes(10))
    assert d.code is EditCode.PARTIALLY_FULFILLED
    line = d.lines[0]
    assert (line.code, line.editable_quantity, line.shipped_quantity) == (
        LineEditCode.EDITABLE,
        2,
        1,
    )
    assert line.to_returns is True


@pytest.mark.parametrize(
    "shipments",
    [
        (parcel(1),),  # on its way
        (parcel(1, delivered=T0 + days(2)),),  # delivered
        (parcel(1, fid=1), parcel(1, fid=2, delivered=T0 + days(2))),  # two parcels
    ],
)
def test_fulfilled_order_is_not_editable_and_goes_to_returns(
    shipments: tuple[LineShipment, ...],
) -> None:
    qty = sum(s.quantity for s in shipments)
    o = order(item(qty=qty, shipments=shipments))
    d = order_edit_decide(order=o, settings=EDIT, now=T0 + minutes(30))
    assert d.code is EditCode.FULFILLED
    assert d.editable is False
    assert d.allowed_changes == ()
    assert d.lines[0].code is LineEditCode.SHIPPED
    assert d.lines[0].editable_quantity == 0
    assert [x.line_id for x in d.shipped_lines] == [1]


# --- Order editing: edge cases ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("after", "code"),
    [
        (minutes(0), EditCode.EDITABLE),
        (minutes(59), EditCode.EDITABLE),
        (minutes(60) - dt.timedelta(seconds=1), EditCode.EDITABLE),
        (minutes(60), EditCode.WINDOW_PASSED),  # "within 1 hour": at 60:00 it has passed
        (minutes(61), EditCode.WINDOW_PASSED),
        (days(3), EditCode.WINDOW_PASSED),
    ],
)
def test_edit_window_boundary_to_the_second(after: dt.timedelta, code: EditCode) -> None:
    d = order_edit_decide(order=order(), settings=EDIT, now=T0 + after)
    assert d.code is code
    assert d.editable is (code is EditCode.EDITABLE)


def test_edit_window_passed_means_not_editable_even_if_unfulfilled() -> None:
    d = order_edit_decide(order=order(item(1), item(2)), settings=EDIT, now=T0 + minutes(75))
    assert d.code is EditCode.WINDOW_PASSED
    assert d.editable is False
    assert d.fulfillment is FulfillmentState.UNFULFILLED
    assert d.window_ends_at == T0 + minutes(60)
    assert {x.code for x in d.lines} == {LineEditCode.LOCKED}
    assert d.editable_lines == ()


def test_partially_fulfilled_after_the_window_still_lists_the_shipped_items() -> None:
    o = order(item(1, shipments=(parcel(1),)), item(2))
    d = order_edit_decide(order=o, settings=EDIT, now=T0 + days(1))
    assert d.code is EditCode.WINDOW_PASSED
    assert d.fulfillment is FulfillmentState.PARTIALLY_FULFILLED
    assert [(x.line_id, x.code) for x in d.lines] == [
        (1, LineEditCode.SHIPPED),
        (2, LineEditCode.LOCKED),
    ]
    assert [x.line_id for x in d.shipped_lines] == [1]


def test_zero_minute_edit_window_is_never_open() -> None:
    zero = dataclasses.replace(EDIT, edit_window_minutes=0)
    d = order_edit_decide(order=order(), settings=zero, now=T0)
    assert d.code is EditCode.WINDOW_PASSED
    assert d.window_ends_at == T0


def test_window_is_compared_as_instants_whatever_the_time_zones() -> None:
    # given an order created at 11:00 Amsterdam time (09:00 UTC)
    o = order(created_at=dt.datetime(2026, 5, 3, 11, 0, tzinfo=AMS))
    # then 09:59 UTC is inside the hour, 12:00 Amsterdam is not
    inside = order_edit_decide(
        order=o, settings=EDIT, now=dt.datetime(2026, 5, 3, 9, 59, tzinfo=UTC)
    )
    outside = order_edit_decide(
        order=o, settings=EDIT, now=dt.datetime(2026, 5, 3, 12, 0, tzinfo=AMS)
    )
    assert inside.code is EditCode.EDITABLE
    assert outside.code is EditCode.WINDOW_PASSED


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        order_edit_decide(order=order(), settings=EDIT, now=dt.datetime(2026, 5, 3, 9, 10))


@pytest.mark.parametrize("tag", ["pre-order", "Pre-Order", "PRE_ORDER", "pre order", "preorder"])
def test_a_pre_order_alone_cannot_be_changed(tag: str) -> None:
    d = order_edit_decide(order=order(item(tags=(tag,))), settings=EDIT, now=T0 + minutes(5))
    assert d.code is EditCode.ITEMS_EXCLUDED
    assert d.editable is False
    assert d.allowed_changes == ()
    assert d.lines[0].code is LineEditCode.EXCLUDED
    assert d.lines[0].excluded_by == Exclusion(kind=ExclusionKind.TAG, value=tag, rule="pre-order")
    assert [x.line_id for x in d.excluded_lines] == [1]


def test_mixed_order_can_change_the_ordinary_items_but_not_the_personalised_one() -> None:
    o = order(item(1, tags=("Personalised", "bags")), item(2), item(3, tags=("personalized",)))
    d = order_edit_decide(order=o, settings=EDIT, now=T0 + minutes(5))
    assert d.code is EditCode.EDITABLE
    assert [x.line_id for x in d.editable_lines] == [2]
    assert [(x.line_id, x.excluded_by and x.excluded_by.key) for x in d.excluded_lines] == [
        (1, "personalised"),
        (3, "personalized"),
    ]


def test_items_excluded_by_product_type_when_configured() -> None:
    rules = dataclasses.replace(
        EDIT, excluded=ExclusionRules(tags=(), product_types=("Made to Measure",))
    )
    o = order(item(product_type="made-to-measure"))
    d = order_edit_decide(order=o, settings=rules, now=T0 + minutes(5))
    assert d.code is EditCode.ITEMS_EXCLUDED
    assert d.lines[0].excluded_by == Exclusion(
        kind=ExclusionKind.PRODUCT_TYPE, value="made-to-measure", rule="Made to Measure"
    )


def test_without_exclusions_a_pre_order_can_change() -> None:
    open_rules = dataclasses.replace(EDIT, excluded=ExclusionRules())
    d = order_edit_decide(order=order(item(tags=("pre-order",))), settings=open_rules, now=T0)
    assert d.code is EditCode.EDITABLE


@pytest.mark.parametrize(
    ("variant", "quantity", "address", "code", "kinds"),
    [
        (True, True, True, EditCode.EDITABLE, ("variant", "quantity", "address")),
        (False, True, False, EditCode.EDITABLE, ("quantity",)),
        (False, False, True, EditCode.EDITABLE, ("address",)),
        (False, False, False, EditCode.CHANGES_NOT_ALLOWED, ()),
    ],
)
def test_allowed_changes_follow_the_hub_settings(
    variant: bool, quantity: bool, address: bool, code: EditCode, kinds: tuple[str, ...]
) -> None:
    s = dataclasses.replace(
        EDIT,
        allow_variant_change=variant,
        allow_quantity_change=quantity,
        allow_address_change=address,
    )
    d = order_edit_decide(order=order(), settings=s, now=T0 + minutes(5))
    assert d.code is code
    assert d.allowed_changes == tuple(ChangeKind(k) for k in kinds)


def test_cancelled_order_cannot_be_edited() -> None:
    o = order(cancelled_at=T0 + minutes(2), closed_at=T0 + minutes(2), cancel_reason="CUSTOMER")
    d = order_edit_decide(order=o, settings=EDIT, now=T0 + minutes(5))
    assert d.code is EditCode.CANCELLED
    assert d.editable is False
    assert d.editable_lines == ()


def test_closed_unfulfilled_order_cannot_be_edited_but_a_closed_fulfilled_one_is_fulfilled() -> (
    None
):
    closed = order(closed_at=T0 + minutes(1))
    shipped = order(item(shipments=(parcel(1),)), closed_at=T0 + minutes(1))
    now = T0 + minutes(5)
    assert order_edit_decide(order=closed, settings=EDIT, now=now).code is EditCode.CLOSED
    assert order_edit_decide(order=shipped, settings=EDIT, now=now).code is EditCode.FULFILLED


def test_removed_items_are_listed_as_removed_and_an_emptied_order_has_nothing_to_change() -> None:
    partly = order(item(1, current=0, unfulfilled=0), item(2))
    emptied = order(item(1, current=0, unfulfilled=0))
    now = T0 + minutes(5)
    d = order_edit_decide(order=partly, settings=EDIT, now=now)
    assert d.code is EditCode.EDITABLE
    assert [x.code for x in d.lines] == [LineEditCode.REMOVED, LineEditCode.EDITABLE]
    assert order_edit_decide(order=emptied, settings=EDIT, now=now).code is (
        EditCode.NOTHING_TO_CHANGE
    )


def test_shipped_units_known_only_from_quantities_still_count_as_shipped() -> None:
    # the mirror has no fulfillment lines yet, but Shopify says nothing is left to ship
    d = order_edit_decide(order=order(item(qty=2, unfulfilled=0)), settings=EDIT, now=T0)
    assert d.code is EditCode.FULFILLED


# --- cancelling -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("o", "after", "code"),
    [
        (order(), minutes(10), CancelCode.CANCELLABLE),
        (order(), minutes(60) - dt.timedelta(seconds=1), CancelCode.CANCELLABLE),
        (order(), minutes(60), CancelCode.WINDOW_PASSED),
        (order(), days(2), CancelCode.WINDOW_PASSED),
        (order(cancelled_at=T0 + minutes(1)), minutes(5), CancelCode.ALREADY_CANCELLED),
        (order(item(shipments=(parcel(1),))), minutes(5), CancelCode.FULFILLED),
        (
            order(item(1, shipments=(parcel(1),)), item(2)),
            minutes(5),
            CancelCode.PARTIALLY_FULFILLED,
        ),
        (order(item(qty=2, shipments=(parcel(1),))), minutes(5), CancelCode.PARTIALLY_FULFILLED),
        (order(closed_at=T0 + minutes(1)), minutes(5), CancelCode.CLOSED),
        (order(item(current=0, unfulfilled=0)), minutes(5), CancelCode.NOTHING_TO_CANCEL),
        # a pre-order can be cancelled within the hour, like any other order ...
        (order(item(tags=("pre-order",))), minutes(5), CancelCode.CANCELLABLE),
        # ... a personalised item cannot: it is being made
        (order(item(1), item(2, tags=("personalised",))), minutes(5), CancelCode.ITEMS_EXCLUDED),
        # a personalised item already removed from the order no longer stops it
        (
            order(item(1), item(2, current=0, unfulfilled=0, tags=("personalised",))),
            minutes(5),
            CancelCode.CANCELLABLE,
        ),
    ],
)
def test_cancel_decision(o: OrderFacts, after: dt.timedelta, code: CancelCode) -> None:
    d = order_cancel_decide(order=o, settings=EDIT, now=T0 + after)
    assert d.code is code
    assert d.cancellable is (code is CancelCode.CANCELLABLE)
    assert d.window_ends_at == T0 + minutes(60)


def test_cancel_names_the_items_that_stop_it() -> None:
    o = order(item(1), item(2, tags=("Personalized",)))
    d = order_cancel_decide(order=o, settings=EDIT, now=T0)
    assert d.excluded == (
        (2, Exclusion(kind=ExclusionKind.TAG, value="Personalized", rule="personalized")),
    )


def test_cancel_not_allowed_by_the_merchant() -> None:
    s = dataclasses.replace(EDIT, allow_cancel=False)
    assert order_cancel_decide(order=order(), settings=s, now=T0).code is CancelCode.NOT_ALLOWED


def test_cancel_and_edit_windows_are_separate() -> None:
    # edits closed at once, cancelling allowed for an hour
    s = dataclasses.replace(EDIT, edit_window_minutes=0, cancel_window_minutes=60)
    now = T0 + minutes(30)
    assert order_edit_decide(order=order(), settings=s, now=now).code is EditCode.WINDOW_PASSED
    assert order_cancel_decide(order=order(), settings=s, now=now).code is CancelCode.CANCELLABLE
    zero = dataclasses.replace(EDIT, cancel_window_minutes=0)
    assert order_cancel_decide(order=order(), settings=zero, now=T0).code is (
        CancelCode.WINDOW_PASSED
    )


# --- Returns: the PRODUCT.md steps ------------------------------------------------------------

# Delivered 3 May 2026 at 14:00 in Amsterdam: with 30 days the last day is 2 June.
DELIVERED = dt.datetime(2026, 5, 3, 14, 0, tzinfo=AMS)


def returned_item(**kwargs: Any) -> LineItemFacts:
    return item(shipments=(parcel(delivered=DELIVERED),), **kwargs)


def test_delivered_inside_the_window_is_eligible_with_the_window_facts() -> None:
    o = order(returned_item())
    now = dt.datetime(2026, 5, 20, 12, 0, tzinfo=AMS)
    d = line_return_decide(order=o, line=o.line_items[0], settings=RETURNS, now=now)
    assert d.code is ReturnCode.ELIGIBLE
    assert d.eligible is True
    assert d.eligible_quantity == 1
    assert d.window_days == 30
    assert d.window is not None
    assert d.window.delivered_at == DELIVERED
    assert d.window.delivered_on == dt.date(2026, 5, 3)
    assert d.window.last_day == dt.date(2026, 6, 2)
    assert d.window.ends_at == dt.datetime(2026, 6, 3, 0, 0, tzinfo=AMS)


def test_window_passed_gives_both_dates_delivered_3_may_ended_2_june() -> None:
    o = order(returned_item())
    now = dt.datetime(2026, 6, 10, 12, 0, tzinfo=AMS)
    d = line_return_decide(order=o, line=o.line_items[0], settings=RETURNS, now=now)
    assert d.code is ReturnCode.WINDOW_PASSED
    assert d.eligible_quantity == 0
    assert d.window is not None
    assert (d.window.delivered_on, d.window.last_day) == (dt.date(2026, 5, 3), dt.date(2026, 6, 2))


@pytest.mark.parametrize(
    ("now", "code"),
    [
        (dt.datetime(2026, 5, 3, 14, 0, tzinfo=AMS), ReturnCode.ELIGIBLE),  # the moment it arrives
        (dt.datetime(2026, 6, 2, 0, 0, tzinfo=AMS), ReturnCode.ELIGIBLE),
        (dt.datetime(2026, 6, 2, 23, 59, 59, tzinfo=AMS), ReturnCode.ELIGIBLE),  # the last day
        (dt.datetime(2026, 6, 2, 21, 59, tzinfo=UTC), ReturnCode.ELIGIBLE),  # 23:59 local
        (dt.datetime(2026, 6, 3, 0, 0, tzinfo=AMS), ReturnCode.WINDOW_PASSED),
        (dt.datetime(2026, 6, 2, 22, 0, tzinfo=UTC), ReturnCode.WINDOW_PASSED),  # 00:00 local
    ],
)
def test_return_window_boundary_is_the_end_of_the_last_local_day(
    now: dt.datetime, code: ReturnCode
) -> None:
    o = order(returned_item())
    assert line_return_decide(order=o, line=o.line_items[0], settings=RETURNS, now=now).code is code


def test_the_delivery_day_is_the_store_s_local_day() -> None:
    # 22:30 UTC on 2 May is 00:30 on 3 May in Amsterdam
    w = return_window(delivered_at=dt.datetime(2026, 5, 2, 22, 30, tzinfo=UTC), settings=RETURNS)
    assert (w.delivered_on, w.last_day) == (dt.date(2026, 5, 3), dt.date(2026, 6, 2))
    # the same instant in a UTC store is still 2 May
    utc = dataclasses.replace(RETURNS, timezone="UTC")
    w = return_window(delivered_at=dt.datetime(2026, 5, 2, 22, 30, tzinfo=UTC), settings=utc)
    assert (w.delivered_on, w.last_day) == (dt.date(2026, 5, 2), dt.date(2026, 6, 1))


def test_return_window_across_the_change_to_winter_time_ends_at_local_midnight() -> None:
    # delivered 10 October (summer time); 30 days later is 9 November (winter time)
    w = return_window(delivered_at=dt.datetime(2026, 10, 10, 0, 30, tzinfo=AMS), settings=RETURNS)
    assert w.last_day == dt.date(2026, 11, 9)
    assert w.ends_at == dt.datetime(2026, 11, 9, 23, 0, tzinfo=UTC)


def test_zero_day_window_allows_returns_on_the_delivery_day_only() -> None:
    same_day = dataclasses.replace(RETURNS, return_window_days=0)
    o = order(returned_item())
    on_day = dt.datetime(2026, 5, 3, 23, 0, tzinfo=AMS)
    next_day = dt.datetime(2026, 5, 4, 0, 0, tzinfo=AMS)
    assert line_return_decide(
        order=o, line=o.line_items[0], settings=same_day, now=on_day
    ).code is (ReturnCode.ELIGIBLE)
    assert line_return_decide(
        order=o, line=o.line_items[0], settings=same_day, now=next_day
    ).code is (ReturnCode.WINDOW_PASSED)


@pytest.mark.parametrize(
    ("tags", "product_type", "kind", "value", "key"),
    [
        (("sale", "final-sale"), "Dresses", ExclusionKind.TAG, "final-sale", "finalsale"),
        (("Final Sale",), "Dresses", ExclusionKind.TAG, "Final Sale", "finalsale"),
        (("final_sale",), "Dresses", ExclusionKind.TAG, "final_sale", "finalsale"),
        (("FINAL-SALE",), "Dresses", ExclusionKind.TAG, "FINAL-SALE", "finalsale"),
        (("personalised", "bags"), "Bags", ExclusionKind.TAG, "personalised", "personalised"),
        (("Personalized",), "Bags", ExclusionKind.TAG, "Personalized", "personalized"),
        (("hygiene", "underwear"), "Underwear", ExclusionKind.TAG, "hygiene", "hygiene"),
        (("gift card",), "Vouchers", ExclusionKind.TAG, "gift card", "giftcard"),
        ((), "Gift Card", ExclusionKind.PRODUCT_TYPE, "Gift Card", "giftcard"),
        ((), "gift-card", ExclusionKind.PRODUCT_TYPE, "gift-card", "giftcard"),
    ],
)
def test_excluded_items_are_not_returnable_and_say_why(
    tags: tuple[str, ...], product_type: str, kind: ExclusionKind, value: str, key: str
) -> None:
    o = order(returned_item(tags=tags, product_type=product_type))
    now = DELIVERED + days(2)  # well inside the window
    d = line_return_decide(order=o, line=o.line_items[0], settings=RETURNS, now=now)
    assert d.code is ReturnCode.EXCLUDED
    assert d.eligible_quantity == 0
    assert d.excluded_by is not None
    assert (d.excluded_by.kind, d.excluded_by.value, d.excluded_by.key) == (kind, value, key)


def test_an_ordinary_sale_item_is_returnable() -> None:
    o = order(returned_item(tags=("sale",), product_type="Shorts"))
    d = line_return_decide(order=o, line=o.line_items[0], settings=RETURNS, now=DELIVERED)
    assert d.code is ReturnCode.ELIGIBLE


def test_an_excluded_item_is_excluded_before_it_has_even_shipped() -> None:
    o = order(item(tags=("final-sale",)))
    d = line_return_decide(order=o, line=o.line_items[0], settings=RETURNS, now=T0)
    assert d.code is ReturnCode.EXCLUDED


@pytest.mark.parametrize(
    ("line", "code", "in_transit", "unshipped"),
    [
        (item(qty=2), ReturnCode.NOT_SHIPPED, 0, 2),  # unfulfilled: order editing
        (item(qty=2, shipments=(parcel(2),)), ReturnCode.NOT_DELIVERED, 2, 0),
        (item(qty=3, shipments=(parcel(1),)), ReturnCode.NOT_DELIVERED, 1, 2),
        # shipped per the quantities, but the mirror does not know which parcel: not delivered
        (item(qty=1, unfulfilled=0), ReturnCode.NOT_DELIVERED, 1, 0),
    ],
)
def test_not_delivered_yet(
    line: LineItemFacts, code: ReturnCode, in_transit: int, unshipped: int
) -> None:
    o = order(line)
    d = line_return_decide(order=o, line=line, settings=RETURNS, now=T0 + days(3))
    assert (d.code, d.in_transit_quantity, d.unshipped_quantity, d.eligible_quantity) == (
        code,
        in_transit,
        unshipped,
        0,
    )
    assert d.window is None


def test_already_returned_and_refunded_item() -> None:
    line = item(qty=2, current=0, shipments=(parcel(2, delivered=DELIVERED),))
    d = line_return_decide(order=order(line), line=line, settings=RETURNS, now=DELIVERED + days(5))
    assert d.code is ReturnCode.ALREADY_RETURNED
    assert d.returned_quantity == 2
    assert d.eligible_quantity == 0


def test_partly_returned_item_keeps_the_rest_returnable() -> None:
    line = item(qty=3, current=1, shipments=(parcel(3, delivered=DELIVERED),))
    d = line_return_decide(order=order(line), line=line, settings=RETURNS, now=DELIVERED + days(5))
    assert (d.code, d.eligible_quantity, d.returned_quantity) == (ReturnCode.ELIGIBLE, 1, 2)


def test_delivered_parcel_and_parcel_on_its_way() -> None:
    line = item(qty=2, shipments=(parcel(1, delivered=DELIVERED, fid=1), parcel(1, fid=2)))
    d = line_return_decide(order=order(line), line=line, settings=RETURNS, now=DELIVERED + days(1))
    assert (d.code, d.eligible_quantity, d.in_transit_quantity) == (ReturnCode.ELIGIBLE, 1, 1)


def test_delivered_unit_and_unit_still_to_ship() -> None:
    line = item(qty=2, shipments=(parcel(1, delivered=DELIVERED),))
    d = line_return_decide(order=order(line), line=line, settings=RETURNS, now=DELIVERED + days(1))
    assert (d.code, d.eligible_quantity, d.unshipped_quantity) == (ReturnCode.ELIGIBLE, 1, 1)


def test_two_deliveries_one_inside_one_outside_the_window() -> None:
    now = dt.datetime(2026, 7, 1, 12, 0, tzinfo=AMS)
    late = parcel(1, delivered=now - days(40), fid=1)
    recent = parcel(1, delivered=now - days(5), fid=2)
    line = item(qty=2, shipments=(late, recent))
    d = line_return_decide(order=order(line), line=line, settings=RETURNS, now=now)
    assert (d.code, d.eligible_quantity) == (ReturnCode.ELIGIBLE, 1)
    assert d.window is not None
    assert d.window.delivered_at == now - days(5)


def test_two_deliveries_both_outside_the_window_report_the_latest() -> None:
    now = dt.datetime(2026, 9, 1, 12, 0, tzinfo=AMS)
    line = item(
        qty=2,
        shipments=(delivered(60, now), dataclasses.replace(delivered(45, now), fulfillment_id=2)),
    )
    d = line_return_decide(order=order(line), line=line, settings=RETURNS, now=now)
    assert d.code is ReturnCode.WINDOW_PASSED
    assert d.window is not None
    assert d.window.delivered_at == now - days(45)


def test_a_removed_unit_is_counted_against_the_open_window_first() -> None:
    # one unit delivered 40 days ago, one 5 days ago, one of the two refunded: which one is
    # unknown, so the agent does not promise the recent one is still returnable
    now = dt.datetime(2026, 7, 1, 12, 0, tzinfo=AMS)
    shipments = (
        parcel(1, delivered=now - days(40), fid=1),
        parcel(1, delivered=now - days(5), fid=2),
    )
    line = item(qty=2, current=1, unfulfilled=0, shipments=shipments)
    d = line_return_decide(order=order(line), line=line, settings=RETURNS, now=now)
    assert (d.code, d.eligible_quantity, d.returned_quantity) == (ReturnCode.WINDOW_PASSED, 0, 1)


def test_lost_parcel_refunded_leaves_the_rest_on_its_way() -> None:
    line = item(qty=2, current=1, unfulfilled=0, shipments=(parcel(2),))
    d = line_return_decide(order=order(line), line=line, settings=RETURNS, now=T0 + days(4))
    assert (d.code, d.in_transit_quantity, d.returned_quantity) == (ReturnCode.NOT_DELIVERED, 1, 1)


def test_nothing_is_returnable_on_a_cancelled_order() -> None:
    o = order(returned_item(), cancelled_at=T0 + minutes(20))
    d = line_return_decide(order=o, line=o.line_items[0], settings=RETURNS, now=DELIVERED)
    assert d.code is ReturnCode.ORDER_CANCELLED


# --- Returns: the order summary -------------------------------------------------------------


def test_summary_all_eligible() -> None:
    o = order(returned_item(line_id=1), returned_item(line_id=2))
    s = order_return_decide(order=o, settings=RETURNS, now=DELIVERED + days(1))
    assert s.code is ReturnSummaryCode.ALL_ELIGIBLE
    assert s.reasons == ()
    assert [d.line_id for d in s.eligible_lines] == [1, 2]
    assert s.return_by is not None
    assert s.return_by.last_day == dt.date(2026, 6, 2)
    assert s.exchange_allowed is True
    assert s.window_days == 30
    assert s.refund.code is RefundCode.NO_RETURN


def test_summary_mixed_final_sale_and_ordinary_items() -> None:
    o = order(returned_item(line_id=1), returned_item(line_id=2, tags=("final-sale",)))
    s = order_return_decide(order=o, settings=RETURNS, now=DELIVERED + days(1))
    assert s.code is ReturnSummaryCode.SOME_ELIGIBLE
    assert s.reasons == (ReturnCode.EXCLUDED,)
    assert [d.line_id for d in s.ineligible_lines] == [2]


def test_summary_some_units_still_on_their_way() -> None:
    line = item(qty=2, shipments=(parcel(1, delivered=DELIVERED, fid=1), parcel(1, fid=2)))
    s = order_return_decide(order=order(line), settings=RETURNS, now=DELIVERED + days(1))
    assert s.code is ReturnSummaryCode.SOME_ELIGIBLE
    assert s.reasons == ()


def test_summary_none_eligible_lists_every_reason_once_in_line_order() -> None:
    now = dt.datetime(2026, 7, 1, 12, 0, tzinfo=AMS)
    o = order(
        item(1, shipments=(delivered(40, now),)),
        item(2, tags=("hygiene",), shipments=(delivered(2, now),)),
        item(3, shipments=(delivered(45, now),)),
        item(4, shipments=(parcel(1),)),
    )
    s = order_return_decide(order=o, settings=RETURNS, now=now)
    assert s.code is ReturnSummaryCode.NONE_ELIGIBLE
    assert s.reasons == (ReturnCode.WINDOW_PASSED, ReturnCode.EXCLUDED, ReturnCode.NOT_DELIVERED)
    assert s.return_by is None


def test_summary_already_returned_line_does_not_stop_all_eligible() -> None:
    o = order(
        returned_item(line_id=1),
        item(2, current=0, shipments=(parcel(delivered=DELIVERED),)),
    )
    s = order_return_decide(order=o, settings=RETURNS, now=DELIVERED + days(1))
    assert s.code is ReturnSummaryCode.ALL_ELIGIBLE
    assert s.reasons == (ReturnCode.ALREADY_RETURNED,)


def test_summary_of_a_cancelled_order() -> None:
    o = order(cancelled_at=T0 + minutes(5), display_financial_status="REFUNDED")
    s = order_return_decide(order=o, settings=RETURNS, now=T0 + days(1))
    assert s.code is ReturnSummaryCode.ORDER_CANCELLED
    assert s.reasons == (ReturnCode.ORDER_CANCELLED,)
    assert s.refund.code is RefundCode.REFUNDED
    assert s.refund.order_cancelled is True


def test_summary_return_by_is_the_first_window_to_close() -> None:
    now = dt.datetime(2026, 7, 1, 12, 0, tzinfo=AMS)
    o = order(item(1, shipments=(delivered(20, now),)), item(2, shipments=(delivered(3, now),)))
    s = order_return_decide(order=o, settings=RETURNS, now=now)
    assert s.return_by is not None
    assert s.return_by.delivered_on == (now - days(20)).date()


def test_summary_passes_on_whether_exchanges_are_offered() -> None:
    no_exchange = dataclasses.replace(RETURNS, exchange_allowed=False)
    s = order_return_decide(order=order(returned_item()), settings=no_exchange, now=DELIVERED)
    assert s.exchange_allowed is False


# --- refund status ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("return_status", "financial", "refunded", "total", "cancelled", "code"),
    [
        ("NO_RETURN", "PAID", "0", "100", False, RefundCode.NO_RETURN),
        ("RETURN_REQUESTED", "PAID", "0", "100", False, RefundCode.RETURN_REQUESTED),
        ("IN_PROGRESS", "PAID", "0", "100", False, RefundCode.RETURN_IN_PROGRESS),
        # a new return underway is newer than an earlier partial refund
        ("IN_PROGRESS", "PARTIALLY_REFUNDED", "20", "80", False, RefundCode.RETURN_IN_PROGRESS),
        ("INSPECTION_COMPLETE", "PAID", "0", "100", False, RefundCode.RETURN_INSPECTED),
        ("RETURN_FAILED", "PAID", "0", "100", False, RefundCode.RETURN_FAILED),
        ("RETURNED", "PAID", "0", "100", False, RefundCode.RETURNED),
        ("RETURNED", "REFUNDED", "100", "0", False, RefundCode.REFUNDED),
        ("RETURNED", "PARTIALLY_REFUNDED", "40", "60", False, RefundCode.REFUNDED_PARTIALLY),
        ("NO_RETURN", "REFUNDED", "100", "0", True, RefundCode.REFUNDED),  # cancelled in time
        ("NO_RETURN", "PARTIALLY_REFUNDED", "95", "5", True, RefundCode.REFUNDED_PARTIALLY),  # fee
        ("NO_RETURN", "PAID", "10", "90", False, RefundCode.REFUNDED_PARTIALLY),  # goodwill
        ("NO_RETURN", "PAID", "100", "0", False, RefundCode.REFUNDED),
        ("NO_RETURN", "VOIDED", "0", "0", True, RefundCode.PAYMENT_VOIDED),
        ("returned", "refunded", "100", "0", False, RefundCode.REFUNDED),  # any case
    ],
)
def test_refund_status(
    return_status: str, financial: str, refunded: str, total: str, cancelled: bool, code: RefundCode
) -> None:
    o = order(
        return_status=return_status,
        display_financial_status=financial,
        total_refunded=Decimal(refunded),
        total_price=Decimal(total),
        cancelled_at=T0 + minutes(10) if cancelled else None,
    )
    r = refund_status_decide(order=o)
    assert r.code is code
    assert (r.return_status, r.financial_status) == (return_status, financial)
    assert (r.refunded_amount, r.currency, r.order_cancelled) == (
        Decimal(refunded),
        "EUR",
        cancelled,
    )


# --- which order ------------------------------------------------------------------------------

NOW = T0 + days(60)


def placed(number: int, ago: dt.timedelta, *lines: LineItemFacts, **changes: Any) -> OrderFacts:
    return order(
        *lines, id=number, number=number, name=f"#{number}", created_at=NOW - ago, **changes
    )


UNFULFILLED_OLD = placed(1001, days(50))
SHIPPED = placed(1002, days(10), item(shipments=(parcel(delivered=NOW - days(8)),)))
UNFULFILLED_A = placed(1003, days(2))
CANCELLED = placed(1004, days(1), cancelled_at=NOW - days(1))
UNFULFILLED_B = placed(1005, minutes(20))
REFUNDED = placed(1006, days(20), return_status="RETURNED", display_financial_status="REFUNDED")


def numbers(pick: OrderPick) -> list[int]:
    return [o.number for o in pick.candidates]


def test_the_named_order_is_picked_when_it_is_the_shopper_s() -> None:
    p = order_pick(orders=[SHIPPED, UNFULFILLED_A], number=1002, purpose=PickPurpose.EDIT, now=NOW)
    assert (p.code, p.order, p.named, p.relevant) == (PickCode.PICKED, SHIPPED, True, False)


def test_a_named_order_that_is_not_theirs_is_not_found_like_one_that_does_not_exist() -> None:
    theirs = [SHIPPED, UNFULFILLED_A]
    someone_elses = order_pick(orders=theirs, number=1005, now=NOW)
    no_such = order_pick(orders=theirs, number=99999, now=NOW)
    assert someone_elses == no_such == OrderPick(code=PickCode.NOT_FOUND)


def test_no_orders() -> None:
    assert order_pick(orders=[], now=NOW).code is PickCode.NO_ORDERS


def test_several_recent_unfulfilled_orders_make_an_edit_ambiguous() -> None:
    orders = [UNFULFILLED_OLD, SHIPPED, UNFULFILLED_A, CANCELLED, UNFULFILLED_B]
    p = order_pick(orders=orders, purpose=PickPurpose.EDIT, now=NOW)
    assert p.code is PickCode.AMBIGUOUS
    assert p.order is None
    assert numbers(p) == [1005, 1003]  # most recent first; not the old one, not the cancelled one


def test_the_only_recent_fitting_order_is_picked_over_a_newer_shipped_one() -> None:
    newer_shipped = placed(1007, minutes(5), item(shipments=(parcel(1),)))
    p = order_pick(orders=[UNFULFILLED_A, newer_shipped], purpose=PickPurpose.CANCEL, now=NOW)
    assert (p.code, p.order, p.relevant) == (PickCode.PICKED, UNFULFILLED_A, True)


def test_an_old_fitting_order_is_picked_when_no_recent_one_fits() -> None:
    p = order_pick(orders=[UNFULFILLED_OLD, SHIPPED], purpose=PickPurpose.EDIT, now=NOW)
    assert (p.code, p.order, p.relevant) == (PickCode.PICKED, UNFULFILLED_OLD, True)


def test_when_nothing_fits_the_most_recent_order_is_given_to_explain() -> None:
    p = order_pick(orders=[SHIPPED, CANCELLED], purpose=PickPurpose.EDIT, now=NOW)
    assert (p.code, p.order, p.relevant) == (PickCode.PICKED, CANCELLED, False)


def test_return_picks_shipped_orders_and_any_picks_the_most_recent() -> None:
    orders = [UNFULFILLED_A, SHIPPED, UNFULFILLED_B]
    assert order_pick(orders=orders, purpose=PickPurpose.RETURN, now=NOW).order == SHIPPED
    assert order_pick(orders=orders, now=NOW).order == UNFULFILLED_B


def test_several_recent_delivered_orders_make_a_return_ambiguous() -> None:
    other = placed(1008, days(5), item(shipments=(parcel(delivered=NOW - days(3)),)))
    p = order_pick(orders=[SHIPPED, other], purpose=PickPurpose.RETURN, now=NOW)
    assert (p.code, numbers(p)) == (PickCode.AMBIGUOUS, [1008, 1002])


def test_refund_picks_the_order_with_a_return_or_refund() -> None:
    orders = [REFUNDED, SHIPPED, UNFULFILLED_B]
    assert order_pick(orders=orders, purpose=PickPurpose.REFUND, now=NOW).order == REFUNDED


def test_candidates_are_capped() -> None:
    orders = [placed(2000 + n, minutes(n + 1)) for n in range(8)]
    p = order_pick(orders=orders, purpose=PickPurpose.EDIT, now=NOW, max_candidates=3)
    assert numbers(p) == [2000, 2001, 2002]


# --- invariants -------------------------------------------------------------------------------

EDIT_RULES = OrderEditSettings()
RETURN_RULES = ReturnsSettings(timezone="Europe/Amsterdam")
TAGS = ["knitwear", "sale", "final-sale", "Final Sale", "personalised", "pre-order", "hygiene"]


@st.composite
def line_items(draw: st.DrawFn, line_id: int) -> LineItemFacts:
    qty = draw(st.integers(1, 4))
    shipped = draw(st.integers(0, qty))
    removed = draw(st.integers(0, qty))
    current = qty - removed
    parcels: list[LineShipment] = []
    left = shipped
    while left:
        n = draw(st.integers(1, left))
        ago = draw(st.one_of(st.none(), st.floats(0, 90)))
        at = None if ago is None else NOW - days(ago)
        parcels.append(parcel(n, delivered=at, fid=len(parcels) + 1))
        left -= n
    return item(
        line_id,
        qty=qty,
        current=current,
        unfulfilled=max(0, min(current, qty - shipped)),
        shipments=tuple(parcels),
        tags=tuple(draw(st.lists(st.sampled_from(TAGS), max_size=2))),
        product_type=draw(st.sampled_from(["Knitwear", "Gift Card"])),
    )


@st.composite
def orders(draw: st.DrawFn) -> OrderFacts:
    n = draw(st.integers(1, 3))
    lines = tuple(draw(line_items(i + 1)) for i in range(n))
    created = NOW - draw(st.timedeltas(dt.timedelta(0), days(100)))
    cancelled = draw(st.booleans()) and draw(st.booleans())
    return order(*lines, created_at=created, cancelled_at=created if cancelled else None)


@settings(max_examples=300, deadline=None)
@given(o=orders(), later=st.timedeltas(dt.timedelta(0), days(5)))
def test_no_unit_is_both_editable_and_returnable(o: OrderFacts, later: dt.timedelta) -> None:
    now = NOW + later
    edit = order_edit_decide(order=o, settings=EDIT_RULES, now=now)
    returns = order_return_decide(order=o, settings=RETURN_RULES, now=now)
    for li, e, r in zip(o.line_items, edit.lines, returns.lines, strict=True):
        assert e.editable_quantity + r.eligible_quantity <= li.current_quantity
        if not li.shipments and li.current_quantity == li.unfulfilled_quantity:
            assert not r.eligible  # nothing shipped: never returnable
        if li.unfulfilled_quantity == 0:
            assert not e.editable  # everything shipped: never editable
        if e.editable:
            assert edit.editable and now < edit.window_ends_at
    if o.cancelled:
        assert not edit.editable
        assert returns.eligible_lines == ()
        assert not order_cancel_decide(order=o, settings=EDIT_RULES, now=now).cancellable


@settings(max_examples=300, deadline=None)
@given(o=orders(), later=st.timedeltas(dt.timedelta(0), days(5)))
def test_an_excluded_item_is_never_eligible_nor_editable(
    o: OrderFacts, later: dt.timedelta
) -> None:
    now = NOW + later
    edit = order_edit_decide(order=o, settings=EDIT_RULES, now=now)
    returns = order_return_decide(order=o, settings=RETURN_RULES, now=now)
    for li, e, r in zip(o.line_items, edit.lines, returns.lines, strict=True):
        if RETURN_RULES.excluded.match(tags=li.product_tags, product_type=li.product_type):
            assert not r.eligible
            assert r.eligible_quantity == 0
        if EDIT_RULES.excluded.match(tags=li.product_tags, product_type=li.product_type):
            assert not e.editable


@settings(max_examples=200, deadline=None)
@given(o=orders(), later=st.timedeltas(dt.timedelta(0), days(60)))
def test_a_return_window_never_reopens(o: OrderFacts, later: dt.timedelta) -> None:
    before = order_return_decide(order=o, settings=RETURN_RULES, now=NOW)
    after = order_return_decide(order=o, settings=RETURN_RULES, now=NOW + later)
    for b, a in zip(before.lines, after.lines, strict=True):
        assert a.eligible_quantity <= b.eligible_quantity


# --- the demo shop's labelled orders ----------------------------------------------------------

DEMO_NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def _demo_facts(o: DemoOrder) -> OrderFacts:
    """The demo order as the mirror would hold it (ids are Shopify's here)."""
    shipments: dict[int, list[LineShipment]] = {}
    for f in o.fulfillments:
        for line_id, qty in f.line_items:
            shipments.setdefault(line_id, []).append(
                LineShipment(f.shopify_id, qty, f.display_status, f.created_at, f.delivered_at)
            )
    lines = tuple(
        dataclasses.replace(
            item(
                li.shopify_id,
                qty=li.quantity,
                current=li.current_quantity,
                unfulfilled=li.unfulfilled_quantity,
                shipments=tuple(shipments.get(li.shopify_id, ())),
                tags=li.product_tags,
                product_type=li.product_type,
            ),
            title=li.title,
        )
        for li in o.line_items
    )
    return order(
        *lines,
        id=o.number,
        number=o.number,
        name=o.name,
        created_at=o.created_at,
        cancelled_at=o.cancelled_at,
        closed_at=o.closed_at,
        display_fulfillment_status=o.display_fulfillment_status,
        display_financial_status=o.display_financial_status,
        return_status=o.return_status,
        total_price=o.total_price,
        total_refunded=o.total_refunded,
        tags=o.tags,
    )


DEMO = [(_demo_facts(o), o.cases) for o in demo_orders(now=DEMO_NOW)]
DEMO_EDIT = OrderEditSettings(edit_window_minutes=60, cancel_window_minutes=60)
DEMO_RETURNS = ReturnsSettings(return_window_days=30, timezone="Europe/Amsterdam")


def demo_cases(case: DemoCase) -> list[OrderFacts]:
    found = [o for o, cases in DEMO if case in cases]
    assert found, case
    return found


def test_demo_unfulfilled_orders_inside_the_edit_window() -> None:
    for o in demo_cases(DemoCase.UNFULFILLED_IN_EDIT_WINDOW):
        d = order_edit_decide(order=o, settings=DEMO_EDIT, now=DEMO_NOW)
        only_excluded = all(
            DEMO_EDIT.excluded.match(tags=li.product_tags, product_type=li.product_type)
            for li in o.line_items
        )
        expected = EditCode.ITEMS_EXCLUDED if only_excluded else EditCode.EDITABLE
        assert d.code is expected, o.name
        cancel = order_cancel_decide(order=o, settings=DEMO_EDIT, now=DEMO_NOW)
        personalised = DemoCase.PERSONALISED_ITEM in dict(DEMO)[o]
        assert cancel.code is (
            CancelCode.ITEMS_EXCLUDED if personalised else CancelCode.CANCELLABLE
        ), o.name


def test_demo_unfulfilled_orders_outside_the_edit_window() -> None:
    for o in demo_cases(DemoCase.UNFULFILLED_OUTSIDE_EDIT_WINDOW):
        assert order_edit_decide(order=o, settings=DEMO_EDIT, now=DEMO_NOW).code is (
            EditCode.WINDOW_PASSED
        ), o.name
        assert order_cancel_decide(order=o, settings=DEMO_EDIT, now=DEMO_NOW).code in (
            CancelCode.WINDOW_PASSED,
            CancelCode.ITEMS_EXCLUDED,
        ), o.name


def test_demo_partially_fulfilled_orders() -> None:
    for o in demo_cases(DemoCase.PARTIALLY_FULFILLED):
        d = order_edit_decide(order=o, settings=DEMO_EDIT, now=DEMO_NOW)
        assert d.fulfillment is FulfillmentState.PARTIALLY_FULFILLED, o.name
        assert d.shipped_lines, o.name
        assert any(x.unshipped_quantity for x in d.lines), o.name
        cancel = order_cancel_decide(order=o, settings=DEMO_EDIT, now=DEMO_NOW)
        assert cancel.code is CancelCode.PARTIALLY_FULFILLED, o.name


@pytest.mark.parametrize("case", [DemoCase.IN_TRANSIT, DemoCase.OUT_FOR_DELIVERY])
def test_demo_shipped_orders_go_to_returns_and_are_not_delivered_yet(case: DemoCase) -> None:
    for o in demo_cases(case):
        assert order_edit_decide(order=o, settings=DEMO_EDIT, now=DEMO_NOW).code is (
            EditCode.FULFILLED
        ), o.name
        s = order_return_decide(order=o, settings=DEMO_RETURNS, now=DEMO_NOW)
        assert set(s.reasons) <= {ReturnCode.NOT_DELIVERED, ReturnCode.EXCLUDED}, o.name
        # on their way, unless the only item can never be returned (a personalised tote)
        assert ReturnCode.NOT_DELIVERED in s.reasons or s.reasons == (ReturnCode.EXCLUDED,)


@pytest.mark.parametrize(
    ("case", "code"),
    [
        (DemoCase.DELIVERED_IN_RETURN_WINDOW, ReturnCode.ELIGIBLE),
        (DemoCase.DELIVERED_OUTSIDE_RETURN_WINDOW, ReturnCode.WINDOW_PASSED),
    ],
)
def test_demo_delivered_orders(case: DemoCase, code: ReturnCode) -> None:
    for o in demo_cases(case):
        s = order_return_decide(order=o, settings=DEMO_RETURNS, now=DEMO_NOW)
        delivered = [
            (li, d)
            for li, d in zip(o.line_items, s.lines, strict=True)
            if li.delivered_quantity and li.current_quantity
        ]
        for li, d in delivered:
            excluded = DEMO_RETURNS.excluded.match(
                tags=li.product_tags, product_type=li.product_type
            )
            assert d.code is (ReturnCode.EXCLUDED if excluded else code), (o.name, li.title)


@pytest.mark.parametrize(
    ("case", "key"),
    [
        (DemoCase.FINAL_SALE_ITEM, "finalsale"),
        (DemoCase.PERSONALISED_ITEM, "personalised"),
        (DemoCase.HYGIENE_ITEM, "hygiene"),
    ],
)
def test_demo_excluded_items_are_never_returnable(case: DemoCase, key: str) -> None:
    for o in demo_cases(case):
        s = order_return_decide(order=o, settings=DEMO_RETURNS, now=DEMO_NOW)
        keys = {d.excluded_by.key for d in s.lines if d.excluded_by is not None}
        assert key in keys or o.cancelled, o.name


def test_demo_pre_orders_cannot_be_changed() -> None:
    for o in demo_cases(DemoCase.PRE_ORDER_ITEM):
        d = order_edit_decide(order=o, settings=DEMO_EDIT, now=DEMO_NOW)
        assert any(x.excluded_by and x.excluded_by.key == "preorder" for x in d.lines), o.name


def test_demo_sale_items_stay_returnable() -> None:
    for o in demo_cases(DemoCase.SALE_ITEM):
        s = order_return_decide(order=o, settings=DEMO_RETURNS, now=DEMO_NOW)
        assert s.code is ReturnSummaryCode.ALL_ELIGIBLE, o.name


def test_demo_cancelled_orders() -> None:
    for o in demo_cases(DemoCase.CANCELLED):
        assert order_edit_decide(order=o, settings=DEMO_EDIT, now=DEMO_NOW).code is (
            EditCode.CANCELLED
        )
        assert order_cancel_decide(order=o, settings=DEMO_EDIT, now=DEMO_NOW).code is (
            CancelCode.ALREADY_CANCELLED
        )
        s = order_return_decide(order=o, settings=DEMO_RETURNS, now=DEMO_NOW)
        assert s.code is ReturnSummaryCode.ORDER_CANCELLED


@pytest.mark.parametrize(
    ("case", "codes"),
    [
        (DemoCase.RETURN_REQUESTED, {RefundCode.RETURN_REQUESTED}),
        (DemoCase.RETURN_IN_PROGRESS, {RefundCode.RETURN_IN_PROGRESS}),
        (DemoCase.REFUNDED, {RefundCode.REFUNDED}),
        (DemoCase.PARTIALLY_REFUNDED, {RefundCode.REFUNDED_PARTIALLY}),
    ],
)
def test_demo_refund_status(case: DemoCase, codes: set[RefundCode]) -> None:
    for o in demo_cases(case):
        assert refund_status_decide(order=o).code in codes, o.name
