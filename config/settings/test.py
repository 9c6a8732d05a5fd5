"""Test mode: the same code path as local; Celery runs eagerly inside the test process."""

from __future__ import annotations

import os

from config import env as E
from config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-insecure-key"  # noqa: S105
# Real host names, so origin checks behave as in production (Django adds "testserver").
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
SHOPIFY_SANDBOX = True
SHOPIFY_ADMIN_URL_TEMPLATE = shopify_admin_url_template(SHOPIFY_SANDBOX)  # noqa: F405
# The sandbox app secret signs webhooks and OAuth in tests and the demo.
SHOPIFY_API_KEY = SHOPIFY_API_KEY or "sandbox-api-key"  # noqa: F405
SHOPIFY_API_SECRET = SHOPIFY_API_SECRET or "sandbox-api-secret"  # noqa: F405
SECURE_SSL_REDIRECT = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
EMAIL_BACKEND = "integrations.messaging.backends.OutboxEmailBackend"
MEDIA_ROOT = E.VAR_DIR / "test-media"
if not E.DATABASE_URL:
    # A file, not :memory:, so live-server and websocket browser tests share it (STACK.md #4);
    # one file per test process, so two test runs on one machine never share a database.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(E.VAR_DIR / f"test-{os.getpid()}.sqlite3")
    }

# Test pages for web imports are served on loopback (see base.py: SSRF guard).
KNOWLEDGE_IMPORT_ALLOW_PRIVATE_HOSTS = True
# Embedding every passage a test publishes costs ~40 ms each: off, except in the tests of the
# embeddings themselves (they turn it on with the settings fixture).
KNOWLEDGE_EMBEDDINGS = False
