"""The sandbox's side of Shopify's OAuth: consent page, signed redirect, code exchange."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from django.test import Client

from integrations.shopify.sandbox.seed import SandboxShopSeed
from tests.shopify.sandbox.conftest import SHOP

AUTHORIZE = f"/shopify-sandbox/{SHOP}/admin/oauth/authorize"
TOKEN = f"/shopify-sandbox/{SHOP}/admin/oauth/access_token"
GRAPHQL = f"/shopify-sandbox/{SHOP}/admin/api/2026-10/graphql.json"


def _params(settings: Any) -> dict[str, str]:
    return {
        "client_id": settings.SHOPIFY_API_KEY,
        "scope": "read_orders,read_customers",
        "redirect_uri": f"{settings.APP_BASE_URL}/shopify/callback/",
        "state": "nonce-123",
    }


def _install(client: Client, settings: Any) -> dict[str, str]:
    response = client.post(AUTHORIZE, {**_params(settings), "install": "1"})
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert (
        f"{location.scheme}://{location.netloc}{location.path}" == _params(settings)["redirect_uri"]
    )
    return dict(parse_qsl(location.query))


def test_the_consent_page_names_the_app_and_the_shop(
    seeded: SandboxShopSeed, settings: Any
) -> None:
    response = Client().get(AUTHORIZE, _params(settings))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Install Shop Agent on Noord &amp; Co?" in page
    assert "read_customers" in page
    assert "sandbox" in page


def test_install_redirects_back_with_a_valid_shopify_hmac(
    seeded: SandboxShopSeed, settings: Any
) -> None:
    # when
    query = _install(Client(), settings)
    # then: the parameters Shopify sends, signed as Shopify signs them (verified here by hand)
    assert sorted(query) == ["code", "hmac", "host", "shop", "state", "timestamp"]
    assert (query["shop"], query["state"]) == (SHOP, "nonce-123")
    signature = query.pop("hmac")
    message = "&".join(f"{k}={v}" for k, v in sorted(query.items()))
    expected = hmac.new(settings.SHOPIFY_API_SECRET.encode(), message.encode(), hashlib.sha256)
    assert hmac.compare_digest(signature, expected.hexdigest())


def test_the_code_is_exchanged_once_for_a_working_token(
    seeded: SandboxShopSeed, settings: Any
) -> None:
    # given
    client = Client()
    code = _install(client, settings)["code"]
    form = {
        "client_id": settings.SHOPIFY_API_KEY,
        "client_secret": settings.SHOPIFY_API_SECRET,
        "code": code,
    }
    # when
    response = client.post(TOKEN, json.dumps(form), content_type="application/json")
    # then
    assert response.status_code == 200
    body = response.json()
    assert body["scope"] == "read_orders,read_customers"
    assert body["access_token"].startswith("shpat_")
    answer = client.post(
        GRAPHQL,
        json.dumps({"query": "{ shop { myshopifyDomain } }"}),
        content_type="application/json",
        headers={"X-Shopify-Access-Token": body["access_token"]},
    )
    assert answer.json()["data"] == {"shop": {"myshopifyDomain": SHOP}}
    # and a second exchange of the same code is refused
    again = client.post(TOKEN, form)
    assert again.status_code == 400
    assert again.json() == {
        "error": "invalid_request",
        "error_description": "The authorization code was not found or was already used",
    }


def test_a_wrong_client_secret_is_refused(seeded: SandboxShopSeed, settings: Any) -> None:
    client = Client()
    code = _install(client, settings)["code"]
    response = client.post(
        TOKEN, {"client_id": settings.SHOPIFY_API_KEY, "client_secret": "nope", "code": code}
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": "invalid_client",
        "error_description": "Client credentials are invalid",
    }


def test_cancel_does_not_redirect_and_a_foreign_redirect_is_refused(
    seeded: SandboxShopSeed, settings: Any
) -> None:
    client = Client()
    cancelled = client.post(AUTHORIZE, {**_params(settings), "cancel": "1"})
    assert cancelled.status_code == 200
    assert "The app was not installed" in cancelled.content.decode()
    foreign = client.get(
        AUTHORIZE, {**_params(settings), "redirect_uri": "https://evil.example/cb"}
    )
    assert foreign.status_code == 400
