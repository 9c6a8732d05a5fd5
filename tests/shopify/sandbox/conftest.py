from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client

from integrations.shopify.sandbox.seed import SandboxShopSeed, sandbox_shop_seed

SHOP = "noord-demo.myshopify.com"
NOW = datetime(2026, 11, 2, 10, 0, 0, tzinfo=UTC)
GRAPHQL_URL = f"/shopify-sandbox/{SHOP}/admin/api/2026-10/graphql.json"

Answer = tuple[int, dict[str, Any]]


@pytest.fixture
def seeded(db: None) -> SandboxShopSeed:
    return sandbox_shop_seed(shop_domain=SHOP, now=NOW)


@pytest.fixture
def gql(seeded: SandboxShopSeed) -> Callable[..., Answer]:
    """gql(query, variables=None, token=<the seeded token>) -> (status, JSON body)."""
    client = Client()

    def send(
        query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> Answer:
        response = client.post(
            GRAPHQL_URL,
            json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
            headers={"X-Shopify-Access-Token": seeded.access_token if token is None else token},
        )
        return response.status_code, response.json()

    return send
