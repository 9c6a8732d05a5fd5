"""Pure eligibility decisions: can this order still be changed or cancelled, can this item be
returned — and why. No database, no clock: ``now`` is a parameter (timezone-aware), the
order is an :class:`~integrations.shopify.facts.OrderFacts` and the rules are the store's
:mod:`skills.settings`.

Every decision is a frozen dataclass with a machine ``code`` (a StrEnum, stable for traces
and tests) and the facts a skill needs to explain it in words: window lengths and ends,
delivery dates, the tag or product type that excluded an item, the quantities involved.

Rules (PRODUCT.md, "Order editing" and "Returns & exchanges"):

* Edit and cancel windows are minutes after the order was created; the window is open while
  ``now < created_at + window`` (a zero-minute window is never open).
* Only units not shipped yet can change; shipped units go to returns. Items whose tags match
  the edit exclusions (pre-order, personalised) cannot change; items matching the cancel
  exclusions (personalised) stop the whole order from being cancelled. A partially fulfilled
  order cannot be cancelled as a whole.
* The return window runs from the delivery date in the store's time zone: delivered 3 May with
  30 days, the last day is 2 June, and returns are accepted until the end of that day.
* Units already removed from the order (refunded, returned) are not returnable again; when a
  line item was delivered in several parcels, removed units are counted against the parcels
  still inside the window first, so the agent never promises more than the facts support.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from integrations.shopify.facts import LineItemFacts, OrderFacts
from skills.settings import Exclusion, ExclusionRules, OrderEditSettings, ReturnsSettings


def _require_aware(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")


# --- fulfillment ------------------------------------------------------------------------------


class FulfillmentState(enum.StrEnum):
    UNFULFILLED = "unfulfilled"
    PARTIALLY_FULFILLED = "partially_fulfilled"
    FULFILLED = "fulfilled"
    EMPTY = "empty"
    """Nothing left on the order and nothing ever shipped (every item was removed)."""


def unshipped_quantity(line: LineItemFacts) -> int:
    """Units of the line item still on the order and still to ship."""
    return max(0, min(line.unfulfilled_quantity, line.current_quantity))


def shipped_quantity(line: LineItemFacts) -> int:
    """Units that left the warehouse, including ones returned since."""
    return max(line.fulfilled_quantity, line.current_quantity - unshipped_quantity(line))


def fulfillment_state(order: OrderFacts) -> FulfillmentState:
    """From the line items' quantities (not Shopify's display status, which lags edits)."""
    unshipped = sum(unshipped_quantity(li) for li in order.line_items)
    shipped = sum(shipped_quantity(li) for li in order.line_items)
    if unshipped and shipped:
        return FulfillmentState.PARTIALLY_FULFILLED
    if unshipped:
        return FulfillmentState.UNFULFILLED
    return FulfillmentState.FULFILLED if shipped else FulfillmentState.EMPTY


# --- editing ----------------------------------------------------------------------------------


class ChangeKind(enum.StrEnum):
    VARIANT = "variant"
    QUANTITY = "quantity"
    ADDRESS = "address"


class EditCode(enum.StrEnum):
    EDITABLE = "editable"
    PARTIALLY_FULFILLED = "partially_fulfilled"
    """Editable, for the items not shipped yet; the shipped ones go to returns."""
    CANCELLED = "cancelled"
    NOTHING_TO_CHANGE = "nothing_to_change"
    FULFILLED = "fulfilled"
    CLOSED = "closed"
    CHANGES_NOT_ALLOWED = "changes_not_allowed"
    WINDOW_PASSED = "window_passed"
    ITEMS_EXCLUDED = "items_excluded"


class LineEditCode(enum.StrEnum):
    EDITABLE = "editable"
    SHIPPED = "shipped"
    EXCLUDED = "excluded"
    REMOVED = "removed"
    LOCKED = "locked"
    """Not shipped and not excluded, but the order cannot change (see the order's code)."""


@dataclass(frozen=True)
class LineEditDecision:
    line_id: int
    code: LineEditCode
    editable_quantity: int
    shipped_quantity: int
    unshipped_quantity: int
    excluded_by: Exclusion | None = None

    @property
    def editable(self) -> bool:
        return self.editable_quantity > 0

    @property
    def to_returns(self) -> bool:
        """Some units shipped: the Returns & exchanges skill handles those."""
        return self.shipped_quantity > 0


@dataclass(frozen=True)
class EditDecision:
    order_id: int
    code: EditCode
    fulfillment: FulfillmentState
    allowed_changes: tuple[ChangeKind, ...]
    created_at: datetime
    window_minutes: int
    window_ends_at: datetime
    lines: tuple[LineEditDecision, ...]

    @property
    def editable(self) -> bool:
        return self.code in (EditCode.EDITABLE, EditCode.PARTIALLY_FULFILLED)

    @property
    def editable_lines(self) -> tuple[LineEditDecision, ...]:
        return tuple(d for d in self.lines if d.editable)

    @property
    def shipped_lines(self) -> tuple[LineEditDecision, ...]:
        return tuple(d for d in self.lines if d.to_returns)

    @property
    def excluded_lines(self) -> tuple[LineEditDecision, ...]:
        return tuple(d for d in self.lines if d.code is LineEditCode.EXCLUDED)


def order_edit_decide(
    *, order: OrderFacts, settings: OrderEditSettings, now: datetime
) -> EditDecision:
    """Whether the order can be changed now, which items, and which kinds of change."""
    _require_aware(now)
    state = fulfillment_state(order)
    ends_at = order.created_at + timedelta(minutes=settings.edit_window_minutes)
    code = _edit_blocker(order, state, settings, now=now, ends_at=ends_at)
    lines = tuple(_line_edit(li, settings.excluded, open_=code is None) for li in order.line_items)
    kinds: tuple[ChangeKind, ...] = ()
    if code is None:
        kinds = _change_kinds(settings) if any(d.editable for d in lines) else ()
        if not kinds:  # every item not shipped yet is excluded
            code = EditCode.ITEMS_EXCLUDED
        elif state is FulfillmentState.PARTIALLY_FULFILLED:
            code = EditCode.PARTIALLY_FULFILLED
        else:
            code = EditCode.EDITABLE
    return EditDecision(
        order_id=order.id,
        code=code,
        fulfillment=state,
        allowed_changes=kinds,
        created_at=order.created_at,
        window_minutes=settings.edit_window_minutes,
        window_ends_at=ends_at,
        lines=lines,
    )


def _edit_blocker(
    order: OrderFacts,
    state: FulfillmentState,
    settings: OrderEditSettings,
    *,
    now: datetime,
    ends_at: datetime,
) -> EditCode | None:
    if order.cancelled:
        return EditCode.CANCELLED
    if state is FulfillmentState.EMPTY:
        return EditCode.NOTHING_TO_CHANGE
    if state is FulfillmentState.FULFILLED:
        return EditCode.FULFILLED
    if order.closed:
        return EditCode.CLOSED
    if not _change_kinds(settings):
        return EditCode.CHANGES_NOT_ALLOWED
    if now >= ends_at:
        return EditCode.WINDOW_PASSED
    return None


def _change_kinds(settings: OrderEditSettings) -> tuple[ChangeKind, ...]:
    allowed = (
        (ChangeKind.VARIANT, settings.allow_variant_change),
        (ChangeKind.QUANTITY, settings.allow_quantity_change),
        (ChangeKind.ADDRESS, settings.allow_address_change),
    )
    return tuple(kind for kind, ok in allowed if ok)


def _line_edit(line: LineItemFacts, excluded: ExclusionRules, *, open_: bool) -> LineEditDecision:
    unshipped = unshipped_quantity(line)
    held_shipped = max(0, line.current_quantity - unshipped)
    exclusion = None
    if line.current_quantity == 0:
        code = LineEditCode.REMOVED
    elif unshipped == 0:
        code = LineEditCode.SHIPPED
    else:
        exclusion = excluded.match(tags=line.product_tags, product_type=line.product_type)
        if exclusion is not None:
            code = LineEditCode.EXCLUDED
        else:
            code = LineEditCode.EDITABLE if open_ else LineEditCode.LOCKED
    return LineEditDecision(
        line_id=line.id,
        code=code,
        editable_quantity=unshipped if code is LineEditCode.EDITABLE else 0,
        shipped_quantity=held_shipped,
        unshipped_quantity=unshipped,
        excluded_by=exclusion,
    )


# --- cancelling -------------------------------------------------------------------------------


class CancelCode(enum.StrEnum):
    CANCELLABLE = "cancellable"
    ALREADY_CANCELLED = "already_cancelled"
    NOTHING_TO_CANCEL = "nothing_to_cancel"
    FULFILLED = "fulfilled"
    PARTIALLY_FULFILLED = "partially_fulfilled"
    CLOSED = "closed"
    NOT_ALLOWED = "not_allowed"
    ITEMS_EXCLUDED = "items_excluded"
    WINDOW_PASSED = "window_passed"


@dataclass(frozen=True)
class CancelDecision:
    order_id: int
    code: CancelCode
    fulfillment: FulfillmentState
    created_at: datetime
    window_minutes: int
    window_ends_at: datetime
    excluded: tuple[tuple[int, Exclusion], ...] = ()
    """(line item id, why) for the items that stop the order from being cancelled."""

    @property
    def cancellable(self) -> bool:
        return self.code is CancelCode.CANCELLABLE


def order_cancel_decide(
    *, order: OrderFacts, settings: OrderEditSettings, now: datetime
) -> CancelDecision:
    """Whether the whole order can be cancelled now, and if not, why."""
    _require_aware(now)
    state = fulfillment_state(order)
    ends_at = order.created_at + timedelta(minutes=settings.cancel_window_minutes)
    hits = (
        (li.id, settings.cancel_excluded.match(tags=li.product_tags, product_type=li.product_type))
        for li in order.line_items
        if li.current_quantity
    )
    excluded = tuple((line_id, hit) for line_id, hit in hits if hit is not None)
    blockers = (
        (order.cancelled, CancelCode.ALREADY_CANCELLED),
        (state is FulfillmentState.EMPTY, CancelCode.NOTHING_TO_CANCEL),
        (state is FulfillmentState.FULFILLED, CancelCode.FULFILLED),
        (state is FulfillmentState.PARTIALLY_FULFILLED, CancelCode.PARTIALLY_FULFILLED),
        (order.closed, CancelCode.CLOSED),
        (not settings.allow_cancel, CancelCode.NOT_ALLOWED),
        (bool(excluded), CancelCode.ITEMS_EXCLUDED),
        (now >= ends_at, CancelCode.WINDOW_PASSED),
    )
    code = next((c for blocked, c in blockers if blocked), CancelCode.CANCELLABLE)
    return CancelDecision(
        order_id=order.id,
        code=code,
        fulfillment=state,
        created_at=order.created_at,
        window_minutes=settings.cancel_window_minutes,
        window_ends_at=ends_at,
        excluded=excluded if code is CancelCode.ITEMS_EXCLUDED else (),
    )


# --- returns ----------------------------------------------------------------------------------


class ReturnCode(enum.StrEnum):
    ELIGIBLE = "eligible"
    ORDER_CANCELLED = "order_cancelled"
    ALREADY_RETURNED = "already_returned"
    EXCLUDED = "excluded"
    NOT_SHIPPED = "not_shipped"
    """Not shipped yet: order editing (change or cancel) is the way, not a return."""
    NOT_DELIVERED = "not_delivered"
    """Shipped, on its way: returnable after delivery."""
    WINDOW_PASSED = "window_passed"


@dataclass(frozen=True)
class ReturnWindow:
    """Delivered ``delivered_on`` (store's local date); returns accepted through ``last_day``,
    i.e. until ``ends_at`` (the local midnight after it, exclusive)."""

    days: int
    delivered_at: datetime
    delivered_on: date
    last_day: date
    ends_at: datetime

    def open_at(self, now: datetime) -> bool:
        return now < self.ends_at


def return_window(*, delivered_at: datetime, settings: ReturnsSettings) -> ReturnWindow:
    zone = ZoneInfo(settings.timezone)
    delivered_on = delivered_at.astimezone(zone).date()
    last_day = delivered_on + timedelta(days=settings.return_window_days)
    ends_at = datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=zone)
    return ReturnWindow(
        days=settings.return_window_days,
        delivered_at=delivered_at,
        delivered_on=delivered_on,
        last_day=last_day,
        ends_at=ends_at,
    )


@dataclass(frozen=True)
class LineReturnDecision:
    line_id: int
    code: ReturnCode
    window_days: int
    eligible_quantity: int = 0
    returned_quantity: int = 0
    """Units already taken off the order (refunded, returned)."""
    in_transit_quantity: int = 0
    unshipped_quantity: int = 0
    window: ReturnWindow | None = None
    """For ELIGIBLE the latest-closing open window; for WINDOW_PASSED the latest closed one."""
    excluded_by: Exclusion | None = None

    @property
    def eligible(self) -> bool:
        return self.code is ReturnCode.ELIGIBLE


def line_return_decide(
    *, order: OrderFacts, line: LineItemFacts, settings: ReturnsSettings, now: datetime
) -> LineReturnDecision:
    """Whether (how many units of) one line item can be returned now, and if not, why."""
    _require_aware(now)
    if order.cancelled:
        return _line_return(line, settings, ReturnCode.ORDER_CANCELLED)
    if line.current_quantity == 0:
        return _line_return(line, settings, ReturnCode.ALREADY_RETURNED)
    exclusion = settings.excluded.match(tags=line.product_tags, product_type=line.product_type)
    if exclusion is not None:
        return _line_return(line, settings, ReturnCode.EXCLUDED, excluded_by=exclusion)
    return _shipped_return(line, settings, now=now)


def _shipped_return(
    line: LineItemFacts, settings: ReturnsSettings, *, now: datetime
) -> LineReturnDecision:
    """The decision for a line item that is neither excluded nor fully taken off the order:
    by what was delivered when, what is on its way and what is still to ship."""
    held_shipped = line.current_quantity - unshipped_quantity(line)
    gone = max(0, line.fulfilled_quantity - held_shipped)  # shipped units taken off the order
    parcels = [
        (return_window(delivered_at=s.delivered_at, settings=settings), s.quantity)
        for s in line.shipments
        if s.delivered_at is not None
    ]
    open_ = [(w, q) for w, q in parcels if w.open_at(now)]
    closed = [(w, q) for w, q in parcels if not w.open_at(now)]
    open_qty, closed_qty = sum(q for _, q in open_), sum(q for _, q in closed)
    eligible = max(0, open_qty - gone)
    late = max(0, closed_qty - max(0, gone - open_qty))
    on_the_way = max(0, held_shipped - eligible - late)
    window: ReturnWindow | None = None
    if eligible:
        code, window = ReturnCode.ELIGIBLE, max((w for w, _ in open_), key=_ends)
    elif late:
        code, window = ReturnCode.WINDOW_PASSED, max((w for w, _ in closed), key=_ends)
    elif on_the_way:
        code = ReturnCode.NOT_DELIVERED
    elif unshipped_quantity(line):
        code = ReturnCode.NOT_SHIPPED
    else:
        code = ReturnCode.ALREADY_RETURNED
    return _line_return(
        line, settings, code, eligible=eligible, in_transit=on_the_way, window=window
    )


def _line_return(
    line: LineItemFacts,
    settings: ReturnsSettings,
    code: ReturnCode,
    *,
    eligible: int = 0,
    in_transit: int = 0,
    window: ReturnWindow | None = None,
    excluded_by: Exclusion | None = None,
) -> LineReturnDecision:
    return LineReturnDecision(
        line_id=line.id,
        code=code,
        window_days=settings.return_window_days,
        eligible_quantity=eligible,
        returned_quantity=line.removed_quantity,
        in_transit_quantity=in_transit,
        unshipped_quantity=unshipped_quantity(line),
        window=window,
        excluded_by=excluded_by,
    )


def _ends(window: ReturnWindow) -> datetime:
    return window.ends_at


class RefundCode(enum.StrEnum):
    NO_RETURN = "no_return"
    RETURN_REQUESTED = "return_requested"
    RETURN_IN_PROGRESS = "return_in_progress"
    RETURN_INSPECTED = "return_inspected"
    RETURN_FAILED = "return_failed"
    RETURNED = "returned"
    """Received back, no refund recorded (yet)."""
    REFUNDED_PARTIALLY = "refunded_partially"
    REFUNDED = "refunded"
    PAYMENT_VOIDED = "payment_voided"
    """The payment was never taken (voided), so there is nothing to refund."""


_RETURN_UNDERWAY = {
    "RETURN_REQUESTED": RefundCode.RETURN_REQUESTED,
    "IN_PROGRESS": RefundCode.RETURN_IN_PROGRESS,
    "INSPECTION_COMPLETE": RefundCode.RETURN_INSPECTED,
    "RETURN_FAILED": RefundCode.RETURN_FAILED,
}


@dataclass(frozen=True)
class RefundStatus:
    """The latest state of the order's return and refund: a return underway is newer than
    any earlier refund, so it wins; then the refund (full, partial); then a return received."""

    code: RefundCode
    return_status: str
    financial_status: str
    refunded_amount: Decimal
    currency: str
    order_cancelled: bool


def refund_status_decide(*, order: OrderFacts) -> RefundStatus:
    return_status = order.return_status.upper()
    financial = order.display_financial_status.upper()
    refunded = order.total_refunded
    if return_status in _RETURN_UNDERWAY:
        code = _RETURN_UNDERWAY[return_status]
    elif financial == "REFUNDED" or (refunded > 0 and order.total_price <= 0):
        code = RefundCode.REFUNDED
    elif financial == "PARTIALLY_REFUNDED" or refunded > 0:
        code = RefundCode.REFUNDED_PARTIALLY
    elif financial == "VOIDED":
        code = RefundCode.PAYMENT_VOIDED
    elif return_status == "RETURNED":
        code = RefundCode.RETURNED
    else:
        code = RefundCode.NO_RETURN
    return RefundStatus(
        code=code,
        return_status=order.return_status,
        financial_status=order.display_financial_status,
        refunded_amount=refunded,
        currency=order.currency,
        order_cancelled=order.cancelled,
    )


class ReturnSummaryCode(enum.StrEnum):
    ALL_ELIGIBLE = "all_eligible"
    SOME_ELIGIBLE = "some_eligible"
    NONE_ELIGIBLE = "none_eligible"
    ORDER_CANCELLED = "order_cancelled"


@dataclass(frozen=True)
class ReturnSummary:
    order_id: int
    code: ReturnSummaryCode
    lines: tuple[LineReturnDecision, ...]
    reasons: tuple[ReturnCode, ...]
    """The distinct codes of the line items that cannot be returned, in line-item order (an
    eligible line may still hold units that cannot: see its quantities)."""
    window_days: int
    exchange_allowed: bool
    refund: RefundStatus

    @property
    def eligible_lines(self) -> tuple[LineReturnDecision, ...]:
        return tuple(d for d in self.lines if d.eligible)

    @property
    def ineligible_lines(self) -> tuple[LineReturnDecision, ...]:
        return tuple(d for d in self.lines if not d.eligible)

    @property
    def return_by(self) -> ReturnWindow | None:
        """The first open window to close: "return by <last_day>"."""
        windows = [d.window for d in self.eligible_lines if d.window is not None]
        return min(windows, key=_ends) if windows else None


def order_return_decide(
    *, order: OrderFacts, settings: ReturnsSettings, now: datetime
) -> ReturnSummary:
    """Every line item's return decision, what they add up to, and the refund status."""
    lines = tuple(
        line_return_decide(order=order, line=li, settings=settings, now=now)
        for li in order.line_items
    )
    held = {li.id: li.current_quantity for li in order.line_items}
    if order.cancelled:
        code = ReturnSummaryCode.ORDER_CANCELLED
    elif not any(d.eligible for d in lines):
        code = ReturnSummaryCode.NONE_ELIGIBLE
    elif all(d.eligible_quantity == held[d.line_id] for d in lines):
        code = ReturnSummaryCode.ALL_ELIGIBLE
    else:
        code = ReturnSummaryCode.SOME_ELIGIBLE
    reasons = tuple(dict.fromkeys(d.code for d in lines if not d.eligible))
    return ReturnSummary(
        order_id=order.id,
        code=code,
        lines=lines,
        reasons=reasons,
        window_days=settings.return_window_days,
        exchange_allowed=settings.exchange_allowed,
        refund=refund_status_decide(order=order),
    )


# --- which order ------------------------------------------------------------------------------


class PickPurpose(enum.StrEnum):
    ANY = "any"
    EDIT = "edit"
    CANCEL = "cancel"
    RETURN = "return"
    REFUND = "refund"


class PickCode(enum.StrEnum):
    PICKED = "picked"
    AMBIGUOUS = "ambiguous"
    NOT_FOUND = "not_found"
    """The named number is not among the shopper's orders (theirs or not: the same answer)."""
    NO_ORDERS = "no_orders"


@dataclass(frozen=True)
class OrderPick:
    code: PickCode
    order: OrderFacts | None = None
    candidates: tuple[OrderFacts, ...] = ()
    """For AMBIGUOUS: the orders to choose from, most recent first."""
    named: bool = False
    relevant: bool = False
    """The picked order fits the purpose; False when none does and the most recent is given."""


def order_pick(
    *,
    orders: Sequence[OrderFacts],
    now: datetime,
    number: int | None = None,
    purpose: PickPurpose = PickPurpose.ANY,
    recent_days: int = 30,
    max_candidates: int = 5,
) -> OrderPick:
    """The order the shopper means among *their* orders: the named one; else the most recent
    one that fits the purpose (something left to change for EDIT/CANCEL, something shipped
    for RETURN, a return or refund for REFUND); AMBIGUOUS when several orders placed in the
    last ``recent_days`` fit; the most recent order (``relevant=False``) when none fits.
    ANY never asks: the most recent order.

    ``orders`` are the shopper's own (``customer_orders_list``); a number named that is not
    among them is NOT_FOUND, so look an older named order up with ``customer_order_get``
    before calling this and pass it in the list."""
    _require_aware(now)
    if number is not None:
        named = next((o for o in orders if o.number == number), None)
        if named is None:
            return OrderPick(code=PickCode.NOT_FOUND)
        return OrderPick(
            code=PickCode.PICKED, order=named, named=True, relevant=_fits(named, purpose)
        )
    if not orders:
        return OrderPick(code=PickCode.NO_ORDERS)
    newest_first = sorted(orders, key=lambda o: (o.created_at, o.id), reverse=True)
    fitting = [o for o in newest_first if _fits(o, purpose)]
    if not fitting:
        return OrderPick(code=PickCode.PICKED, order=newest_first[0])
    since = now - timedelta(days=recent_days)
    recent = [o for o in fitting if o.created_at >= since]
    if purpose is not PickPurpose.ANY and len(recent) > 1:
        return OrderPick(code=PickCode.AMBIGUOUS, candidates=tuple(recent[:max_candidates]))
    return OrderPick(code=PickCode.PICKED, order=fitting[0], relevant=True)


def _fits(order: OrderFacts, purpose: PickPurpose) -> bool:
    if purpose is PickPurpose.ANY:
        return True
    if purpose is PickPurpose.REFUND:
        return (
            order.return_status.upper() != "NO_RETURN"
            or order.total_refunded > 0
            or order.display_financial_status.upper() in ("REFUNDED", "PARTIALLY_REFUNDED")
        )
    if order.cancelled:
        return False
    if purpose is PickPurpose.RETURN:
        return any(shipped_quantity(li) for li in order.line_items)
    return fulfillment_state(order) in (
        FulfillmentState.UNFULFILLED,
        FulfillmentState.PARTIALLY_FULFILLED,
    )
