from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from django.utils import translation

from core.models import Membership, Store
from core.roles import Role
from tests.factories.core import MembershipFactory, StoreFactory


@pytest.fixture(autouse=True)
def _language_reset() -> Iterator[None]:
    """Each test starts in the default language: a request served in Dutch leaves Dutch active
    in the thread (LocaleMiddleware activates it and nothing deactivates it), and a later test
    that renders a string would get it in Dutch."""
    yield
    translation.deactivate()


@pytest.fixture
def store(db: None) -> Store:
    return StoreFactory.create()


@pytest.fixture
def other_store(db: None) -> Store:
    return StoreFactory.create()


@pytest.fixture
def member_of(db: None) -> Callable[..., Membership]:
    """member_of(store, role) -> a new user with that role in that store."""

    def make(store: Store, role: Role | str = Role.OWNER) -> Membership:
        return MembershipFactory.create(store=store, role=role)

    return make


@pytest.fixture
def client_for() -> Callable[[Membership], Client]:
    """client_for(membership) -> a Django test client logged in as that member."""

    def make(membership: Membership) -> Client:
        client = Client()
        client.force_login(membership.user)
        return client

    return make
