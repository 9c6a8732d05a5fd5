from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from core.models import Membership


@pytest.fixture
def api_for() -> Callable[..., APIClient]:
    """api_for(membership) -> an APIClient signed in (session) as that member, naming the
    member's store in X-Store. ``store_header=None`` sends no X-Store; a slug sends that one."""

    def make(membership: Membership, store_header: str | bool | None = True) -> APIClient:
        client = APIClient()
        client.force_login(membership.user)
        if store_header is True:
            client.credentials(HTTP_X_STORE=membership.store.slug)
        elif isinstance(store_header, str):
            client.credentials(HTTP_X_STORE=store_header)
        return client

    return make
