"""Laptop mode: `make run`. Embedded defaults unless DATABASE_URL / REDIS_URL are set."""

from __future__ import annotations

from config import env as E
from config.settings.base import *  # noqa: F403

DEBUG = True if not E.env.str("DJANGO_DEBUG", default="") else E.DEBUG
# A fixed key is fine for a local, single-user install; production has no default.
SECRET_KEY = E.SECRET_KEY or "local-insecure-key-do-not-use-in-production-6c1f0b7e9a"
ALLOWED_HOSTS = E.ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]"]
SHOPIFY_SANDBOX = True if E.SHOPIFY_SANDBOX is None else bool(E.SHOPIFY_SANDBOX)
SHOPIFY_ADMIN_URL_TEMPLATE = shopify_admin_url_template(SHOPIFY_SANDBOX)  # noqa: F405
# A fixed app key/secret for the built-in sandbox; production has no defaults.
SHOPIFY_API_KEY = SHOPIFY_API_KEY or "sandbox-api-key"  # noqa: F405
SHOPIFY_API_SECRET = SHOPIFY_API_SECRET or "sandbox-api-secret"  # noqa: F405
SECURE_SSL_REDIRECT = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Import pages from a site running on this machine (see base.py: SSRF guard).
KNOWLEDGE_IMPORT_ALLOW_PRIVATE_HOSTS = True
