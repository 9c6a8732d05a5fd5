"""GraphQL mutation resolvers: parse Shopify's arguments, call one service, shape the payload
with ``userErrors`` like Shopify's."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from graphql import GraphQLResolveInfo

from integrations.shopify.sandbox import documents as docs
from integrations.shopify.sandbox import edits
from integrations.shopify.sandbox.models import SandboxOrderEdit, SandboxWebhookSubscription
from integrations.shopify.sandbox.orders import (
    SandboxUserError,
    sandbox_order_cancel,
    sandbox_order_update,
)
from integrations.shopify.sandbox.paging import list_page


def _errors(errors: list[SandboxUserError], *, with_code: bool = False) -> list[dict[str, Any]]:
    shaped = []
    for error in errors:
        item: dict[str, Any] = {"field": error.field, "message": error.message}
        if with_code:
            item["code"] = error.code
        shaped.append(item)
    return shaped


def _edit_payload(
    edit: SandboxOrderEdit | None, line_id: str | None, errors: list[SandboxUserError]
) -> dict[str, Any]:
    if edit is None:
        return {
            "calculatedOrder": None,
            "calculatedLineItem": None,
            "orderEditSession": None,
            "userErrors": _errors(errors),
        }
    calculated = edits.calculated_order(edit)
    line = next(
        (li for li in calculated["lineItems"] if li["id"].rsplit("/", 1)[-1] == line_id), None
    )
    return {
        "calculatedOrder": calculated,
        "calculatedLineItem": line,
        "orderEditSession": {"id": docs.gid("OrderEditSession", edit.pk)},
        "userErrors": [],
    }


def _order_edit_begin(_: Any, info: GraphQLResolveInfo, id: str) -> dict[str, Any]:
    ctx = info.context
    edit, errors = edits.sandbox_order_edit_begin(
        shop=ctx.shop, legacy_id=docs.gid_parse(id, "Order"), now=ctx.now
    )
    return _edit_payload(edit, None, errors)


def _order_edit_set_quantity(
    _: Any, info: GraphQLResolveInfo, id: str, lineItemId: str, quantity: int, **__: Any
) -> dict[str, Any]:
    line = docs.gid_parse(lineItemId, "CalculatedLineItem")
    edit, line_id, errors = edits.sandbox_order_edit_set_quantity(
        shop=info.context.shop,
        edit_id=docs.gid_parse(id, "CalculatedOrder"),
        line_id=str(line) if line else None,
        quantity=quantity,
    )
    return _edit_payload(edit, line_id, errors)


def _order_edit_add_variant(
    _: Any,
    info: GraphQLResolveInfo,
    id: str,
    variantId: str,
    quantity: int,
    allowDuplicates: bool | None = None,
    **__: Any,
) -> dict[str, Any]:
    from integrations.shopify.sandbox.schema import variant_lookup

    shop = info.context.shop
    variant = variant_lookup(shop=shop, variant_id=docs.gid_parse(variantId, "ProductVariant"))
    edit, line_id, errors = edits.sandbox_order_edit_add_variant(
        shop=shop,
        edit_id=docs.gid_parse(id, "CalculatedOrder"),
        variant=variant,
        quantity=quantity,
        allow_duplicates=bool(allowDuplicates),
    )
    return _edit_payload(edit, line_id, errors)


def _order_edit_commit(_: Any, info: GraphQLResolveInfo, id: str, **__: Any) -> dict[str, Any]:
    ctx = info.context
    order, errors = edits.sandbox_order_edit_commit(
        shop=ctx.shop, edit_id=docs.gid_parse(id, "CalculatedOrder"), now=ctx.now
    )
    return {
        "order": order.document if order else None,
        "successMessages": ["Order updated"] if order else None,
        "userErrors": _errors(errors),
    }


def _order_update(_: Any, info: GraphQLResolveInfo, input: dict[str, Any]) -> dict[str, Any]:
    ctx = info.context
    order, errors = sandbox_order_update(
        shop=ctx.shop, legacy_id=docs.gid_parse(input["id"], "Order"), values=input, now=ctx.now
    )
    return {"order": order.document if order else None, "userErrors": _errors(errors)}


def _order_cancel(
    _: Any,
    info: GraphQLResolveInfo,
    orderId: str,
    reason: str,
    restock: bool,
    refund: bool | None = None,
    refundMethod: dict[str, Any] | None = None,
    **__: Any,
) -> dict[str, Any]:
    ctx = info.context
    wants_refund = bool(refund) or bool((refundMethod or {}).get("originalPaymentMethodsRefund"))
    errors = sandbox_order_cancel(
        shop=ctx.shop,
        legacy_id=docs.gid_parse(orderId, "Order"),
        reason=reason,
        refund=wants_refund if (refund is not None or refundMethod) else True,
        now=ctx.now,
    )
    job = None if errors else {"id": docs.gid("Job", str(uuid.uuid4())), "done": True}
    return {
        "job": job,
        "orderCancelUserErrors": _errors(errors, with_code=True),
        "userErrors": _errors(errors),
    }


def _webhook_subscription_create(
    _: Any, info: GraphQLResolveInfo, topic: str, webhookSubscription: dict[str, Any]
) -> dict[str, Any]:
    from integrations.shopify.sandbox.schema import subscription_document

    ctx = info.context
    uri = webhookSubscription.get("uri") or webhookSubscription.get("callbackUrl") or ""
    fmt = webhookSubscription.get("format") or "JSON"
    errors: list[SandboxUserError] = []
    if not uri.startswith(("https://", "http://")):
        errors.append(SandboxUserError(["webhookSubscription", "uri"], "Address is invalid"))
    elif fmt != "JSON":
        errors.append(
            SandboxUserError(["webhookSubscription", "format"], "Format is not supported")
        )
    elif SandboxWebhookSubscription.objects.filter(shop=ctx.shop, topic=topic, uri=uri).exists():
        errors.append(
            SandboxUserError(
                ["webhookSubscription", "uri"], "Address for this topic has already been taken"
            )
        )
    if errors:
        return {"webhookSubscription": None, "userErrors": _errors(errors)}
    row = SandboxWebhookSubscription.objects.create(
        shop=ctx.shop,
        topic=topic,
        uri=uri,
        format=fmt,
        api_version=settings.SHOPIFY_API_VERSION,
        created_at=ctx.now,
        updated_at=ctx.now,
    )
    return {"webhookSubscription": subscription_document(row), "userErrors": []}


def _webhook_subscription_delete(_: Any, info: GraphQLResolveInfo, id: str) -> dict[str, Any]:
    pk = docs.gid_parse(id, "WebhookSubscription")
    deleted, _count = SandboxWebhookSubscription.objects.filter(
        shop=info.context.shop, pk=pk
    ).delete()
    if not deleted:
        error = SandboxUserError(["id"], "Webhook subscription does not exist")
        return {"deletedWebhookSubscriptionId": None, "userErrors": _errors([error])}
    return {"deletedWebhookSubscriptionId": id, "userErrors": []}


RESOLVERS: dict[str, Any] = {
    "orderEditBegin": _order_edit_begin,
    "orderEditSetQuantity": _order_edit_set_quantity,
    "orderEditAddVariant": _order_edit_add_variant,
    "orderEditCommit": _order_edit_commit,
    "orderUpdate": _order_update,
    "orderCancel": _order_cancel,
    "webhookSubscriptionCreate": _webhook_subscription_create,
    "webhookSubscriptionDelete": _webhook_subscription_delete,
}

CALCULATED_ORDER_RESOLVERS: dict[str, Any] = {
    "lineItems": lambda calc, info, **args: list_page(
        calc["lineItems"], **{k: v for k, v in args.items() if k != "query"}
    ),
    "addedLineItems": lambda calc, info, **args: list_page(calc["addedLineItems"], **args),
}
