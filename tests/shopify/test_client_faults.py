"""ShopifyClient against a real loopback HTTP server: throttling, retries and error mapping.
Waits are asserted through the injected sleep (recorded, never slept), not by timing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from integrations.shopify import queries
from integrations.shopify.client import ShopifyClient
from integrations.shopify.datatypes import ThrottleStatus
from integrations.shopify.errors import (
    ShopifyAuthError,
    ShopifyQueryError,
    ShopifyThrottled,
    ShopifyUnavailable,
)
from integrations.transport import Backoff
from tests.fakes.http_server import Scripted, ScriptedServer, unused_port
from tests.fakes.shopify_responses import (
    API_PATH,
    graphql_error,
    ok,
    orders_page,
    throttled,
    unauthorized,
)

COUNT = {"ordersCount": {"count": 3, "precision": "EXACT"}}
EMPTY_PAGE = orders_page([], end_cursor=None, has_next_page=False)


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as running:
        yield running


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(server: ScriptedServer, sleeps: list[float], clock: Clock) -> Iterator[ShopifyClient]:
    with ShopifyClient(
        endpoint=server.url + API_PATH,
        access_token="shpat_test_token",
        sleep=sleeps.append,
        clock=clock,
        attempts=4,
        backoff=Backoff(initial=0.5, maximum=30.0, jitter=0.0),
        max_throttle_waits=3,
        timeout=0.3,
    ) as shopify:
        yield shopify


def test_waits_for_the_bucket_to_refill_before_a_query_that_would_not_fit(
    server: ScriptedServer, client: ShopifyClient, sleeps: list[float]
) -> None:
    # given a first page that cost 400 points and left 100 available, restoring 50/s
    server.enqueue(
        ok(EMPTY_PAGE, requested=400, actual=380, available=100, restore=50),
        ok(EMPTY_PAGE, requested=400, actual=380, available=620, restore=50),
    )
    client.orders_page(first=50)

    # when the same query is sent again at once
    client.orders_page(first=50)

    # then the client first waited (400 - 100) / 50 seconds, and then sent it
    assert sleeps == [6.0]
    assert len(server.requests) == 2
    assert client.last_throttle_status == ThrottleStatus(
        maximum_available=1000.0, currently_available=620.0, restore_rate=50.0
    )


def test_counts_the_points_restored_since_the_last_answer(
    server: ScriptedServer, client: ShopifyClient, sleeps: list[float], clock: Clock
) -> None:
    # given 100 points left after a 400-point query, and 2 s passed (100 points restored)
    server.enqueue(
        ok(EMPTY_PAGE, requested=400, available=100, restore=50),
        ok(EMPTY_PAGE, requested=400, available=600, restore=50),
    )
    client.orders_page(first=50)
    clock.now += 2.0

    # when the query is sent again
    client.orders_page(first=50)

    # then it waits only for the 200 points still missing
    assert sleeps == [4.0]


def test_does_not_wait_when_the_query_fits(
    server: ScriptedServer, client: ShopifyClient, sleeps: list[float]
) -> None:
    # given plenty of points left, and a cheap different query
    server.enqueue(ok(EMPTY_PAGE, requested=400, available=100), ok(COUNT, requested=1))

    # when
    client.orders_page(first=50)
    count = client.orders_count()

    # then
    assert count == 3
    assert sleeps == []


def test_throttled_error_waits_the_missing_points_and_retries(
    server: ScriptedServer, client: ShopifyClient, sleeps: list[float]
) -> None:
    # given Shopify answers THROTTLED (200 points asked, 100 available, 50/s), then the data
    server.enqueue(throttled(requested=200, available=100, restore=50), ok(COUNT))

    # when
    count = client.orders_count()

    # then the client waited 2 s, asked again and got the answer
    assert count == 3
    assert sleeps == [2.0]
    assert [r.json()["operationName"] for r in server.requests] == ["OrdersCount", "OrdersCount"]


def test_still_throttled_after_the_allowed_waits_raises_shopify_throttled(
    server: ScriptedServer, client: ShopifyClient, sleeps: list[float]
) -> None:
    # given Shopify keeps answering THROTTLED
    server.enqueue(*[throttled(requested=200, available=150) for _ in range(4)])

    # when / then: 1 try + 3 waits, then the retryable ShopifyThrottled
    with pytest.raises(ShopifyThrottled) as caught:
        client.orders_count()
    assert caught.value.retryable is True
    assert sleeps == [1.0, 1.0, 1.0]
    assert len(server.requests) == 4


def test_http_429_waits_retry_after_seconds(
    server: ScriptedServer, client: ShopifyClient, sleeps: list[float]
) -> None:
    # given a 429 with Retry-After: 2.0, then the answer
    server.enqueue(
        Scripted(
            status=429,
            json={"errors": "Exceeded 2 calls per second"},
            headers={"Retry-After": "2.0"},
        ),
        ok(COUNT),
    )

    # when
    count = client.orders_count()

    # then
    assert count == 3
    assert sleeps == [2.0]


def test_5xx_is_retried_with_exponential_backoff(
    server: ScriptedServer, client: ShopifyClient, sleeps: list[float]
) -> None:
    # given a 502 and a 503 before the answer
    server.enqueue(
        Scripted(status=502, body=b"<html>Bad Gateway</html>"),
        Scripted(status=503, body=b"<html>Service Unavailable</html>"),
        ok(COUNT),
    )

    # when
    count = client.orders_count()

    # then it waited 0.5 s, then 1 s
    assert count == 3
    assert sleeps == [0.5, 1.0]
    assert len(server.requests) == 3


def test_5xx_on_every_attempt_raises_shopify_unavailable(
    server: ScriptedServer, client: ShopifyClient, sleeps: list[float]
) -> None:
    # given Shopify fails every time
    server.enqueue(*[Scripted(status=503) for _ in range(4)])

    # when / then: 4 attempts, 3 waits, then a retryable ShopifyUnavailable with the status
    with pytest.raises(ShopifyUnavailable) as caught:
        client.orders_count()
    assert caught.value.retryable is True
    assert caught.value.detail == {"status_code": 503, "body": ""}
    assert sleeps == [0.5, 1.0, 2.0]
    assert len(server.requests) == 4


def test_read_timeout_is_retried_then_succeeds(
    server: ScriptedServer, client: ShopifyClient, sleeps: list[float]
) -> None:
    # given the first answer comes after the client's 0.3 s read timeout
    server.enqueue(Scripted(json={"data": COUNT}, delay=5.0), ok(COUNT))

    # when
    count = client.orders_count()

    # then the client gave up on the slow answer, waited, and asked again
    assert count == 3
    assert sleeps == [0.5]
    assert len(server.requests) == 2


def test_read_timeouts_on_every_attempt_raise_shopify_unavailable(
    server: ScriptedServer, client: ShopifyClient, sleeps: list[float]
) -> None:
    # given every answer is too slow
    server.enqueue(*[Scripted(json={"data": COUNT}, delay=5.0) for _ in range(4)])

    # when / then
    with pytest.raises(ShopifyUnavailable) as caught:
        client.orders_count()
    assert caught.value.detail == {"url": client.endpoint, "error": "ReadTimeout"}
    assert sleeps == [0.5, 1.0, 2.0]


def test_connection_refused_raises_shopify_unavailable(sleeps: list[float]) -> None:
    # given nothing listens on the endpoint's port
    endpoint = f"http://127.0.0.1:{unused_port()}{API_PATH}"
    shopify = ShopifyClient(
        endpoint=endpoint,
        access_token="shpat_test_token",
        sleep=sleeps.append,
        attempts=2,
        backoff=Backoff(initial=0.5, jitter=0.0),
    )

    # when / then
    with pytest.raises(ShopifyUnavailable) as caught:
        shopify.shop()
    assert caught.value.detail == {"url": endpoint, "error": "ConnectError"}
    assert sleeps == [0.5]


def test_401_raises_auth_error_without_retrying(
    server: ScriptedServer, client: ShopifyClient, sleeps: list[float]
) -> None:
    # given a revoked token
    server.enqueue(unauthorized())

    # when / then
    with pytest.raises(ShopifyAuthError) as caught:
        client.shop()
    assert caught.value.retryable is False
    assert caught.value.detail["status_code"] == 401
    assert len(server.requests) == 1
    assert sleeps == []


def test_403_raises_auth_error(server: ScriptedServer, client: ShopifyClient) -> None:
    server.enqueue(Scripted(status=403, json={"errors": "Forbidden"}))

    with pytest.raises(ShopifyAuthError):
        client.shop()
    assert len(server.requests) == 1


def test_access_denied_graphql_error_raises_auth_error(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    # given the token lacks the read_orders scope
    server.enqueue(
        graphql_error(
            "Access denied for orders field. Required access: `read_orders`.", "ACCESS_DENIED"
        )
    )

    # when / then
    with pytest.raises(ShopifyAuthError) as caught:
        client.orders_page()
    assert caught.value.detail == [
        "Access denied for orders field. Required access: `read_orders`."
    ]


def test_other_graphql_errors_raise_query_error(
    server: ScriptedServer, client: ShopifyClient, sleeps: list[float]
) -> None:
    # given Shopify rejects the document
    server.enqueue(graphql_error("Field 'foo' doesn't exist on type 'Order'", "undefinedField"))

    # when / then: not retried, the messages kept for the log
    with pytest.raises(ShopifyQueryError) as caught:
        client.orders_page()
    assert caught.value.retryable is False
    assert caught.value.detail == ["Field 'foo' doesn't exist on type 'Order'"]
    assert len(server.requests) == 1
    assert sleeps == []


def test_other_4xx_raises_query_error(server: ScriptedServer, client: ShopifyClient) -> None:
    server.enqueue(Scripted(status=404, json={"errors": "Not Found"}))

    with pytest.raises(ShopifyQueryError) as caught:
        client.shop()
    assert caught.value.detail == {"status_code": 404, "body": '{"errors": "Not Found"}'}


def test_an_answer_that_is_not_json_raises_unavailable(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    server.enqueue(Scripted(status=200, body=b"<html>maintenance</html>"))

    with pytest.raises(ShopifyUnavailable) as caught:
        client.shop()
    assert caught.value.detail == "answer is not JSON"


def test_every_request_is_an_authenticated_json_post_to_the_versioned_endpoint(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    # given
    server.enqueue(ok(EMPTY_PAGE), ok(COUNT))

    # when
    client.orders_page(first=10, after="cursor-1")
    client.orders_count()

    # then
    assert [(r.method, r.path) for r in server.requests] == [("POST", API_PATH), ("POST", API_PATH)]
    assert {r.headers["x-shopify-access-token"] for r in server.requests} == {"shpat_test_token"}
    assert {r.headers["content-type"] for r in server.requests} == {"application/json"}
    first = server.requests[0].json()
    assert first == {
        "query": queries.ORDERS,
        "variables": {"first": 10, "after": "cursor-1", "query": None},
        "operationName": "Orders",
    }
