"""The dense matrix a process keeps per store: after any content change its scores are exactly
the question's cosine with each current passage's stored vector (NaN where none is stored
yet), whether the matrix grew by appending rows, outgrew its array or was compacted."""

from __future__ import annotations

import numpy as np
import pytest

from core.models import Store
from knowledge import dense
from knowledge.dense import dense_scores
from knowledge.embeddings import (
    passage_key,
    passage_text,
    query_embed,
    store_embeddings_refresh,
    vector_from_bytes,
)
from knowledge.indexing import article_reindex
from knowledge.models import Article, PassageEmbedding
from knowledge.search_index import StoreIndex, store_index_get
from knowledge.services import article_delete
from tests.factories.core import StoreFactory
from tests.knowledge.search_content import article_publish_indexed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("embeddings_on")]

QUESTION = "Hoe lang mag ik iets terugsturen?"


def _article(store: Store, n: int) -> Article:
    body = f"# Artikel {n}\n\n## Deel {n}\nRetourneren kan binnen {n + 10} dagen na ontvangst.\n"
    return article_publish_indexed(store=store, title=f"Artikel {n}", body=body, language="nl")


def _expected(store: Store, index: StoreIndex) -> np.ndarray:
    """Cosine of the question with each row's stored vector, computed from scratch."""
    stored = {
        key: vector_from_bytes(data)
        for key, data in PassageEmbedding.objects.filter(store=store).values_list("key", "vector")
    }
    question = query_embed(QUESTION)
    out = np.full(index.size, np.nan)
    for row, chunk in enumerate(index.chunks):
        text = passage_text(
            title=chunk.article_title, heading_path=chunk.heading_path, text=chunk.text
        )
        vector = stored.get(passage_key(text))
        if vector is not None:
            out[row] = float(vector @ question)
    return out


def _check(store: Store) -> None:
    index = store_index_get(store=store)
    scores = dense_scores(store=store, index=index, query=QUESTION)
    assert scores is not None
    np.testing.assert_allclose(scores, _expected(store, index), rtol=0, atol=1e-6)


@pytest.mark.parametrize("compact_floor", [64, 1])
def test_scores_stay_exact_through_creates_edits_deletes_and_late_embeddings(
    monkeypatch: pytest.MonkeyPatch, compact_floor: int
) -> None:
    # given an embedded store whose matrix is built (compact_floor 1: compacted at every
    # change that leaves more dead slots than live ones; 64: never in a store this small)
    monkeypatch.setattr(dense, "COMPACT_FLOOR", compact_floor)
    store = StoreFactory.create()
    articles = [_article(store, n) for n in range(4)]
    store_embeddings_refresh(store=store)
    _check(store)

    # when an article is published but its passages are not embedded yet
    articles.append(_article(store, 4))
    # then its row has no score (NaN) and every other row is exact
    index = store_index_get(store=store)
    scores = dense_scores(store=store, index=index, query=QUESTION)
    assert scores is not None and int(np.isnan(scores).sum()) == 1
    _check(store)

    # when the background job embeds it, and then articles are deleted and created
    store_embeddings_refresh(store=store)
    _check(store)
    for gone in articles[:3]:
        article_delete(store=store, article_id=gone.id)
        article_reindex(store=store, article_id=gone.id)
        _check(store)
    for n in range(5, 9):
        _article(store, n)
        store_embeddings_refresh(store=store)
        _check(store)


def test_the_slot_array_grows_when_new_passages_outnumber_its_free_rows() -> None:
    # given a built matrix with a small array
    store = StoreFactory.create()
    _article(store, 0)
    store_embeddings_refresh(store=store)
    _check(store)
    first = dense._matrices[dense._key(store)]

    # when more passages are added than it has free rows
    for n in range(1, 1 + first.slots.shape[0]):
        _article(store, n)
    store_embeddings_refresh(store=store)

    # then the scores are still exact, from a larger array
    _check(store)
    assert dense._matrices[dense._key(store)].slots.shape[0] > first.slots.shape[0]


def test_an_old_matrix_still_scores_its_own_index_after_a_newer_one_appended(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given a matrix a search still holds, then a change that appends rows to the same array
    store = StoreFactory.create()
    _article(store, 0)
    store_embeddings_refresh(store=store)
    old_index = store_index_get(store=store)
    dense_scores(store=store, index=old_index, query=QUESTION)
    old = dense._matrices[dense._key(store)]
    expected = old.scores(query_embed(QUESTION))
    _article(store, 1)
    store_embeddings_refresh(store=store)
    _check(store)

    # then the old matrix shares the array but reads only its own rows: the same scores
    assert dense._matrices[dense._key(store)].slots is old.slots
    np.testing.assert_array_equal(old.scores(query_embed(QUESTION)), expected)
