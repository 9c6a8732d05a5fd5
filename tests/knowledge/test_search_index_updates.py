"""A store's search index follows content changes by updating, not rebuilding, and the
updated index is exactly the one a fresh full build gives (what another process builds)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.models import Store
from knowledge.indexing import article_reindex, store_reindex
from knowledge.models import Article, SearchIndexState
from knowledge.search_index import index_build, store_index_get
from knowledge.services import (
    article_create,
    article_delete,
    article_publish,
    article_unpublish,
    article_update,
)
from tests.factories.core import StoreFactory
from tests.factories.knowledge import ArticleFactory
from tests.knowledge.search_content import article_publish_indexed, demo_content_load
from tests.knowledge.search_index_checks import assert_same_index, index_fingerprint, scores_of

pytestmark = pytest.mark.django_db

WORDS = {
    "en": [
        "return",
        "refund",
        "shipping",
        "free",
        "parcel",
        "damaged",
        "exchange",
        "size",
        "gift",
        "card",
        "order",
        "days",
        "within",
        "store",
        "customer",
        "delivery",
        "cost",
        "item",
        "sale",
    ],
    "nl": [
        "retourneren",
        "terugbetaling",
        "verzending",
        "gratis",
        "pakket",
        "beschadigd",
        "ruilen",
        "maat",
        "cadeaubon",
        "bestelling",
        "dagen",
        "binnen",
        "annuleringskosten",
        "bezorging",
        "kosten",
        "artikel",
        "uitverkoop",
    ],
}
NUMBERS = ["5", "14", "30"]
KINDS = ["create", "edit", "draft", "unpublish", "publish", "delete", "reindex", "flush"]

Content = tuple[str, str, str]


@st.composite
def contents(draw: st.DrawFn) -> Content:
    """(language, title, Markdown body): an H1 title and zero to three sections."""
    language = draw(st.sampled_from(["en", "nl"]))
    words = st.sampled_from(WORDS[language])
    title = " ".join(draw(st.lists(words, min_size=1, max_size=3))).capitalize()
    sections = draw(
        st.lists(
            st.tuples(
                st.lists(words, min_size=1, max_size=2),
                st.lists(st.one_of(words, st.sampled_from(NUMBERS)), min_size=1, max_size=14),
            ),
            max_size=3,
        )
    )
    body = "\n\n".join(
        [f"# {title}", *(f"## {' '.join(h).capitalize()}\n\n{' '.join(t)}." for h, t in sections)]
    )
    return language, title, body


steps = st.tuples(st.sampled_from(KINDS), st.integers(0, 99), contents(), st.booleans())


class _Content:
    """Applies one step to a store through the content services, as the dashboard does."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.live: list[int] = []
        self.gone: list[int] = []

    def apply(self, kind: str, target: int, content: Content) -> None:
        language, title, body = content
        if kind == "create" or not self.live:
            article = article_create(
                store=self.store, title=title, body=body, language=language, status="published"
            )
            self.live.append(article.id)
            return
        article_id = self.live[target % len(self.live)]
        if kind in ("edit", "draft"):
            status = "published" if kind == "edit" else "draft"
            article_update(
                store=self.store,
                article_id=article_id,
                title=title,
                body=body,
                language=language,
                status=status,
            )
        elif kind == "unpublish":
            article_unpublish(store=self.store, article_id=article_id)
        elif kind == "publish":
            article_publish(store=self.store, article_id=article_id)
        elif kind == "delete":
            article_delete(store=self.store, article_id=article_id)
            self.live.remove(article_id)
            self.gone.append(article_id)
        elif kind == "reindex":
            ids = self.live + self.gone
            article_reindex(store=self.store, article_id=ids[target % len(ids)])


@pytest.mark.slow
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=st.lists(steps, min_size=1, max_size=10))
def test_an_updated_index_equals_a_fresh_build_after_any_sequence_of_changes(
    changes: list[tuple[str, int, Content, bool]],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    # given a store whose index is cached, with its vocabulary's typo index built
    store = StoreFactory.create()
    content = _Content(store)
    index = store_index_get(store=store)
    scores_of(index)
    pending: list[Callable[[], object]] = []

    for kind, target, text, deferred in changes:
        # when content changes through the services; a change's re-index (what the Celery
        # task runs after commit) runs at once, or later ("deferred", until a "flush"), so
        # other changes' updates also meet published articles whose chunks are not cut yet
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            content.apply(kind, target, text)
        if deferred:
            pending.extend(callbacks)
        else:
            for callback in [*callbacks, *(pending if kind == "flush" else [])]:
                callback()
            pending = [] if kind == "flush" else pending
        before = index
        index = store_index_get(store=store)

        # then whenever the index moved, it moved by an update, to exactly what a full build
        # of the database as it is now gives (and when nothing is pending, it must be that)
        if index is not before:
            assert index.built == "update"
            assert before.words.vocabulary._deletes is not None
            assert index.words.vocabulary._deletes is not None
        if index is not before or not pending:
            assert_same_index(index, index_build(store=store, version=index.version))
        scores_of(index)

    for callback in pending:
        callback()
    index = store_index_get(store=store)
    assert_same_index(index, index_build(store=store, version=index.version))


@pytest.fixture
def demo_store(store: Store) -> Store:
    demo_content_load(store=store)
    return store


def _edit(store: Store, article: Article, body: str) -> None:
    article_update(store=store, article_id=article.id, body=body, status="published")
    article_reindex(store=store, article_id=article.id)


def test_an_edit_updates_only_the_changed_articles_terms(demo_store: Store) -> None:
    # given the demo content's index, cached
    before = store_index_get(store=demo_store)
    article = Article.objects.get(store=demo_store, title="Payment methods")

    # when one article is edited and published
    _edit(demo_store, article, article.body + "\n\nWe also accept Zebrapay.\n")
    after = store_index_get(store=demo_store)

    # then the index was updated, not rebuilt: a term the article does not use keeps its
    # postings (the same array), a term it uses got new ones; and it is what a build gives
    assert after.built == "update"
    assert after.version == before.version + 1
    assert after.postings.text["cancel"][0] is before.postings.text["cancel"][0]
    assert "zebrapay" in after.postings.text
    assert "zebrapay" not in before.postings.text
    assert_same_index(after, index_build(store=demo_store, version=after.version))


def test_a_search_holding_the_old_index_is_unaffected_by_an_update(demo_store: Store) -> None:
    # given a search that holds the index of the current version
    held = store_index_get(store=demo_store)
    scores = scores_of(held)
    fingerprint = index_fingerprint(held)

    # when another article is unpublished and one is edited, and the index is updated
    unpublished = Article.objects.get(store=demo_store, title="Verzending en bezorging")
    article_unpublish(store=demo_store, article_id=unpublished.id)
    article_reindex(store=demo_store, article_id=unpublished.id)
    article = Article.objects.get(store=demo_store, title="Returns and exchanges")
    _edit(demo_store, article, "# Returns and exchanges\n\nNo returns on gift cards.\n")
    updated = store_index_get(store=demo_store)

    # then the held index still holds and scores exactly what it did
    assert updated is not held
    assert updated.built == "update"
    assert index_fingerprint(held) == fingerprint
    assert scores_of(held) == scores
    assert updated.size < held.size


def test_reindexing_the_whole_store_rebuilds_the_index(demo_store: Store) -> None:
    # given 20 articles (the demo's 12 and 8 more), indexed
    for n in range(8):
        article_publish_indexed(
            store=demo_store, title=f"Store {n}", body=f"Our store {n} opens at 9.", language="en"
        )
    store_index_get(store=demo_store)

    # when every article is re-indexed (more than UPDATE_MIN_ARTICLES changed, and more than
    # a quarter of the store's)
    store_reindex(store=demo_store)
    index = store_index_get(store=demo_store)

    # then
    assert index.built == "full"
    assert_same_index(index, index_build(store=demo_store, version=index.version))


def test_a_version_behind_the_index_rebuilds_it(demo_store: Store) -> None:
    # given a cached index at version 12 (one bump per demo article)
    assert store_index_get(store=demo_store).version == 12

    # when the state row starts over (lost, then bumped by a re-index)
    SearchIndexState.objects.filter(store=demo_store).delete()
    article = Article.objects.filter(store=demo_store).first()
    assert article is not None
    article_reindex(store=demo_store, article_id=article.id)
    index = store_index_get(store=demo_store)

    # then
    assert index.version == 1
    assert index.built == "full"


def test_a_deleted_article_leaves_the_index_and_the_vocabulary(demo_store: Store) -> None:
    # given an article with a word no other article has
    article = article_create(
        store=demo_store,
        title="Loyalty",
        body="# Loyalty\n\nCollect zebrapoints with every order.",
        language="en",
        status="published",
    )
    article_reindex(store=demo_store, article_id=article.id)
    assert store_index_get(store=demo_store).vocabulary.knows("zebrapoints")

    # when it is deleted (its chunks go with it) and the re-index task runs
    article_delete(store=demo_store, article_id=article.id)
    article_reindex(store=demo_store, article_id=article.id)
    index = store_index_get(store=demo_store)

    # then
    assert index.built == "update"
    assert article.id not in index.articles
    assert not index.vocabulary.knows("zebrapoints")
    assert "zebrapoint" not in index.terms
    assert_same_index(index, index_build(store=demo_store, version=index.version))


def test_a_change_the_index_does_not_hold_keeps_its_data(demo_store: Store) -> None:
    # given
    before = store_index_get(store=demo_store)
    draft = ArticleFactory.create(store=demo_store, status=Article.Status.DRAFT)

    # when a draft is re-indexed (no chunks before or after; the version moves)
    article_reindex(store=demo_store, article_id=draft.id)
    after = store_index_get(store=demo_store)

    # then
    assert after.version == before.version + 1
    assert after.built == "update"
    assert after.postings is before.postings
    assert after.chunks is before.chunks
