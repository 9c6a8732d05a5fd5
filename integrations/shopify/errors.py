"""Shopify errors, in the project's one error hierarchy (core.errors)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.errors import IntegrationError


class ShopifyError(IntegrationError):
    code = "shopify_error"
    default_message = _("Shopify did not answer as expected.")


class ShopifyAuthError(ShopifyError):
    """401/403: the token is wrong, revoked, or lacks a scope. Not retryable: the connection
    is marked broken with this reason until the merchant reconnects."""

    code = "shopify_auth"
    default_message = _("Shopify refused the access token. Reconnect the store.")


class ShopifyThrottled(ShopifyError):
    """Rate-limited even after waiting as Shopify asked."""

    code = "shopify_throttled"
    retryable = True
    default_message = _("Shopify is rate-limiting requests. The sync will continue shortly.")


class ShopifyUnavailable(ShopifyError):
    """5xx, timeouts and connection failures after the client's own retries."""

    code = "shopify_unavailable"
    retryable = True
    default_message = _("Shopify could not be reached. The sync will try again.")


class ShopifyQueryError(ShopifyError):
    """GraphQL ``errors`` that are not throttling: a bug on our side or an API change."""

    code = "shopify_query"
    default_message = _("Shopify rejected a request from the app.")


class ShopifyBulkRefused(ShopifyQueryError):
    """Shopify would not start a bulk operation (``userErrors``: OPERATION_IN_PROGRESS,
    LIMIT_REACHED, INVALID) or the file it wrote cannot be read as asked. The sync then
    falls back to paging."""

    code = "shopify_bulk_refused"
    default_message = _("Shopify could not export the orders in bulk.")
