"""Settings shared by every mode. Values that may come from outside are read in config/env.py."""

from __future__ import annotations

from config import env as E
from config.settings.components.api import *  # noqa: F403
from config.settings.components.cache import *  # noqa: F403
from config.settings.components.celery import *  # noqa: F403
from config.settings.components.database import *  # noqa: F403
from config.settings.components.i18n import *  # noqa: F403
from config.settings.components.realtime import *  # noqa: F403

BASE_DIR = E.BASE_DIR
VAR_DIR = E.VAR_DIR
# Local state (SQLite file, embedded broker, media) lives here; create it on first start.
VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "staticfiles").mkdir(exist_ok=True)

DEBUG = E.DEBUG
ALLOWED_HOSTS = E.ALLOWED_HOSTS
CSRF_TRUSTED_ORIGINS = E.CSRF_TRUSTED_ORIGINS

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "channels",
    "core",
    "integrations.shopify",
    "integrations.shopify.sandbox",
    "integrations.customer_hub",
    "integrations.returns",
    "integrations.messaging",
    "knowledge",
    "skills",
    "agent",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.dashboard",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard-home"
LOGOUT_REDIRECT_URL = "login"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

DEFAULT_FROM_EMAIL = E.DEFAULT_FROM_EMAIL
# Email goes to the outbox table unless EMAIL_URL configures SMTP.
if E.EMAIL_URL:
    vars().update(E.env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "integrations.messaging.backends.OutboxEmailBackend"

# Secrets stored in the database (Shopify tokens, provider keys) are encrypted with these.
FIELD_ENCRYPTION_KEYS: list[str] = E.FIELD_ENCRYPTION_KEYS

APP_BASE_URL = (E.APP_BASE_URL or "http://127.0.0.1:8000").rstrip("/")

# The built-in Shopify-compatible sandbox store (integrations/shopify/sandbox/) serves the demo
# data at {APP_BASE_URL}/shopify-sandbox/<shop>/admin/... when SHOPIFY_SANDBOX is on.
SHOPIFY_SANDBOX = bool(E.SHOPIFY_SANDBOX) if E.SHOPIFY_SANDBOX is not None else False
SHOPIFY_API_VERSION = "2026-10"
SHOPIFY_API_KEY = E.SHOPIFY_API_KEY or ""
SHOPIFY_API_SECRET = E.SHOPIFY_API_SECRET or ""
# fulfillmentOrders (read by the bulk export of what each fulfillment shipped) needs the
# merchant-managed fulfillment orders scope; the shop policies import needs read_legal_policies.
SHOPIFY_SCOPES = (
    "read_orders,write_orders,read_customers,read_fulfillments,read_returns,"
    "read_merchant_managed_fulfillment_orders,read_legal_policies"
)
# Shopify's webhook topics the app subscribes to when a store connects.
SHOPIFY_WEBHOOK_TOPICS = [
    "ORDERS_CREATE",
    "ORDERS_UPDATED",
    "ORDERS_CANCELLED",
    "ORDERS_FULFILLED",
    "ORDERS_PARTIALLY_FULFILLED",
    "ORDERS_EDITED",
    "FULFILLMENTS_CREATE",
    "FULFILLMENTS_UPDATE",
    "CUSTOMERS_CREATE",
    "CUSTOMERS_UPDATE",
    "APP_UNINSTALLED",
]


def shopify_admin_url_template(sandbox: bool) -> str:
    if E.SHOPIFY_ADMIN_URL_TEMPLATE:
        return E.SHOPIFY_ADMIN_URL_TEMPLATE
    return f"{APP_BASE_URL}/shopify-sandbox/{{shop}}" if sandbox else "https://{shop}"


SHOPIFY_ADMIN_URL_TEMPLATE = shopify_admin_url_template(SHOPIFY_SANDBOX)

# Knowledge base content intake (knowledge/ingest/, knowledge/imports.py).
# The largest file a merchant may upload, and the largest page or sitemap a web import reads.
KNOWLEDGE_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
KNOWLEDGE_IMPORT_MAX_BYTES = 5 * 1024 * 1024
# A site import reads at most this many pages.
KNOWLEDGE_IMPORT_MAX_PAGES = 200
# Server-side request forgery guard: a web import fetches an address a person typed, from our
# server. In production it must never reach the server's own network (cloud metadata at
# 169.254.169.254, databases, admin ports), so hosts resolving to private, loopback or
# link-local addresses are refused. Local development and tests serve pages on loopback.
KNOWLEDGE_IMPORT_ALLOW_PRIVATE_HOSTS = False
# Fuse multilingual embeddings (knowledge/embeddings.py) into search: passages are embedded in
# the background after each re-index (~40 ms each), questions at search time (~10 ms).
KNOWLEDGE_EMBEDDINGS = E.KNOWLEDGE_EMBEDDINGS
KNOWLEDGE_EMBEDDINGS_ENGINE = E.KNOWLEDGE_EMBEDDINGS_ENGINE
KNOWLEDGE_MODEL_DIR = E.KNOWLEDGE_MODEL_DIR

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": E.LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
