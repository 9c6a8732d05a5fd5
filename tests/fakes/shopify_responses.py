"""Answers shaped exactly like Shopify's Admin GraphQL API (2026-10) for ScriptedServer.

Shapes follow Shopify's documentation: the ``extensions.cost`` block of every answer, the
``THROTTLED`` error (``errors[].extensions.code``), HTTP 401 ``{"errors": "[API] Invalid API
key or access token ..."}``, and the nodes queries.py asks for (ids as ``gid://`` strings,
``legacyResourceId`` as a string, money as ``MoneyBag.shopMoney.amount`` strings).
"""

from __future__ import annotations

import copy
from typing import Any

from tests.fakes.http_server import Scripted

API_PATH = "/admin/api/2026-10/graphql.json"


def cost(
    *,
    requested: float = 10,
    actual: float | None = 10,
    available: float = 990,
    maximum: float = 1000,
    restore: float = 50,
) -> dict[str, Any]:
    return {
        "requestedQueryCost": requested,
        "actualQueryCost": actual,
        "throttleStatus": {
            "maximumAvailable": maximum,
            "currentlyAvailable": available,
            "restoreRate": restore,
        },
    }


def ok(data: dict[str, Any], **cost_kwargs: Any) -> Scripted:
    return Scripted(json={"data": data, "extensions": {"cost": cost(**cost_kwargs)}})


def throttled(*, requested: float, available: float, restore: float = 50) -> Scripted:
    """Shopify's answer when the bucket lacks ``requested`` points (HTTP 200)."""
    return Scripted(
        json={
            "errors": [
                {
                    "message": "Throttled",
                    "extensions": {
                        "code": "THROTTLED",
                        "documentation": "https://shopify.dev/api/usage/rate-limits",
                    },
                }
            ],
            "extensions": {
                "cost": cost(requested=requested, actual=None, available=available, restore=restore)
            },
        }
    )


def graphql_error(message: str, code: str) -> Scripted:
    return Scripted(
        json={
            "errors": [
                {
                    "message": message,
                    "locations": [{"line": 3, "column": 5}],
                    "path": ["query Orders", "orders"],
                    "extensions": {"code": code},
                }
            ]
        }
    )


def unauthorized() -> Scripted:
    return Scripted(
        status=401,
        json={
            "errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"
        },
    )


CUSTOMER_NODE: dict[str, Any] = {
    "legacyResourceId": "7001",
    "firstName": "Sanne",
    "lastName": "de Vries",
    "defaultEmailAddress": {"emailAddress": "sanne.devries@example.com"},
    "defaultPhoneNumber": {"phoneNumber": "+31612345678"},
    "locale": "nl",
    "updatedAt": "2026-10-02T08:00:00Z",
}

ORDER_NODE: dict[str, Any] = {
    "legacyResourceId": "5001",
    "name": "#1001",
    "number": 1001,
    "email": "sanne.devries@example.com",
    "phone": None,
    "createdAt": "2026-10-01T09:30:00Z",
    "processedAt": "2026-10-01T09:30:05Z",
    "updatedAt": "2026-10-03T14:00:00Z",
    "cancelledAt": None,
    "cancelReason": None,
    "closedAt": None,
    "displayFulfillmentStatus": "PARTIALLY_FULFILLED",
    "displayFinancialStatus": "PAID",
    "returnStatus": "NO_RETURN",
    "shippingAddress": {
        "firstName": "Sanne",
        "lastName": "de Vries",
        "company": None,
        "address1": "Prinsengracht 263",
        "address2": "",
        "zip": "1016 GV",
        "city": "Amsterdam",
        "province": None,
        "provinceCode": None,
        "country": "Netherlands",
        "countryCodeV2": "NL",
        "phone": "+31612345678",
    },
    "tags": ["vip", "wholesale"],
    "currencyCode": "EUR",
    "currentSubtotalPriceSet": {"shopMoney": {"amount": "119.90", "currencyCode": "EUR"}},
    "currentTotalPriceSet": {"shopMoney": {"amount": "124.85", "currencyCode": "EUR"}},
    "totalRefundedSet": {"shopMoney": {"amount": "0.0", "currencyCode": "EUR"}},
    "statusPageUrl": "https://noord-demo.myshopify.com/12345/orders/abc123/authenticate?key=k",
    "customer": CUSTOMER_NODE,
    "lineItems": {
        "pageInfo": {"hasNextPage": False, "endCursor": "eyJsYXN0X2lkIjo5MDAyfQ=="},
        "nodes": [
            {
                "id": "gid://shopify/LineItem/9001",
                "title": "Linen shirt",
                "quantity": 2,
                "currentQuantity": 2,
                "unfulfilledQuantity": 1,
                "sku": "LS-BLU-M",
                "variantTitle": "Blue / M",
                "requiresShipping": True,
                "originalUnitPriceSet": {"shopMoney": {"amount": "49.95", "currencyCode": "EUR"}},
                "variant": {
                    "legacyResourceId": "8001",
                    "selectedOptions": [
                        {"name": "Colour", "value": "Blue"},
                        {"name": "Size", "value": "M"},
                    ],
                },
                "product": {
                    "legacyResourceId": "6001",
                    "productType": "Shirts",
                    "tags": ["linen", "summer"],
                },
            },
            {
                "id": "gid://shopify/LineItem/9002",
                "title": "Gift card",
                "quantity": 1,
                "currentQuantity": 1,
                "unfulfilledQuantity": 0,
                "sku": None,
                "variantTitle": None,
                "requiresShipping": False,
                "originalUnitPriceSet": {"shopMoney": {"amount": "20.00", "currencyCode": "EUR"}},
                "variant": None,
                "product": None,
            },
        ],
    },
    "fulfillments": [
        {
            "id": "gid://shopify/Fulfillment/4001",
            "legacyResourceId": "4001",
            "status": "SUCCESS",
            "displayStatus": "IN_TRANSIT",
            "createdAt": "2026-10-02T10:00:00Z",
            "updatedAt": "2026-10-02T16:00:00+02:00",
            "inTransitAt": "2026-10-02T12:00:00Z",
            "deliveredAt": None,
            "trackingInfo": [
                {
                    "company": "PostNL",
                    "number": "3SABCD1234567",
                    "url": "https://postnl.nl/tracktrace/?B=3SABCD1234567",
                }
            ],
            "fulfillmentLineItems": {
                "pageInfo": {"hasNextPage": False, "endCursor": "eyJsYXN0X2lkIjoyfQ=="},
                "nodes": [
                    {"quantity": 1, "lineItem": {"id": "gid://shopify/LineItem/9001"}},
                    {"quantity": 1, "lineItem": {"id": "gid://shopify/LineItem/9002"}},
                ],
            },
        }
    ],
}


def order_node(**changes: Any) -> dict[str, Any]:
    """A deep copy of ORDER_NODE with top-level fields replaced."""
    node = copy.deepcopy(ORDER_NODE)
    node.update(changes)
    return node


def orders_page(
    nodes: list[dict[str, Any]], *, end_cursor: str | None, has_next_page: bool
) -> dict[str, Any]:
    return {
        "orders": {
            "pageInfo": {"hasNextPage": has_next_page, "endCursor": end_cursor},
            "nodes": nodes,
        }
    }
