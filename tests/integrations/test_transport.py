"""integrations/transport.py: typed errors, Retry-After, backoff and retries over loopback."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from integrations.transport import (
    Backoff,
    TransportConnectionError,
    TransportHTTPError,
    TransportTimeout,
    call_with_retries,
    http_client,
    http_request,
    retry_after_seconds,
)
from tests.fakes.http_server import Scripted, ScriptedServer, unused_port


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as running:
        yield running


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("2", 2.0),
        ("2.5", 2.5),
        ("-3", 0.0),
        ("Wed, 21 Oct 2026 07:28:30 GMT", 30.0),
        ("Wed, 21 Oct 2026 07:27:00 GMT", 0.0),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_reads_seconds_and_http_dates(
    header: str | None, seconds: float | None
) -> None:
    now = datetime(2026, 10, 21, 7, 28, tzinfo=UTC)

    assert retry_after_seconds(header, now=now) == seconds


def test_backoff_doubles_and_is_capped() -> None:
    backoff = Backoff(initial=0.5, maximum=3.0, jitter=0.0)

    assert [backoff.wait(n) for n in (1, 2, 3, 4)] == [0.5, 1.0, 2.0, 3.0]
    assert backoff.wait(1, retry_after=10.0) == 3.0
    assert backoff.wait(3, retry_after=0.25) == 0.25


def test_backoff_jitter_stays_within_its_bound() -> None:
    backoff = Backoff(initial=1.0, maximum=60.0, jitter=0.5)

    waits = [backoff.wait(2) for _ in range(50)]

    assert all(2.0 <= wait < 2.5 for wait in waits)


def test_http_request_maps_status_and_retry_after(server: ScriptedServer) -> None:
    server.enqueue(Scripted(status=429, body=b"slow down", headers={"Retry-After": "4"}))

    with http_client(base_url=server.url) as http, pytest.raises(TransportHTTPError) as caught:
        http_request(http, "GET", "/things")

    assert (caught.value.status_code, caught.value.retry_after, caught.value.body) == (
        429,
        4.0,
        "slow down",
    )
    assert caught.value.retryable is True


@pytest.mark.parametrize(("status", "retryable"), [(400, False), (404, False), (500, True)])
def test_http_errors_say_whether_retrying_helps(
    server: ScriptedServer, status: int, retryable: bool
) -> None:
    server.enqueue(Scripted(status=status))

    with http_client(base_url=server.url) as http, pytest.raises(TransportHTTPError) as caught:
        http_request(http, "GET", "/")

    assert caught.value.retryable is retryable


def test_http_request_maps_timeouts_and_refused_connections(server: ScriptedServer) -> None:
    server.enqueue(Scripted(delay=5.0))
    with http_client(base_url=server.url, timeout=0.2) as http, pytest.raises(TransportTimeout):
        http_request(http, "GET", "/slow")

    with http_client() as http, pytest.raises(TransportConnectionError):
        http_request(http, "GET", f"http://127.0.0.1:{unused_port()}/")


def test_call_with_retries_honours_retry_after_and_returns_the_answer(
    server: ScriptedServer,
) -> None:
    server.enqueue(
        Scripted(status=503, headers={"Retry-After": "7"}),
        Scripted(status=502),
        Scripted(json={"ok": True}),
    )
    sleeps: list[float] = []

    with http_client(base_url=server.url) as http:
        response = call_with_retries(
            lambda: http_request(http, "GET", "/"),
            attempts=3,
            backoff=Backoff(initial=0.5, jitter=0.0),
            sleep=sleeps.append,
        )

    assert response.json() == {"ok": True}
    assert sleeps == [7.0, 1.0]


def test_call_with_retries_does_not_retry_what_is_not_retryable(server: ScriptedServer) -> None:
    server.enqueue(Scripted(status=401), Scripted(json={}))
    sleeps: list[float] = []

    with http_client(base_url=server.url) as http, pytest.raises(TransportHTTPError):
        call_with_retries(lambda: http_request(http, "GET", "/"), sleep=sleeps.append)

    assert sleeps == []
    assert len(server.requests) == 1
