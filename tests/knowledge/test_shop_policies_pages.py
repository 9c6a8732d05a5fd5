"""The content page's "Import Shopify policies" action: editors start it and follow its
progress on the imports page, readers get 403, another store's is 404, and without a usable
Shopify connection the button is disabled with the reason."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from core.models import Membership, Store
from core.roles import Role
from integrations.shopify.models import ShopifyConnection
from knowledge.models import ImportJob
from tests.factories.integrations import ShopifyConnectionFactory

pytestmark = pytest.mark.django_db

EDITORS = [Role.OWNER, Role.ADMIN, Role.MANAGER]
READERS = [Role.ANALYST, Role.SUPPORT]
Member = Callable[..., Membership]
ClientFor = Callable[..., Client]
BUTTON = "Import Shopify policies"


def _connect(store: Store) -> ShopifyConnection:
    return ShopifyConnectionFactory.create(store=store, shop_domain="noord.myshopify.com")


def _start_url(store: Store) -> str:
    return reverse("knowledge:import-shopify-policies", args=[store.slug])


@pytest.mark.parametrize("role", EDITORS)
def test_editors_start_the_import_and_land_on_its_progress(
    store: Store, member_of: Member, client_for: ClientFor, role: Role
) -> None:
    # given
    _connect(store)
    client = client_for(member_of(store, role))

    # when
    response = client.post(_start_url(store), follow=True)

    # then the job is queued (it runs after commit) and the imports page shows it
    assert response.redirect_chain == [(reverse("knowledge:imports", args=[store.slug]), 302)]
    job = ImportJob.objects.get(store=store)
    assert (job.kind, job.source, job.status) == (
        "shopify_policies",
        "noord.myshopify.com",
        "queued",
    )
    html = response.content.decode()
    assert "Shopify policies import started." in html
    assert "arrive as drafts" in html
    assert "<td>Shopify policies</td>" in html  # the job's kind in the table
    assert 'hx-trigger="every 2s"' in html  # the table polls while the job runs


@pytest.mark.parametrize("role", READERS)
def test_readers_may_not_start_it(
    store: Store, member_of: Member, client_for: ClientFor, role: Role
) -> None:
    _connect(store)
    client = client_for(member_of(store, role))

    response = client.post(_start_url(store))
    page = client.get(reverse("knowledge:list", args=[store.slug])).content.decode()

    assert response.status_code == 403
    assert not ImportJob.objects.exists()
    assert BUTTON not in page


def test_another_stores_import_is_not_found(
    store: Store, other_store: Store, member_of: Member, client_for: ClientFor
) -> None:
    _connect(other_store)
    client = client_for(member_of(store, Role.OWNER))

    response = client.post(_start_url(other_store))

    assert response.status_code == 404
    assert not ImportJob.objects.exists()


def test_the_action_only_takes_a_post(
    store: Store, member_of: Member, client_for: ClientFor
) -> None:
    _connect(store)

    response = client_for(member_of(store, Role.OWNER)).get(_start_url(store))

    assert response.status_code == 405
    assert not ImportJob.objects.exists()


def test_with_a_connection_the_button_is_enabled(
    store: Store, member_of: Member, client_for: ClientFor
) -> None:
    _connect(store)

    response = client_for(member_of(store, Role.MANAGER)).get(
        reverse("knowledge:list", args=[store.slug])
    )

    html = response.content.decode()
    assert response.context["shopify_policies_blocked"] is None
    assert f'action="{_start_url(store)}"' in html
    assert BUTTON in html
    assert 'aria-describedby="shopify-policies-reason"' not in html


@pytest.mark.parametrize(
    ("connection", "reason"),
    [
        (None, "This store is not connected to Shopify."),
        (
            {"status": ShopifyConnection.Status.ERROR, "last_error": "Shopify refused the token."},
            "Shopify refused the token.",
        ),
        (
            {"status": ShopifyConnection.Status.UNINSTALLED, "last_error": ""},
            "The Shopify connection is broken. Reconnect the store.",
        ),
    ],
    ids=["never-connected", "broken", "uninstalled"],
)
def test_without_a_usable_connection_the_button_is_disabled_with_the_reason(
    store: Store,
    member_of: Member,
    client_for: ClientFor,
    connection: dict[str, str] | None,
    reason: str,
) -> None:
    # given
    if connection is not None:
        ShopifyConnection.objects.filter(pk=_connect(store).pk).update(**connection)
    client = client_for(member_of(store, Role.OWNER))

    # when
    html = client.get(reverse("knowledge:list", args=[store.slug])).content.decode()
    response = client.post(_start_url(store), follow=True)

    # then the page says why; a forced POST is refused with the same words
    assert 'disabled aria-describedby="shopify-policies-reason"' in html
    assert f"Shopify policies cannot be imported: {reason}" in html
    assert reverse("integrations:index", args=[store.slug]) in html
    assert response.redirect_chain == [(reverse("knowledge:list", args=[store.slug]), 302)]
    assert reason in response.content.decode()
    assert not ImportJob.objects.exists()
