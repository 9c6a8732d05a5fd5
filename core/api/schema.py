"""OpenAPI description of the API's plumbing: the two auth schemes, the X-Store header on
every store-scoped operation, and the error format on every operation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from core.api.tenancy import STORE_HEADER


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable machine code, e.g. not_found, invalid.")
    message = serializers.CharField(help_text="For people, in the request's language.")
    detail = serializers.JSONField(
        allow_null=True, help_text="Specifics, e.g. field errors {field: [messages]}, or null."
    )


_ERROR_RESPONSES = {
    400: OpenApiResponse(ErrorSerializer, description="Invalid input, or store_required."),
    401: OpenApiResponse(ErrorSerializer, description="No valid session or API token."),
    403: OpenApiResponse(ErrorSerializer, description="The member's role does not allow this."),
    404: OpenApiResponse(ErrorSerializer, description="Not found in this store."),
}

STORE_HEADER_PARAMETER = OpenApiParameter(
    name=STORE_HEADER,
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "Slug of the store the request acts for. Session requests need it when the user "
        "belongs to more than one store; a token acts for its own store. A store you are "
        "not a member of answers 404."
    ),
)


class ApiAutoSchema(AutoSchema):
    """Adds the error responses to every operation and X-Store to store-scoped views
    (views with ``store_scoped = True``)."""

    def get_override_parameters(self) -> list[Any]:
        parameters = list(super().get_override_parameters())
        if getattr(self.view, "store_scoped", False):
            parameters.append(STORE_HEADER_PARAMETER)
        return parameters

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        # Added here, not in get_response_serializers: @extend_schema(responses=...) replaces
        # that method, and every operation answers errors in the same format.
        operation: dict[str, Any] | None = super().get_operation(*args, **kwargs)
        if operation is not None:
            responses = operation.setdefault("responses", {})
            for code, response in _ERROR_RESPONSES.items():
                responses.setdefault(str(code), self._get_response_for_code(response, str(code)))
        return operation


class StoreTokenScheme(OpenApiAuthenticationExtension):
    target_class = "core.api.authentication.StoreTokenAuthentication"
    name = "storeToken"

    def get_security_definition(self, auto_schema: AutoSchema) -> dict[str, Any]:
        definition: dict[str, Any] = build_bearer_security_scheme_object(
            header_name="Authorization",
            token_prefix="Bearer",  # noqa: S106
        )
        definition["description"] = (
            "A store API token (`manage.py api_token_create`), sent as "
            "`Authorization: Bearer <token>`. The token acts for its member's store."
        )
        return definition


class CsrfSessionScheme(OpenApiAuthenticationExtension):
    target_class = "core.api.authentication.CsrfSessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema: AutoSchema) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": (
                "The dashboard session. Unsafe methods need the X-CSRFToken header; "
                "name the store with X-Store when you belong to several."
            ),
        }
