"""The Shopify policies import end to end: the real client reads the sandbox store over HTTP
(pytest-django's live_server), the job runs in Celery (eager in tests), and each policy
becomes a versioned article per language, idempotently; the demo's policies agree with its
help-centre articles."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from agent.demo import demo_store_load
from core import demo
from core.models import Store
from integrations.shopify.sandbox.models import SandboxAccessToken, SandboxShop
from integrations.shopify.sandbox.seed import SandboxShopSeed, sandbox_shop_seed
from knowledge.conflicts import chunk_facts, content_conflict_list
from knowledge.imports import import_shopify_policies_start
from knowledge.models import Article, ArticleVersion, ImportJob
from knowledge.search_index import store_index_get
from tests.factories.integrations import ShopifyConnectionFactory

pytestmark = pytest.mark.django_db(transaction=True)

SHOP = demo.STORE.shop_domain
BASE = f"https://{SHOP}"
HANDLES = ("refund-policy", "shipping-policy", "terms-of-service", "privacy-policy")
TITLES = {
    "nl": ("Restitutiebeleid", "Verzendbeleid", "Servicevoorwaarden", "Privacybeleid"),
    "en": ("Refund policy", "Shipping policy", "Terms of service", "Privacy policy"),
}


@pytest.fixture
def seed(live_server: Any, settings: Any) -> SandboxShopSeed:
    """The demo shop in the sandbox, behind a real HTTP server."""
    settings.SHOPIFY_ADMIN_URL_TEMPLATE = live_server.url + "/shopify-sandbox/{shop}"
    return sandbox_shop_seed(shop_domain=SHOP, now=timezone.now().replace(microsecond=0))


def _connect(store: Store, seed: SandboxShopSeed) -> None:
    ShopifyConnectionFactory.create(store=store, shop_domain=SHOP, access_token=seed.access_token)


def _import(store: Store, *, publish: bool = False) -> ImportJob:
    # Outside a transaction the job is queued at once, and Celery runs it eagerly.
    job = import_shopify_policies_start(store=store, publish=publish)
    job.refresh_from_db()
    return job


def _articles(store: Store) -> list[Article]:
    return list(Article.objects.filter(store=store).order_by("id"))


def test_each_policy_becomes_a_draft_article_per_language_with_its_page_as_source(
    store: Store, seed: SandboxShopSeed
) -> None:
    # given a store connected to the sandbox's demo shop (Dutch, with English translations)
    _connect(store, seed)

    # when
    job = _import(store)

    # then the job is done, every policy counted
    articles = _articles(store)
    assert (job.kind, job.source, job.status, job.error) == ("shopify_policies", SHOP, "done", "")
    assert (job.done, job.total) == (8, 8)
    assert job.article_ids == [a.pk for a in articles]
    # an article per policy in Dutch (the shop's language), then in English, keyed by page
    expected = []
    for handle, nl_title, en_title in zip(HANDLES, TITLES["nl"], TITLES["en"], strict=True):
        expected.append(("nl", nl_title, f"{BASE}/policies/{handle}"))
        expected.append(("en", en_title, f"{BASE}/en/policies/{handle}"))
    assert [(a.language, a.title, a.source_ref) for a in articles] == expected
    assert {
        (a.source, a.language_overridden, a.status, a.version, a.published_version)
        for a in articles
    } == {("shopify_policy", True, "draft", 1, None)}
    assert ArticleVersion.objects.filter(article__store=store).count() == 8
    # the HTML became Markdown under the policy's title
    refund_nl, refund_en = articles[0], articles[1]
    assert refund_nl.body.startswith("# Restitutiebeleid\n\nWe willen dat je blij bent")
    assert "## Retourtermijn\n\nJe hebt **30 dagen vanaf de bezorgdatum**" in refund_nl.body
    assert "[service@noord-demo.example](mailto:service@noord-demo.example)" in refund_nl.body
    assert refund_en.body.startswith("# Refund policy\n\nWe want you to love what you ordered")
    assert "<p>" not in refund_nl.body + refund_en.body
    shipping_en = articles[3]
    assert "| Netherlands | PostNL | 1–2 business days | EUR 4.95, free from EUR 75 |" in (
        shipping_en.body
    )


def test_importing_again_writes_no_new_versions(store: Store, seed: SandboxShopSeed) -> None:
    # given the policies imported once
    _connect(store, seed)
    first = _import(store)

    # when they are imported again, unchanged
    second = _import(store)

    # then the same articles, still at version 1 with one version each
    assert second.status == "done"
    assert second.article_ids == first.article_ids
    assert set(Article.objects.filter(store=store).values_list("version", flat=True)) == {1}
    assert ArticleVersion.objects.filter(article__store=store).count() == 8


def test_a_changed_policy_gets_a_new_version_and_a_live_one_stays_live(
    store: Store, seed: SandboxShopSeed
) -> None:
    # given the policies imported and published
    _connect(store, seed)
    _import(store, publish=True)

    # when the shop is renamed in Shopify (its policies name it) and they are imported again
    SandboxShop.objects.filter(domain=SHOP).update(name="Noord & Zonen")
    job = _import(store)

    # then each article has a draft version 2 with the new text; version 1 stays live
    assert job.status == "done"
    articles = _articles(store)
    assert {(a.version, a.published_version, a.status) for a in articles} == {(2, 1, "published")}
    refund = articles[0]
    assert "Noord & Zonen" in refund.body
    old = ArticleVersion.objects.get(article=refund, version=1)
    assert "Noord & Co" in old.body
    assert "Noord & Zonen" not in old.body


def test_the_demo_shops_policies_agree_with_its_articles(seed: SandboxShopSeed) -> None:
    # given the demo store with its help-centre articles, connected by the demo loader to
    # the sandbox's demo shop
    store = demo_store_load(now=timezone.now().replace(microsecond=0)).store
    assert content_conflict_list(store=store) == []

    # when the Shopify policies are imported and published
    job = _import(store, publish=True)

    # then the agent uses them, they state the same numbers on the same topics, and the
    # conflict finder has nothing to flag
    assert job.status == "done"
    policies = Article.objects.filter(store=store, source="shopify_policy")
    assert set(policies.values_list("published_version", flat=True)) == {1}
    index = store_index_get(store=store)
    facts = [
        fact
        for chunk in index.chunks
        if chunk.article_id in set(job.article_ids)
        for fact in chunk_facts(chunk)
    ]
    topics = {fact.topic for fact in facts}
    assert {
        "return_window",
        "refund_time",
        "bank_processing_time",
        "cancellation_window",
        "cancellation_fee",
        "delivery_time",
        "shipping_cost",
        "pickup_hold_time",
        "tracking_wait",
        "giftcard_validity",
    } <= topics
    assert content_conflict_list(store=store) == []


def test_a_token_without_the_policies_scope_fails_the_job_in_words(
    store: Store, seed: SandboxShopSeed
) -> None:
    # given a connection whose token may read orders but not the legal policies
    _connect(store, seed)
    SandboxAccessToken.objects.filter(shop=seed.shop).update(scopes="read_orders,read_customers")

    # when
    job = _import(store)

    # then
    assert job.status == "failed"
    assert job.error == (
        "Shopify did not let the app read your store's policies. Reconnect the store to "
        "Shopify and allow access to its legal policies, then import them again."
    )
    assert (job.done, job.total, job.article_ids) == (0, None, [])
    assert not Article.objects.filter(store=store).exists()
