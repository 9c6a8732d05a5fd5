from __future__ import annotations

from collections.abc import Callable

from rest_framework.test import APIClient

from core.models import Membership, Store
from core.roles import Role
from core.services import membership_set
from tests.factories.core import token_for


def test_me_lists_memberships_with_what_each_role_may_do(
    store: Store,
    other_store: Store,
    member_of: Callable[..., Membership],
    api_for: Callable[..., APIClient],
) -> None:
    # given a support member of one store who also owns another
    membership = member_of(store, Role.SUPPORT)
    membership_set(store=other_store, user=membership.user, role=Role.OWNER)

    # when they ask who they are
    response = api_for(membership, store_header=None).get("/api/v1/me")

    # then they see both stores with their role and its actions
    assert response.status_code == 200
    body = response.json()
    assert body["user"]["username"] == membership.user.username
    by_store = {m["store"]["slug"]: m for m in body["memberships"]}
    assert by_store[store.slug]["role"] == "support"
    assert by_store[store.slug]["actions"] == [
        "view",
        "view_analytics",
        "use_preview",
        "work_handoffs",
    ]
    assert by_store[other_store.slug]["role"] == "owner"
    assert len(by_store[other_store.slug]["actions"]) == 12


def test_me_with_a_token_shows_only_the_token_store(
    store: Store, other_store: Store, member_of: Callable[..., Membership]
) -> None:
    membership = member_of(store, Role.MANAGER)
    membership_set(store=other_store, user=membership.user, role=Role.OWNER)
    _token, key = token_for(membership)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")

    body = client.get("/api/v1/me").json()

    assert [(m["store"]["slug"], m["role"]) for m in body["memberships"]] == [
        (store.slug, "manager")
    ]


def test_store_get_and_patch(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    # given the store's admin
    client = api_for(member_of(store, Role.ADMIN))

    # when they change the store's settings
    response = client.patch(
        "/api/v1/store",
        {"name": "Bloem & Co", "default_language": "nl", "timezone": "Europe/Brussels"},
        format="json",
    )

    # then the store has them
    assert response.status_code == 200
    assert response.json() == {
        "slug": store.slug,
        "name": "Bloem & Co",
        "shop_domain": store.shop_domain,
        "default_language": "nl",
        "timezone": "Europe/Brussels",
        "agent_enabled": True,
    }
    store.refresh_from_db()
    assert (store.name, store.default_language, store.timezone) == (
        "Bloem & Co",
        "nl",
        "Europe/Brussels",
    )


def test_store_patch_rejects_unknown_timezone_and_language(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    response = api_for(member_of(store)).patch(
        "/api/v1/store", {"timezone": "Mars/Olympus", "default_language": "de"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == {
        "default_language": ['"de" is not a valid choice.'],
        "timezone": ["Unknown time zone: Mars/Olympus"],
    }


def test_store_of_another_store_is_404(
    store: Store,
    other_store: Store,
    member_of: Callable[..., Membership],
    api_for: Callable[..., APIClient],
) -> None:
    client = api_for(member_of(store), store_header=other_store.slug)
    assert client.get("/api/v1/store").status_code == 404
    assert client.patch("/api/v1/store", {"name": "Taken"}, format="json").status_code == 404
    other_store.refresh_from_db()
    assert other_store.name != "Taken"
