"""Version history and publishing: every save is a version, the agent uses the published one,
a draft never replaces what is live until it is published, and the index follows."""

from __future__ import annotations

from typing import Any

import pytest

from core.errors import NotFound
from core.models import Store
from knowledge.models import Article, ArticleVersion, Chunk
from knowledge.selectors import article_version_get, article_version_list
from knowledge.services import (
    article_create,
    article_delete,
    article_publish,
    article_source_upsert,
    article_unpublish,
    article_update,
    article_version_restore,
)
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

RETURNS = "# Returns\n\nReturn unworn items within 30 days."
RETURNS_V2 = "# Returns\n\nReturn unworn items within 14 days."


def _history(article: Article) -> list[tuple[int, str, str]]:
    return list(
        ArticleVersion.objects.filter(article=article)
        .order_by("version")
        .values_list("version", "body", "status")
    )


def test_create_writes_version_one_with_its_author(store: Store) -> None:
    # given
    author = UserFactory.create()

    # when
    article = article_create(store=store, title="Returns", body=RETURNS, language="en", user=author)

    # then
    assert (article.version, article.status, article.published_version) == (1, "draft", None)
    version = article_version_get(store=store, article_id=article.pk, version=1)
    assert (version.title, version.body, version.language, version.status) == (
        "Returns",
        RETURNS,
        "en",
        "draft",
    )
    assert version.created_by == author


def test_create_without_a_language_detects_it(store: Store) -> None:
    article = article_create(
        store=store, title="Retourneren", body="Je kunt binnen 30 dagen retourneren."
    )
    assert (article.language, article.language_overridden) == ("nl", False)


def test_publishing_on_create_makes_version_one_live(store: Store) -> None:
    article = article_create(
        store=store, title="Returns", body=RETURNS, language="en", status="published"
    )
    assert (article.status, article.version, article.published_version) == ("published", 1, 1)
    assert article.published_at is not None
    assert _history(article) == [(1, RETURNS, "published")]


def test_saving_a_draft_keeps_the_published_version_live(store: Store) -> None:
    # given a live article
    article = article_create(
        store=store, title="Returns", body=RETURNS, language="en", status="published"
    )
    published_at = article.published_at

    # when the merchant saves a change as a draft
    saved = article_update(store=store, article_id=article.pk, body=RETURNS_V2, status="draft")

    # then version 2 is the latest text, but the agent keeps using version 1
    saved.refresh_from_db()
    assert (saved.version, saved.status, saved.published_version) == (2, "published", 1)
    assert saved.published_at == published_at
    assert saved.body == RETURNS_V2
    assert _history(saved) == [(1, RETURNS, "published"), (2, RETURNS_V2, "draft")]

    # when the draft is published
    live = article_publish(store=store, article_id=article.pk)

    # then version 2 is live
    assert (live.version, live.status, live.published_version) == (2, "published", 2)
    assert live.published_at is not None and published_at is not None
    assert live.published_at > published_at
    assert _history(live) == [(1, RETURNS, "published"), (2, RETURNS_V2, "published")]


def test_saving_with_published_publishes_the_new_version(store: Store) -> None:
    article = article_create(
        store=store, title="Returns", body=RETURNS, language="en", status="published"
    )
    saved = article_update(store=store, article_id=article.pk, body=RETURNS_V2, status="published")
    assert (saved.version, saved.published_version) == (2, 2)


def test_an_edit_without_status_keeps_an_up_to_date_article_up_to_date(store: Store) -> None:
    # given one live and up to date, one live with a pending draft
    current = article_create(
        store=store, title="A", body=RETURNS, language="en", status="published"
    )
    pending = article_create(
        store=store, title="B", body=RETURNS, language="en", status="published"
    )
    article_update(store=store, article_id=pending.pk, body=RETURNS_V2, status="draft")

    # when both are edited without a status
    current = article_update(store=store, article_id=current.pk, title="A2")
    pending = article_update(store=store, article_id=pending.pk, title="B2")

    # then the first stays up to date, the second's draft is not published by accident
    assert (current.version, current.published_version) == (2, 2)
    assert (pending.version, pending.published_version) == (3, 1)


def test_an_edit_that_changes_nothing_writes_nothing(store: Store) -> None:
    article = article_create(store=store, title="Returns", body=RETURNS, language="en")
    same = article_update(
        store=store, article_id=article.pk, title="Returns", body=RETURNS, status="draft"
    )
    assert same.version == 1
    assert ArticleVersion.objects.filter(article=article).count() == 1


def test_changing_the_language_counts_as_set_by_hand(store: Store) -> None:
    article = article_create(store=store, title="Retour", body="Retourneren kan altijd.")
    changed = article_update(store=store, article_id=article.pk, language="en")
    assert (changed.language, changed.language_overridden, changed.version) == ("en", True, 2)


def test_unpublish_takes_the_article_offline_and_keeps_its_history(store: Store) -> None:
    article = article_create(
        store=store, title="Returns", body=RETURNS, language="en", status="published"
    )
    offline = article_unpublish(store=store, article_id=article.pk)
    assert (offline.status, offline.published_version, offline.published_at) == (
        "draft",
        None,
        None,
    )
    assert offline.version == 1
    assert _history(offline) == [(1, RETURNS, "published")]


def test_restore_brings_an_old_text_back_as_a_new_version(store: Store) -> None:
    # given versions 1 (live) and 2 (live)
    article = article_create(
        store=store, title="Returns", body=RETURNS, language="en", status="published"
    )
    article_update(store=store, article_id=article.pk, body=RETURNS_V2, status="published")

    # when version 1 is restored as a draft, then restored and published
    draft = article_version_restore(store=store, article_id=article.pk, version=1)
    assert (draft.version, draft.body, draft.published_version) == (3, RETURNS, 2)
    live = article_version_restore(store=store, article_id=article.pk, version=1, publish=True)

    # then history only grew; the restored text is live as version 3
    assert (live.version, live.published_version) == (3, 3)
    assert [v.version for v in article_version_list(store=store, article_id=article.pk)] == [
        3,
        2,
        1,
    ]


def test_versions_of_another_store_are_not_found(store: Store, other_store: Store) -> None:
    theirs = article_create(store=other_store, title="Theirs", body=RETURNS, language="en")
    with pytest.raises(NotFound):
        article_version_get(store=store, article_id=theirs.pk, version=1)
    with pytest.raises(NotFound):
        article_version_list(store=store, article_id=theirs.pk)
    with pytest.raises(NotFound):
        article_version_restore(store=store, article_id=theirs.pk, version=1)
    with pytest.raises(NotFound):
        article_publish(store=store, article_id=theirs.pk)
    with pytest.raises(NotFound):
        article_unpublish(store=store, article_id=theirs.pk)
    theirs.refresh_from_db()
    assert (theirs.version, theirs.status) == (1, "draft")


def test_a_version_the_article_does_not_have_is_not_found(store: Store) -> None:
    article = article_create(store=store, title="Returns", body=RETURNS, language="en")
    with pytest.raises(NotFound):
        article_version_restore(store=store, article_id=article.pk, version=7)


def test_source_upsert_is_keyed_by_source_ref_and_idempotent(store: Store) -> None:
    # when the same page is imported twice, then changed
    first, created = article_source_upsert(
        store=store,
        source=Article.Source.URL,
        source_ref="https://shop.example/returns",
        title="Returns",
        markdown=RETURNS,
        language="en",
    )
    again, changed_again = article_source_upsert(
        store=store,
        source=Article.Source.URL,
        source_ref="https://shop.example/returns",
        title="Returns",
        markdown=RETURNS,
        language="en",
    )
    updated, changed = article_source_upsert(
        store=store,
        source=Article.Source.URL,
        source_ref="https://shop.example/returns",
        title="Returns",
        markdown=RETURNS_V2,
        language="en",
    )

    # then one article, two versions, drafts by default
    assert (created, changed_again, changed) == (True, False, True)
    assert first.pk == again.pk == updated.pk
    assert (updated.version, updated.status, updated.source) == (2, "draft", "url")
    assert Article.objects.filter(store=store).count() == 1


def test_source_upsert_keeps_a_language_set_by_hand(store: Store) -> None:
    article, _ = article_source_upsert(
        store=store,
        source=Article.Source.UPLOAD,
        source_ref="faq.txt",
        title="FAQ",
        markdown="Retourneren kan binnen 30 dagen.",
        language="nl",
    )
    article_update(store=store, article_id=article.pk, language="en")
    again, _ = article_source_upsert(
        store=store,
        source=Article.Source.UPLOAD,
        source_ref="faq.txt",
        title="FAQ",
        markdown="Retourneren kan binnen 14 dagen.",
        language="nl",
    )
    assert (again.language, again.language_overridden, again.version) == ("en", True, 3)


def test_source_upsert_without_a_language_uses_the_store_default(store: Store) -> None:
    store.default_language = "nl"
    store.save()
    article, _ = article_source_upsert(
        store=store,
        source=Article.Source.UPLOAD,
        source_ref="codes.txt",
        title="Codes",
        markdown="SKU-1 SKU-2",
        language=None,
    )
    assert (article.language, article.language_overridden) == ("nl", False)


def test_the_index_follows_what_is_published(
    store: Store, django_capture_on_commit_callbacks: Any
) -> None:
    # when an article is published, changed in a draft, then published again
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create(
            store=store, title="Returns", body=RETURNS, language="en", status="published"
        )
    indexed_v1 = set(
        Chunk.objects.filter(article=article).values_list("article_version", flat=True)
    )
    with django_capture_on_commit_callbacks(execute=True):
        article_update(store=store, article_id=article.pk, body=RETURNS_V2, status="draft")
    after_draft = list(Chunk.objects.filter(article=article).values_list("article_version", "text"))
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(store=store, article_id=article.pk)
    indexed_v2 = list(Chunk.objects.filter(article=article).values_list("article_version", "text"))

    # then the chunks always come from the published version
    assert indexed_v1 == {1}
    assert all(version == 1 and "30 days" in text for version, text in after_draft)
    assert indexed_v2 != [] and all(v == 2 and "14 days" in text for v, text in indexed_v2)

    # when it is unpublished, then deleted
    with django_capture_on_commit_callbacks(execute=True):
        article_unpublish(store=store, article_id=article.pk)
    assert Chunk.objects.filter(article=article).count() == 0
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article_publish(store=store, article_id=article.pk)
        article_id = article.pk
    assert len(callbacks) == 1
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article_delete(store=store, article_id=article_id)
    assert len(callbacks) == 1
    assert Chunk.objects.filter(store=store).count() == 0
