"""Shopify's authorization-code grant, as the sandbox shop's side plays it.

"Install" issues a one-time code and sends the merchant back to the app's ``redirect_uri``
with ``code``, ``host``, ``shop``, ``state``, ``timestamp`` and an ``hmac``: hex HMAC-SHA256,
keyed with the app secret, of the other parameters sorted by name and joined as
``key=value`` pairs with ``&`` (shopify.dev, "Verify a request"). The app exchanges the code
with its client id and secret for an access token, once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction

from integrations.shopify.sandbox.models import SandboxAccessToken, SandboxOAuthCode, SandboxShop
from integrations.shopify.sandbox.seed import token_hash

CODE_LIFETIME = timedelta(minutes=10)


class OAuthRefused(Exception):
    """The token request is refused; ``error``/``description`` are Shopify's JSON body."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    scope: str


def oauth_signature(params: dict[str, str], *, secret: str) -> str:
    """Shopify's ``hmac`` query parameter for ``params`` (which must not contain it)."""
    message = "&".join(f"{key}={params[key]}" for key in sorted(params))
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


def oauth_redirect_allowed(redirect_uri: str) -> bool:
    """Like the app's "allowed redirection URLs": only back to the app itself."""
    base = settings.APP_BASE_URL.rstrip("/") + "/"
    return redirect_uri.startswith(base)


def sandbox_oauth_code_issue(
    *, shop: SandboxShop, scopes: str, state: str, redirect_uri: str, now: datetime
) -> str:
    """Store a one-time code for ``scopes``; returns the signed URL to send the merchant to."""
    code = secrets.token_hex(16)
    SandboxOAuthCode.objects.create(
        shop=shop, code_hash=token_hash(code), scopes=scopes, expires_at=now + CODE_LIFETIME
    )
    store_name = shop.domain.split(".", 1)[0]
    host = base64.b64encode(f"admin.shopify.com/store/{store_name}".encode()).decode()
    params = {
        "code": code,
        "host": host.rstrip("="),
        "shop": shop.domain,
        "state": state,
        "timestamp": str(int(now.timestamp())),
    }
    params["hmac"] = oauth_signature(params, secret=settings.SHOPIFY_API_SECRET)
    separator = "&" if "?" in redirect_uri else "?"
    return f"{redirect_uri}{separator}{urlencode(params)}"


@transaction.atomic
def sandbox_oauth_token_issue(
    *, shop_domain: str, client_id: str, client_secret: str, code: str, now: datetime
) -> IssuedToken:
    """Exchange a code for a new access token (stored hashed). Raises :class:`OAuthRefused`."""
    valid_client = hmac.compare_digest(client_id, settings.SHOPIFY_API_KEY) and (
        hmac.compare_digest(client_secret, settings.SHOPIFY_API_SECRET)
    )
    if not valid_client:
        raise OAuthRefused("invalid_client", "Client credentials are invalid")
    grant = (
        SandboxOAuthCode.objects.select_for_update()
        .select_related("shop")
        .filter(code_hash=token_hash(code), shop__domain=shop_domain)
        .first()
    )
    if grant is None or grant.used_at is not None or grant.expires_at < now:
        raise OAuthRefused(
            "invalid_request", "The authorization code was not found or was already used"
        )
    grant.used_at = now
    grant.save(update_fields=["used_at"])
    token = f"shpat_{secrets.token_hex(16)}"
    SandboxAccessToken.objects.create(
        shop=grant.shop,
        token_hash=token_hash(token),
        scopes=grant.scopes,
        source=SandboxAccessToken.Source.OAUTH,
        created_at=now,
    )
    return IssuedToken(access_token=token, scope=grant.scopes)
