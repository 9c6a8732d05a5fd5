"""Passage embeddings: stored once per distinct passage, kept in step with the content, and
fused into search so a question finds passages it shares no word with."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from core.models import Store
from knowledge.dense import dense_scores
from knowledge.embeddings import (
    DIMENSIONS,
    passage_key,
    passage_text,
    query_embed,
    store_embeddings_refresh,
)
from knowledge.indexing import article_reindex
from knowledge.models import PassageEmbedding, SearchIndexState
from knowledge.search import fuse, knowledge_search, lexical_sure, search_rank
from knowledge.search_index import store_index_get
from knowledge.services import article_create
from tests.factories.core import StoreFactory
from tests.knowledge.search_content import article_publish_indexed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("embeddings_on")]

PAYMENT_NL = """# Betalen

## Betaalmethoden
Je betaalt met iDEAL, Bancontact, PayPal of een creditcard: Visa, Mastercard en American
Express.
"""
DELIVERY_NL = """# Bezorging

## Bezorgtijden
Voor 22:00 besteld is morgen in huis. Wij bezorgen met PostNL, ook op zaterdag.
"""
CARE_NL = """# Onderhoud

## Wassen
Was wollen truien met de hand op 30 graden en laat ze liggend drogen.
"""


def _dutch_store() -> Store:
    store = StoreFactory.create()
    for title, body in (
        ("Betalen", PAYMENT_NL),
        ("Bezorging", DELIVERY_NL),
        ("Onderhoud", CARE_NL),
    ):
        article_publish_indexed(store=store, title=title, body=body, language="nl")
    return store


def _embeddings_version(store: Store) -> int:
    return SearchIndexState.objects.get(store=store).embeddings_version


def test_refresh_embeds_each_passage_once_and_bumps_the_version() -> None:
    # Given a store with three published one-section articles
    store = _dutch_store()

    # When its passages are embedded, then again
    first = store_embeddings_refresh(store=store)
    version = _embeddings_version(store)
    second = store_embeddings_refresh(store=store)

    # Then each passage got one unit-length vector, and the second run found nothing to do
    assert first == 3
    assert second == 0
    assert _embeddings_version(store) == version >= 1
    vectors = [
        np.frombuffer(bytes(v), np.float32)
        for v in PassageEmbedding.objects.values_list("vector", flat=True)
    ]
    assert len(vectors) == 3
    assert all(
        v.shape == (DIMENSIONS,) and abs(float(np.linalg.norm(v)) - 1) < 1e-3 for v in vectors
    )


def test_refresh_embeds_only_changed_passages_and_drops_unused_ones() -> None:
    # Given an embedded store
    store = _dutch_store()
    store_embeddings_refresh(store=store)
    before = set(PassageEmbedding.objects.filter(store=store).values_list("key", flat=True))

    # When one article's text changes (new published version, re-cut)
    from knowledge.models import Article

    article = Article.objects.get(store=store, title="Onderhoud")
    body = CARE_NL.replace("30 graden", "20 graden")
    article_publish_new = article_publish_indexed(
        store=store, title="Onderhoud", body=body, language="nl"
    )
    article.delete()
    article_reindex(store=store, article_id=article.pk)
    embedded = store_embeddings_refresh(store=store)

    # Then only the new passage is embedded and the old one's vector is gone
    after = set(PassageEmbedding.objects.filter(store=store).values_list("key", flat=True))
    assert embedded == 1
    assert len(after) == 3
    assert len(before & after) == 2
    new_key = passage_key(
        passage_text(title="Onderhoud", heading_path=["Onderhoud", "Wassen"], text=_section(body))
    )
    assert article_publish_new.pk and new_key in after


def _section(body: str) -> str:
    from knowledge.models import Chunk

    return Chunk.objects.filter(text__contains="20 graden").values_list("text", flat=True).get()


def test_an_english_question_finds_the_dutch_passage_it_shares_no_word_with() -> None:
    # Given Dutch-only content where the payment methods are named, embedded
    store = _dutch_store()
    question = "Do you accept plastic?"
    lexical_only = knowledge_search(store=store, query=question, language="en", limit=3)
    store_embeddings_refresh(store=store)

    # When an English shopper asks with a word the content never uses
    hits = knowledge_search(store=store, query=question, language="en", limit=3)

    # Then the payment passage comes first — which the word ranking alone does not manage
    assert hits[0].heading_path == ("Betalen", "Betaalmethoden")
    assert not lexical_only or lexical_only[0].heading_path != ("Betalen", "Betaalmethoden")


def test_a_question_the_words_answer_surely_is_not_embedded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given an embedded Dutch store, and a count of the questions embedded
    store = _dutch_store()
    store_embeddings_refresh(store=store)
    embedded: list[str] = []

    def counting_embed(text: str) -> np.ndarray:
        embedded.append(text)
        return query_embed(text)

    monkeypatch.setattr("knowledge.dense.query_embed", counting_embed)

    # When a shopper asks in the content's own words, one passage holding them all
    sure = search_rank(
        store=store, query="Bezorgen jullie op zaterdag met PostNL?", language="nl", limit=3
    )

    # Then the word ranking answers alone: nothing is embedded
    assert sure.hits[0].heading_path == ("Bezorging", "Bezorgtijden")
    assert not sure.dense_used
    assert embedded == []

    # When the words are not enough (no passage or concept knows "accept" or "plastic")
    unsure = search_rank(store=store, query="Do you accept plastic?", language="en", limit=3)

    # Then the question is embedded and fused
    assert unsure.dense_used
    assert embedded == ["Do you accept plastic?"]
    assert unsure.hits[0].heading_path == ("Betalen", "Betaalmethoden")


def test_lexical_sure_needs_nearly_all_words_and_a_clear_lead() -> None:
    coverage = np.array([1.0, 1.0, 0.5])
    assert lexical_sure(final=np.array([10.0, 6.0, 1.0]), coverage=coverage)
    # the runner-up is too close
    assert not lexical_sure(final=np.array([10.0, 8.0, 1.0]), coverage=coverage)
    # the leader misses a word that matters
    assert not lexical_sure(final=np.array([1.0, 6.0, 10.0]), coverage=coverage)
    # nothing matched at all
    assert not lexical_sure(final=np.zeros(3), coverage=np.zeros(3))
    # a store with one passage: sure when it holds the words
    assert lexical_sure(final=np.array([3.0]), coverage=np.array([1.0]))
    assert not lexical_sure(final=np.array([3.0]), coverage=np.array([0.4]))


def test_search_without_vectors_is_the_word_ranking() -> None:
    # Given a store whose passages are not embedded yet (the background job has not run)
    store = _dutch_store()
    index = store_index_get(store=store)

    # Then there are no dense scores and search still answers from words
    assert dense_scores(store=store, index=index, query="betalen met paypal") is None
    hits = knowledge_search(store=store, query="betalen met paypal", language="nl", limit=1)
    assert hits[0].heading_path == ("Betalen", "Betaalmethoden")


def test_a_passage_published_after_the_embedding_run_scores_zero_until_embedded() -> None:
    # Given an embedded store, then a new article not embedded yet
    store = _dutch_store()
    store_embeddings_refresh(store=store)
    article_publish_indexed(
        store=store,
        title="Cadeaubonnen",
        body="# Cadeaubonnen\n\n## Geldigheid\nEen cadeaubon is twee jaar geldig.",
        language="nl",
    )
    index = store_index_get(store=store)

    # When dense scores are computed
    scores = dense_scores(store=store, index=index, query="how long is a gift card valid")

    # Then the new passage has none (NaN) and the embedded ones their similarity; words still
    # find it first
    assert scores is not None
    rows = {chunk.article_title: row for row, chunk in enumerate(index.chunks)}
    assert np.isnan(scores[rows["Cadeaubonnen"]])
    assert scores[rows["Betalen"]] > 0.5
    hits = knowledge_search(store=store, query="cadeaubon geldig", language="nl", limit=1)
    assert hits[0].article_title == "Cadeaubonnen"


def test_switched_off_nothing_is_embedded_and_search_is_lexical(settings: object) -> None:
    # Given embeddings switched off
    settings.KNOWLEDGE_EMBEDDINGS = False  # type: ignore[attr-defined]
    store = _dutch_store()

    # When a refresh runs
    embedded = store_embeddings_refresh(store=store)

    # Then nothing is stored and no dense scores exist
    assert embedded == 0
    assert not PassageEmbedding.objects.filter(store=store).exists()
    index = store_index_get(store=store)
    assert dense_scores(store=store, index=index, query="Do you take Amex?") is None


def test_publishing_through_the_services_embeds_after_the_reindex(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # Given a store (Celery runs eagerly in tests, after commit)
    store = StoreFactory.create()

    # When an article is created and published through the content services
    with django_capture_on_commit_callbacks(execute=True):
        article_create(
            store=store, title="Betalen", body=PAYMENT_NL, language="nl", status="published"
        )

    # Then its passage was cut and embedded, and search uses it
    assert PassageEmbedding.objects.filter(store=store).count() == 1
    hits = knowledge_search(store=store, query="Do you take Amex?", language="en", limit=1)
    assert hits[0].heading_path == ("Betalen", "Betaalmethoden")


def test_another_stores_vectors_are_never_used() -> None:
    # Given two stores with the same passage, only the first embedded
    first, second = _dutch_store(), _dutch_store()
    store_embeddings_refresh(store=first)

    # Then the second store has no dense scores
    index = store_index_get(store=second)
    assert dense_scores(store=second, index=index, query="Do you take Amex?") is None
    assert not PassageEmbedding.objects.filter(store=second).exists()


def test_fuse_leaves_a_passage_without_vector_at_its_lexical_score() -> None:
    lexical = np.array([2.0, 1.0, 0.5])
    dense = np.array([np.nan, 0.90, 0.80], dtype=np.float32)
    fused = fuse(lexical=lexical, dense=dense)
    assert fused[0] == pytest.approx(1.0)
    assert fused[1] == pytest.approx(0.25 + 0.5)
    assert fused[2] == pytest.approx(0.125)


def test_fuse_scales_both_sides_and_keeps_lexical_order_when_dense_is_flat() -> None:
    lexical = np.array([4.0, 2.0, 0.0, 1.0])
    flat = np.full(4, 0.8, dtype=np.float32)
    assert list(np.argsort(-fuse(lexical=lexical, dense=flat), kind="stable")) == [0, 1, 3, 2]
    dense = np.array([0.70, 0.75, 0.95, 0.70], dtype=np.float32)
    fused = fuse(lexical=lexical, dense=dense)
    assert fused[2] == pytest.approx(0.5)
    assert fused[0] == pytest.approx(0.5)
    assert fused.max() <= 1.0


def test_query_vectors_are_unit_length_and_cached() -> None:
    first = query_embed("Kan ik mijn bestelling annuleren?")
    again = query_embed("Kan ik   mijn bestelling annuleren?")
    assert first.shape == (DIMENSIONS,)
    assert abs(float(np.linalg.norm(first)) - 1) < 1e-3
    assert np.array_equal(first, again)


def test_vectors_embedded_later_are_picked_up_on_the_next_search() -> None:
    # Given an embedded store whose dense matrix a search already loaded
    store = _dutch_store()
    store_embeddings_refresh(store=store)
    assert (
        dense_scores(store=store, index=store_index_get(store=store), query="betalen") is not None
    )
    article_publish_indexed(
        store=store,
        title="Cadeaubonnen",
        body="# Cadeaubonnen\n\n## Geldigheid\nEen cadeaubon is twee jaar geldig.",
        language="nl",
    )

    # When the background job embeds the new passage
    assert store_embeddings_refresh(store=store) == 1
    index = store_index_get(store=store)
    scores = dense_scores(store=store, index=index, query="how long is a gift card valid")

    # Then the next search has its similarity, and it is the closest passage
    assert scores is not None
    rows = {chunk.article_title: row for row, chunk in enumerate(index.chunks)}
    assert not np.isnan(scores[rows["Cadeaubonnen"]])
    assert int(np.nanargmax(scores)) == rows["Cadeaubonnen"]


RETURNS_GREECE_NL = """# Retourneren vanuit Griekenland

## Wat kost retourneren?
Een retour vanuit Griekenland kost € 9,95; we houden het af van je terugbetaling.

## Hoe lang heb ik?
Je hebt 30 dagen om te retourneren.
"""
RETURNS_SWEDEN_NL = """# Retourneren vanuit Zweden

## Is retourneren gratis?
Retourneren vanuit Zweden kost € 7,50 per pakket.
"""
RETURNS_NORWAY_EN = """# Returning from Norway

## Return costs
A return from Norway costs € 14.95, deducted from your refund.

## How long do I have?
You have 30 days to send it back.
"""


def test_a_named_country_keeps_its_article_first_over_another_countrys_in_the_question_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given Dutch articles about Greece and Sweden and only an English one about Norway
    store = StoreFactory.create()
    for title, body, language in (
        ("Retourneren vanuit Griekenland", RETURNS_GREECE_NL, "nl"),
        ("Retourneren vanuit Zweden", RETURNS_SWEDEN_NL, "nl"),
        ("Returning from Norway", RETURNS_NORWAY_EN, "en"),
    ):
        article_publish_indexed(store=store, title=title, body=body, language=language)
    store_embeddings_refresh(store=store)
    question = "wat kost retourneren vanuit noorwegen"

    # When a Dutch shopper asks what a return from Norway costs
    hits = knowledge_search(store=store, query=question, language="nl", limit=3)

    # Then the Norway passage comes first, though it is English
    assert hits[0].article_title == "Returning from Norway"
    assert hits[0].heading_path[-1] == "Return costs"
    # and passages about other countries keep only part of their score
    monkeypatch.setattr("knowledge.search.PLACE_MISS", 1.0)
    unpenalised = {
        h.chunk_id: h.score
        for h in knowledge_search(store=store, query=question, language="nl", limit=5)
    }
    for hit in hits[1:]:
        assert hit.score < unpenalised[hit.chunk_id]


def test_after_an_edit_unchanged_chunks_keep_their_vectors_and_only_the_new_is_hashed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given an embedded store searched once (its dense matrix built)
    store = _dutch_store()
    store_embeddings_refresh(store=store)
    question = "wanneer bezorgen jullie"
    before = dense_scores(store=store, index=store_index_get(store=store), query=question)
    assert before is not None
    hashed: list[str] = []

    def counting_key(text: str) -> str:
        hashed.append(text)
        return passage_key(text)

    monkeypatch.setattr("knowledge.dense.passage_key", counting_key)

    # When one more article is published (new index version) and embedded
    article_publish_indexed(
        store=store,
        title="Cadeaubonnen",
        body="# Cadeaubonnen\n\n## Geldig\nEen jaar.",
        language="nl",
    )
    store_embeddings_refresh(store=store)
    index = store_index_get(store=store)
    after = dense_scores(store=store, index=index, query=question)

    # Then only the new chunk's key was computed; the old rows are the same vectors
    assert after is not None and len(hashed) == 1 and "Cadeaubonnen" in hashed[0]
    rows = {c.chunk_id: row for row, c in enumerate(index.chunks)}
    old_index_ids = [c.chunk_id for c in index.chunks if c.article_title != "Cadeaubonnen"]
    assert len(old_index_ids) == before.size
    assert all(not np.isnan(after[rows[chunk_id]]) for chunk_id in old_index_ids)
    np.testing.assert_allclose(
        sorted(after[[rows[c] for c in old_index_ids]]), sorted(before), rtol=1e-6
    )


def test_a_search_reads_the_index_and_embeddings_versions_once() -> None:
    # Given an embedded store, searched once (index and matrix built)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    store = _dutch_store()
    store_embeddings_refresh(store=store)
    search_rank(store=store, query="Do you accept plastic?", language="en", limit=3)

    # When it is searched again with a question that needs the embedding
    with CaptureQueriesContext(connection) as queries:
        ranking = search_rank(store=store, query="Do you accept plastic?", language="en", limit=3)

    # Then the freshness of both the word index and the vectors costs one read in all
    assert ranking.dense_used
    state_reads = [q["sql"] for q in queries.captured_queries if "searchindexstate" in q["sql"]]
    assert len(state_reads) == 1
