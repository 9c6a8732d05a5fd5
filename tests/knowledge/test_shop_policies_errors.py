"""The Shopify policies import against a loopback fake of Shopify's Admin API: a changed
policy gets a new version and the others none, a new shop domain updates the same articles,
and every failure (no connection, Shopify refusing or erring, no policies) ends the job in
words with nothing saved."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import translation
from pytest_django.fixtures import Settings

from core.models import Store
from integrations.shopify.connection import ShopifyNotConnected
from integrations.shopify.models import ShopifyConnection
from knowledge.imports import (
    ImportOptions,
    import_job_run,
    import_shopify_policies_start,
    shopify_policies_unavailable_reason,
)
from knowledge.models import Article, ArticleVersion, ImportJob
from tests.factories.integrations import ShopifyConnectionFactory
from tests.fakes.http_server import Scripted, ScriptedServer
from tests.shopify.test_client_policies import (
    ACCESS_DENIED,
    REFUND_EN,
    REFUND_NL,
    SHIPPING_NL,
    policies_answer,
    policy_node,
    translations_answer,
)

pytestmark = pytest.mark.django_db

BILINGUAL = (("nl", True), ("en", False))
REVOKED = "Shopify refused the access token (revoked or uninstalled). Reconnect the store."
Capture = Callable[..., Any]


@pytest.fixture
def shopify(settings: Settings) -> Iterator[ScriptedServer]:
    """Shopify's Admin API on loopback, for every shop domain."""
    with ScriptedServer() as server:
        settings.SHOPIFY_ADMIN_URL_TEMPLATE = server.url + "/shops/{shop}"
        yield server


@pytest.fixture
def connected(store: Store) -> Store:
    ShopifyConnectionFactory.create(store=store, shop_domain="noord.myshopify.com")
    return store


def _policies(refund_nl: str = REFUND_NL, *, base: str = "https://noord.example") -> list[Scripted]:
    """The two answers of one read: a Dutch refund and shipping policy, the refund policy
    translated into English."""
    return [
        policies_answer(
            [
                policy_node(
                    11,
                    "REFUND_POLICY",
                    "Restitutiebeleid",
                    refund_nl,
                    handle="refund-policy",
                    base=base,
                ),
                policy_node(
                    12,
                    "SHIPPING_POLICY",
                    "Verzendbeleid",
                    SHIPPING_NL,
                    handle="shipping-policy",
                    base=base,
                ),
            ],
            locales=BILINGUAL,
        ),
        translations_answer({11: REFUND_EN, 12: None}, locale="en"),
    ]


def _run(store: Store, capture: Capture) -> ImportJob:
    with capture(execute=True):
        job = import_shopify_policies_start(store=store)
    job.refresh_from_db()
    return job


def _refs(store: Store) -> list[tuple[str, str, int]]:
    return list(
        Article.objects.filter(store=store)
        .order_by("id")
        .values_list("source_ref", "language", "version")
    )


def test_only_the_changed_policy_gets_a_new_version(
    connected: Store,
    shopify: ScriptedServer,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    # given the policies imported once
    shopify.enqueue(*_policies())
    first = _run(connected, django_capture_on_commit_callbacks)

    # when the Dutch refund policy changes in Shopify and they are imported again
    shopify.enqueue(*_policies(REFUND_NL.replace("30 dagen", "45 dagen")))
    second = _run(connected, django_capture_on_commit_callbacks)

    # then only that article has a version 2; the job counts every policy again
    assert (first.status, first.done, first.total) == ("done", 3, 3)
    assert (second.status, second.done, second.total) == ("done", 3, 3)
    assert second.article_ids == first.article_ids
    assert _refs(connected) == [
        ("https://noord.example/policies/refund-policy", "nl", 2),
        ("https://noord.example/en/policies/refund-policy", "en", 1),
        ("https://noord.example/policies/shipping-policy", "nl", 1),
    ]
    refund = Article.objects.get(store=connected, version=2)
    assert "binnen 45 dagen terugsturen" in refund.body
    assert ArticleVersion.objects.filter(article__store=connected).count() == 4


def test_a_new_shop_domain_updates_the_same_articles(
    connected: Store,
    shopify: ScriptedServer,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    # given the policies imported while the shop's primary domain was noord.example
    shopify.enqueue(*_policies())
    first = _run(connected, django_capture_on_commit_callbacks)

    # when the merchant moved the shop to www.noord.nl and the policies are imported again
    shopify.enqueue(*_policies(base="https://www.noord.nl"))
    second = _run(connected, django_capture_on_commit_callbacks)

    # then the same articles carry the new addresses, with no new version or copy
    assert second.article_ids == first.article_ids
    assert _refs(connected) == [
        ("https://www.noord.nl/policies/refund-policy", "nl", 1),
        ("https://www.noord.nl/en/policies/refund-policy", "en", 1),
        ("https://www.noord.nl/policies/shipping-policy", "nl", 1),
    ]


def test_another_store_on_the_same_shop_keeps_its_own_articles(
    connected: Store,
    other_store: Store,
    shopify: ScriptedServer,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    # given another store whose article has the same address
    ShopifyConnectionFactory.create(store=other_store, shop_domain="noord.myshopify.com")
    shopify.enqueue(*_policies())
    _run(other_store, django_capture_on_commit_callbacks)
    theirs = _refs(other_store)

    # when this store imports the same shop's changed policies
    shopify.enqueue(*_policies(REFUND_NL.replace("30 dagen", "45 dagen"), base="https://x.nl"))
    _run(connected, django_capture_on_commit_callbacks)

    # then the other store's articles are untouched
    assert _refs(other_store) == theirs
    assert len(_refs(connected)) == 3


def test_an_unconnected_store_cannot_start_the_import(store: Store) -> None:
    assert shopify_policies_unavailable_reason(store=store) == (
        "This store is not connected to Shopify."
    )
    with pytest.raises(ShopifyNotConnected):
        import_shopify_policies_start(store=store)
    assert not ImportJob.objects.exists()


def test_a_connection_broken_before_the_job_runs_fails_it_in_words(
    connected: Store, shopify: ScriptedServer
) -> None:
    # given a queued import, then Shopify refusing the token for the sync
    job = import_shopify_policies_start(store=connected)
    ShopifyConnection.objects.filter(store=connected).update(
        status=ShopifyConnection.Status.ERROR,
        last_error=REVOKED,
    )

    # when the job runs
    import_job_run(job_id=job.pk, options=ImportOptions())

    # then
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", REVOKED)
    assert shopify.requests == []
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("answers", "error"),
    [
        (
            [ACCESS_DENIED],
            "Shopify did not let the app read your store's policies. Reconnect the store to "
            "Shopify and allow access to its legal policies, then import them again.",
        ),
        (
            [
                _policies()[0],
                Scripted(json={"errors": [{"message": "Internal error"}]}),
            ],
            "Shopify did not answer as expected, so nothing was imported. Please try again later.",
        ),
        (
            [policies_answer([], locales=BILINGUAL)],
            "Your Shopify store has no policies in English or Dutch yet. Write them in Shopify "
            "under Settings › Policies, then import them again.",
        ),
        (
            [
                policies_answer(
                    [policy_node(1, "REFUND_POLICY", "Widerruf", "<p>14 Tage.</p>", handle="r")],
                    locales=(("de", True),),
                )
            ],
            "Your Shopify store has no policies in English or Dutch yet. Write them in Shopify "
            "under Settings › Policies, then import them again.",
        ),
    ],
    ids=["access-denied", "error-after-the-first-answer", "no-policies", "only-german"],
)
def test_a_failed_read_fails_the_job_in_words_with_nothing_saved(
    connected: Store,
    shopify: ScriptedServer,
    django_capture_on_commit_callbacks: Capture,
    answers: list[Scripted],
    error: str,
) -> None:
    # given Shopify's answers
    shopify.enqueue(*answers)

    # when
    job = _run(connected, django_capture_on_commit_callbacks)

    # then
    assert (job.status, job.error) == ("failed", error)
    assert (job.done, job.total, job.article_ids) == (0, None, [])
    assert job.finished_at is not None
    assert not Article.objects.exists()
    assert len(shopify.requests) == len(answers)


def test_the_error_is_written_in_the_language_the_import_was_started_in(
    connected: Store,
    shopify: ScriptedServer,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    shopify.enqueue(ACCESS_DENIED)

    with translation.override("nl"):
        job = _run(connected, django_capture_on_commit_callbacks)

    assert job.error == (
        "Shopify liet de app het beleid van je winkel niet lezen. Koppel de winkel opnieuw aan "
        "Shopify, geef toegang tot het juridische beleid en importeer het daarna opnieuw."
    )
