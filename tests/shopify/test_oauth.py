"""Shopify OAuth install flow: authorize URL, callback HMAC and shop checks, state, and the code
exchange against a loopback server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_django.fixtures import Settings

from core.errors import ValidationFailed
from integrations.shopify.errors import ShopifyAuthError, ShopifyError, ShopifyUnavailable
from integrations.shopify.oauth import (
    oauth_authorize_url,
    oauth_callback_verify,
    oauth_code_exchange,
    oauth_query_sign,
    oauth_state_check,
    oauth_state_new,
)
from tests.fakes.http_server import Scripted, ScriptedServer

# Shopify's documented example of a signed redirect (secret "hush").
DOCS_QUERY = {
    "code": "0907a61c0c8d55e99db179b68161bc00",
    "hmac": "700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf",
    "shop": "some-shop.myshopify.com",
    "state": "0.6784241404160823",
    "timestamp": "1337178173",
}


@pytest.fixture
def server(settings: Settings) -> Iterator[ScriptedServer]:
    with ScriptedServer() as running:
        settings.SHOPIFY_ADMIN_URL_TEMPLATE = running.url + "/shopify-sandbox/{shop}"
        yield running


def test_authorize_url_asks_for_our_scopes_on_the_shops_admin(settings: Settings) -> None:
    # given
    settings.SHOPIFY_ADMIN_URL_TEMPLATE = "https://{shop}"
    settings.SHOPIFY_API_KEY = "key-123"
    settings.SHOPIFY_SCOPES = "read_orders,write_orders"

    # when
    url = oauth_authorize_url(
        shop_domain="noord-demo.myshopify.com",
        state="nonce-1",
        redirect_uri="https://app.example/shopify/callback/",
    )

    # then
    assert url == (
        "https://noord-demo.myshopify.com/admin/oauth/authorize?client_id=key-123"
        "&scope=read_orders%2Cwrite_orders"
        "&redirect_uri=https%3A%2F%2Fapp.example%2Fshopify%2Fcallback%2F&state=nonce-1"
    )


def test_authorize_url_follows_the_sandbox_template(settings: Settings) -> None:
    settings.SHOPIFY_ADMIN_URL_TEMPLATE = "http://127.0.0.1:8000/shopify-sandbox/{shop}"

    url = oauth_authorize_url(
        shop_domain="noord-demo.myshopify.com", state="s", redirect_uri="http://x/cb"
    )

    assert url.startswith(
        "http://127.0.0.1:8000/shopify-sandbox/noord-demo.myshopify.com/admin/oauth/authorize?"
    )


@pytest.mark.parametrize(
    "shop",
    ["evil.example.com", "noord.myshopify.com.evil.example", "-noord.myshopify.com", "", "a/b"],
)
def test_authorize_url_refuses_a_bad_shop_domain(shop: str) -> None:
    with pytest.raises(ValidationFailed):
        oauth_authorize_url(shop_domain=shop, state="s", redirect_uri="https://app/cb")


def test_callback_with_shopifys_documented_signature_is_accepted(settings: Settings) -> None:
    settings.SHOPIFY_API_SECRET = "hush"

    assert oauth_query_sign(query=DOCS_QUERY) == DOCS_QUERY["hmac"]
    assert oauth_callback_verify(query=DOCS_QUERY) is True


def test_callback_with_a_tampered_parameter_is_rejected(settings: Settings) -> None:
    settings.SHOPIFY_API_SECRET = "hush"

    assert oauth_callback_verify(query={**DOCS_QUERY, "code": "another-code"}) is False
    assert oauth_callback_verify(query={**DOCS_QUERY, "extra": "1"}) is False
    assert oauth_callback_verify(query={**DOCS_QUERY, "hmac": "0" * 64}) is False


def test_callback_without_hmac_or_secret_is_rejected(settings: Settings) -> None:
    settings.SHOPIFY_API_SECRET = "hush"
    unsigned = {k: v for k, v in DOCS_QUERY.items() if k != "hmac"}
    assert oauth_callback_verify(query=unsigned) is False

    settings.SHOPIFY_API_SECRET = ""
    assert oauth_callback_verify(query=DOCS_QUERY) is False


def test_callback_for_a_bad_shop_domain_is_rejected_even_when_signed(settings: Settings) -> None:
    # given a correctly signed callback naming a host that is not a myshopify.com shop
    settings.SHOPIFY_API_SECRET = "hush"
    query = {**DOCS_QUERY, "shop": "evil.example.com"}
    query["hmac"] = oauth_query_sign(query=query)

    # then
    assert oauth_callback_verify(query=query) is False


def test_a_value_cannot_smuggle_in_another_pair(settings: Settings) -> None:
    # given a signature over {"a": "1&b=2"}: escaping keeps it from matching {"a": "1", "b": "2"}
    settings.SHOPIFY_API_SECRET = "hush"

    assert oauth_query_sign(query={"a": "1&b=2"}) != oauth_query_sign(query={"a": "1", "b": "2"})


def test_state_nonces_are_fresh_and_checked_exactly() -> None:
    first, second = oauth_state_new(), oauth_state_new()

    assert first != second
    assert len(first) >= 40
    assert oauth_state_check(expected=first, received=first) is True
    assert oauth_state_check(expected=first, received=second) is False
    assert oauth_state_check(expected=None, received=first) is False
    assert oauth_state_check(expected="", received="") is False


def test_code_exchange_posts_credentials_and_returns_token_and_scope(
    server: ScriptedServer, settings: Settings
) -> None:
    # given
    settings.SHOPIFY_API_KEY = "key-123"
    settings.SHOPIFY_API_SECRET = "secret-456"
    server.enqueue(
        Scripted(json={"access_token": "shpat_new_token", "scope": "read_orders,write_orders"})
    )

    # when
    token = oauth_code_exchange(shop_domain="noord-demo.myshopify.com", code="code-789")

    # then
    assert token == ("shpat_new_token", "read_orders,write_orders")
    (request,) = server.requests
    assert (request.method, request.path) == (
        "POST",
        "/shopify-sandbox/noord-demo.myshopify.com/admin/oauth/access_token",
    )
    assert request.json() == {
        "client_id": "key-123",
        "client_secret": "secret-456",
        "code": "code-789",
    }


def test_code_exchange_refused_code_raises_auth_error(server: ScriptedServer) -> None:
    server.enqueue(
        Scripted(
            status=400,
            json={
                "error": "invalid_request",
                "error_description": "The authorization code was not found or was already used",
            },
        )
    )

    with pytest.raises(ShopifyAuthError):
        oauth_code_exchange(shop_domain="noord-demo.myshopify.com", code="used")
    assert len(server.requests) == 1


def test_code_exchange_retries_5xx_then_raises_unavailable(server: ScriptedServer) -> None:
    sleeps: list[float] = []
    server.enqueue(*[Scripted(status=503) for _ in range(3)])

    with pytest.raises(ShopifyUnavailable):
        oauth_code_exchange(shop_domain="noord-demo.myshopify.com", code="c", sleep=sleeps.append)
    assert len(server.requests) == 3
    assert len(sleeps) == 2


def test_code_exchange_without_a_token_raises_shopify_error(server: ScriptedServer) -> None:
    server.enqueue(Scripted(json={"scope": "read_orders"}))

    with pytest.raises(ShopifyError):
        oauth_code_exchange(shop_domain="noord-demo.myshopify.com", code="c")
