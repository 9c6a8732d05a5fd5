"""Each role × each protected endpoint and method, through the API. The table spells out the
rules of core/roles.py by hand; test_matrix_mirrors_the_role_rules keeps the two in step."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from core.models import Membership, Store
from core.roles import Action, Role, role_can
from knowledge.models import Article
from tests.factories.agent import HandoffFactory
from tests.factories.knowledge import ArticleFactory

ROLES = [Role.OWNER, Role.ADMIN, Role.MANAGER, Role.ANALYST, Role.SUPPORT]

# method, path ({article}/{handoff} filled in), body, action, then the status per role:
#   owner, admin, manager, analyst, support
WRITES: list[tuple[str, str, dict[str, Any] | None, Action, tuple[int, ...]]] = [
    ("PATCH", "/api/v1/store", {"agent_enabled": False}, Action.MANAGE_STORE,
     (200, 200, 403, 403, 403)),
    ("PATCH", "/api/v1/skills/order_edit", {"enabled": False}, Action.CONFIGURE_SKILLS,
     (200, 200, 403, 403, 403)),
    ("POST", "/api/v1/articles",
     {"title": "Returns", "body": "30 days.", "language": "en"}, Action.EDIT_CONTENT,
     (201, 201, 201, 403, 403)),
    ("PATCH", "/api/v1/articles/{article}", {"status": "published"}, Action.EDIT_CONTENT,
     (200, 200, 200, 403, 403)),
    ("DELETE", "/api/v1/articles/{article}", None, Action.EDIT_CONTENT,
     (204, 204, 204, 403, 403)),
    ("POST", "/api/v1/articles/{article}/publish", None, Action.EDIT_CONTENT,
     (200, 200, 200, 403, 403)),
    ("POST", "/api/v1/articles/{article}/unpublish", None, Action.EDIT_CONTENT,
     (200, 200, 200, 403, 403)),
    ("POST", "/api/v1/articles/{article}/versions/1/restore", {"publish": True},
     Action.EDIT_CONTENT, (200, 200, 200, 403, 403)),
    ("POST", "/api/v1/knowledge/imports", {"kind": "url", "url": "https://shop.example/returns"},
     Action.EDIT_CONTENT, (202, 202, 202, 403, 403)),
    ("PATCH", "/api/v1/handoff-settings", {"message_en": "We will call you."},
     Action.EDIT_HANDOFF_SETTINGS, (200, 200, 200, 403, 403)),
    ("PATCH", "/api/v1/channels/webchat", {"enabled": True}, Action.EDIT_CHANNELS,
     (200, 200, 200, 403, 403)),
    ("POST", "/api/v1/handoffs/{handoff}/claim", None, Action.WORK_HANDOFFS,
     (200, 200, 403, 403, 200)),
    ("POST", "/api/v1/handoffs/{handoff}/close", None, Action.WORK_HANDOFFS,
     (200, 200, 403, 403, 200)),
    ("PATCH", "/api/v1/integrations/customer-hub", {"active": True},
     Action.CONFIGURE_INTEGRATIONS, (200, 200, 403, 403, 403)),
]  # fmt: skip

READS = [
    "/api/v1/me",
    "/api/v1/store",
    "/api/v1/skills",
    "/api/v1/skills/order_edit",
    "/api/v1/articles",
    "/api/v1/articles/{article}",
    "/api/v1/articles/{article}/versions",
    "/api/v1/articles/{article}/versions/1",
    "/api/v1/knowledge/imports",
    "/api/v1/handoff-settings",
    "/api/v1/channels",
    "/api/v1/channels/webchat",
    "/api/v1/conversations",
    "/api/v1/conversations/{conversation}",
    "/api/v1/handoffs",
    "/api/v1/integrations",
]

WRITE_CASES = [
    pytest.param(method, path, body, role, expected, id=f"{method} {path} as {role.value}")
    for method, path, body, _action, statuses in WRITES
    for role, expected in zip(ROLES, statuses, strict=True)
]


def _fill(path: str, store: Store) -> str:
    handoff = HandoffFactory.create(store=store)
    return path.format(
        article=ArticleFactory.create(store=store, status=Article.Status.DRAFT).pk,
        handoff=handoff.pk,
        conversation=handoff.conversation.pk,
    )


@pytest.mark.parametrize(("method", "path", "body", "role", "expected"), WRITE_CASES)
def test_write_status_per_role(
    method: str,
    path: str,
    body: dict[str, Any] | None,
    role: Role,
    expected: int,
    store: Store,
    member_of: Callable[..., Membership],
    api_for: Callable[..., APIClient],
) -> None:
    # given a member with this role and the objects the path names
    client = api_for(member_of(store, role))
    url = _fill(path, store)

    # when they call the endpoint
    response = client.generic(method, url, data=_json(body), content_type="application/json")

    # then the role rule decides, and a refusal is the API's 403 error
    assert response.status_code == expected, response.content
    if expected == 403:
        assert response.json()["code"] == "permission_denied"


@pytest.mark.parametrize("role", ROLES, ids=[r.value for r in ROLES])
@pytest.mark.parametrize("path", READS)
def test_every_role_may_read(
    path: str,
    role: Role,
    store: Store,
    member_of: Callable[..., Membership],
    api_for: Callable[..., APIClient],
) -> None:
    # given a member with any role
    client = api_for(member_of(store, role))

    # when they read
    response = client.get(_fill(path, store))

    # then it is allowed
    assert response.status_code == 200, response.content


@pytest.mark.parametrize(("method", "path", "body", "action", "statuses"), WRITES)
def test_matrix_mirrors_the_role_rules(
    method: str, path: str, body: object, action: Action, statuses: tuple[int, ...]
) -> None:
    allowed = tuple(status != 403 for status in statuses)
    assert allowed == tuple(role_can(role, action) for role in ROLES)


def _json(body: dict[str, Any] | None) -> str:
    return json.dumps(body) if body is not None else ""
