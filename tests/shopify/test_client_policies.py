"""The shop-policies read over loopback HTTP: the documents are valid against Shopify's
official schema and fit its cost cap, Shopify-shaped answers become exact dataclasses, each
other published locale brings the policies' translated bodies, and refusals raise our errors."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from graphql import FragmentDefinitionNode, OperationDefinitionNode, parse, validate

from integrations.shopify import queries
from integrations.shopify.client import ShopifyClient
from integrations.shopify.datatypes import ShopPolicyData, ShopPolicyTranslation
from integrations.shopify.errors import ShopifyAuthError, ShopifyError, ShopifyQueryError
from integrations.shopify.sandbox.cost import query_cost_requested
from integrations.transport import Backoff
from tests.fakes.http_server import Scripted, ScriptedServer
from tests.fakes.shopify_responses import API_PATH, cost, ok
from tests.shopify.official_schema import official_schema

SHOP_URL = "https://noord.example"

REFUND_NL = (
    "<p>Je kunt de meeste artikelen binnen 30 dagen terugsturen.</p>\n"
    "<h2>Terugbetaling</h2>\n<p>We betalen je binnen 5 werkdagen terug.</p>"
)
REFUND_EN = (
    "<p>You can return most items within 30 days.</p>\n"
    "<h2>Refunds</h2>\n<p>We refund you within 5 business days.</p>"
)
SHIPPING_NL = "<p>Vanaf EUR 75 verzenden we gratis binnen Nederland.</p>"


def policy_node(
    number: int,
    policy_type: str,
    title: str,
    body: str,
    *,
    handle: str,
    updated_at: str = "2026-09-14T08:12:40Z",
    base: str = SHOP_URL,
) -> dict[str, Any]:
    """A ``ShopPolicy`` as Shopify returns it for the SHOP_POLICIES document."""
    return {
        "id": f"gid://shopify/ShopPolicy/{number}",
        "type": policy_type,
        "title": title,
        "body": body,
        "url": f"{base}/policies/{handle}",
        "updatedAt": updated_at,
    }


def policies_answer(
    nodes: list[dict[str, Any]], *, locales: tuple[tuple[str, bool], ...] = (("nl", True),)
) -> Scripted:
    return ok(
        {
            "shop": {"shopPolicies": nodes},
            "shopLocales": [{"locale": code, "primary": primary} for code, primary in locales],
        },
        requested=3,
        actual=3,
    )


def translations_answer(bodies: dict[int, str | None], *, locale: str) -> Scripted:
    """The SHOP_POLICY_TRANSLATIONS answer: {policy number: translated body or None}."""
    return ok(
        {
            "shop": {
                "shopPolicies": [
                    {
                        "id": f"gid://shopify/ShopPolicy/{number}",
                        "translations": (
                            []
                            if body is None
                            else [
                                {"key": "body", "locale": locale, "value": body, "outdated": False}
                            ]
                        ),
                    }
                    for number, body in bodies.items()
                ]
            }
        },
        requested=2,
        actual=2,
    )


ACCESS_DENIED = Scripted(
    json={
        "errors": [
            {
                "message": (
                    "Access denied for shopPolicies field. Required access: "
                    "`read_legal_policies` access scope. Also: The user must have access to "
                    "manage legal policies."
                ),
                "locations": [{"line": 4, "column": 5}],
                "path": ["shop", "shopPolicies"],
                "extensions": {
                    "code": "ACCESS_DENIED",
                    "documentation": "https://shopify.dev/api/usage/access-scopes",
                    "requiredAccess": (
                        "`read_legal_policies` access scope. Also: The user must have access "
                        "to manage legal policies."
                    ),
                },
            }
        ],
        "data": None,
        "extensions": {"cost": cost(requested=2, actual=2)},
    }
)
"""Shopify's answer to a token without the scope (as reported on Shopify's forum)."""


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as running:
        yield running


@pytest.fixture
def client(server: ScriptedServer) -> Iterator[ShopifyClient]:
    with ShopifyClient(
        endpoint=server.url + API_PATH,
        access_token="shpat_test_token",
        sleep=lambda seconds: None,
        backoff=Backoff(jitter=0.0),
    ) as shopify:
        yield shopify


# --- the documents ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "variables", "expected_cost"),
    [("SHOP_POLICIES", {}, 3), ("SHOP_POLICY_TRANSLATIONS", {"locale": "en"}, 3)],
)
def test_the_policy_documents_are_valid_against_shopifys_schema_and_cheap(
    name: str, variables: dict[str, Any], expected_cost: int
) -> None:
    # given a document the client sends, as listed for the schema test and the sandbox
    text = getattr(queries, name)
    assert queries.DOCUMENTS[name] is text
    document = parse(text)
    schema = official_schema()

    # when it is validated and costed as Shopify would
    errors = validate(schema, document)
    (operation,) = (d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    requested = query_cost_requested(
        schema=schema, operation=operation, fragments=fragments, variables=variables
    )

    # then
    assert [e.message for e in errors] == []
    assert requested == expected_cost


# --- reading the policies -----------------------------------------------------------------------


def test_policies_come_in_the_primary_locale_with_each_published_translation(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    # given a Dutch shop that also publishes English, with an untranslated shipping policy
    server.enqueue(
        policies_answer(
            [
                policy_node(
                    23358046, "REFUND_POLICY", "Restitutiebeleid", REFUND_NL, handle="refund-policy"
                ),
                policy_node(
                    23358047,
                    "SHIPPING_POLICY",
                    "Verzendbeleid",
                    SHIPPING_NL,
                    handle="shipping-policy",
                    updated_at="2026-09-15T10:00:00+02:00",
                ),
            ],
            locales=(("en", False), ("nl", True)),
        ),
        translations_answer({23358046: REFUND_EN, 23358047: None}, locale="en"),
    )

    # when
    policies = client.shop_policies()

    # then
    assert policies == [
        ShopPolicyData(
            id=23358046,
            type="REFUND_POLICY",
            title="Restitutiebeleid",
            body=REFUND_NL,
            url="https://noord.example/policies/refund-policy",
            updated_at=datetime(2026, 9, 14, 8, 12, 40, tzinfo=UTC),
            locale="nl",
            translations=(ShopPolicyTranslation(locale="en", body=REFUND_EN, outdated=False),),
        ),
        ShopPolicyData(
            id=23358047,
            type="SHIPPING_POLICY",
            title="Verzendbeleid",
            body=SHIPPING_NL,
            url="https://noord.example/policies/shipping-policy",
            updated_at=datetime(2026, 9, 15, 8, 0, tzinfo=UTC),
            locale="nl",
            translations=(),
        ),
    ]
    first, second = server.requests
    assert first.json()["query"] == queries.SHOP_POLICIES
    assert first.json()["variables"] == {}
    assert second.json()["query"] == queries.SHOP_POLICY_TRANSLATIONS
    assert second.json()["variables"] == {"locale": "en"}


def test_a_shop_with_one_locale_is_read_in_one_request(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    server.enqueue(
        policies_answer(
            [policy_node(7, "TERMS_OF_SERVICE", "Terms", "<p>Terms.</p>", handle="terms")],
            locales=(("en", True),),
        )
    )

    (policy,) = client.shop_policies()

    assert (policy.type, policy.locale, policy.translations) == ("TERMS_OF_SERVICE", "en", ())
    assert len(server.requests) == 1


def test_a_shop_without_policies_asks_for_no_translations(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    server.enqueue(policies_answer([], locales=(("nl", True), ("en", False))))

    assert client.shop_policies() == []
    assert len(server.requests) == 1


def test_a_token_without_the_legal_policies_scope_raises_an_auth_error(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    server.enqueue(ACCESS_DENIED)

    with pytest.raises(ShopifyAuthError) as excinfo:
        client.shop_policies()

    assert "read_legal_policies" in str(excinfo.value.detail)


def test_a_graphql_error_on_the_translations_raises_a_query_error(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    server.enqueue(
        policies_answer(
            [policy_node(1, "REFUND_POLICY", "Refund policy", "<p>x</p>", handle="refund-policy")],
            locales=(("en", True), ("nl", False)),
        ),
        Scripted(json={"errors": [{"message": "Internal error. Looks like something went wrong"}]}),
    )

    with pytest.raises(ShopifyQueryError):
        client.shop_policies()


def test_an_answer_missing_a_policy_field_raises_shopify_error(
    server: ScriptedServer, client: ShopifyClient
) -> None:
    broken = policy_node(1, "REFUND_POLICY", "Refund policy", "<p>x</p>", handle="refund-policy")
    del broken["url"]
    server.enqueue(policies_answer([broken]))

    with pytest.raises(ShopifyError) as excinfo:
        client.shop_policies()

    assert "unexpected answer shape" in str(excinfo.value.detail)
