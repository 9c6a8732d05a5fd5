"""smalltalk: greetings with what the agent can do, short closes, and an honest "not here" for
requests it cannot handle — in the shopper's language."""

from __future__ import annotations

import pytest

from agent.nlu import intent_skill, understand
from core.models import Store
from skills.base import SkillResult
from skills.replies import QuickReplies, QuickReply, TextBlock, Trace
from skills.smalltalk import SmalltalkSkill
from tests.factories.core import StoreFactory
from tests.skills.knowledge_context import conversation_context

pytestmark = pytest.mark.django_db

SKILL = SmalltalkSkill()

CAPABILITIES_EN = (
    QuickReply(label="Change or cancel an order", payload="I want to change or cancel my order"),
    QuickReply(label="Start a return", payload="I want to start a return"),
    QuickReply(label="Order status", payload="Where is my order?"),
    QuickReply(label="Ask a question", payload="I have a question"),
)
CAPABILITIES_NL = (
    QuickReply(
        label="Bestelling wijzigen of annuleren",
        payload="Ik wil mijn bestelling wijzigen of annuleren",
    ),
    QuickReply(label="Retour starten", payload="Ik wil een retour starten"),
    QuickReply(label="Bestelstatus", payload="Waar is mijn bestelling?"),
    QuickReply(label="Een vraag stellen", payload="Ik heb een vraag"),
)
PERSON_EN = QuickReply(label="Talk to a person", payload="I'd like to talk to a person")
PERSON_NL = QuickReply(
    label="Met een medewerker praten", payload="Ik wil graag met een medewerker praten"
)


@pytest.fixture
def noord(db: None) -> Store:
    return StoreFactory.create(name="Noord & Co")


def _handle(store: Store, text: str, intent: str, language: str = "en") -> SkillResult:
    return SKILL.handle(
        conversation_context(store=store, text=text, intent=intent, language=language)
    )


@pytest.mark.parametrize(
    ("language", "text", "welcome", "options"),
    [
        (
            "en",
            "hi there!",
            "Hello! I'm the digital assistant of Noord & Co. How can I help you?",
            CAPABILITIES_EN,
        ),
        (
            "nl",
            "hallo",
            "Hallo! Ik ben de digitale assistent van Noord & Co. Waarmee kan ik je helpen?",
            CAPABILITIES_NL,
        ),
    ],
)
def test_a_greeting_is_welcomed_with_what_the_agent_can_help_with(
    noord: Store, language: str, text: str, welcome: str, options: tuple[QuickReply, ...]
) -> None:
    # when
    result = _handle(noord, text, "greeting", language)

    # then
    assert result.reply.blocks == (TextBlock(text=welcome), QuickReplies(options=options))
    assert (result.resolved, result.handoff, result.state) == (False, None, None)
    assert result.reply.trace == Trace(
        language=language, intent="greeting", confidence=0.93, skill="smalltalk"
    )


@pytest.mark.parametrize(
    ("language", "text", "answer"),
    [
        ("en", "hi, I have a question", "Of course. What would you like to know?"),
        ("en", "hello, can I ask something", "Of course. What would you like to know?"),
        ("nl", "hoi, snelle vraag", "Natuurlijk. Wat wil je weten?"),
    ],
)
def test_a_greeting_that_announces_a_question_asks_for_it(
    noord: Store, language: str, text: str, answer: str
) -> None:
    result = _handle(noord, text, "greeting", language)

    assert result.reply.blocks == (TextBlock(text=answer),)
    assert result.resolved is False


@pytest.mark.parametrize(
    ("language", "text", "close"),
    [
        ("en", "thanks, that helps!", "You're welcome! Have a nice day."),
        ("en", "ok bye", "Goodbye, and have a nice day!"),
        ("nl", "top, bedankt", "Graag gedaan! Nog een fijne dag."),
        ("nl", "doei", "Tot ziens, en nog een fijne dag!"),
    ],
)
def test_thanks_and_goodbyes_get_a_short_close(
    noord: Store, language: str, text: str, close: str
) -> None:
    result = _handle(noord, text, "thanks_goodbye", language)

    assert result.reply.blocks == (TextBlock(text=close),)
    assert (result.resolved, result.reply.resolved, result.handoff) == (True, True, None)


@pytest.mark.parametrize(
    ("language", "text", "answer", "options"),
    [
        (
            "en",
            "change my password",
            "Sorry, I can't help with that here. I can help you with your orders, returns and "
            "questions about the store, or pass you on to a colleague.",
            (*CAPABILITIES_EN, PERSON_EN),
        ),
        (
            "en",
            "cancel my newsletter",
            "Sorry, I can't help with that here. I can help you with your orders, returns and "
            "questions about the store, or pass you on to a colleague.",
            (*CAPABILITIES_EN, PERSON_EN),
        ),
        (
            "nl",
            "nieuwsbrief opzeggen",
            "Sorry, daarmee kan ik je hier niet helpen. Ik kan je helpen met je bestellingen, "
            "retouren en vragen over de winkel, of je doorverbinden met een collega.",
            (*CAPABILITIES_NL, PERSON_NL),
        ),
    ],
)
def test_out_of_scope_says_what_it_can_do_and_offers_a_person_without_pretending(
    noord: Store, language: str, text: str, answer: str, options: tuple[QuickReply, ...]
) -> None:
    # when
    result = _handle(noord, text, "unknown", language)

    # then nothing is claimed as done; no handoff until the shopper asks for one
    assert result.reply.blocks == (TextBlock(text=answer), QuickReplies(options=options))
    assert (result.resolved, result.handoff, result.reply.handoff) == (False, None, False)


@pytest.mark.parametrize(
    ("language", "options"),
    [("en", (*CAPABILITIES_EN, PERSON_EN)), ("nl", (*CAPABILITIES_NL, PERSON_NL))],
)
def test_each_quick_reply_is_understood_as_the_skill_it_names(
    language: str, options: tuple[QuickReply, ...]
) -> None:
    # the payload is what the shopper says by picking it: the NLU must route it there
    # ("I have a question" is a greeting that announces a question: smalltalk asks for it)
    understood = [understand(option.payload) for option in options]
    assert [u.language for u in understood] == [language] * len(options)
    assert [intent_skill(u.intent) for u in understood] == [
        "order_edit",
        "returns",
        "order_status",
        "smalltalk",
        "handoff",
    ]
