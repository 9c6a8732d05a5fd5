from __future__ import annotations

import pytest

from core.models import Store
from knowledge.answers import knowledge_answer
from knowledge.models import Chunk
from tests.knowledge.search_content import article_publish_indexed, demo_content_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_store(store: Store) -> Store:
    demo_content_load(store=store)
    return store


@pytest.mark.parametrize(
    ("language", "question", "article"),
    [
        ("nl", "Wat is jullie retourbeleid?", "Retourneren en ruilen"),
        ("nl", "Wat is jullie annuleringsbeleid?", "Bestelling wijzigen of annuleren"),
        ("en", "What is your return policy?", "Returns and exchanges"),
        ("en", "What is your cancellation policy?", "Changing or cancelling your order"),
    ],
)
def test_a_question_about_a_policy_by_name_gets_that_policy(
    demo_store: Store, language: str, question: str, article: str
) -> None:
    # when a shopper asks for a policy by its name ("retour|beleid": a topic and a filler)
    answer = knowledge_answer(store=demo_store, question=question, language=language)

    # then the answer comes from that policy's article
    assert answer.found
    assert answer.citation.startswith(article)


def test_the_answer_quotes_the_passage_and_cites_its_exact_version(demo_store: Store) -> None:
    # when
    answer = knowledge_answer(
        store=demo_store, question="How long do I have to return an item?", language="en"
    )

    # then
    assert answer.chunk_id is not None
    chunk = Chunk.objects.get(id=answer.chunk_id)
    assert (answer.found, answer.reason, answer.citation) == (
        True,
        "answered",
        "Returns and exchanges › Return window",
    )
    assert (answer.article_id, answer.article_version, answer.chunk_position) == (
        chunk.article_id,
        chunk.article_version,
        chunk.position,
    )
    assert answer.passage == chunk.text
    assert answer.sentences == (
        "You can return most items within 30 days.",
        "You have **30 days from the delivery date** to return an item.",
        "Items must be unworn,\nunwashed and have their original labels attached.",
    )


def test_every_sentence_is_a_verbatim_part_of_the_passage(demo_store: Store) -> None:
    questions = [
        ("en", "Is there a cancellation fee?"),
        ("nl", "Wanneer krijg ik mijn geld terug?"),
        ("nl", "Kan ik ondergoed retourneren?"),
        ("en", "What if I am not at home?"),
    ]
    for language, question in questions:
        answer = knowledge_answer(store=demo_store, question=question, language=language)
        assert answer.found is True
        assert answer.sentences
        assert all(sentence in answer.passage for sentence in answer.sentences)


def test_a_dutch_question_gets_the_dutch_passage(demo_store: Store) -> None:
    answer = knowledge_answer(
        store=demo_store, question="Kan ik ruilen voor een andere maat?", language="nl"
    )

    assert answer.citation == "Retourneren en ruilen › Ruilen"
    assert answer.sentences == ("Liever een andere maat of kleur?",)


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("en", "Do you sell bicycles?"),
        ("en", "What is the weather tomorrow?"),
        ("en", "Can I bring my dog?"),
        ("en", "Is there a loyalty programme?"),
        ("nl", "Verkopen jullie fietsen?"),
        ("nl", "Hebben jullie een vacature?"),
        ("nl", "Hoe laat gaat de zon onder?"),
    ],
)
def test_unrelated_questions_get_an_explicit_no_answer(
    demo_store: Store, language: str, question: str
) -> None:
    answer = knowledge_answer(store=demo_store, question=question, language=language)

    assert (answer.found, answer.passage, answer.sentences, answer.citation) == (
        False,
        "",
        (),
        "",
    )
    assert answer.reason in ("no_match", "not_relevant_enough")


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("nl", "Versturen jullie ook naar Japan?"),
        ("nl", "Kan ik vanuit Australië retourneren?"),
        ("en", "Do you ship to Japan?"),
        ("en", "How much is shipping to South Africa?"),
    ],
)
def test_a_country_the_content_never_names_gets_no_answer(
    demo_store: Store, language: str, question: str
) -> None:
    # The demo's content names the Netherlands, Belgium, Germany and the UK: what it says about
    # them (or about shipping in general) does not answer a question about another country.
    answer = knowledge_answer(store=demo_store, question=question, language=language)

    assert (answer.found, answer.reason) == (False, "topic_unknown")


def test_a_country_the_content_names_is_answered(demo_store: Store) -> None:
    answer = knowledge_answer(
        store=demo_store, question="Wat kost verzenden naar België?", language="nl"
    )

    assert answer.found
    assert "België" in answer.passage


def test_a_question_about_a_product_the_policies_do_not_name_still_gets_the_policy(
    demo_store: Store,
) -> None:
    answer = knowledge_answer(store=demo_store, question="Can I return my sweater?", language="en")

    assert answer.found is True
    assert answer.hit is not None and answer.hit.article_title == "Returns and exchanges"


def test_an_empty_question_and_an_empty_store_have_no_answer(store: Store) -> None:
    assert knowledge_answer(store=store, question=" ", language="en").reason == "empty_question"
    assert knowledge_answer(store=store, question="refund", language="en").reason == "no_match"


def test_a_weak_match_is_not_relevant_enough(store: Store) -> None:
    # given content that shares only the word "order" with the question
    article_publish_indexed(
        store=store, title="Orders", body="Every order ships in a box.", language="en"
    )

    # when
    answer = knowledge_answer(
        store=store, question="Can I order a bicycle with a child seat?", language="en"
    )

    # then the passage is kept for inspection, but there is no answer: the question's
    # weightiest word ("bicycle") is one the content never uses
    assert (answer.found, answer.reason) == (False, "topic_unknown")
    assert answer.hit is not None and answer.coverage < 0.34


def test_a_question_about_a_topic_the_content_never_names_has_no_answer(store: Store) -> None:
    # given content about stores and free delivery
    article_publish_indexed(
        store=store,
        title="Our stores",
        body="Delivery is free. Our stores are open daily and stores take returns.",
        language="en",
    )

    # when the question shares two known words but its topic ("wifi") is unknown
    answer = knowledge_answer(
        store=store, question="Is there free wifi in your stores?", language="en"
    )

    # then there is no answer, however much of the rest the passage covers
    assert (answer.found, answer.reason) == (False, "topic_unknown")
    assert answer.hit is not None and answer.coverage > 0.34


def test_a_weak_match_without_an_unknown_topic_is_not_relevant_enough(store: Store) -> None:
    # given content where "order" is common and "gift" rare but absent from the best passage
    article_publish_indexed(
        store=store,
        title="Orders",
        body="Every order ships in a box.\n\n## Gifts\n\nA gift note is free.",
        language="en",
    )

    # when
    answer = knowledge_answer(store=store, question="order gift wrapping", language="en")

    # then
    assert answer.found is False
    assert answer.reason in ("not_relevant_enough", "topic_unknown")


def _shops_publish(store: Store) -> None:
    article_publish_indexed(
        store=store,
        title="Lindeboom Gent",
        body=(
            "# Lindeboom Gent\n\n## Openingstijden\n\nMaandag tot zaterdag van 10:00 tot 18:00, "
            "op zondag van 12:00 tot 17:00.\n\n## Zo kom je er\n\nVeldstraat 12, Gent."
        ),
        language="nl",
    )
    article_publish_indexed(
        store=store,
        title="Lindeboom Deventer",
        body=(
            "# Lindeboom Deventer\n\n## When are we open?\n\nMonday to Saturday 9:30 to 17:30, "
            "closed on Sundays.\n\n## Getting here\n\nBrink 4, Deventer."
        ),
        language="en",
    )


def test_a_named_city_keeps_its_shop_first_over_another_in_the_question_language(
    store: Store,
) -> None:
    # given two shop pages: Gent's in Dutch, Deventer's in English
    _shops_publish(store)

    # when an English question names Ghent (the English name)
    answer = knowledge_answer(
        store=store, question="Is the Ghent shop open on Sundays?", language="en"
    )

    # then Gent's page answers, though Deventer's is in English and also talks about Sundays
    assert answer.found
    assert answer.citation == "Lindeboom Gent › Openingstijden"


def test_a_city_the_content_never_names_is_answered_from_its_country(
    demo_store: Store,
) -> None:
    # The demo content names Belgium, never Antwerp; it names no Japanese city and not Japan.
    antwerp = knowledge_answer(
        store=demo_store, question="How much is shipping to Antwerp?", language="en"
    )
    tokyo = knowledge_answer(
        store=demo_store, question="How much is shipping to Tokyo?", language="en"
    )

    assert antwerp.found and "Belgium" in antwerp.passage
    assert (tokyo.found, tokyo.reason) == (False, "topic_unknown")


def test_a_question_about_a_thing_finds_the_rules_of_its_department(store: Store) -> None:
    # given the return rules of two departments, which name the department, not every product
    article_publish_indexed(
        store=store,
        title="Returns: furniture",
        body=(
            "# Returns: furniture\n\n## Collection\n\nWe collect returned furniture from your "
            "home. Collection costs €49."
        ),
        language="en",
    )
    article_publish_indexed(
        store=store,
        title="Grote huishoudelijke apparaten retourneren",
        body=(
            "# Grote huishoudelijke apparaten retourneren\n\n## Ophalen\n\nWe halen een "
            "geretourneerd groot apparaat bij je thuis op. Ophalen kost € 59."
        ),
        language="nl",
    )

    # when shoppers name the thing they return
    sofa = knowledge_answer(store=store, question="Do you collect a sofa I return?", language="en")
    fridge = knowledge_answer(
        store=store, question="Halen jullie mijn koelkast op als ik hem terugstuur?", language="nl"
    )

    # then each gets its department's rules
    assert sofa.citation == "Returns: furniture › Collection"
    assert fridge.citation == "Grote huishoudelijke apparaten retourneren › Ophalen"
