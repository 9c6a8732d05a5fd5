"""Laptop mode: `make run`. Embedded defaults unless DATABASE_URL / REDIS_URL are set."""

from __future__ import annotations

from config import env as E
from config.settings.base import *  # noqa: F403

DEBUG = True if not E.env.str("DJANGO_DEBUG", default="") else E.DEBUG
# A fixed key is fine for a local, single-user install; production has no default.
SECRET_KEY = E.SECRET_KEY or "local-insecure-key-do-not-use-in-production-6c1f0b7e9a"
ALLOWED_HOSTS = E.ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]"]
SHOPIFY_SANDBOX = True if E.SHOPIFY_SANDBOX is None else bool(E.SHOPIFY_SANDBOX)
SECURE_SSL_REDIRECT = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
