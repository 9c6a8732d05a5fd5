"""The demo storefront page (sandbox/demo mode only) with the demo store's web chat snippet,
and its link on the dashboard's Channels page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from core.demo.store import WEBCHAT_PUBLIC_KEY
from core.models import Membership, Store
from core.roles import Role
from tests.factories.agent import ChannelConfigFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_webchat(store: Store) -> None:
    ChannelConfigFactory.create(store=store, public_key=WEBCHAT_PUBLIC_KEY)


@pytest.mark.parametrize(
    ("query", "lang", "words"),
    [("", "nl", "De voorjaarscollectie is er"), ("?lang=en", "en", "The spring collection")],
)
def test_the_storefront_embeds_the_demo_stores_snippet_in_its_language(
    demo_webchat: None, query: str, lang: str, words: str
) -> None:
    # when
    response = Client().get("/demo-shop/" + query)
    # then
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in page
    assert words in page
    assert (
        '<script src="http://testserver/static/webchat/webchat.js" '
        f'data-store="{WEBCHAT_PUBLIC_KEY}" async></script>'
    ) in page


def test_without_the_demo_store_the_page_says_how_to_load_it(store: Store) -> None:
    page = Client().get("/demo-shop/?lang=en").content.decode()
    assert "webchat.js" not in page
    assert "run make demo" in page


def test_the_storefront_is_not_served_without_the_sandbox(
    demo_webchat: None, settings: Settings
) -> None:
    settings.SHOPIFY_SANDBOX = False
    assert Client().get("/demo-shop/").status_code == 404


def test_the_channels_page_links_the_demo_storefront_for_the_demo_store(
    store: Store,
    demo_webchat: None,
    member_of: Callable[..., Membership],
    client_for: Callable[[Membership], Client],
) -> None:
    client = client_for(member_of(store, Role.SUPPORT))
    page = client.get(reverse("agent:channels", kwargs={"store_slug": store.slug}))
    assert 'href="/demo-shop/"' in page.content.decode()


def test_another_stores_channels_page_has_no_demo_storefront_link(
    store: Store,
    member_of: Callable[..., Membership],
    client_for: Callable[[Membership], Client],
) -> None:
    ChannelConfigFactory.create(store=store)
    client = client_for(member_of(store, Role.OWNER))
    page = client.get(reverse("agent:channels", kwargs={"store_slug": store.slug}))
    assert "/demo-shop/" not in page.content.decode()
