"""The sandbox store serves the demo shop's legal policies with Shopify's names: in the shop's
primary locale (Dutch), translated bodies in English, ACCESS_DENIED without the
``read_legal_policies`` scope; and the real client reads them over HTTP."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from core import demo
from integrations.shopify.client import ShopifyClient, shopify_graphql_url
from integrations.shopify.errors import ShopifyAuthError
from integrations.shopify.queries import SHOP_POLICIES, SHOP_POLICY_TRANSLATIONS
from integrations.shopify.sandbox.models import SandboxAccessToken, SandboxShop
from integrations.shopify.sandbox.seed import SandboxShopSeed, sandbox_shop_seed, token_hash

SHOP = demo.STORE.shop_domain
NOW = datetime(2026, 11, 2, 10, 0, 0, tzinfo=UTC)
URL = f"/shopify-sandbox/{SHOP}/admin/api/2026-10/graphql.json"
HANDLES = ["refund-policy", "shipping-policy", "terms-of-service", "privacy-policy"]

Gql = Callable[..., tuple[int, dict[str, Any]]]


@pytest.fixture
def seeded(db: None) -> SandboxShopSeed:
    return sandbox_shop_seed(shop_domain=SHOP, now=NOW)


@pytest.fixture
def gql(seeded: SandboxShopSeed) -> Gql:
    client = Client()

    def send(
        query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> tuple[int, dict[str, Any]]:
        response = client.post(
            URL,
            json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
            headers={"X-Shopify-Access-Token": token or seeded.access_token},
        )
        return response.status_code, response.json()

    return send


def test_the_demo_shop_serves_its_policies_in_its_primary_locale(gql: Gql) -> None:
    # when
    status, body = gql(SHOP_POLICIES)

    # then four policies with Shopify's types, Dutch titles and public URLs; Dutch first
    assert status == 200
    assert "errors" not in body
    policies = body["data"]["shop"]["shopPolicies"]
    assert [(p["type"], p["title"], p["url"]) for p in policies] == [
        (kind, title, f"https://{SHOP}/policies/{handle}")
        for kind, title, handle in zip(
            ["REFUND_POLICY", "SHIPPING_POLICY", "TERMS_OF_SERVICE", "PRIVACY_POLICY"],
            ["Restitutiebeleid", "Verzendbeleid", "Servicevoorwaarden", "Privacybeleid"],
            HANDLES,
            strict=True,
        )
    ]
    assert len({p["id"] for p in policies}) == 4
    assert all(p["id"].startswith("gid://shopify/ShopPolicy/") for p in policies)
    assert {p["updatedAt"] for p in policies} == {"2026-11-02T10:00:00Z"}
    refund = policies[0]["body"]
    assert "<strong>30 dagen vanaf de bezorgdatum</strong>" in refund
    assert "EUR 5 annuleringskosten" in refund
    assert "Noord &amp; Co" in refund
    assert body["data"]["shopLocales"] == [
        {"locale": "nl", "primary": True},
        {"locale": "en", "primary": False},
    ]


def test_each_policy_body_is_translated_into_english_only(gql: Gql) -> None:
    # when the translations are asked for per locale
    answers = {
        locale: gql(SHOP_POLICY_TRANSLATIONS, {"locale": locale})[1]["data"]["shop"]
        for locale in ("en", "nl", "fr")
    }

    # then English has each body (key "body"); the primary locale and an unknown one, none
    english = answers["en"]["shopPolicies"]
    assert [
        [(t["key"], t["locale"], t["outdated"]) for t in p["translations"]] for p in english
    ] == [[("body", "en", False)]] * 4
    assert (
        "<strong>30 days from the delivery date</strong>" in english[0]["translations"][0]["value"]
    )
    assert all(p["translations"] == [] for p in answers["nl"]["shopPolicies"])
    assert all(p["translations"] == [] for p in answers["fr"]["shopPolicies"])


def test_a_token_without_the_legal_policies_scope_is_denied_as_on_shopify(
    gql: Gql, seeded: SandboxShopSeed
) -> None:
    # given a token issued without read_legal_policies
    SandboxAccessToken.objects.create(
        shop=seeded.shop,
        token_hash=token_hash("shpat_orders_only"),
        scopes="read_orders,read_customers",
        source=SandboxAccessToken.Source.OAUTH,
        created_at=NOW,
    )

    # when
    status, body = gql(SHOP_POLICIES, token="shpat_orders_only")

    # then Shopify's error, and no data (the non-null shop cannot be returned)
    assert status == 200
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["path"] == ["shop", "shopPolicies"]
    assert error["extensions"]["code"] == "ACCESS_DENIED"
    assert error["message"] == (
        "Access denied for shopPolicies field. Required access: `read_legal_policies` access scope."
    )


def test_a_write_legal_policies_token_may_read_them(gql: Gql, seeded: SandboxShopSeed) -> None:
    SandboxAccessToken.objects.create(
        shop=seeded.shop,
        token_hash=token_hash("shpat_policy_writer"),
        scopes="write_legal_policies",
        source=SandboxAccessToken.Source.OAUTH,
        created_at=NOW,
    )

    status, body = gql(SHOP_POLICIES, token="shpat_policy_writer")

    assert (status, len(body["data"]["shop"]["shopPolicies"])) == (200, 4)


def test_renaming_the_shop_changes_every_policy(gql: Gql, seeded: SandboxShopSeed) -> None:
    before = gql(SHOP_POLICIES)[1]["data"]["shop"]["shopPolicies"]
    SandboxShop.objects.filter(pk=seeded.shop.pk).update(name="Noord & Zonen")

    after = gql(SHOP_POLICIES)[1]["data"]["shop"]["shopPolicies"]

    assert all(a["body"] != b["body"] for a, b in zip(after, before, strict=True))
    assert all("Noord &amp; Zonen" in a["body"] for a in after)


@pytest.mark.django_db(transaction=True)
def test_the_client_reads_the_sandbox_policies_over_http(live_server: Any, settings: Any) -> None:
    # given the demo shop in the sandbox behind a real HTTP server
    settings.SHOPIFY_ADMIN_URL_TEMPLATE = live_server.url + "/shopify-sandbox/{shop}"
    seed = sandbox_shop_seed(shop_domain=SHOP, now=timezone.now().replace(microsecond=0))

    # when
    with ShopifyClient(
        endpoint=shopify_graphql_url(shop_domain=SHOP), access_token=seed.access_token
    ) as client:
        policies = client.shop_policies()

    # then Dutch policies, each with its English body
    assert [(p.type, p.locale) for p in policies] == [
        ("REFUND_POLICY", "nl"),
        ("SHIPPING_POLICY", "nl"),
        ("TERMS_OF_SERVICE", "nl"),
        ("PRIVACY_POLICY", "nl"),
    ]
    assert [[t.locale for t in p.translations] for p in policies] == [["en"]] * 4
    assert policies[1].url == f"https://{SHOP}/policies/shipping-policy"
    assert "free from EUR 75" in policies[1].translations[0].body


@pytest.mark.django_db(transaction=True)
def test_the_client_raises_an_auth_error_for_a_token_without_the_scope(
    live_server: Any, settings: Any
) -> None:
    settings.SHOPIFY_ADMIN_URL_TEMPLATE = live_server.url + "/shopify-sandbox/{shop}"
    seed = sandbox_shop_seed(shop_domain=SHOP, now=timezone.now().replace(microsecond=0))
    SandboxAccessToken.objects.filter(shop=seed.shop).update(scopes="read_orders")

    with (
        ShopifyClient(
            endpoint=shopify_graphql_url(shop_domain=SHOP), access_token=seed.access_token
        ) as client,
        pytest.raises(ShopifyAuthError),
    ):
        client.shop_policies()
