from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.models import Store
from knowledge.indexing import article_reindex, store_reindex
from knowledge.models import Chunk
from knowledge.search import MAX_QUERY_CHARS, knowledge_search, query_text_clip
from knowledge.services import article_create, article_delete, article_unpublish, article_update
from tests.knowledge.search_content import article_publish_indexed, demo_content_load

pytestmark = pytest.mark.django_db

# Questions over the demo content (core/demo) and the section(s) that answer them.
DEMO_QUESTIONS = [
    ("en", "How long do I have to return an item?", "Returns and exchanges › Return window"),
    ("en", "When will I get my money back?", "Refunds › When will I get my refund?"),
    (
        "en",
        "Is there a cancellation fee?",
        "Changing or cancelling your order › After the first hour",
    ),
    ("en", "Can I exchange for a different size?", "Returns and exchanges › Exchanges"),
    ("en", "Can I return sale items?", "Returns and exchanges › Sale items"),
    ("en", "How much is shipping to Belgium?", "Shipping and delivery › Delivery times and costs"),
    # "take" says nothing about the topic ("When is my payment taken?" is not about shipping)
    ("en", "How long does shipping take?", "Shipping and delivery › Delivery times and costs"),
    ("en", "What payment methods do you accept?", "Payment methods › How can I pay?"),
    ("en", "What if I am not at home?", "Shipping and delivery › Not at home?"),
    ("en", "How long is a gift card valid?", "Payment methods › Gift cards"),
    ("en", "Can I return underwear?", "Returns and exchanges › Items that cannot be returned"),
    ("en", "How do I start a return?", "Returns and exchanges › How to start a return"),
    ("nl", "Hoe lang heb ik om iets terug te sturen?", "Retourneren en ruilen › Retourtermijn"),
    (
        "nl",
        "Wanneer krijg ik mijn geld terug?",
        "Terugbetalingen › Wanneer krijg ik mijn geld terug?",
    ),
    (
        "nl",
        "Wat zijn de annuleringskosten?",
        "Bestelling wijzigen of annuleren › Na het eerste uur",
        "Terugbetalingen › Wat krijg je terug?",
    ),
    ("nl", "Kan ik ruilen voor een andere maat?", "Retourneren en ruilen › Ruilen"),
    ("nl", "Retourzending aanmelden", "Retourneren en ruilen › Zo meld je een retour aan"),
    (
        "nl",
        "Kan ik mijn bezorgadres wijzigen?",
        "Bestelling wijzigen of annuleren › Wat kun je wijzigen?",
    ),
    ("nl", "Mijn pakket is beschadigd", "Verzending en bezorging › Pakket kwijt of beschadigd?"),
    ("nl", "Kan ik ondergoed retourneren?", "Retourneren en ruilen › Wat kun je niet retourneren?"),
    ("nl", "bezorgdatum", "Retourneren en ruilen › Retourtermijn"),
    (
        "nl",
        "anuleren",
        "Bestelling wijzigen of annuleren › Binnen 1 uur: gratis wijzigen of annuleren",
    ),
]

# English questions, only Dutch content: the Dutch passage must be found.
CROSS_LANGUAGE = [
    ("Can I return sale items?", "Retourneren en ruilen › Sale-artikelen"),
    (
        "How do I cancel my order?",
        "Bestelling wijzigen of annuleren › Binnen 1 uur: gratis wijzigen of annuleren",
    ),
    ("How much is shipping to Belgium?", "Verzending en bezorging › Levertijden en verzendkosten"),
    ("What if I am not at home?", "Verzending en bezorging › Niet thuis?"),
    ("How long is a gift card valid?", "Betaalmethodes › Cadeaubonnen"),
    ("Can I exchange for a different size?", "Retourneren en ruilen › Ruilen"),
]


@pytest.fixture
def demo_store(store: Store) -> Store:
    demo_content_load(store=store)
    return store


@pytest.mark.parametrize(("language", "question", *"ab"), [(*q, None)[:4] for q in DEMO_QUESTIONS])
def test_demo_questions_find_the_passage_that_answers_them(
    demo_store: Store, language: str, question: str, a: str, b: str | None
) -> None:
    # when
    hits = knowledge_search(store=demo_store, query=question, language=language)

    # then the best passage is the right one (or one of two that both answer), in the
    # question's language
    assert hits[0].language == language
    assert hits[0].citation in (a, b)


@pytest.mark.parametrize(("question", "citation"), CROSS_LANGUAGE)
def test_an_english_question_finds_dutch_content(
    store: Store, question: str, citation: str
) -> None:
    # given only the Dutch articles
    demo_content_load(store=store, languages=("nl",))

    # when
    hits = knowledge_search(store=store, query=question, language="en")

    # then
    assert hits[0].citation == citation


def test_a_hit_names_its_article_version_position_and_highlights_matches(store: Store) -> None:
    # given
    article = article_publish_indexed(
        store=store,
        title="Returns",
        body="# Returns\n\n## Return window\n\nReturn unworn items within **30 days**.",
        language="en",
    )
    chunk = Chunk.objects.get(store=store, article=article)

    # when
    [hit] = knowledge_search(store=store, query="return window", language="en")

    # then
    assert (hit.chunk_id, hit.article_id, hit.article_title, hit.article_version) == (
        chunk.id,
        article.id,
        "Returns",
        1,
    )
    assert (hit.position, hit.heading_path, hit.citation) == (
        0,
        ("Returns", "Return window"),
        "Returns › Return window",
    )
    assert hit.snippet_html == "<mark>Return</mark> unworn items within 30 days."
    assert hit.text == "Return unworn items within **30 days**."


def test_merchant_html_in_snippets_is_escaped(store: Store) -> None:
    article_publish_indexed(
        store=store,
        title="Gift cards",
        body="## Gift cards\n\nGift cards <script>alert(1)</script> never expire.",
        language="en",
    )

    [hit] = knowledge_search(store=store, query="gift card", language="en")

    assert hit.snippet_html == (
        "<mark>Gift</mark> <mark>cards</mark> &lt;script&gt;alert(1)&lt;/script&gt; never expire."
    )


def test_another_stores_content_never_appears(store: Store, other_store: Store) -> None:
    # given a return policy only in the other store
    article_publish_indexed(
        store=other_store, title="Returns", body="Return within 30 days.", language="en"
    )
    article_publish_indexed(store=store, title="Shipping", body="We ship daily.", language="en")

    # then
    assert knowledge_search(store=store, query="return within 30 days") == []
    assert [h.article_title for h in knowledge_search(store=other_store, query="return")] == [
        "Returns"
    ]


def test_unpublished_content_never_appears(store: Store) -> None:
    # given a draft with chunks written by hand (as if left over) and a published article
    with_chunks = article_create(
        store=store, title="Draft", body="Refund in 3 days.", language="en"
    )
    Chunk.objects.create(
        store=store,
        article=with_chunks,
        article_version=1,
        position=0,
        text="Refund in 3 days.",
        language="en",
        terms=["refund", "~refund"],
    )
    article_publish_indexed(store=store, title="Refunds", body="Refund in 5 days.", language="en")

    # then only the published article is found
    assert [h.article_title for h in knowledge_search(store=store, query="refund")] == ["Refunds"]


def test_the_index_follows_edits_publishing_unpublishing_and_deletes(
    store: Store, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    def titles(query: str) -> list[str]:
        return [h.article_title for h in knowledge_search(store=store, query=query)]

    # given a published article (the services re-index after commit)
    with django_capture_on_commit_callbacks(execute=True):
        article = article_create(
            store=store,
            title="Returns",
            body="Return within 30 days.",
            language="en",
            status="published",
        )
    assert titles("return") == ["Returns"]

    # when its published text changes, the new words are found and the old ones are not
    with django_capture_on_commit_callbacks(execute=True):
        article_update(
            store=store, article_id=article.id, body="Exchange within 14 days.", status="published"
        )
    assert titles("exchange") == ["Returns"]
    assert titles("return within") == ["Returns"]  # the title still says "Returns"
    assert knowledge_search(store=store, query="exchange")[0].article_version == 2

    # when a draft change is saved, the agent keeps the published version
    with django_capture_on_commit_callbacks(execute=True):
        article_update(store=store, article_id=article.id, body="Zebra stripes.", status="draft")
    assert titles("zebra") == []
    assert titles("exchange") == ["Returns"]

    # when it is unpublished, nothing of it is found
    with django_capture_on_commit_callbacks(execute=True):
        article_unpublish(store=store, article_id=article.id)
    assert titles("exchange") == []

    # when it is published again and then deleted
    with django_capture_on_commit_callbacks(execute=True):
        article_update(store=store, article_id=article.id, status="published")
    assert titles("zebra") == ["Returns"]
    with django_capture_on_commit_callbacks(execute=True):
        article_delete(store=store, article_id=article.id)
    assert titles("zebra") == []
    assert Chunk.objects.filter(store=store).count() == 0


def test_reindexing_is_idempotent_and_store_reindex_covers_every_article(demo_store: Store) -> None:
    # given
    before = list(Chunk.objects.filter(store=demo_store).values_list("text", "terms"))
    article_id = Chunk.objects.filter(store=demo_store).first().article_id  # type: ignore[union-attr]

    # when
    article_reindex(store=demo_store, article_id=article_id)
    total = store_reindex(store=demo_store)

    # then the same chunks and terms come back
    assert total == len(before) == 54
    after = list(Chunk.objects.filter(store=demo_store).values_list("text", "terms"))
    assert sorted(after) == sorted(before)


def test_empty_and_blank_questions_find_nothing(demo_store: Store) -> None:
    assert knowledge_search(store=demo_store, query="") == []
    assert knowledge_search(store=demo_store, query="   \n ") == []
    assert knowledge_search(store=demo_store, query="the of and ?!") == []


def test_a_10_kb_question_is_cut_and_still_searched(demo_store: Store) -> None:
    # given a question of 10 kB
    question = "How long do I have to return an item? " + "please " * 1500
    assert len(question) > 10_000

    # when
    hits = knowledge_search(store=demo_store, query=question, language="en")

    # then it is cut at a word boundary and still finds the return window
    assert len(query_text_clip(question)) <= MAX_QUERY_CHARS
    assert query_text_clip(question).endswith("please")
    assert hits[0].citation == "Returns and exchanges › Return window"


def test_limit_bounds_the_number_of_hits(demo_store: Store) -> None:
    assert len(knowledge_search(store=demo_store, query="return", limit=3)) == 3
    assert knowledge_search(store=demo_store, query="return", limit=0) == []
    assert len(knowledge_search(store=demo_store, query="return", limit=500)) == 26


def test_ranking_is_exact_and_the_same_on_every_database(demo_store: Store) -> None:
    # when (this test runs on SQLite and on PostgreSQL with the same expectations)
    hits = knowledge_search(store=demo_store, query="Can I cancel my order?", language="en")

    # then
    assert [(h.heading_path[-1], h.score, h.coverage) for h in hits] == [
        ("Changes and cancellation within 1 hour", 22.5863, 1.0),
        ("Exceptions", 16.0112, 1.0),
        ("After the first hour", 15.5242, 1.0),
        ("Partly shipped orders", 12.1121, 1.0),
        ("What you can change", 8.904, 1.0),
    ]
    assert {h.article_title for h in hits} == {"Changing or cancelling your order"}
