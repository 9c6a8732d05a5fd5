"""The one way to talk HTTP to an outside API: an httpx client with bounded timeouts, typed
errors instead of httpx's, and retries with exponential backoff, jitter and ``Retry-After``.

Every client of an outside system (Shopify, Twilio, Loop, AfterShip, ...) builds its
``httpx.Client`` with :func:`http_client`, sends with :func:`http_request`, wraps what may be
retried in :func:`call_with_retries`, and turns the typed errors below into its own error types.

Units: every duration in this module is in **seconds** (floats).
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import httpx
from django.utils.translation import gettext_lazy as _
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt

from core.errors import IntegrationError

T = TypeVar("T")

CONNECT_TIMEOUT = 5.0
"""Seconds to open a TCP/TLS connection."""
READ_TIMEOUT = 30.0
"""Seconds to wait for (each chunk of) an answer."""
USER_AGENT = "shopagent/0.1 (+https://github.com/shopagent)"


class TransportError(IntegrationError):
    """The request did not get a usable answer. ``retryable`` says whether trying again may
    help; clients translate these into their own errors and never let them reach callers."""

    code = "transport_error"
    default_message = _("An outside service could not be reached.")


class TransportTimeout(TransportError):
    """Connecting, writing or reading took longer than the timeout."""

    code = "transport_timeout"
    retryable = True
    default_message = _("An outside service took too long to answer.")


class TransportConnectionError(TransportError):
    """No connection: refused, reset, DNS failure, TLS failure, protocol error."""

    code = "transport_connection"
    retryable = True
    default_message = _("An outside service could not be reached.")


class TransportHTTPError(TransportError):
    """An answer with status 4xx/5xx. Retryable for 408, 425, 429 and 5xx; ``retry_after`` is
    the server's ``Retry-After`` in seconds when it sent one."""

    code = "transport_http"
    default_message = _("An outside service refused the request.")

    def __init__(
        self,
        *,
        status_code: int,
        retry_after: float | None = None,
        body: str = "",
    ) -> None:
        super().__init__(detail={"status_code": status_code, "body": body[:500]})
        self.status_code = status_code
        self.retry_after = retry_after
        self.body = body
        self.retryable = status_code in RETRYABLE_STATUS or status_code >= 500


RETRYABLE_STATUS = frozenset({408, 425, 429})


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff between retries: ``initial × 2**(attempt-1)`` seconds plus a random
    jitter in ``[0, jitter)`` seconds, capped at ``maximum`` seconds. A ``Retry-After`` from the
    server replaces the computed wait (still capped at ``maximum``)."""

    initial: float = 0.5
    maximum: float = 30.0
    jitter: float = 0.5

    def wait(self, attempt: int, *, retry_after: float | None = None) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.maximum)
        computed = self.initial * 2 ** (attempt - 1)
        if self.jitter:
            computed += random.uniform(0, self.jitter)  # noqa: S311 - jitter, not a secret
        return min(computed, self.maximum)


def http_client(
    *,
    base_url: str = "",
    headers: Mapping[str, str] | None = None,
    timeout: float = READ_TIMEOUT,
    connect_timeout: float = CONNECT_TIMEOUT,
    transport: httpx.BaseTransport | None = None,
    follow_redirects: bool = False,
) -> httpx.Client:
    """A configured ``httpx.Client``. ``timeout`` bounds reading, writing and waiting for a pooled
    connection, ``connect_timeout`` bounds opening a connection (both in seconds). Redirects are
    not followed unless asked: an API that redirects is usually misconfigured. Close the client
    when done (it is a context manager)."""
    merged = {"User-Agent": USER_AGENT, **(headers or {})}
    return httpx.Client(
        base_url=base_url,
        headers=merged,
        timeout=httpx.Timeout(timeout, connect=connect_timeout),
        transport=transport,
        follow_redirects=follow_redirects,
    )


def http_request(
    client: httpx.Client,
    method: str,
    url: str,
    *,
    json: Any = None,
    data: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
    params: Mapping[str, str] | None = None,
) -> httpx.Response:
    """Send one request. Returns the response when its status is below 400; raises
    :class:`TransportHTTPError` (status, ``Retry-After``, body) for 4xx/5xx,
    :class:`TransportTimeout` or :class:`TransportConnectionError` for no answer. No httpx
    exception escapes."""
    try:
        response = client.request(method, url, json=json, data=data, headers=headers, params=params)
    except httpx.TimeoutException as exc:
        raise TransportTimeout(detail={"url": url, "error": type(exc).__name__}) from exc
    except httpx.TransportError as exc:  # connect/read/write/protocol/proxy errors
        raise TransportConnectionError(detail={"url": url, "error": type(exc).__name__}) from exc
    if response.status_code >= 400:
        raise TransportHTTPError(
            status_code=response.status_code,
            retry_after=retry_after_seconds(response.headers.get("Retry-After")),
            body=response.text,
        )
    return response


def http_lines(client: httpx.Client, url: str, *, chunk_size: int = 1 << 16) -> Iterator[bytes]:
    """GET ``url`` and yield its body line by line (bytes, without the newline) as it arrives,
    holding only one chunk of ``chunk_size`` bytes and the line being read: for files too large
    for memory, such as a JSONL export. Raises like :func:`http_request` (also mid-stream: a
    timeout or a dropped connection while reading); a consumer that stops early closes the
    connection."""
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                response.read()
                raise TransportHTTPError(
                    status_code=response.status_code,
                    retry_after=retry_after_seconds(response.headers.get("Retry-After")),
                    body=response.text,
                )
            rest = b""
            for chunk in response.iter_bytes(chunk_size):
                lines = (rest + chunk).split(b"\n")
                rest = lines.pop()
                yield from lines
            if rest:
                yield rest
    except httpx.TimeoutException as exc:
        raise TransportTimeout(detail={"url": url, "error": type(exc).__name__}) from exc
    except httpx.TransportError as exc:
        raise TransportConnectionError(detail={"url": url, "error": type(exc).__name__}) from exc


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """Parse a ``Retry-After`` header: delta-seconds (``"2"``, Shopify also sends ``"2.0"``) or
    an HTTP date. Returns seconds from ``now`` (never negative), or None if absent/unreadable."""
    if value is None or not value.strip():
        return None
    try:
        return max(float(value.strip()), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)


def is_retryable(error: BaseException) -> bool:
    """True for errors that say trying again may help (timeouts, 429, 5xx, ...)."""
    return bool(getattr(error, "retryable", False))


def call_with_retries(
    fn: Callable[[], T],
    *,
    attempts: int = 4,
    backoff: Backoff | None = None,
    retry_on: Callable[[BaseException], bool] = is_retryable,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Call ``fn`` up to ``attempts`` times while it raises an error ``retry_on`` accepts,
    waiting per ``backoff`` between tries (honouring an error's ``retry_after`` seconds).
    The last error is re-raised unchanged; errors ``retry_on`` rejects propagate at once.
    ``sleep`` is injectable so tests record the waits instead of sleeping."""
    policy = backoff or Backoff()

    def wait(state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        retry_after = getattr(error, "retry_after", None)
        return policy.wait(state.attempt_number, retry_after=retry_after)

    retrying = Retrying(
        stop=stop_after_attempt(attempts),
        wait=wait,
        retry=retry_if_exception(retry_on),
        sleep=sleep,
        reraise=True,
    )
    return retrying(fn)
