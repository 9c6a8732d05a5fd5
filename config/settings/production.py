"""Production: every secret and service comes from the environment; nothing has a default."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from config import env as E
from config.settings.base import *  # noqa: F403


def _required(name: str, value: object) -> None:
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in production")


_required("DJANGO_SECRET_KEY", E.SECRET_KEY)
_required("DJANGO_ALLOWED_HOSTS", E.ALLOWED_HOSTS)
_required("DATABASE_URL", E.DATABASE_URL)
_required("REDIS_URL", E.REDIS_URL)
_required("FIELD_ENCRYPTION_KEYS", E.FIELD_ENCRYPTION_KEYS)
_required("APP_BASE_URL", E.APP_BASE_URL)

SECRET_KEY = E.SECRET_KEY
DEBUG = False
SHOPIFY_SANDBOX = False
SHOPIFY_ADMIN_URL_TEMPLATE = shopify_admin_url_template(False)  # noqa: F405
SECURE_SSL_REDIRECT = E.SECURE_SSL_REDIRECT
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 30
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
