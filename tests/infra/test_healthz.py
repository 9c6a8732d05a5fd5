"""/healthz: 200 when database, channel layer and broker answer; 503 naming the one that fails."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.db import connections
from django.test import AsyncClient
from pytest_django.fixtures import Settings as SettingsWrapper

from tests.infra.conftest import IN_MEMORY_LAYER

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
async def close_thread_connections() -> AsyncIterator[None]:
    """The view's database check runs in asgiref's thread; close that thread's connection so
    the PostgreSQL test database can be dropped at the end of the run."""
    yield
    await sync_to_async(connections.close_all)()


CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"


async def _get_healthz() -> tuple[int, dict[str, Any], float]:
    started = time.monotonic()
    response = await AsyncClient().get("/healthz")
    elapsed = time.monotonic() - started
    return response.status_code, response.json(), elapsed


async def test_healthz_is_ok_in_the_configured_mode() -> None:
    status, body, _ = await _get_healthz()

    assert status == 200, body
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "channel_layer", "broker"}
    assert all(check["ok"] for check in body["checks"].values())


async def test_healthz_is_ok_on_the_embedded_defaults(
    settings: SettingsWrapper, tmp_path: Path
) -> None:
    settings.CHANNEL_LAYERS = IN_MEMORY_LAYER
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(tmp_path / "queue"),
        "data_folder_out": str(tmp_path / "queue"),
        "control_folder": str(tmp_path / "control"),
    }

    status, body, _ = await _get_healthz()

    assert status == 200, body
    checks = body["checks"]
    assert checks["database"]["ok"] is True
    assert checks["channel_layer"] == {
        "ok": True,
        "ms": checks["channel_layer"]["ms"],
        "backend": "InMemoryChannelLayer",
    }
    assert checks["broker"]["ok"] is True
    assert checks["broker"]["transport"] == "filesystem"


async def test_healthz_is_503_naming_the_broker_when_it_is_unreachable(
    settings: SettingsWrapper,
) -> None:
    settings.CHANNEL_LAYERS = IN_MEMORY_LAYER
    settings.CELERY_BROKER_URL = CLOSED_PORT_REDIS
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}

    status, body, elapsed = await _get_healthz()

    assert status == 503
    assert body["status"] == "unavailable"
    checks = body["checks"]
    assert checks["broker"]["ok"] is False
    assert checks["broker"]["transport"] == "redis"
    assert "127.0.0.1:1" in checks["broker"]["error"]
    assert checks["database"]["ok"] is True
    assert checks["channel_layer"]["ok"] is True
    # A load balancer polls this: a dead broker must not hang the probe.
    assert elapsed < 5, f"healthz took {elapsed:.1f}s"


async def test_healthz_is_503_naming_the_channel_layer_when_redis_is_unreachable(
    settings: SettingsWrapper, tmp_path: Path
) -> None:
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": CLOSED_PORT_REDIS, "socket_timeout": 15}]},
        }
    }
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(tmp_path / "queue"),
        "data_folder_out": str(tmp_path / "queue"),
        "control_folder": str(tmp_path / "control"),
    }

    status, body, elapsed = await _get_healthz()

    assert status == 503
    checks = body["checks"]
    assert checks["channel_layer"]["ok"] is False
    assert checks["channel_layer"]["backend"] == "RedisChannelLayer"
    assert checks["broker"]["ok"] is True
    assert checks["database"]["ok"] is True
    assert elapsed < 5, f"healthz took {elapsed:.1f}s"
