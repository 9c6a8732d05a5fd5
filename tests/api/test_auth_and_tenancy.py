"""Token and session authentication, and which store a request acts for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from rest_framework.permissions import SAFE_METHODS
from rest_framework.test import APIClient

from agent.apis import HandoffClaimApi
from core.api.base import StoreAPIView
from core.api.views import StoreApi
from core.models import ApiToken, Membership, Store
from core.roles import Role
from core.services import api_token_revoke, membership_set
from integrations.apis import CustomerHubSettingsApi
from tests.factories.core import token_for


def _bearer(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_token_acts_for_its_store(
    store: Store, other_store: Store, member_of: Callable[..., Membership]
) -> None:
    # given a user in two stores with a token for the first
    membership = member_of(store, Role.ANALYST)
    membership_set(store=other_store, user=membership.user, role=Role.OWNER)
    _token, key = token_for(membership)

    # when the token reads the store without naming it
    response = _bearer(key).get("/api/v1/store")

    # then it acts for its own store
    assert response.status_code == 200
    assert response.json()["slug"] == store.slug


def test_token_with_x_store_of_another_store_is_not_found(
    store: Store, other_store: Store, member_of: Callable[..., Membership]
) -> None:
    # given a token for a user who is also a member of another store
    membership = member_of(store)
    membership_set(store=other_store, user=membership.user, role=Role.OWNER)
    _token, key = token_for(membership)

    # when it names the other store
    response = _bearer(key).get("/api/v1/store", HTTP_X_STORE=other_store.slug)

    # then the other store is not reachable with this token
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_token_role_rules_apply(store: Store, member_of: Callable[..., Membership]) -> None:
    # given an analyst's token
    _token, key = token_for(member_of(store, Role.ANALYST))

    # when it tries to configure a skill
    response = _bearer(key).patch("/api/v1/skills/returns", {"enabled": False}, format="json")

    # then the analyst's role decides
    assert response.status_code == 403


def test_token_use_records_last_used_at_once_a_minute(
    store: Store, member_of: Callable[..., Membership]
) -> None:
    # given a token never used
    token, key = token_for(member_of(store))
    client = _bearer(key)

    # when it is used, then used again at once
    client.get("/api/v1/store")
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    client.get("/api/v1/store")
    second = ApiToken.objects.get(pk=token.pk).last_used_at

    # then the first use is recorded and the second within the minute is not
    assert first is not None
    assert second == first

    # and a use more than a minute later is recorded again
    stale = timezone.now() - dt.timedelta(minutes=2)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=stale)
    client.get("/api/v1/store")
    third = ApiToken.objects.get(pk=token.pk).last_used_at
    assert third is not None
    assert third > stale


@pytest.mark.parametrize("revoked", [True, False], ids=["revoked", "unknown"])
def test_revoked_or_unknown_token_is_401(
    revoked: bool, store: Store, member_of: Callable[..., Membership]
) -> None:
    # given a revoked token, or a key no token has
    token, key = token_for(member_of(store))
    if revoked:
        api_token_revoke(store=store, token_id=token.pk)
    else:
        key = "sa_not-a-real-key"

    # when it is used
    response = _bearer(key).get("/api/v1/store")

    # then it is refused with the error format and a Bearer challenge
    assert response.status_code == 401
    assert response.json() == {
        "code": "invalid_token",
        "message": "The API token is unknown or has been revoked.",
        "detail": None,
    }
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_malformed_authorization_header_is_401(db: None) -> None:
    response = APIClient().get("/api/v1/store", HTTP_AUTHORIZATION="Bearer two parts")
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_token"


def test_no_credentials_is_401(db: None) -> None:
    response = APIClient().get("/api/v1/store")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert isinstance(response.json()["message"], str)
    assert response.json()["message"]


def test_session_of_single_store_user_needs_no_header(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    client = api_for(member_of(store), store_header=None)
    response = client.get("/api/v1/store")
    assert response.status_code == 200
    assert response.json()["slug"] == store.slug


def test_session_of_multi_store_user_without_header_is_store_required(
    store: Store,
    other_store: Store,
    member_of: Callable[..., Membership],
    api_for: Callable[..., APIClient],
) -> None:
    # given a user in two stores
    membership = member_of(store)
    membership_set(store=other_store, user=membership.user, role=Role.SUPPORT)

    # when a session request names no store
    response = api_for(membership, store_header=None).get("/api/v1/store")

    # then the API asks which store
    assert response.status_code == 400
    assert response.json()["code"] == "store_required"


def test_session_names_the_store_by_header_or_query(
    store: Store,
    other_store: Store,
    member_of: Callable[..., Membership],
    api_for: Callable[..., APIClient],
) -> None:
    membership = member_of(store)
    membership_set(store=other_store, user=membership.user, role=Role.SUPPORT)
    client = api_for(membership, store_header=None)

    by_header = client.get("/api/v1/store", HTTP_X_STORE=other_store.slug)
    by_query = client.get(f"/api/v1/store?store={other_store.slug}")

    assert by_header.json()["slug"] == other_store.slug
    assert by_query.json()["slug"] == other_store.slug


@pytest.mark.parametrize("slug", ["other", "does-not-exist"])
def test_store_the_user_is_not_a_member_of_is_404(
    slug: str,
    store: Store,
    other_store: Store,
    member_of: Callable[..., Membership],
    api_for: Callable[..., APIClient],
) -> None:
    client = api_for(member_of(store), store_header=other_store.slug if slug == "other" else slug)
    response = client.get("/api/v1/store")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Not found.", "detail": None}


def test_session_write_without_csrf_token_is_refused(
    store: Store, member_of: Callable[..., Membership]
) -> None:
    # given a signed-in session in a client that enforces CSRF like a browser
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(member_of(store).user)

    # when it writes without the CSRF token
    response = client.patch("/api/v1/store", {"name": "Renamed"}, format="json")

    # then the write is refused with a machine code
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"


def test_token_write_needs_no_csrf_token(
    store: Store, member_of: Callable[..., Membership]
) -> None:
    _token, key = token_for(member_of(store))
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    response = client.patch("/api/v1/store", {"name": "Renamed"}, format="json")
    assert response.status_code == 200
    assert response.json()["name"] == "Renamed"


def test_api_token_create_command_prints_a_working_key(
    store: Store, member_of: Callable[..., Membership], capsys: pytest.CaptureFixture[str]
) -> None:
    # given a member
    membership = member_of(store, Role.SUPPORT)

    # when the command creates a token
    call_command(
        "api_token_create", store=store.slug, user=membership.user.username, name="Helpdesk"
    )
    key = capsys.readouterr().out.strip().splitlines()[-1]

    # then only its hash is stored, and the printed key authenticates as that member
    token = ApiToken.objects.get(membership=membership)
    assert token.name == "Helpdesk"
    assert token.key_hash == ApiToken.hash_key(key)
    assert _bearer(key).get("/api/v1/me").json()["memberships"][0]["role"] == "support"


def _store_views(patterns: list[URLPattern | URLResolver]) -> list[type[StoreAPIView]]:
    found: list[type[StoreAPIView]] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found += _store_views(pattern.url_patterns)
            continue
        view_class = getattr(pattern.callback, "view_class", None)
        if isinstance(view_class, type) and issubclass(view_class, StoreAPIView):
            found.append(view_class)
    return found


def test_every_store_view_declares_the_action_of_each_write() -> None:
    # given every store-scoped API view in the URL configuration
    views = _store_views(get_resolver().url_patterns)
    assert {StoreApi, HandoffClaimApi, CustomerHubSettingsApi} <= set(views)

    # then each write method it handles names the action it needs
    for view in views:
        writes = [m.upper() for m in view.http_method_names if hasattr(view, m)]
        undeclared = [m for m in writes if m not in SAFE_METHODS and m not in view.required_actions]
        assert undeclared == [], view.__name__
