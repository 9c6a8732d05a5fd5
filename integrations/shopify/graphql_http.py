"""The HTTP side of the Shopify Admin GraphQL API: one POST per document, with Shopify's
cost-based throttling and the retries of integrations/transport.py; errors become ours.

* Every answer carries ``extensions.cost`` (``requestedQueryCost``, ``actualQueryCost``,
  ``throttleStatus{maximumAvailable, currentlyAvailable, restoreRate}``). Before a query whose
  expected cost (the requested cost the same operation and page size had last time) exceeds the
  points available now (``currentlyAvailable`` plus what ``restoreRate`` restored since), it
  waits ``(cost - available) / restoreRate`` seconds. A ``THROTTLED`` error is waited out the
  same way and the query sent again (at most ``max_throttle_waits`` times, then
  ``ShopifyThrottled``).
* HTTP 429 waits ``Retry-After`` seconds; 5xx, timeouts and connection failures are retried with
  exponential backoff and jitter (``attempts`` tries in all), then ``ShopifyUnavailable`` (or
  ``ShopifyThrottled`` for 429).
* 401/403 and ``ACCESS_DENIED`` -> ``ShopifyAuthError`` at once; other GraphQL errors and other
  4xx -> ``ShopifyQueryError``.

All durations are seconds; ``sleep`` and ``clock`` are injectable so tests record the waits.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from integrations.shopify.datatypes import ThrottleStatus
from integrations.shopify.errors import (
    ShopifyAuthError,
    ShopifyError,
    ShopifyQueryError,
    ShopifyThrottled,
    ShopifyUnavailable,
)
from integrations.transport import (
    READ_TIMEOUT,
    Backoff,
    TransportError,
    TransportHTTPError,
    call_with_retries,
    http_client,
    http_request,
    is_retryable,
)

logger = logging.getLogger(__name__)

Json = dict[str, Any]


class AdminGraphQL:
    """POSTs documents to one shop's ``.../admin/api/{version}/graphql.json`` with its token.
    Tracks the shop's throttle state, so not thread-safe: one per task."""

    def __init__(
        self,
        *,
        endpoint: str,
        access_token: str,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        attempts: int = 5,
        backoff: Backoff | None = None,
        max_throttle_waits: int = 8,
        timeout: float = READ_TIMEOUT,
    ) -> None:
        self.endpoint = endpoint
        self._http = http_client(
            headers={"X-Shopify-Access-Token": access_token, "Accept": "application/json"},
            timeout=timeout,
        )
        self._sleep = sleep
        self._clock = clock
        self._attempts = attempts
        self._backoff = backoff or Backoff()
        self._max_throttle_waits = max_throttle_waits
        self._throttle: ThrottleStatus | None = None
        self._throttle_at = 0.0
        self._expected_cost: dict[tuple[str, object], float] = {}

    @property
    def throttle_status(self) -> ThrottleStatus | None:
        """``extensions.cost.throttleStatus`` of the last answer (None before the first)."""
        return self._throttle

    def close(self) -> None:
        self._http.close()

    def execute(self, document: str, variables: Json, operation: str) -> Json:
        """POST one document; wait for budget, retry throttling and transient failures; return
        ``data`` (never None)."""
        key = (operation, variables.get("first"))
        self._wait_for_budget(key)
        body = {"query": document, "variables": variables, "operationName": operation}
        for waits in range(self._max_throttle_waits + 1):
            answer = self._post(body)
            cost = answer.get("extensions", {}).get("cost") or {}
            self._remember_cost(key, cost)
            errors = answer.get("errors")
            if not errors:
                data = answer.get("data")
                if not isinstance(data, dict):
                    raise ShopifyQueryError(detail=f"{operation}: answer without data")
                return data
            codes = _error_codes(errors)
            if "THROTTLED" not in codes:
                messages = _error_messages(errors)
                if "ACCESS_DENIED" in codes:
                    raise ShopifyAuthError(detail=messages)
                raise ShopifyQueryError(detail=messages)
            if waits < self._max_throttle_waits:
                self._sleep_logged(self._throttled_wait(cost, waits + 1), operation, "THROTTLED")
        raise ShopifyThrottled(detail=f"{operation}: still throttled after waiting")

    def _post(self, body: Json) -> Json:
        def send() -> Json:
            response = http_request(self._http, "POST", self.endpoint, json=body)
            try:
                answer = response.json()
            except ValueError:
                raise ShopifyUnavailable(detail="answer is not JSON") from None
            if not isinstance(answer, dict):
                raise ShopifyUnavailable(detail="answer is not a JSON object")
            return answer

        try:
            return call_with_retries(
                send,
                attempts=self._attempts,
                backoff=self._backoff,
                retry_on=_transport_retryable,
                sleep=self._sleep,
            )
        except TransportHTTPError as exc:
            raise http_error(exc) from exc
        except TransportError as exc:
            raise ShopifyUnavailable(detail=exc.detail) from exc

    def _wait_for_budget(self, key: tuple[str, object]) -> None:
        status, expected = self._throttle, self._expected_cost.get(key)
        if status is None or expected is None or status.restore_rate <= 0:
            return
        elapsed = max(self._clock() - self._throttle_at, 0.0)
        available = min(
            status.maximum_available, status.currently_available + elapsed * status.restore_rate
        )
        needed = min(expected, status.maximum_available)
        if needed > available:
            self._sleep_logged((needed - available) / status.restore_rate, key[0], "budget")

    def _throttled_wait(self, cost: Json, attempt: int) -> float:
        status = self._throttle
        requested = cost.get("requestedQueryCost")
        if status is not None and status.restore_rate > 0 and requested is not None:
            wait = (float(requested) - status.currently_available) / status.restore_rate
            if wait > 0:
                return wait
        return self._backoff.wait(attempt)

    def _remember_cost(self, key: tuple[str, object], cost: Json) -> None:
        throttle = cost.get("throttleStatus")
        if throttle:
            self._throttle = ThrottleStatus(
                maximum_available=float(throttle["maximumAvailable"]),
                currently_available=float(throttle["currentlyAvailable"]),
                restore_rate=float(throttle["restoreRate"]),
            )
            self._throttle_at = self._clock()
        if cost.get("requestedQueryCost") is not None:
            self._expected_cost[key] = float(cost["requestedQueryCost"])

    def _sleep_logged(self, seconds: float, operation: str, reason: str) -> None:
        logger.info("shopify %s: waiting %.2f s (%s)", operation, seconds, reason)
        self._sleep(seconds)


def _transport_retryable(error: BaseException) -> bool:
    # Only transport failures are retried here; our own errors (e.g. a non-JSON answer) are
    # final for this request.
    return isinstance(error, TransportError) and is_retryable(error)


def http_error(exc: TransportHTTPError) -> ShopifyError:
    """A 4xx/5xx answer as our error: 401/403 auth, 429 throttled, 5xx unavailable."""
    detail = {"status_code": exc.status_code, "body": exc.body[:500]}
    if exc.status_code in (401, 403):
        return ShopifyAuthError(detail=detail)
    if exc.status_code == 429:
        return ShopifyThrottled(detail=detail)
    if exc.retryable:
        return ShopifyUnavailable(detail=detail)
    return ShopifyQueryError(detail=detail)


def _error_codes(errors: Any) -> set[str]:
    if not isinstance(errors, list):
        return set()
    return {
        str((e.get("extensions") or {}).get("code"))
        for e in errors
        if isinstance(e, dict) and (e.get("extensions") or {}).get("code")
    }


def _error_messages(errors: Any) -> list[str]:
    if not isinstance(errors, list):
        return [str(errors)]
    return [str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in errors]
