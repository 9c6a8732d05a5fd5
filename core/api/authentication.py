"""How an API request says who it is: a store token (``Authorization: Bearer <key>``) or the
dashboard session (with Django's CSRF check, as DRF enforces it for session requests)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, SessionAuthentication
from rest_framework.request import Request

from core.models import ApiToken

# Recording every use would turn each read into a write; once a minute is enough to audit.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class StoreTokenAuthentication(BaseAuthentication):
    """Authenticates ``Authorization: Bearer <key>``; ``request.auth`` becomes the ApiToken.

    The key is looked up by its SHA-256 hash; revoked tokens and inactive users are refused.
    A request without a Bearer header is left to the next authenticator.
    """

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        parts = header.split()
        if not parts or parts[0].lower() != self.keyword.lower():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as: Authorization: Bearer <token>."), code="invalid_token"
            )
        token = self._token_for(parts[1])
        _record_use(token)
        return token.membership.user, token

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="api"'

    def _token_for(self, key: str) -> ApiToken:
        token = (
            ApiToken.objects.select_related("membership__user", "membership__store")
            .filter(key_hash=ApiToken.hash_key(key))
            .first()
        )
        if token is None or token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(
                _("The API token is unknown or has been revoked."), code="invalid_token"
            )
        if not token.membership.user.is_active:
            raise exceptions.AuthenticationFailed(
                _("The API token's user is inactive."), code="invalid_token"
            )
        return token


def _record_use(token: ApiToken) -> None:
    now = timezone.now()
    threshold = now - LAST_USED_RESOLUTION
    if token.last_used_at is not None and token.last_used_at > threshold:
        return
    # The filter keeps concurrent requests from writing more than once a minute between them.
    ApiToken.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=threshold), pk=token.pk
    ).update(last_used_at=now)
    token.last_used_at = now


class CsrfSessionAuthentication(SessionAuthentication):
    """DRF's session authentication (CSRF enforced) with a machine code for CSRF failures."""

    def enforce_csrf(self, request: Request) -> None:
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied as exc:
            raise exceptions.PermissionDenied(
                _("CSRF check failed: send the X-CSRFToken header with the csrftoken cookie."),
                code="csrf_failed",
            ) from exc
