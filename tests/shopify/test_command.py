"""``manage.py shopify_sync``: errors in words (the run itself is in test_end_to_end.py)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from core.models import Store
from tests.factories.integrations import ShopifyConnectionFactory

pytestmark = pytest.mark.django_db

REFUSED = "Shopify refused the access token (revoked or uninstalled). Reconnect the store."


def test_an_unknown_store_is_a_clear_error() -> None:
    with pytest.raises(CommandError) as excinfo:
        call_command("shopify_sync", "--store", "nope", stdout=StringIO())
    assert str(excinfo.value) == 'No store with the slug "nope".'


def test_a_store_without_a_connection_is_a_clear_error(store: Store) -> None:
    with pytest.raises(CommandError) as excinfo:
        call_command("shopify_sync", "--store", store.slug, stdout=StringIO())
    assert str(excinfo.value) == f"{store.name}: This store is not connected to Shopify."


def test_a_broken_connection_is_a_clear_error(store: Store) -> None:
    # given
    ShopifyConnectionFactory.create(
        store=store,
        status="error",
        last_error=REFUSED,
    )

    # when
    with pytest.raises(CommandError) as excinfo:
        call_command("shopify_sync", "--store", store.slug, "--full", stdout=StringIO())

    # then
    assert str(excinfo.value) == f"{store.name}: {REFUSED}"
