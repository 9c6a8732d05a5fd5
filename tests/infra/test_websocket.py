"""The websocket stack through the real ASGI application (config.asgi), on the in-memory
channel layer and on Redis, including the idle-socket regression (STACK.md pitfall 1)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from pytest_django.fixtures import Settings as SettingsWrapper

from config.asgi import application
from tests.infra.conftest import IN_MEMORY_LAYER, redis_answers, redis_layer, redis_url

ALLOWED_ORIGIN = (b"origin", b"http://localhost:8000")
PING_PATH = "/ws/ping/"

# No queries here, but channels closes stale DB connections around every consumer event
# (channels.db.aclose_old_connections), which pytest-django counts as database access.
pytestmark = pytest.mark.django_db

needs_redis = pytest.mark.skipif(
    not redis_answers(), reason=f"Redis does not answer at {redis_url()} (set REDIS_URL)"
)


@pytest.fixture(params=["in_memory", pytest.param("redis", marks=[needs_redis, pytest.mark.redis])])
def layer(request: pytest.FixtureRequest, settings: SettingsWrapper) -> Iterator[str]:
    # Changing CHANNEL_LAYERS makes channels drop its cached layer (a setting_changed receiver).
    settings.CHANNEL_LAYERS = IN_MEMORY_LAYER if request.param == "in_memory" else redis_layer()
    yield request.param


@pytest.fixture
async def cleanup_layer() -> AsyncIterator[None]:
    yield
    channel_layer: Any = get_channel_layer()
    if hasattr(channel_layer, "flush"):
        await channel_layer.flush()  # only this test's prefix (redis) or its own memory
    if hasattr(channel_layer, "close_pools"):
        await channel_layer.close_pools()


async def _connect(*headers: tuple[bytes, bytes]) -> tuple[WebsocketCommunicator, bool, Any]:
    communicator = WebsocketCommunicator(application, PING_PATH, headers=list(headers))
    connected, detail = await communicator.connect(timeout=5)
    return communicator, connected, detail


async def _ping(communicator: WebsocketCommunicator, frame_id: str) -> dict[str, Any]:
    await communicator.send_json_to({"type": "ping", "id": frame_id})
    reply: dict[str, Any] = await communicator.receive_json_from(timeout=5)
    return reply


async def test_ping_round_trips_through_the_channel_layer(layer: str, cleanup_layer: None) -> None:
    communicator, connected, _ = await _connect(ALLOWED_ORIGIN)
    assert connected

    assert await _ping(communicator, "a-1") == {"type": "pong", "id": "a-1"}
    assert await _ping(communicator, "a-2") == {"type": "pong", "id": "a-2"}

    await communicator.disconnect()


@pytest.mark.parametrize(
    "frame",
    [
        {"text_data": '{"type": "ping"'},
        {"text_data": "[1, 2]"},
        {"text_data": '{"type": "shout", "id": 1}'},
        {"text_data": '{"type": "ping", "id": "' + "x" * 5000 + '"}'},
        {"bytes_data": b'{"type": "ping", "id": 1}'},
    ],
    ids=["broken-json", "not-an-object", "unknown-type", "too-large", "binary"],
)
async def test_a_bad_frame_gets_an_error_frame_and_the_socket_stays_usable(
    layer: str, cleanup_layer: None, frame: dict[str, Any]
) -> None:
    communicator, connected, _ = await _connect(ALLOWED_ORIGIN)
    assert connected

    await communicator.send_to(**frame)
    assert await communicator.receive_json_from(timeout=5) == {
        "type": "error",
        "code": "invalid_frame",
    }
    assert await _ping(communicator, "after-error") == {"type": "pong", "id": "after-error"}

    await communicator.disconnect()


@pytest.mark.parametrize(
    "headers",
    [[(b"origin", b"https://evil.example")], [(b"origin", b"http://localhost.evil.example")], []],
    ids=["foreign-origin", "lookalike-origin", "no-origin"],
)
async def test_a_disallowed_origin_is_rejected(
    layer: str, cleanup_layer: None, headers: list[tuple[bytes, bytes]]
) -> None:
    communicator, connected, _ = await _connect(*headers)

    assert not connected
    await communicator.disconnect()


IDLE_SOCKETS = 5
IDLE_SECONDS = 12  # > 10 s: two of channels-redis's 5 s blocking reads


async def _idle_then_ping_all() -> list[str]:
    """Open IDLE_SOCKETS sockets, leave them idle, then ping each: "pong" or what went wrong."""
    communicators = []
    for _ in range(IDLE_SOCKETS):
        communicator, connected, _ = await _connect(ALLOWED_ORIGIN)
        assert connected
        communicators.append(communicator)

    await asyncio.sleep(IDLE_SECONDS)

    outcomes = []
    for n, communicator in enumerate(communicators):
        try:
            reply = await _ping(communicator, f"idle-{n}")
        except Exception as exc:  # a dead consumer re-raises its error here
            outcomes.append(f"{type(exc).__name__}: {exc}")
        else:
            outcomes.append("pong" if reply == {"type": "pong", "id": f"idle-{n}"} else str(reply))
    for communicator in communicators:
        with contextlib.suppress(Exception):  # the dead ones raise their error again
            await communicator.disconnect()
    return outcomes


@pytest.mark.slow
@pytest.mark.redis
@needs_redis
async def test_idle_sockets_survive_on_redis(
    settings: SettingsWrapper, cleanup_layer: None
) -> None:
    """STACK.md pitfall 1: redis-py 8's 5 s socket timeout killed idle consumers. With the
    settings' socket_timeout of 15 s every idle socket still answers."""
    settings.CHANNEL_LAYERS = redis_layer(socket_timeout=15)

    assert await _idle_then_ping_all() == ["pong"] * IDLE_SOCKETS


@pytest.mark.slow
@pytest.mark.redis
@needs_redis
async def test_without_the_fix_idle_sockets_die_so_the_regression_test_has_teeth(
    settings: SettingsWrapper, cleanup_layer: None
) -> None:
    """The control for the test above: with redis-py 8's default socket timeout (5 s, the same
    as channels-redis's blocking read) idle consumers die (seen: 2 of 5 sockets in 12 s, every
    run). If this starts passing cleanly, redis-py or channels-redis changed: re-check
    STACK.md pitfall 1 before dropping the socket_timeout setting."""
    settings.CHANNEL_LAYERS = redis_layer(socket_timeout=None)

    outcomes = await _idle_then_ping_all()

    assert any(o.startswith("TimeoutError: Timeout reading from") for o in outcomes), outcomes
