"""Shopify's cost limits: the leaky bucket per shop + token, and the single-query cap."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from integrations.shopify.sandbox.models import SandboxThrottleBucket
from integrations.shopify.sandbox.seed import (
    SandboxShopSeed,
    sandbox_shop_limits_set,
    token_hash,
)
from integrations.shopify.sandbox.throttle import throttle_take
from tests.shopify.sandbox.conftest import NOW, SHOP

Gql = Callable[..., tuple[int, dict[str, Any]]]

# requested 2 + 20 × 1 = 22; actual 2 + 20 = 22 (the shop has more than 20 orders)
QUERY = "{ orders(first: 20) { nodes { id } } }"


def test_an_exhausted_bucket_answers_throttled_like_shopify(
    gql: Gql, seeded: SandboxShopSeed
) -> None:
    # given: a bucket of 50 points that barely refills
    sandbox_shop_limits_set(shop_domain=SHOP, throttle_maximum=50, restore_rate=0.0001)
    # when: three queries of 22 points
    answers = [gql(QUERY) for _ in range(3)]
    # then: two pass, the third is throttled with HTTP 200 and Shopify's body
    assert [status for status, _ in answers] == [200, 200, 200]
    assert "data" in answers[1][1]
    _status, body = answers[2]
    assert body["errors"] == [
        {
            "message": "Throttled",
            "extensions": {
                "code": "THROTTLED",
                "documentation": "https://shopify.dev/api/usage/rate-limits",
            },
        }
    ]
    assert "data" not in body
    cost = body["extensions"]["cost"]
    assert (cost["requestedQueryCost"], cost["actualQueryCost"]) == (22, None)
    assert cost["throttleStatus"]["maximumAvailable"] == 50.0
    assert 5.9 < cost["throttleStatus"]["currentlyAvailable"] < 6.1
    assert cost["throttleStatus"]["restoreRate"] == 0.0001


def test_the_bucket_restores_over_time(seeded: SandboxShopSeed) -> None:
    # given: an empty 100-point bucket restoring 10 points a second
    shop = sandbox_shop_limits_set(shop_domain=SHOP, throttle_maximum=100, restore_rate=10)
    key = token_hash(seeded.access_token)
    assert throttle_take(shop=shop, token_hash=key, cost=100, now=NOW).allowed
    # when / then: 3 s later 30 points are back, not 40
    assert not throttle_take(
        shop=shop, token_hash=key, cost=40, now=NOW + timedelta(seconds=3)
    ).allowed
    later = throttle_take(shop=shop, token_hash=key, cost=30, now=NOW + timedelta(seconds=3))
    assert (later.allowed, later.currently_available) == (True, 0.0)
    # and it never fills beyond the maximum
    full = throttle_take(shop=shop, token_hash=key, cost=0, now=NOW + timedelta(hours=1))
    assert full.currently_available == 100.0


def test_a_throttled_client_gets_through_once_the_bucket_refilled(
    gql: Gql, seeded: SandboxShopSeed
) -> None:
    # given: an exhausted bucket
    sandbox_shop_limits_set(shop_domain=SHOP, throttle_maximum=30, restore_rate=1)
    gql(QUERY)
    assert gql(QUERY)[1]["errors"][0]["message"] == "Throttled"
    # when: 30 seconds pass (the bucket's clock is moved back instead of sleeping)
    bucket = SandboxThrottleBucket.objects.get(token_hash=token_hash(seeded.access_token))
    bucket.updated_at -= timedelta(seconds=30)
    bucket.save()
    # then
    _status, body = gql(QUERY)
    assert "errors" not in body
    assert len(body["data"]["orders"]["nodes"]) == 20


def test_each_token_has_its_own_bucket(seeded: SandboxShopSeed) -> None:
    shop = sandbox_shop_limits_set(shop_domain=SHOP, throttle_maximum=10, restore_rate=0.0001)
    assert throttle_take(shop=shop, token_hash="a" * 64, cost=10, now=NOW).allowed
    assert throttle_take(shop=shop, token_hash="b" * 64, cost=10, now=NOW).allowed
    assert not throttle_take(shop=shop, token_hash="a" * 64, cost=1, now=NOW).allowed


def test_a_query_over_the_single_query_cap_is_refused(gql: Gql) -> None:
    # given: 2 + 250 × (1 + (2 + 250 × 1)) = 63,252 points
    query = "{ orders(first: 250) { nodes { id lineItems(first: 250) { nodes { id } } } } }"
    # when
    status, body = gql(query)
    # then
    assert status == 200
    error = body["errors"][0]
    assert error["message"].startswith(
        "Query cost is 63252, which exceeds the single query max cost limit (1000)."
    )
    assert error["extensions"] == {
        "code": "MAX_COST_EXCEEDED",
        "cost": 63252,
        "maxCost": 1000,
        "documentation": "https://shopify.dev/api/usage/rate-limits",
    }
    assert "data" not in body
