"""Settings load in both modes, each in a fresh interpreter so the environment is read anew."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)

# Printed by the child: the parts of the settings (and of what they build) that a mode decides.
_PROBE = """
import json
import django
from django.conf import settings

django.setup()
from channels.layers import get_channel_layer
from config.celery_app import app

layer = get_channel_layer()
print(json.dumps({
    "debug": settings.DEBUG,
    "db_engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "layer_backend": settings.CHANNEL_LAYERS["default"]["BACKEND"],
    "layer_hosts": settings.CHANNEL_LAYERS["default"].get("CONFIG", {}).get("hosts"),
    "layer_class": type(layer).__name__,
    "layer_live_hosts": getattr(layer, "hosts", None),
    "broker_url": settings.CELERY_BROKER_URL,
    "celery_broker_url": app.conf.broker_url,
    "cache_backend": settings.CACHES["default"]["BACKEND"],
    "shopify_sandbox": settings.SHOPIFY_SANDBOX,
    "session_cookie_secure": getattr(settings, "SESSION_COOKIE_SECURE", False),
    "csrf_cookie_secure": getattr(settings, "CSRF_COOKIE_SECURE", False),
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "secret_key": settings.SECRET_KEY,
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "email_backend": settings.EMAIL_BACKEND,
}))
"""

# Keys whose presence switches modes. They are set to "" (not removed) so that a developer's
# .env file, which config/env.py reads without overwriting, cannot leak into these tests.
_MODE_KEYS = (
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "DJANGO_SECRET_KEY",
    "APP_BASE_URL",
    "SHOPIFY_ADMIN_URL_TEMPLATE",
)

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-for-the-settings-test-0123456789",
    "DJANGO_ALLOWED_HOSTS": "agent.example.com",
    "DATABASE_URL": "postgres://shopagent:pw@db.example.com:5432/shopagent",
    "REDIS_URL": "redis://cache.example.com:6379/0",
    "FIELD_ENCRYPTION_KEYS": "Mtu88cTfHBc411Ky15g3qpoxo48_kn6s1fYSsj3eA5U=",  # a Fernet key
    "APP_BASE_URL": "https://agent.example.com",
}


def _run(module: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    child_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "DJANGO_SETTINGS_MODULE": module,
        "SHOPAGENT_VAR_DIR": str(tmp_path / "var"),
        **dict.fromkeys(_MODE_KEYS, ""),
        **env,
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", _PROBE],
        cwd=BASE_DIR,
        env=child_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _load(module: str, tmp_path: Path, **env: str) -> dict[str, Any]:
    result = _run(module, tmp_path, **env)
    assert result.returncode == 0, result.stderr
    loaded: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded


def test_local_without_environment_uses_the_embedded_defaults(tmp_path: Path) -> None:
    s = _load("config.settings.local", tmp_path)

    assert s["debug"] is True
    assert s["db_engine"] == "django.db.backends.sqlite3"
    assert s["db_name"] == str(tmp_path / "var" / "db.sqlite3")
    assert s["layer_backend"] == "channels.layers.InMemoryChannelLayer"
    assert s["layer_class"] == "InMemoryChannelLayer"
    assert s["broker_url"] == "filesystem://"
    assert s["celery_broker_url"] == "filesystem://"
    assert s["cache_backend"] == "django.core.cache.backends.locmem.LocMemCache"
    assert s["shopify_sandbox"] is True
    assert s["email_backend"] == "integrations.messaging.backends.OutboxEmailBackend"
    # The embedded broker's folders exist, or a worker dies at start.
    assert (tmp_path / "var" / "broker" / "queue").is_dir()
    assert (tmp_path / "var" / "broker" / "control").is_dir()


def test_local_with_database_and_redis_urls_uses_postgres_and_redis(tmp_path: Path) -> None:
    redis_url = "redis://127.0.0.1:6379/3"
    s = _load(
        "config.settings.local",
        tmp_path,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
        REDIS_URL=redis_url,
    )

    assert s["db_engine"] == "django.db.backends.postgresql"
    assert s["db_name"] == "test"
    assert s["layer_backend"] == "channels_redis.core.RedisChannelLayer"
    # The redis-py 8 fix (STACK.md pitfall 1) must reach the layer that is actually built.
    assert s["layer_hosts"] == [{"address": redis_url, "socket_timeout": 15}]
    assert s["layer_class"] == "RedisChannelLayer"
    assert s["layer_live_hosts"] == [{"address": redis_url, "socket_timeout": 15}]
    assert s["broker_url"] == redis_url
    assert s["celery_broker_url"] == redis_url
    assert s["cache_backend"] == "django.core.cache.backends.redis.RedisCache"


def test_celery_broker_url_overrides_redis_url_for_the_broker_only(tmp_path: Path) -> None:
    s = _load(
        "config.settings.local",
        tmp_path,
        REDIS_URL="redis://127.0.0.1:6379/0",
        CELERY_BROKER_URL="redis://broker.internal:6379/1",
    )

    assert s["broker_url"] == "redis://broker.internal:6379/1"
    assert s["celery_broker_url"] == "redis://broker.internal:6379/1"
    assert s["layer_hosts"] == [{"address": "redis://127.0.0.1:6379/0", "socket_timeout": 15}]


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_refuses_to_start_without_required_settings(
    tmp_path: Path, missing: str
) -> None:
    env = {**PRODUCTION_ENV, missing: ""}
    result = _run("config.settings.production", tmp_path, **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{missing} must be set in production" in result.stderr


def test_production_starts_with_its_settings_and_is_locked_down(tmp_path: Path) -> None:
    s = _load("config.settings.production", tmp_path, **PRODUCTION_ENV)

    assert s["debug"] is False
    assert s["shopify_sandbox"] is False
    assert s["secret_key"] == PRODUCTION_ENV["DJANGO_SECRET_KEY"]
    assert s["allowed_hosts"] == ["agent.example.com"]
    assert s["session_cookie_secure"] is True
    assert s["csrf_cookie_secure"] is True
    assert s["ssl_redirect"] is True
    assert s["hsts"] > 0
    assert s["db_engine"] == "django.db.backends.postgresql"
    assert s["layer_hosts"] == [{"address": PRODUCTION_ENV["REDIS_URL"], "socket_timeout": 15}]
    assert s["broker_url"] == PRODUCTION_ENV["REDIS_URL"]


def test_production_passes_the_deploy_checks(tmp_path: Path) -> None:
    """`manage.py check --deploy` finds nothing but the HSTS preload opt-in (W021), which is
    the operator's decision: preloading is hard to undo."""
    child_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SHOPAGENT_VAR_DIR": str(tmp_path / "var"),
        **dict.fromkeys(_MODE_KEYS, ""),
        **PRODUCTION_ENV,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=BASE_DIR,
        env=child_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    issues = re.findall(r"\((\w+\.[EW]\d+)\)", result.stdout + result.stderr)
    assert issues == ["security.W021"], result.stdout + result.stderr
