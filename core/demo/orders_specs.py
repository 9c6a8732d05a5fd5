"""What happened to each demo order, relative to "now". ``orders.demo_orders`` turns these
specs into Shopify-shaped orders.

Items are SKUs from ``catalog`` (``"SKU*2"`` for a quantity of two). Ages are how long ago
something happened. Every spec names all the :class:`DemoCase` values it shows; the tests
check, after loading, that each case holds in the database for exactly the orders labelled
with it (so "the orders with a final-sale item" can be picked by label).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from core.demo.types import DemoCase as C

NO_RETURN = "NO_RETURN"


@dataclass(frozen=True)
class Open:
    """Paid and not shipped yet."""


@dataclass(frozen=True)
class Shipped:
    """Handed to the carrier ``shipped`` ago; ``lines`` = (line index, quantity), None = all."""

    shipped: timedelta
    display_status: str = "IN_TRANSIT"
    lines: tuple[tuple[int, int], ...] | None = None


@dataclass(frozen=True)
class Delivered:
    """Delivered ``delivered`` ago; ``refunded`` lists line indexes returned and refunded."""

    shipped: timedelta
    delivered: timedelta
    lines: tuple[tuple[int, int], ...] | None = None
    return_status: str = NO_RETURN
    refunded: tuple[int, ...] = ()


@dataclass(frozen=True)
class Cancelled:
    """Cancelled ``after`` placing; ``fee``: the EUR 5 fee for cancelling after the window."""

    after: timedelta
    fee: bool = False


State = Open | Shipped | Delivered | Cancelled


@dataclass(frozen=True)
class OrderSpec:
    customer: str
    placed: timedelta
    items: tuple[tuple[str, int], ...]
    state: State
    cases: frozenset[C]
    tags: tuple[str, ...] = ()


def M(n: float) -> timedelta:
    return timedelta(minutes=n)


def H(n: float) -> timedelta:
    return timedelta(hours=n)


def D(n: float) -> timedelta:
    return timedelta(days=n)


def _o(
    customer: str,
    placed: timedelta,
    items: str,
    state: State,
    *cases: C,
    tags: tuple[str, ...] = (),
) -> OrderSpec:
    parsed = []
    for item in items.split(", "):
        sku, _, qty = item.partition("*")
        parsed.append((sku, int(qty or 1)))
    return OrderSpec(customer, placed, tuple(parsed), state, frozenset(cases), tags)


_PRE = ("pre-order",)
_REQUESTED, _IN_PROGRESS, _RETURNED = "RETURN_REQUESTED", "IN_PROGRESS", "RETURNED"

# A table reads best one order per line or two; the formatter would put one value per line.
# fmt: off
SPECS: tuple[OrderSpec, ...] = (
    # Unfulfilled, still inside the 60-minute edit window.
    _o("sanne", M(15), "TX-M-MARI", Open(), C.UNFULFILLED_IN_EDIT_WINDOW, C.REPEAT_CUSTOMER),
    _o("oliver", M(25), "NR-43-WHIT, OB-M-BLAC*2", Open(),
       C.UNFULFILLED_IN_EDIT_WINDOW, C.MULTI_ITEM),
    _o("daan", M(35), "SF-3232-INDI", Open(), C.UNFULFILLED_IN_EDIT_WINDOW, C.REPEAT_CUSTOMER),
    _o("amelia", M(10), "PT-NATU, OB-S-WHIT", Open(),
       C.UNFULFILLED_IN_EDIT_WINDOW, C.PERSONALISED_ITEM, C.MULTI_ITEM, C.REPEAT_CUSTOMER),
    _o("fleur", M(30), "WC-S-CAME", Open(), C.UNFULFILLED_IN_EDIT_WINDOW, C.PRE_ORDER_ITEM,
       tags=_PRE),
    _o("priya", M(5), "BS-S-NAVY, BB-M-BLAC", Open(),
       C.UNFULFILLED_IN_EDIT_WINDOW, C.HYGIENE_ITEM, C.MULTI_ITEM),
    _o("lotte", M(20), "LD-S-TERR", Open(), C.UNFULFILLED_IN_EDIT_WINDOW, C.FINAL_SALE_ITEM),
    # Unfulfilled, edit window passed (cancelling now costs the fee).
    _o("emma", H(2), "CK-M-ECRU", Open(), C.UNFULFILLED_OUTSIDE_EDIT_WINDOW, C.REPEAT_CUSTOMER),
    _o("harry", H(5), "NR-44-BLAC, SL-3032-INDI", Open(),
       C.UNFULFILLED_OUTSIDE_EDIT_WINDOW, C.MULTI_ITEM),
    _o("lars", D(1), "LD-M-SAND", Open(), C.UNFULFILLED_OUTSIDE_EDIT_WINDOW, C.FINAL_SALE_ITEM),
    _o("sophie", M(75), "OB-M-SAGE*3", Open(), C.UNFULFILLED_OUTSIDE_EDIT_WINDOW),
    _o("noor", D(3), "WC-M-CHAR", Open(), C.UNFULFILLED_OUTSIDE_EDIT_WINDOW, C.PRE_ORDER_ITEM,
       tags=_PRE),
    _o("bram", H(20), "EN-M-NAVY", Open(), C.UNFULFILLED_OUTSIDE_EDIT_WINDOW,
       C.PERSONALISED_ITEM),
    # Partially fulfilled: some items shipped, others still in the warehouse.
    _o("julia", D(2), "NR-39-WHIT, WC-S-CHAR", Shipped(D(1), lines=((0, 1),)),
       C.PARTIALLY_FULFILLED, C.PRE_ORDER_ITEM, C.MULTI_ITEM, tags=_PRE),
    _o("james", D(3), "OB-L-BLAC*2, SF-3234-BLAC", Shipped(D(2), lines=((0, 1),)),
       C.PARTIALLY_FULFILLED, C.MULTI_ITEM),
    _o("thijs", D(6), "CK-L-FORE, WS-MUST", Delivered(D(5), D(3), lines=((0, 1),)),
       C.PARTIALLY_FULFILLED, C.DELIVERED_IN_RETURN_WINDOW, C.FINAL_SALE_ITEM, C.MULTI_ITEM),
    _o("chloe", D(1.5), "CL-41-NAVY, RB-RUST", Shipped(D(1), lines=((1, 1),)),
       C.PARTIALLY_FULFILLED, C.MULTI_ITEM),
    # Fulfilled, on the way.
    _o("sanne", D(3), "SL-2830-LIGH", Shipped(D(2)), C.IN_TRANSIT, C.REPEAT_CUSTOMER),
    _o("george", D(2.5), "CK-XL-ECRU", Shipped(D(2)), C.IN_TRANSIT),
    _o("lotte", D(1.2), "OB-S-BLAC*3", Shipped(D(1)), C.IN_TRANSIT),
    _o("isla", D(5), "TX-S-HAVE, WS-GREY", Shipped(D(4)),
       C.IN_TRANSIT, C.MULTI_ITEM, C.FINAL_SALE_ITEM),
    _o("ruben", D(2.2), "PT-BLAC", Shipped(D(1.8)), C.IN_TRANSIT, C.PERSONALISED_ITEM),
    _o("tom", D(1.8), "NR-42-BLAC", Shipped(D(1.1), "OUT_FOR_DELIVERY"), C.OUT_FOR_DELIVERY),
    _o("lars", D(4), "CK-M-FORE", Shipped(D(3), "OUT_FOR_DELIVERY"), C.OUT_FOR_DELIVERY),
    # Delivered, inside the 30-day return window.
    _o("sanne", D(12), "BS-M-NAVY, CS-M-KHAK", Delivered(D(11), D(9)),
       C.DELIVERED_IN_RETURN_WINDOW, C.MULTI_ITEM, C.SALE_ITEM, C.REPEAT_CUSTOMER),
    _o("emma", D(8), "NR-40-WHIT", Delivered(D(7), D(6)),
       C.DELIVERED_IN_RETURN_WINDOW, C.REPEAT_CUSTOMER),
    _o("oliver", D(20), "SF-3234-INDI, LB-95-COGN", Delivered(D(19), D(17)),
       C.DELIVERED_IN_RETURN_WINDOW, C.MULTI_ITEM),
    _o("femke", D(10), "LD-M-TERR", Delivered(D(9), D(8)),
       C.DELIVERED_IN_RETURN_WINDOW, C.FINAL_SALE_ITEM),
    _o("harry", D(15), "PT-NATU", Delivered(D(14), D(12)),
       C.DELIVERED_IN_RETURN_WINDOW, C.PERSONALISED_ITEM),
    _o("daan", D(6), "BB-L-MIXE, OB-L-WHIT", Delivered(D(5), D(4)),
       C.DELIVERED_IN_RETURN_WINDOW, C.HYGIENE_ITEM, C.MULTI_ITEM, C.REPEAT_CUSTOMER),
    _o("priya", D(30), "CK-S-ECRU", Delivered(D(29), D(27)), C.DELIVERED_IN_RETURN_WINDOW),
    _o("amelia", D(4), "SH-SMAL", Delivered(D(3.5), D(2)),
       C.DELIVERED_IN_RETURN_WINDOW, C.HYGIENE_ITEM, C.REPEAT_CUSTOMER),
    _o("anouk", D(9), "SL-2630-INDI", Delivered(D(8), D(7)), C.DELIVERED_IN_RETURN_WINDOW),
    _o("sem", D(14), "CL-42-OFFW, RB-BLAC", Delivered(D(13), D(11)),
       C.DELIVERED_IN_RETURN_WINDOW, C.MULTI_ITEM),
    _o("james", D(22), "HR-M-NAVY, OB-M-WHIT", Delivered(D(21), D(18)),
       C.DELIVERED_IN_RETURN_WINDOW, C.FINAL_SALE_ITEM, C.MULTI_ITEM),
    _o("julia", D(25), "TX-L-HAVE", Delivered(D(24), D(23)), C.DELIVERED_IN_RETURN_WINDOW),
    _o("bram", D(3.2), "NR-45-WHIT", Delivered(D(2.5), D(1)), C.DELIVERED_IN_RETURN_WINDOW),
    _o("noor", D(7), "LB-85-BLAC", Delivered(D(6), D(5)), C.DELIVERED_IN_RETURN_WINDOW),
    _o("chloe", D(11), "CS-S-NAVY", Delivered(D(10), D(8.5)),
       C.DELIVERED_IN_RETURN_WINDOW, C.SALE_ITEM),
    # Delivered, return window closed.
    _o("lars", D(60), "SF-3032-BLAC", Delivered(D(59), D(57)), C.DELIVERED_OUTSIDE_RETURN_WINDOW),
    _o("noor", D(45), "CK-S-FORE", Delivered(D(44), D(42)), C.DELIVERED_OUTSIDE_RETURN_WINDOW),
    _o("sophie", D(36), "NR-41-WHIT", Delivered(D(35), D(32)),
       C.DELIVERED_OUTSIDE_RETURN_WINDOW),
    _o("george", D(90), "OB-L-WHIT*2, LB-105-BLAC", Delivered(D(89), D(86)),
       C.DELIVERED_OUTSIDE_RETURN_WINDOW, C.MULTI_ITEM),
    _o("fleur", D(120), "TX-S-MARI", Delivered(D(119), D(118)),
       C.DELIVERED_OUTSIDE_RETURN_WINDOW),
    _o("thijs", D(200), "NR-44-WHIT", Delivered(D(199), D(197)),
       C.DELIVERED_OUTSIDE_RETURN_WINDOW),
    _o("chloe", D(38), "WS-GREY", Delivered(D(37), D(34)),
       C.DELIVERED_OUTSIDE_RETURN_WINDOW, C.FINAL_SALE_ITEM),
    _o("lotte", D(75), "BS-S-NAVY", Delivered(D(74), D(72)), C.DELIVERED_OUTSIDE_RETURN_WINDOW),
    _o("isla", D(50), "CL-39-NAVY", Delivered(D(49), D(45)), C.DELIVERED_OUTSIDE_RETURN_WINDOW),
    _o("oliver", D(100), "SF-3434-INDI", Delivered(D(99), D(96)),
       C.DELIVERED_OUTSIDE_RETURN_WINDOW),
    _o("harry", D(150), "RB-ECRU", Delivered(D(149), D(147)), C.DELIVERED_OUTSIDE_RETURN_WINDOW),
    _o("julia", D(65), "CL-40-OFFW, OB-XS-SAGE", Delivered(D(64), D(62)),
       C.DELIVERED_OUTSIDE_RETURN_WINDOW, C.MULTI_ITEM),
    _o("bram", D(55), "OB-M-BLAC*2", Delivered(D(54), D(50)), C.DELIVERED_OUTSIDE_RETURN_WINDOW),
    _o("priya", D(80), "SL-2830-INDI", Delivered(D(79), D(77)),
       C.DELIVERED_OUTSIDE_RETURN_WINDOW),
    # Cancelled: inside the window (full refund) and after it (EUR 5 fee kept).
    _o("emma", D(5), "LD-XS-SAND", Cancelled(M(20)),
       C.CANCELLED, C.REFUNDED, C.FINAL_SALE_ITEM, C.REPEAT_CUSTOMER),
    _o("ruben", D(10), "TX-M-HAVE", Cancelled(H(3), fee=True),
       C.CANCELLED, C.PARTIALLY_REFUNDED),
    _o("sanne", D(20), "OB-M-WHIT, OB-M-BLAC", Cancelled(M(45)),
       C.CANCELLED, C.REFUNDED, C.MULTI_ITEM, C.REPEAT_CUSTOMER),
    _o("tom", H(2.5), "RB-BLAC, OB-L-BLAC", Cancelled(M(30)),
       C.CANCELLED, C.REFUNDED, C.MULTI_ITEM),
    # Returns and refunds.
    _o("daan", D(25), "NR-42-WHIT, OB-L-SAGE",
       Delivered(D(24), D(21), return_status=_REQUESTED),
       C.RETURN_REQUESTED, C.DELIVERED_IN_RETURN_WINDOW, C.MULTI_ITEM, C.REPEAT_CUSTOMER),
    _o("amelia", D(24), "CL-40-NAVY", Delivered(D(23), D(20), return_status=_REQUESTED),
       C.RETURN_REQUESTED, C.DELIVERED_IN_RETURN_WINDOW, C.REPEAT_CUSTOMER),
    _o("anouk", D(18), "CK-XS-ECRU", Delivered(D(17), D(15), return_status=_IN_PROGRESS),
       C.RETURN_IN_PROGRESS, C.DELIVERED_IN_RETURN_WINDOW),
    _o("george", D(16), "SF-3232-BLAC, OB-XL-BLAC",
       Delivered(D(15), D(13), return_status=_IN_PROGRESS),
       C.RETURN_IN_PROGRESS, C.DELIVERED_IN_RETURN_WINDOW, C.MULTI_ITEM),
    _o("sem", D(35), "SL-3032-LIGH",
       Delivered(D(34), D(31), return_status=_RETURNED, refunded=(0,)),
       C.REFUNDED, C.DELIVERED_OUTSIDE_RETURN_WINDOW),
    _o("isla", D(40), "CK-M-ECRU",
       Delivered(D(39), D(35), return_status=_RETURNED, refunded=(0,)),
       C.REFUNDED, C.DELIVERED_OUTSIDE_RETURN_WINDOW),
    _o("sophie", D(12), "OB-S-WHIT",
       Delivered(D(11), D(9), return_status=_RETURNED, refunded=(0,)),
       C.REFUNDED, C.DELIVERED_IN_RETURN_WINDOW),
    _o("femke", D(28), "TX-S-MARI, OB-S-BLAC",
       Delivered(D(27), D(26), return_status=_RETURNED, refunded=(0,)),
       C.PARTIALLY_REFUNDED, C.DELIVERED_IN_RETURN_WINDOW, C.MULTI_ITEM),
)
# fmt: on
