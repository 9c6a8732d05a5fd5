from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from django.db import connections
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


@pytest.fixture(autouse=True)
def _worker_thread_connections_closed() -> Iterator[None]:
    """A test that ran code in worker threads leaves no database connection open in them:
    web chat turn threads (their pool is shut down; the next turn makes a new one) and
    asgiref's thread for ``database_sync_to_async`` outside a request. Left open, those
    connections kept PostgreSQL from dropping the test database at the end of the run."""
    yield
    from asgiref.sync import SyncToAsync

    from agent.realtime import webchat

    single = SyncToAsync.single_thread_executor
    if single._threads:
        single.submit(connections.close_all).result()
    if not webchat._turn_threads.cache_info().currsize:
        return
    pool = webchat._turn_threads()
    workers = pool._max_workers
    # Every worker must be inside ``close`` at once, so each thread runs it exactly once.
    barrier = threading.Barrier(workers)

    def close() -> None:
        barrier.wait(timeout=10)
        connections.close_all()

    for future in [pool.submit(close) for _ in range(workers)]:
        future.result()
    pool.shutdown(wait=True)
    webchat._turn_threads.cache_clear()


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
