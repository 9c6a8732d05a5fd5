from __future__ import annotations

import pytest

from core.errors import NotFound
from core.roles import Role
from core.selectors import membership_get, membership_list
from core.services import membership_set, store_create
from tests.factories.core import UserFactory


def test_user_in_several_stores_gets_each_membership(store, other_store, member_of) -> None:
    m = member_of(store, Role.ANALYST)
    membership_set(store=other_store, user=m.user, role=Role.SUPPORT)
    assert [(x.store, x.role) for x in membership_list(user=m.user)] == sorted(
        [(store, "analyst"), (other_store, "support")], key=lambda t: t[0].name
    )


def test_membership_of_another_store_is_not_found(store, other_store, member_of) -> None:
    m = member_of(store)
    with pytest.raises(NotFound):
        membership_get(user=m.user, store_slug=other_store.slug)
    with pytest.raises(NotFound):
        membership_get(user=m.user, store_slug="does-not-exist")


def test_store_create_makes_the_creator_owner(db) -> None:
    user = UserFactory.create()
    store = store_create(name="Nieuw", slug="nieuw", owner=user, shop_domain="nieuw.myshopify.com")
    assert membership_get(user=user, store_slug="nieuw").role == Role.OWNER
    assert store.default_language == "en"


def test_membership_set_is_idempotent(store, member_of) -> None:
    m = member_of(store, Role.SUPPORT)
    membership_set(store=store, user=m.user, role=Role.MANAGER)
    membership_set(store=store, user=m.user, role=Role.MANAGER)
    assert list(membership_list(user=m.user).values_list("role", flat=True)) == ["manager"]
