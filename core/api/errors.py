"""The API's one error translator: every error leaves as ``{"code", "message", "detail"}``.

``code`` is stable for machines; ``message`` is for people, in the request's language
(LocaleMiddleware has activated it by the time this runs); ``detail`` carries specifics such as
field errors, or is null. Unexpected exceptions are logged and answered with a generic 500:
no stack trace ever reaches a client.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback

from core.errors import ApplicationError

logger = logging.getLogger(__name__)

# DRF's own exceptions: our code and message for each (DRF's default codes are kept otherwise).
_DRF_ERRORS: dict[type[exceptions.APIException], tuple[str, str | Promise]] = {
    exceptions.ValidationError: ("invalid", _("The request is not valid.")),
    exceptions.ParseError: ("parse_error", _("The request body could not be read.")),
    exceptions.NotAuthenticated: ("not_authenticated", _("Sign in or send an API token.")),
    exceptions.NotFound: ("not_found", _("Not found.")),
}


def error_body(*, code: str, message: str | Promise, detail: Any = None) -> dict[str, Any]:
    return {"code": code, "message": str(message), "detail": detail}


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    """DRF's EXCEPTION_HANDLER: translate any exception into the API error format."""
    if isinstance(exc, ApplicationError):
        set_rollback()
        return Response(
            error_body(code=exc.code, message=exc.message, detail=exc.detail),
            status=exc.http_status,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.APIException):
        return _api_exception_response(exc, context)
    logger.exception("Unexpected error in API view %s", context.get("view"))
    set_rollback()
    return Response(
        error_body(code="server_error", message=_("Something went wrong on our side.")),
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


def _api_exception_response(exc: exceptions.APIException, context: dict[str, Any]) -> Response:
    # DRF's handler sets the headers (WWW-Authenticate, Retry-After) and rolls back.
    response = exception_handler(exc, context)
    if response is None:  # pragma: no cover - DRF answers every APIException
        response = Response(status=exc.status_code)
    code, message, detail = _describe(exc)
    response.data = error_body(code=code, message=message, detail=detail)
    return response


def _describe(exc: exceptions.APIException) -> tuple[str, str | Promise, Any]:
    if isinstance(exc, exceptions.Throttled):
        wait = getattr(exc, "wait", None)
        return "rate_limited", str(exc.detail), {"wait_seconds": wait}
    for kind, (code, message) in _DRF_ERRORS.items():
        if isinstance(exc, kind):
            detail = exc.detail if isinstance(exc, exceptions.ValidationError) else None
            if isinstance(detail, list):
                # Errors about the request as a whole (not one field) go under non_field_errors.
                detail = {"non_field_errors": detail}
            return code, message, detail
    detail_code = getattr(exc.detail, "code", None)
    code = detail_code if isinstance(detail_code, str) else exc.default_code
    return code, str(exc.detail), None
