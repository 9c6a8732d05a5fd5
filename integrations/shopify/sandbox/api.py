"""Answering one Admin GraphQL request the way Shopify does: authentication, calculated cost,
the leaky bucket, execution, and Shopify's error shapes and ``extensions.cost``.

Parsing and validating a document is cached per query string (the client sends the same
few documents over and over); cost and execution depend on the variables, so they run
every time.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.db import transaction
from graphql import (
    DocumentNode,
    ExecutionResult,
    FragmentDefinitionNode,
    GraphQLError,
    OperationDefinitionNode,
    execute,
    parse,
    validate,
)

from integrations.shopify.sandbox.cost import query_cost_actual, query_cost_requested
from integrations.shopify.sandbox.fastexec import FastPathUnavailable, execute_fast
from integrations.shopify.sandbox.models import SandboxAccessToken, SandboxShop
from integrations.shopify.sandbox.schema import SandboxContext, sandbox_schema
from integrations.shopify.sandbox.seed import token_hash
from integrations.shopify.sandbox.throttle import throttle_refund, throttle_take

INVALID_TOKEN = "[API] Invalid API key or access token (unrecognized login or wrong password)"  # noqa: S105 - an error message
RATE_LIMITS_DOC = "https://shopify.dev/api/usage/rate-limits"


@dataclass(frozen=True)
class GraphQLAnswer:
    status: int
    body: dict[str, Any]


@dataclass(frozen=True)
class _Prepared:
    document: DocumentNode | None
    errors: tuple[Any, ...]


@lru_cache(maxsize=256)
def _prepare(query: str) -> _Prepared:
    try:
        document = parse(query)
    except GraphQLError as error:
        return _Prepared(None, (error.formatted,))
    errors = validate(sandbox_schema(), document)
    return _Prepared(document, tuple(_shopify_error(e.formatted) for e in errors))


_UNDEFINED_FIELD = re.compile(r"^Cannot query field '(\w+)' on type '(\w+)'\.")


def _shopify_error(error: Any) -> dict[str, Any]:
    """Shopify's wording for an unknown field; graphql-core's for everything else."""
    shaped = dict(error)
    match = _UNDEFINED_FIELD.match(shaped["message"])
    if match:
        field, type_name = match.groups()
        shaped["message"] = f"Field '{field}' doesn't exist on type '{type_name}'"
        shaped["extensions"] = {"code": "undefinedField", "typeName": type_name, "fieldName": field}
    return shaped


def sandbox_shop_authenticate(*, shop_domain: str, access_token: str) -> SandboxShop | None:
    """The shop when ``access_token`` was issued for it, else None."""
    token = _token_get(shop_domain=shop_domain, access_token=access_token)
    return token.shop if token else None


def _token_get(*, shop_domain: str, access_token: str) -> SandboxAccessToken | None:
    if not access_token:
        return None
    return (
        SandboxAccessToken.objects.select_related("shop")
        .filter(token_hash=token_hash(access_token), shop__domain=shop_domain)
        .first()
    )


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name:
        return next((o for o in operations if o.name and o.name.value == name), None)
    return operations[0] if len(operations) == 1 else None


def _cost(requested: int, actual: int | None, throttle: dict[str, float]) -> dict[str, Any]:
    return {
        "cost": {
            "requestedQueryCost": requested,
            "actualQueryCost": actual,
            "throttleStatus": throttle,
        }
    }


def _throttle_status(maximum: float, available: float, rate: float) -> dict[str, float]:
    return {
        "maximumAvailable": maximum,
        "currentlyAvailable": round(available, 1),
        "restoreRate": rate,
    }


def sandbox_graphql_execute(
    *, shop_domain: str, access_token: str, raw_body: bytes, now: datetime, origin: str = ""
) -> GraphQLAnswer:
    """One request to ``/admin/api/<version>/graphql.json``. ``origin`` (scheme://host the
    request came to) prefixes the links the answer hands out (bulk operation files)."""
    token = _token_get(shop_domain=shop_domain, access_token=access_token)
    if token is None:
        return GraphQLAnswer(401, {"errors": INVALID_TOKEN})
    shop = token.shop
    try:
        payload = json.loads(raw_body or b"{}")
        query = payload["query"]
        assert isinstance(query, str) and query.strip()
    except (ValueError, KeyError, TypeError, AssertionError):
        return GraphQLAnswer(400, {"errors": {"query": "Required parameter missing or invalid"}})
    variables = payload.get("variables") or {}
    prepared = _prepare(query)
    if prepared.document is None or prepared.errors:
        return GraphQLAnswer(200, {"errors": list(prepared.errors)})
    operation = _operation(prepared.document, payload.get("operationName"))
    if operation is None:
        return GraphQLAnswer(200, {"errors": [{"message": "An operation name is required"}]})
    fragments = {
        d.name.value: d
        for d in prepared.document.definitions
        if isinstance(d, FragmentDefinitionNode)
    }
    schema = sandbox_schema()
    requested = query_cost_requested(
        schema=schema, operation=operation, fragments=fragments, variables=variables
    )
    if requested > shop.max_query_cost:
        return GraphQLAnswer(200, _max_cost_exceeded(requested, shop.max_query_cost))
    key = token_hash(access_token)
    take = throttle_take(shop=shop, token_hash=key, cost=requested, now=now)
    status = _throttle_status(take.maximum_available, take.currently_available, take.restore_rate)
    if not take.allowed:
        return GraphQLAnswer(200, _throttled(requested, status))
    scopes = frozenset(s.strip() for s in token.scopes.split(",") if s.strip())
    context = SandboxContext(shop=shop, now=now, origin=origin, scopes=scopes)
    body: dict[str, Any] = {}
    data: dict[str, Any] | None
    with transaction.atomic():
        try:
            data, actual = execute_fast(
                schema=schema,
                operation=operation,
                fragments=fragments,
                raw_variables=variables,
                context=context,
            )
        except FastPathUnavailable:
            result = execute(
                schema,
                prepared.document,
                context_value=context,
                variable_values=variables,
                operation_name=payload.get("operationName"),
            )
            assert isinstance(result, ExecutionResult)
            data = result.data
            if result.errors:
                body["errors"] = [e.formatted for e in result.errors]
            actual = query_cost_actual(
                schema=schema,
                operation=operation,
                fragments=fragments,
                variables=variables,
                data=data,
            )
    available = throttle_refund(shop=shop, token_hash=key, points=requested - actual)
    body["data"] = data
    status["currentlyAvailable"] = round(available, 1)
    body["extensions"] = _cost(requested, actual, status)
    return GraphQLAnswer(200, body)


def _throttled(requested: int, status: dict[str, float]) -> dict[str, Any]:
    return {
        "errors": [
            {
                "message": "Throttled",
                "extensions": {"code": "THROTTLED", "documentation": RATE_LIMITS_DOC},
            }
        ],
        "extensions": _cost(requested, None, status),
    }


def _max_cost_exceeded(requested: int, maximum: int) -> dict[str, Any]:
    message = (
        f"Query cost is {requested}, which exceeds the single query max cost limit ({maximum}).\n"
        "\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how "
        "the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer "
        "limits, bulk operations should be used instead.\nSee "
        "https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n"
    )
    return {
        "errors": [
            {
                "message": message,
                "extensions": {
                    "code": "MAX_COST_EXCEEDED",
                    "cost": requested,
                    "maxCost": maximum,
                    "documentation": RATE_LIMITS_DOC,
                },
            }
        ]
    }
