"""Order edits, Shopify's way: begin a session (a CalculatedOrder), stage quantity changes and
added variants, then commit them to the order. Nothing changes on the order before commit.

Calculated line item ids carry the order line item's number
(``gid://shopify/CalculatedLineItem/<line item id>``); added items get fresh numbers.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from integrations.shopify.sandbox import documents as docs
from integrations.shopify.sandbox.models import SandboxOrder, SandboxOrderEdit, SandboxShop
from integrations.shopify.sandbox.orders import (
    OrderChange,
    SandboxUserError,
    fulfillment_status,
    order_save,
    sandbox_order_locked,
)

_ADDED_LINE_ID_BASE = 90_000_000_000_000


def _shipped(line: docs.Doc) -> int:
    return line["currentQuantity"] - line["unfulfilledQuantity"] if line["currentQuantity"] else 0


def calculated_order(edit: SandboxOrderEdit) -> docs.Doc:
    """The CalculatedOrder document: the order's lines as they will be after commit."""
    order = edit.order.document
    cur = order["currencyCode"]
    staged = edit.staged.get("quantities", {})
    lines = []
    for line in order["lineItems"]:
        legacy = line["id"].rsplit("/", 1)[-1]
        if line["currentQuantity"] <= 0 and legacy not in staged:
            continue
        quantity = staged.get(legacy, line["currentQuantity"])
        editable = line["unfulfilledQuantity"]
        lines.append(
            _calculated_line(
                legacy,
                line["title"],
                line["sku"],
                line["variant"],
                line["variantTitle"],
                unit=Decimal(line["originalUnitPriceSet"]["shopMoney"]["amount"]),
                quantity=quantity,
                editable=max(quantity - _shipped(line), 0),
                editable_before=editable,
                currency=cur,
            )
        )
    added = [
        _calculated_line(
            str(item["id"]),
            item["variant"]["product"]["title"],
            item["variant"]["sku"],
            item["variant"],
            item["variant"]["title"],
            unit=Decimal(item["variant"]["price"]),
            quantity=item["quantity"],
            editable=item["quantity"],
            editable_before=0,
            currency=cur,
        )
        for item in edit.staged.get("added", [])
    ]
    everything = lines + added
    subtotal = sum(
        (Decimal(li["editableSubtotalSet"]["shopMoney"]["amount"]) for li in everything), Decimal(0)
    )
    subtotal += sum(
        (Decimal(li["uneditableSubtotalSet"]["shopMoney"]["amount"]) for li in everything),
        Decimal(0),
    )
    shipping = Decimal(order["totalShippingPriceSet"]["shopMoney"]["amount"])
    paid = Decimal(order["totalPrice"]) - Decimal(order["totalRefunded"])
    return {
        "id": docs.gid("CalculatedOrder", edit.pk),
        "committed": edit.committed_at is not None,
        "originalOrder": order,
        "lineItems": everything,
        "addedLineItems": added,
        "subtotalLineItemsQuantity": sum(li["quantity"] for li in everything),
        "subtotalPriceSet": docs.money_bag(subtotal, cur),
        "totalPriceSet": docs.money_bag(subtotal + shipping, cur),
        "totalOutstandingSet": docs.money_bag(subtotal + shipping - paid, cur),
    }


def _calculated_line(
    legacy: str,
    title: str,
    sku: str,
    variant: docs.Doc,
    variant_title: str,
    *,
    unit: Decimal,
    quantity: int,
    editable: int,
    editable_before: int,
    currency: str,
) -> docs.Doc:
    return {
        "id": docs.gid("CalculatedLineItem", legacy),
        "title": title,
        "sku": sku,
        "variant": variant,
        "variantTitle": variant_title,
        "quantity": quantity,
        "editableQuantity": editable,
        "editableQuantityBeforeChanges": editable_before,
        "restockable": True,
        "restocking": False,
        "hasStagedLineItemDiscount": False,
        "originalUnitPriceSet": docs.money_bag(unit, currency),
        "discountedUnitPriceSet": docs.money_bag(unit, currency),
        "editableSubtotalSet": docs.money_bag(unit * editable, currency),
        "uneditableSubtotalSet": docs.money_bag(unit * (quantity - editable), currency),
    }


def _session(shop: SandboxShop, edit_id: int) -> SandboxOrderEdit | None:
    return (
        SandboxOrderEdit.objects.select_for_update()
        .select_related("order")
        .filter(shop=shop, pk=edit_id)
        .first()
    )


@transaction.atomic
def sandbox_order_edit_begin(
    *, shop: SandboxShop, legacy_id: int | None, now: datetime
) -> tuple[SandboxOrderEdit | None, list[SandboxUserError]]:
    order = sandbox_order_locked(shop=shop, legacy_id=legacy_id)
    if order is None:
        return None, [SandboxUserError(["id"], "The order does not exist.")]
    if order.document["cancelledAt"]:
        return None, [SandboxUserError(["id"], "The order cannot be edited.")]
    edit = SandboxOrderEdit.objects.create(
        shop=shop, order=order, staged={"quantities": {}, "added": []}, created_at=now
    )
    return edit, []


def _open_session(
    shop: SandboxShop, edit_id: int
) -> tuple[SandboxOrderEdit | None, list[SandboxUserError]]:
    edit = _session(shop, edit_id)
    if edit is None:
        return None, [SandboxUserError(["id"], "The calculated order does not exist.")]
    if edit.committed_at is not None:
        return None, [SandboxUserError(["id"], "The order edit has already been committed.")]
    return edit, []


@transaction.atomic
def sandbox_order_edit_set_quantity(
    *, shop: SandboxShop, edit_id: int, line_id: str | None, quantity: int
) -> tuple[SandboxOrderEdit | None, str | None, list[SandboxUserError]]:
    """Stage ``quantity`` for a calculated line item; returns (session, line id, errors)."""
    edit, errors = _open_session(shop, edit_id)
    if edit is None:
        return None, None, errors
    if quantity < 0:
        return None, None, [SandboxUserError(["quantity"], "Quantity must be at least 0.")]
    for item in edit.staged["added"]:
        if str(item["id"]) == line_id:
            item["quantity"] = quantity
            if quantity == 0:
                edit.staged["added"].remove(item)
            edit.save(update_fields=["staged"])
            return edit, line_id, []
    line = next(
        (li for li in edit.order.document["lineItems"] if li["id"].rsplit("/", 1)[-1] == line_id),
        None,
    )
    if line is None:
        return None, None, [SandboxUserError(["lineItemId"], "The line item does not exist.")]
    if line["unfulfilledQuantity"] == 0 and _shipped(line) > 0:
        return (
            None,
            None,
            [
                SandboxUserError(
                    ["lineItemId"], "The line item has been fulfilled and can't be edited."
                )
            ],
        )
    if quantity < _shipped(line):
        return (
            None,
            None,
            [
                SandboxUserError(
                    ["quantity"],
                    f"Quantity can't be lower than the fulfilled quantity ({_shipped(line)}).",
                )
            ],
        )
    edit.staged["quantities"][line_id] = quantity
    edit.save(update_fields=["staged"])
    return edit, line_id, []


@transaction.atomic
def sandbox_order_edit_add_variant(
    *,
    shop: SandboxShop,
    edit_id: int,
    variant: docs.Doc | None,
    quantity: int,
    allow_duplicates: bool,
) -> tuple[SandboxOrderEdit | None, str | None, list[SandboxUserError]]:
    edit, errors = _open_session(shop, edit_id)
    if edit is None:
        return None, None, errors
    if variant is None:
        return None, None, [SandboxUserError(["variantId"], "The variant does not exist.")]
    if quantity < 1:
        return None, None, [SandboxUserError(["quantity"], "Quantity must be at least 1.")]
    on_order = {
        li["variant"]["id"] for li in edit.order.document["lineItems"] if li["currentQuantity"]
    }
    on_order |= {item["variant"]["id"] for item in edit.staged["added"]}
    if variant["id"] in on_order and not allow_duplicates:
        return (
            None,
            None,
            [
                SandboxUserError(
                    ["variantId"],
                    "The variant is already on the order; set allowDuplicates to add it again.",
                )
            ],
        )
    line_id = _ADDED_LINE_ID_BASE + edit.pk * 100 + len(edit.staged["added"]) + 1
    edit.staged["added"].append({"id": line_id, "quantity": quantity, "variant": variant})
    edit.save(update_fields=["staged"])
    return edit, str(line_id), []


@transaction.atomic
def sandbox_order_edit_commit(
    *, shop: SandboxShop, edit_id: int, now: datetime
) -> tuple[SandboxOrder | None, list[SandboxUserError]]:
    """Apply the staged changes; sends orders/edited and orders/updated."""
    edit, errors = _open_session(shop, edit_id)
    if edit is None:
        return None, errors
    order = sandbox_order_locked(shop=shop, legacy_id=edit.order.legacy_id)
    assert order is not None
    doc = order.document
    cur = doc["currencyCode"]
    old_total = Decimal(doc["totalPrice"])
    for line in doc["lineItems"]:
        staged = edit.staged["quantities"].get(line["id"].rsplit("/", 1)[-1])
        if staged is not None:
            _line_quantity_set(line, staged, cur)
    for item in edit.staged["added"]:
        doc["lineItems"].append(_added_line(item, cur))
    subtotal = sum(
        (
            Decimal(li["originalUnitPriceSet"]["shopMoney"]["amount"]) * li["currentQuantity"]
            for li in doc["lineItems"]
        ),
        Decimal(0),
    )
    shipping = Decimal(doc["totalShippingPriceSet"]["shopMoney"]["amount"])
    refunded = Decimal(doc["totalRefunded"])
    if subtotal + shipping < old_total:
        refunded += old_total - subtotal - shipping
        doc["displayFinancialStatus"] = "PARTIALLY_REFUNDED"
    elif subtotal + shipping > old_total:
        doc["displayFinancialStatus"] = "PARTIALLY_PAID"
    docs.money_set(doc, subtotal=subtotal, shipping=shipping, refunded=refunded)
    doc["displayFulfillmentStatus"] = fulfillment_status(doc)
    doc["edited"] = True
    edit.committed_at = now
    edit.save(update_fields=["committed_at"])
    change = OrderChange([("ORDERS_EDITED", None), ("ORDERS_UPDATED", None)])
    order_save(shop=shop, order=order, now=now, change=change)
    return order, []


def _line_quantity_set(line: docs.Doc, quantity: int, currency: str) -> None:
    shipped = _shipped(line)
    line["currentQuantity"] = quantity
    line["quantity"] = max(line["quantity"], quantity)
    line["unfulfilledQuantity"] = quantity - shipped
    line["fulfillableQuantity"] = quantity - shipped
    line["nonFulfillableQuantity"] = line["quantity"] - line["fulfillableQuantity"]
    line["refundableQuantity"] = quantity
    line["fulfillmentStatus"] = (
        docs.line_fulfillment_status(quantity, shipped) if quantity else "unfulfilled"
    )
    unit = Decimal(line["originalUnitPriceSet"]["shopMoney"]["amount"])
    line["originalTotalSet"] = docs.money_bag(unit * line["quantity"], currency)
    line["discountedTotalSet"] = docs.money_bag(unit * quantity, currency)


def _added_line(item: dict[str, Any], currency: str) -> docs.Doc:
    variant = item["variant"]
    product = variant["product"]
    unit = Decimal(variant["price"])
    quantity = item["quantity"]
    return {
        "id": docs.gid("LineItem", item["id"]),
        "title": product["title"],
        "name": f"{product['title']} - {variant['title']}",
        "quantity": quantity,
        "currentQuantity": quantity,
        "unfulfilledQuantity": quantity,
        "fulfillableQuantity": quantity,
        "nonFulfillableQuantity": 0,
        "refundableQuantity": quantity,
        "fulfillmentStatus": "unfulfilled",
        "sku": variant["sku"],
        "variantTitle": variant["title"],
        "vendor": product.get("vendor", docs.VENDOR),
        "requiresShipping": True,
        "isGiftCard": False,
        "taxable": True,
        "merchantEditable": True,
        "restockable": True,
        "customAttributes": [],
        "variant": variant,
        "originalUnitPriceSet": docs.money_bag(unit, currency),
        "discountedUnitPriceSet": docs.money_bag(unit, currency),
        "originalTotalSet": docs.money_bag(unit * quantity, currency),
        "discountedTotalSet": docs.money_bag(unit * quantity, currency),
        "totalDiscountSet": docs.money_bag(0, currency),
    }
