"""The one error hierarchy. Each error has a stable machine code; each interface (API JSON,
websocket frame, shopper-facing text) translates it in one place."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """Base class: ``code`` is stable for machines, ``message`` is for people (translatable)."""

    code: str = "error"
    http_status: int = 400
    default_message: str | Promise = _("Something went wrong.")

    def __init__(self, message: str | Promise | None = None, *, detail: Any = None) -> None:
        self.message = message if message is not None else self.default_message
        self.detail = detail
        super().__init__(str(self.message))


class ValidationFailed(ApplicationError):
    code = "invalid"
    http_status = 400
    default_message = _("The request is not valid.")


class NotFound(ApplicationError):
    code = "not_found"
    http_status = 404
    default_message = _("Not found.")


class PermissionDenied(ApplicationError):
    code = "permission_denied"
    http_status = 403
    default_message = _("Your role does not allow this.")


class StoreNotSelected(ApplicationError):
    code = "store_required"
    http_status = 400
    default_message = _("Choose a store: send the X-Store header with the store's slug.")


class RateLimited(ApplicationError):
    code = "rate_limited"
    http_status = 429
    default_message = _("Too many requests. Please wait a moment and try again.")


class IntegrationError(ApplicationError):
    """An outside system failed or refused; ``retryable`` tells tasks whether to retry."""

    code = "integration_error"
    http_status = 502
    retryable = False
    default_message = _("An outside service did not answer as expected.")
