"""general_qa: answers from the store's published content, quoting the merchant's words and
citing them; says so and offers a person when the content has no answer."""

from __future__ import annotations

import json
from typing import Any

import pytest

from agent.nlu import intent_skill, understand
from core.models import Store
from knowledge.models import Article, Chunk
from knowledge.sentences import sentences
from skills.base import HandoffRequest, SkillResult
from skills.general_qa import GeneralQaSkill
from skills.quoting import plain_text
from skills.replies import Citation, PassageUsed, QuickReplies, QuickReply, TextBlock, Trace
from tests.factories.core import StoreFactory
from tests.knowledge.search_content import demo_content_load
from tests.skills.knowledge_context import conversation_context

pytestmark = pytest.mark.django_db

SKILL = GeneralQaSkill()

NO_ANSWER_EN = (
    TextBlock(
        text=(
            "I'm sorry, I don't have that information. "
            "Would you like me to pass your question on to a colleague?"
        )
    ),
    QuickReplies(
        options=(
            QuickReply(label="Talk to a person", payload="I'd like to talk to a person"),
            QuickReply(label="Ask something else", payload="I have a question"),
        )
    ),
)
NO_ANSWER_NL = (
    TextBlock(text="Sorry, die informatie heb ik niet. Zal ik je vraag doorgeven aan een collega?"),
    QuickReplies(
        options=(
            QuickReply(
                label="Met een medewerker praten", payload="Ik wil graag met een medewerker praten"
            ),
            QuickReply(label="Iets anders vragen", payload="Ik heb een vraag"),
        )
    ),
)


@pytest.fixture
def content_store(db: None) -> Store:
    store = StoreFactory.create(name="Noord & Co")
    demo_content_load(store=store)
    return store


def _article(store: Store, title: str) -> Article:
    return Article.objects.get(store=store, title=title)


def _ask(store: Store, text: str, language: str = "en", **kwargs: Any) -> SkillResult:
    return SKILL.handle(
        conversation_context(
            store=store, text=text, intent="general_question", language=language, **kwargs
        )
    )


def _chunk_id(result: SkillResult) -> int:
    chunk_id = result.reply.trace.passages[0].chunk_id
    assert chunk_id is not None
    return chunk_id


# --- answered ----------------------------------------------------------------------------------


def test_an_answered_question_quotes_the_merchants_words_and_cites_the_heading(
    content_store: Store,
) -> None:
    # when
    result = _ask(content_store, "Can I return sale items?")

    # then the sentences that matter, as plain text, citing the article and its section
    article = _article(content_store, "Returns and exchanges")
    quote = (
        "Items bought in the sale can be returned within 30 days like any other item, except "
        'items marked "Final sale". Final sale items cannot be returned or exchanged.'
    )
    assert result.reply.blocks == (
        TextBlock(
            text=quote,
            citation=Citation(
                article_title="Returns and exchanges",
                heading_path=("Returns and exchanges", "Sale items"),
                quote=quote,
                article_id=article.id,
                article_version=1,
            ),
        ),
    )
    # the merchant's words verbatim: the passage with only its Markdown and line breaks removed
    chunk = Chunk.objects.get(id=_chunk_id(result))
    assert quote in plain_text(chunk.text)
    assert "**except items\nmarked" in chunk.text
    assert (result.resolved, result.reply.resolved, result.state, result.handoff) == (
        True,
        True,
        None,
        None,
    )


def test_the_trace_names_the_passage_and_the_event_what_was_found(content_store: Store) -> None:
    # when
    result = _ask(content_store, "Can I return sale items?")

    # then
    article = _article(content_store, "Returns and exchanges")
    passage = result.reply.trace.passages[0]
    chunk = Chunk.objects.get(id=_chunk_id(result))
    assert chunk.article_id == article.id
    assert passage.score > 0
    assert result.reply.trace == Trace(
        language="en",
        intent="general_question",
        confidence=0.93,
        skill="general_qa",
        passages=(
            PassageUsed(
                article_id=article.id,
                article_title="Returns and exchanges",
                article_version=1,
                heading_path=("Returns and exchanges", "Sale items"),
                score=passage.score,
                chunk_id=chunk.id,
            ),
        ),
    )
    assert result.events == (
        (
            "knowledge_answer",
            {
                "found": True,
                "reason": "answered",
                "language": "en",
                "coverage": 1.0,
                "citation": "Returns and exchanges › Sale items",
                "article_id": article.id,
                "article_version": 1,
                "chunk_id": chunk.id,
                "passage_language": "en",
                "score": passage.score,
            },
        ),
    )
    json.dumps(result.events)  # stored as ConversationEvent data


def test_a_dutch_question_gets_the_dutch_passage(content_store: Store) -> None:
    # when
    result = _ask(content_store, "Kan ik afgeprijsde artikelen retourneren?", language="nl")

    # then
    quote = (
        "Ook artikelen uit de sale kun je binnen 30 dagen retourneren, behalve artikelen met "
        'het label "Final sale". Final-sale-artikelen kun je niet retourneren en niet ruilen.'
    )
    article = _article(content_store, "Retourneren en ruilen")
    assert result.reply.blocks == (
        TextBlock(
            text=quote,
            citation=Citation(
                article_title="Retourneren en ruilen",
                heading_path=("Retourneren en ruilen", "Sale-artikelen"),
                quote=quote,
                article_id=article.id,
                article_version=1,
            ),
        ),
    )
    assert result.resolved is True
    assert result.reply.trace.language == "nl"


def test_a_numbered_procedure_is_quoted_whole(content_store: Store) -> None:
    # when
    result = _ask(content_store, "How do I start a return?")

    # then all the steps, not only the one the question's words matched
    block = result.reply.blocks[0]
    assert isinstance(block, TextBlock)
    assert block.text == (
        "1. Sign in to the Customer Hub with the email address you used for your order.\n"
        "2. Open the order and choose Start a return.\n"
        "3. Select the items and tell us why you're sending them back.\n"
        "4. Print the return label, or show the QR code at a PostNL point (no printer needed)."
    )
    assert block.citation is not None
    assert block.citation.heading_path == ("Returns and exchanges", "How to start a return")


def test_a_table_row_is_quoted_with_its_column_names(content_store: Store) -> None:
    result = _ask(content_store, "How much is shipping to Belgium?")

    block = result.reply.blocks[0]
    assert isinstance(block, TextBlock)
    assert block.text == (
        "Destination: Belgium and Germany; Carrier: PostNL; Delivery time: 2–3 business days; "
        "Cost: EUR 6.95, free from EUR 100"
    )
    assert block.citation is not None
    assert block.citation.heading_path == ("Shipping and delivery", "Delivery times and costs")


def test_content_only_in_english_is_quoted_as_written_with_a_dutch_note() -> None:
    # given a store whose content is English only
    store = StoreFactory.create()
    demo_content_load(store=store, languages=("en",))

    # when a shopper asks in Dutch
    result = _ask(store, "Kan ik afgeprijsde artikelen retourneren?", language="nl")

    # then a Dutch line says the store's text is English, and the quote stays English
    note, quoted = result.reply.blocks
    assert note == TextBlock(text="De informatie van de winkel hierover is in het Engels:")
    assert isinstance(quoted, TextBlock)
    assert quoted.text.startswith("Items bought in the sale can be returned within 30 days")
    assert quoted.citation is not None
    assert quoted.citation.heading_path == ("Returns and exchanges", "Sale items")
    assert result.events[0][1]["passage_language"] == "en"
    assert result.resolved is True


def test_content_only_in_dutch_is_quoted_as_written_with_an_english_note() -> None:
    store = StoreFactory.create()
    demo_content_load(store=store, languages=("nl",))

    result = _ask(store, "How long are gift cards valid?")

    note, quoted = result.reply.blocks
    assert note == TextBlock(text="The store's information on this is in Dutch:")
    assert isinstance(quoted, TextBlock)
    assert quoted.text.startswith("Een cadeaubon is 2 jaar geldig")


# --- not answered ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "question", "blocks"),
    [
        ("en", "Do you sell bicycles?", NO_ANSWER_EN),
        ("nl", "Verkopen jullie fietsen?", NO_ANSWER_NL),
    ],
)
def test_an_unanswerable_question_says_so_and_offers_a_person(
    content_store: Store, language: str, question: str, blocks: tuple[object, ...]
) -> None:
    # when
    result = _ask(content_store, question, language=language)

    # then no invention, no passage: the no-answer and the offer of a person
    assert result.reply.blocks == blocks
    assert (result.resolved, result.reply.resolved, result.handoff) == (False, False, None)
    assert result.state == {"step": "human_offered"}
    assert result.reply.trace.passages == ()
    assert result.events == (
        (
            "knowledge_answer",
            {"found": False, "reason": "no_match", "language": language, "coverage": 0.0},
        ),
    )
    said = json.dumps(result.reply.to_dict(), ensure_ascii=False)
    for chunk in Chunk.objects.filter(article__store=content_store):
        for sentence in sentences(chunk.text):
            if len(sentence) > 20:
                assert plain_text(sentence) not in said


def test_yes_to_the_offer_hands_off_because_there_was_no_answer(content_store: Store) -> None:
    # when the shopper says "ja" to the offer of a person
    result = _ask(content_store, "ja", language="nl", state={"step": "human_offered"}, answer="yes")

    # then
    assert result.handoff == HandoffRequest(reason="no_answer")
    assert result.reply.blocks == (
        TextBlock(text="Ik geef je vraag door aan een collega die hem kan beantwoorden."),
    )
    assert result.reply.handoff is True
    assert result.reply.trace.skill == "general_qa"
    assert result.state is None


def test_no_to_the_offer_asks_what_else(content_store: Store) -> None:
    result = _ask(content_store, "no thanks", state={"step": "human_offered"}, answer="no")

    assert result.reply.blocks == (TextBlock(text="Alright. What else can I help you with?"),)
    assert (result.handoff, result.state, result.resolved, result.events) == (
        None,
        None,
        False,
        (),
    )


def test_a_new_question_after_the_offer_is_answered(content_store: Store) -> None:
    result = _ask(content_store, "How long are gift cards valid?", state={"step": "human_offered"})

    assert result.reply.blocks[0] == TextBlock(
        text=(
            "Gift cards are valid for 2 years and can be used for several orders until the "
            "balance is zero."
        ),
        citation=result.reply.blocks[0].citation,  # type: ignore[union-attr]
    )
    assert (result.resolved, result.state) == (True, None)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "I have a question", "Of course. What would you like to know?"),
        ("nl", "Ik heb een vraag", "Natuurlijk. Wat wil je weten?"),
    ],
)
def test_a_message_without_a_question_asks_for_it(
    content_store: Store, language: str, text: str, expected: str
) -> None:
    result = _ask(content_store, text, language=language)

    assert result.reply.blocks == (TextBlock(text=expected),)
    assert (result.resolved, result.state) == (False, None)
    assert result.events[0][1]["reason"] == "empty_question"


def test_a_store_without_content_has_no_answer() -> None:
    store = StoreFactory.create()

    result = _ask(store, "What is your return policy?")

    assert result.reply.blocks == NO_ANSWER_EN
    assert result.events[0][1]["found"] is False


@pytest.mark.parametrize(("language", "blocks"), [("en", NO_ANSWER_EN), ("nl", NO_ANSWER_NL)])
def test_the_offer_payloads_route_to_a_person_and_to_a_new_question(
    language: str, blocks: tuple[object, ...]
) -> None:
    # the quick replies' payloads are what the shopper says: the NLU must read them right
    replies = blocks[1]
    assert isinstance(replies, QuickReplies)
    person, other = (understand(option.payload) for option in replies.options)
    assert (person.language, intent_skill(person.intent)) == (language, "handoff")
    assert (other.language, other.intent) == (language, "greeting")
