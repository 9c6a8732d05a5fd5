"""HTTP face of the sandbox store. Thin: parse, call one service or selector, shape output."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlencode

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib import messages
from django.core.handlers.asgi import ASGIRequest
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from integrations.shopify.sandbox.api import sandbox_graphql_execute
from integrations.shopify.sandbox.bulk import sandbox_bulk_file_get, sandbox_bulk_jsonl
from integrations.shopify.sandbox.models import SandboxOrder, SandboxShop, SandboxWebhookDelivery
from integrations.shopify.sandbox.oauth import (
    OAuthRefused,
    oauth_redirect_allowed,
    sandbox_oauth_code_issue,
    sandbox_oauth_token_issue,
)
from integrations.shopify.sandbox.orders import (
    sandbox_order_cancel,
    sandbox_order_deliver,
    sandbox_order_fulfill,
    sandbox_order_return_request,
)

ORDERS_PER_PAGE = 25
APP_NAME = gettext_lazy("Shop Agent")


@csrf_exempt
@require_POST
def graphql(request: HttpRequest, shop: str, version: str) -> JsonResponse:
    answer = sandbox_graphql_execute(
        shop_domain=shop,
        access_token=request.headers.get("X-Shopify-Access-Token", ""),
        raw_body=request.body,
        now=timezone.now(),
        origin=f"{request.scheme}://{request.get_host()}",
    )
    response = JsonResponse(answer.body, status=answer.status)
    response["X-Shopify-API-Version"] = settings.SHOPIFY_API_VERSION
    return response


@require_http_methods(["GET", "POST"])
def authorize(request: HttpRequest, shop: str) -> HttpResponse:
    sandbox_shop = get_object_or_404(SandboxShop, domain=shop)
    params = request.POST if request.method == "POST" else request.GET
    redirect_uri = params.get("redirect_uri", "")
    if params.get("client_id") != settings.SHOPIFY_API_KEY or not oauth_redirect_allowed(
        redirect_uri
    ):
        return render(
            request,
            "shopify_sandbox/oauth_error.html",
            {"shop": sandbox_shop, "redirect_uri": redirect_uri},
            status=400,
        )
    context = {
        "shop": sandbox_shop,
        "app_name": APP_NAME,
        "scopes": [s for s in params.get("scope", "").split(",") if s],
        "params": {k: params.get(k, "") for k in ("client_id", "scope", "redirect_uri", "state")},
    }
    if request.method == "GET":
        return render(request, "shopify_sandbox/authorize.html", context)
    if "install" not in request.POST:
        return render(request, "shopify_sandbox/oauth_cancelled.html", context)
    url = sandbox_oauth_code_issue(
        shop=sandbox_shop,
        scopes=params.get("scope", ""),
        state=params.get("state", ""),
        redirect_uri=redirect_uri,
        now=timezone.now(),
    )
    return redirect(url)


@csrf_exempt
@require_POST
def access_token(request: HttpRequest, shop: str) -> JsonResponse:
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            data = {}
    else:
        data = request.POST
    try:
        issued = sandbox_oauth_token_issue(
            shop_domain=shop,
            client_id=str(data.get("client_id", "")),
            client_secret=str(data.get("client_secret", "")),
            code=str(data.get("code", "")),
            now=timezone.now(),
        )
    except OAuthRefused as refused:
        body = {"error": refused.error, "error_description": refused.description}
        return JsonResponse(body, status=400)
    return JsonResponse({"access_token": issued.access_token, "scope": issued.scope})


_ACTIONS = {
    "fulfill": (sandbox_order_fulfill, gettext_lazy("Fulfilled %(order)s.")),
    "deliver": (sandbox_order_deliver, gettext_lazy("Marked %(order)s as delivered.")),
    "return": (sandbox_order_return_request, gettext_lazy("Requested a return for %(order)s.")),
}


@require_http_methods(["GET", "POST"])
def orders(request: HttpRequest, shop: str) -> HttpResponse:
    sandbox_shop = get_object_or_404(SandboxShop, domain=shop)
    if request.method == "POST":
        return _order_action(request, sandbox_shop)
    rows = SandboxOrder.objects.filter(shop=sandbox_shop).order_by("-created_at", "-legacy_id")
    page = Paginator(rows.only("legacy_id", "document"), ORDERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    deliveries = SandboxWebhookDelivery.objects.filter(shop=sandbox_shop)[:10]
    return render(
        request,
        "shopify_sandbox/orders.html",
        {"shop": sandbox_shop, "page": page, "deliveries": deliveries},
    )


def _order_action(request: HttpRequest, shop: SandboxShop) -> HttpResponse:
    action = request.POST.get("action", "")
    try:
        legacy_id = int(request.POST.get("order", ""))
    except ValueError as exc:
        raise Http404 from exc
    name = f"#{legacy_id}"
    now = timezone.now()
    if action == "cancel":
        errors = sandbox_order_cancel(
            shop=shop, legacy_id=legacy_id, reason="CUSTOMER", refund=True, now=now
        )
        done: Any = _("Cancelled %(order)s.")
    elif action in _ACTIONS:
        service, done = _ACTIONS[action]
        errors = service(shop=shop, legacy_id=legacy_id, now=now)
    else:
        raise Http404
    order = SandboxOrder.objects.filter(shop=shop, legacy_id=legacy_id).first()
    name = order.document["name"] if order else name
    for error in errors:
        messages.error(request, f"{name}: {error.message}")
    if not errors:
        messages.success(request, done % {"order": name})
    query = urlencode({"page": request.POST["page"]}) if request.POST.get("page") else ""
    return redirect(request.path + (f"?{query}" if query else ""))


@require_http_methods(["GET"])
def bulk_file(
    request: HttpRequest, shop: str, operation: str, secret: str
) -> StreamingHttpResponse:
    """A COMPLETED bulk operation's JSONL file, streamed as it is written. No token: the link's
    secret is the credential, as with Shopify's signed storage URLs."""
    row = sandbox_bulk_file_get(shop_domain=shop, operation_id=int(operation), secret=secret)
    if row is None:
        raise Http404
    chunks = sandbox_bulk_jsonl(row=row, now=timezone.now())
    content: Any = _async_chunks(chunks) if isinstance(request, ASGIRequest) else chunks
    response = StreamingHttpResponse(content, content_type="application/jsonl")
    response["Content-Disposition"] = f'attachment; filename="bulk-{row.pk}.jsonl"'
    return response


async def _async_chunks(chunks: Iterator[bytes]) -> AsyncIterator[bytes]:
    """Under ASGI a streamed body must be an async iterator (Django would otherwise read a
    sync one whole into memory first); each chunk's database work runs in the sync thread."""

    def advance() -> bytes | None:
        return next(chunks, None)

    step = sync_to_async(advance, thread_sensitive=True)
    while (chunk := await step()) is not None:
        yield chunk
