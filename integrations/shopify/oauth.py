"""Shopify's OAuth install flow (authorization code grant) for the app.

1. :func:`oauth_authorize_url` sends the merchant to ``{admin}/admin/oauth/authorize`` with our
   client id, scopes, redirect URI and a ``state`` nonce from :func:`oauth_state_new` (the view
   keeps it in the session).
2. Shopify redirects back with ``code``, ``shop``, ``state``, ``timestamp``, ``host`` and
   ``hmac``. :func:`oauth_callback_verify` checks the HMAC-SHA256 (hex) of the other parameters
   with the app's secret, in constant time, and the shop domain's form;
   :func:`oauth_state_check` compares the nonce.
3. :func:`oauth_code_exchange` trades the one-time code for the offline access token at
   ``{admin}/admin/oauth/access_token``.

``{admin}`` comes from ``settings.SHOPIFY_ADMIN_URL_TEMPLATE`` (``https://{shop}`` in
production, the sandbox store locally and in tests), so the same code runs against both.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable, Mapping
from urllib.parse import urlencode

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.errors import ValidationFailed
from integrations.shopify.client import shopify_admin_url
from integrations.shopify.errors import ShopifyAuthError, ShopifyError, ShopifyUnavailable
from integrations.transport import (
    Backoff,
    TransportError,
    TransportHTTPError,
    call_with_retries,
    http_client,
    http_request,
)

STATE_BYTES = 32
# The form Shopify sends in ``shop`` (same rule as core.models.shop_domain_validator).
SHOP_DOMAIN_RE = re.compile(r"[a-z0-9][a-z0-9-]*\.myshopify\.com")


def oauth_shop_domain_valid(shop_domain: str) -> bool:
    """True for a bare ``name.myshopify.com`` (lowercase letters, digits, hyphens), the only
    form Shopify sends; anything else could point the flow at another host."""
    return bool(SHOP_DOMAIN_RE.fullmatch(shop_domain or ""))


def oauth_authorize_url(*, shop_domain: str, state: str, redirect_uri: str) -> str:
    """Where to send the merchant to approve the app's scopes (``settings.SHOPIFY_SCOPES``)."""
    _require_shop_domain(shop_domain)
    query = urlencode(
        {
            "client_id": settings.SHOPIFY_API_KEY,
            "scope": settings.SHOPIFY_SCOPES,
            "redirect_uri": redirect_uri,
            "state": state,
        }
    )
    return f"{shopify_admin_url(shop_domain=shop_domain)}/admin/oauth/authorize?{query}"


def oauth_query_sign(*, query: Mapping[str, str], secret: str | None = None) -> str:
    """Shopify's signature of a redirect's query parameters: HMAC-SHA256, hex, over
    ``key=value`` pairs without ``hmac``, sorted, joined by ``&`` (with ``%``, ``&`` and ``=``
    escaped inside keys and values as Shopify's own libraries do, so a value cannot forge a
    pair). ``secret`` defaults to ``settings.SHOPIFY_API_SECRET``. The sandbox signs with it."""
    pairs = sorted(
        "{}={}".format(
            key.replace("%", "%25").replace("=", "%3D"), value.replace("%", "%25")
        ).replace("&", "%26")
        for key, value in query.items()
        if key != "hmac"
    )
    key_bytes = (secret if secret is not None else settings.SHOPIFY_API_SECRET).encode()
    return hmac.new(key_bytes, "&".join(pairs).encode(), hashlib.sha256).hexdigest()


def oauth_callback_verify(*, query: Mapping[str, str]) -> bool:
    """True when the callback's ``hmac`` matches (constant-time) and ``shop`` is a valid
    myshopify.com domain. False for a missing/tampered signature or a bad shop; never raises."""
    received = query.get("hmac") or ""
    if not received or not settings.SHOPIFY_API_SECRET:
        return False
    if not oauth_shop_domain_valid(query.get("shop") or ""):
        return False
    expected = oauth_query_sign(query=query)
    return hmac.compare_digest(expected.encode(), received.lower().encode())


def oauth_state_new() -> str:
    """A fresh unguessable nonce for ``state`` (URL-safe text)."""
    return secrets.token_urlsafe(STATE_BYTES)


def oauth_state_check(*, expected: str | None, received: str | None) -> bool:
    """True when the callback's ``state`` is the nonce we issued (constant-time)."""
    if not expected or not received:
        return False
    return hmac.compare_digest(expected.encode(), received.encode())


def oauth_code_exchange(
    *,
    shop_domain: str,
    code: str,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[str, str]:
    """Trade the callback's one-time ``code`` for ``(access_token, scope)``. A refused code
    (4xx) raises ShopifyAuthError; 5xx, timeouts and connection failures are retried with
    backoff (3 tries), then ShopifyUnavailable; an answer without a token raises ShopifyError."""
    _require_shop_domain(shop_domain)
    url = f"{shopify_admin_url(shop_domain=shop_domain)}/admin/oauth/access_token"
    body = {
        "client_id": settings.SHOPIFY_API_KEY,
        "client_secret": settings.SHOPIFY_API_SECRET,
        "code": code,
    }
    with http_client(headers={"Accept": "application/json"}) as http:
        try:
            response = call_with_retries(
                lambda: http_request(http, "POST", url, json=body),
                attempts=3,
                backoff=Backoff(initial=0.5, maximum=5.0),
                sleep=sleep,
            )
        except TransportHTTPError as exc:
            if exc.retryable:
                raise ShopifyUnavailable(detail={"status_code": exc.status_code}) from exc
            raise ShopifyAuthError(
                _("Shopify did not accept the installation. Start the installation again."),
                detail={"status_code": exc.status_code, "body": exc.body[:500]},
            ) from exc
        except TransportError as exc:
            raise ShopifyUnavailable(detail=exc.detail) from exc
    try:
        answer = response.json()
        token, scope = answer["access_token"], answer.get("scope", "")
    except (ValueError, KeyError, TypeError):
        raise ShopifyError(detail="the token answer has no access_token") from None
    if not isinstance(token, str) or not token:
        raise ShopifyError(detail="the token answer has no access_token")
    return token, str(scope or "")


def _require_shop_domain(shop_domain: str) -> None:
    if not oauth_shop_domain_valid(shop_domain):
        raise ValidationFailed(
            _("Enter the shop's myshopify.com domain, for example my-shop.myshopify.com."),
            detail={"shop": [shop_domain]},
        )
