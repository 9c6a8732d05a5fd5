"""``POST /webhooks/shopify/``: one endpoint for every topic (the topic is a header).

Answers, in the order they are checked:

* 401 when ``X-Shopify-Hmac-Sha256`` is missing or is not base64(HMAC-SHA256(raw body, app
  secret)) — checked on the raw bytes, in constant time, before anything is parsed;
* 400 when the body is not a JSON object or the webhook id / shop domain header is missing;
* 404 when the shop is not connected to any store here. The request is authentic (its
  signature is valid), so 401 would be the wrong word: it is the shop that is unknown.
  Shopify retries a non-2xx delivery and eventually drops the subscription, which is what
  should happen for a shop this app no longer serves. Privacy topics are the exception:
  they get 200, because for an unknown shop the truthful answer is that nothing is held;
* 200 for a duplicate ``X-Shopify-Webhook-Id`` (nothing queued) and for an unknown topic
  (logged, recorded as ignored);
* 200 after the delivery was recorded; its processing is queued after commit.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from integrations.shopify.webhook_services import (
    Receipt,
    webhook_receive,
    webhook_signature_valid,
)


@csrf_exempt
@require_POST
def shopify_webhook(request: HttpRequest) -> HttpResponse:
    body = request.body
    if not webhook_signature_valid(
        body=body, signature=request.headers.get("X-Shopify-Hmac-Sha256", "")
    ):
        return HttpResponse("invalid signature", status=401, content_type="text/plain")
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return HttpResponse("malformed JSON", status=400, content_type="text/plain")
    webhook_id = request.headers.get("X-Shopify-Webhook-Id", "")
    shop_domain = request.headers.get("X-Shopify-Shop-Domain", "")
    if not isinstance(payload, dict) or not webhook_id or not shop_domain:
        return HttpResponse("missing webhook fields", status=400, content_type="text/plain")
    receipt = webhook_receive(
        shop_domain=shop_domain,
        topic=request.headers.get("X-Shopify-Topic", ""),
        webhook_id=webhook_id,
        triggered_at=request.headers.get("X-Shopify-Triggered-At", ""),
        payload=payload,
    )
    if receipt is Receipt.UNKNOWN_SHOP:
        return HttpResponse("unknown shop", status=404, content_type="text/plain")
    return HttpResponse(receipt.value, status=200, content_type="text/plain")
