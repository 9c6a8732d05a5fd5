"""Greetings, thanks and "please" around a real message: they must not decide its intent."""

from __future__ import annotations

import time
from typing import Any

import pytest

from agent.engine import DialogueState, route_decide
from agent.nlu import Context, understand
from agent.nlu.courtesy import courtesy_strip


@pytest.mark.parametrize(
    ("text", "core"),
    [
        ("hello, can I still change my order?", "can I still change my order?"),
        ("hoi, waar blijft mijn pakket?", "waar blijft mijn pakket?"),
        ("Hi Anna, where is my order?", "where is my order?"),
        ("Hi I want to cancel", "I want to cancel"),
        ("Hey, hoe gaat het? Ik wil ruilen", "Ik wil ruilen"),
        ("hi, quick question: do you ship to Norway?", "do you ship to Norway?"),
        ("waar blijft mijn pakket? bedankt", "waar blijft mijn pakket?"),
        ("cancel my order please", "cancel my order"),
        ("annuleer mijn bestelling aub, alvast bedankt!", "annuleer mijn bestelling"),
        ("can I return it? thank you very much for your help 🙏", "can I return it?"),
        (
            "Dear Noord & Co,\nI want to return my sweater.\n\nKind regards,\nSanne de Vries",
            "I want to return my sweater.",
        ),
        (
            "Goedemorgen,\nIs mijn pakket al onderweg?\nMet vriendelijke groet,\nJan",
            "Is mijn pakket al onderweg?",
        ),
        ("Thanks for your help! How do I start a return?", "How do I start a return?"),
        # Nothing but courtesy: left whole.
        ("hi there!", "hi there!"),
        ("thanks, bye", "bye"),
        ("verder niks, bedankt", "verder niks, bedankt"),
        ("please, thanks!", "please, thanks!"),
        ("hallo? iemand?", "hallo? iemand?"),
        # Not courtesy: a capitalised word is no name unless a comma closes it; "morgen" is
        # tomorrow; a word that merely starts like a greeting is a word.
        ("Hi Can I change it", "Can I change it"),
        ("morgen komt mijn pakket toch?", "morgen komt mijn pakket toch?"),
        ("hiking boots return", "hiking boots return"),
        ("Hi, all my orders are wrong", "all my orders are wrong"),
    ],
)
def test_courtesy_strip_keeps_what_lies_between_the_courtesies(text: str, core: str) -> None:
    assert courtesy_strip(text) == core


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("hello, can I still change my order?", "order_edit"),
        ("Good morning, can I still change my order?", "order_edit"),
        ("hello, can I pay with PayPal", "general_qa"),
        ("hi there, does the denim jacket run large?", "general_qa"),
        ("hello, I hope you are doing well. Do you ship to Norway?", "general_qa"),
        ("hoi, waar blijft mijn pakket?", "order_status"),
        ("hoi, hoe moet ik de wollen trui wassen?", "general_qa"),
        ("Hallo, ik hoop dat alles goed is. Hoe start ik een retour?", "returns"),
    ],
)
def test_a_greeting_before_a_real_question_does_not_make_it_small_talk(
    text: str, skill: str
) -> None:
    assert understand(text).skill == skill


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("what are your opening hours, thank you!", "general_qa"),
        ("can I pay with PayPal thanks", "general_qa"),
        ("wat zijn jullie openingstijden? bedankt", "general_qa"),
        ("kan ik betalen met iDEAL. Alvast bedankt", "general_qa"),
        ("where is my parcel? Thanks, Sanne", "order_status"),
        ("is mijn terugbetaling al verwerkt? groetjes", "returns"),
    ],
)
def test_a_trailing_thanks_does_not_make_a_question_a_goodbye(text: str, skill: str) -> None:
    assert understand(text).skill == skill


@pytest.mark.parametrize(
    "text",
    [
        "can I get a refund please",
        "kan ik de maat nog aanpassen alsjeblieft",
        "do you have the boots in size 39 please",
        "a new code please",
        "info about shipping please",
        "is het leer echt aub",
    ],
)
def test_a_trailing_please_does_not_make_a_request_a_handoff(text: str) -> None:
    assert understand(text).skill != "handoff"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("hi there!", "greeting"),
        ("hi, I have a question", "greeting"),
        ("hoi, snelle vraag", "greeting"),
        ("hi, are you a bot?", "greeting"),
        ("hallo, met wie spreek ik?", "greeting"),
        ("thanks, bye", "thanks_goodbye"),
        ("all good, thanks", "thanks_goodbye"),
        ("bedankt hé", "thanks_goodbye"),
        ("verder niks, bedankt", "thanks_goodbye"),
        ("no thanks", "thanks_goodbye"),
        ("a human please", "human"),
        ("een medewerker graag", "human"),
        ("hi, change my password", "unknown"),
    ],
)
def test_courtesy_alone_stays_small_talk_and_other_intents_keep_theirs(
    text: str, intent: str
) -> None:
    assert understand(text).intent == intent


def _route(text: str, state: DialogueState) -> tuple[str, str]:
    expecting: Any = state.expecting
    found = route_decide(
        understand(text, context=Context(language="en", expecting=expecting)), state
    )
    return found.kind, found.skill


@pytest.mark.parametrize("text", ["yes please", "yes please, thanks!", "ja graag, bedankt"])
def test_yes_please_to_a_yes_no_question_answers_it_rather_than_asking_for_a_person(
    text: str,
) -> None:
    state = DialogueState(skill="order_edit", skill_state={"step": "confirm"}, expecting="yes_no")

    assert _route(text, state) == ("continue", "order_edit")


def test_a_greeted_request_is_routed_to_its_skill() -> None:
    assert _route("hello, can I still change my order? thanks", DialogueState()) == (
        "skill",
        "order_edit",
    )


@pytest.mark.parametrize(
    "text",
    [
        " " * 1999 + "x",
        "a" + " " * 1990 + "thanks",
        "x " + "please " * 280,
        "hi " * 600,
        "hi " + "Anna " * 390 + "x",
        "Thanks, " * 250,
    ],
)
def test_courtesy_strip_stays_fast_on_pathological_input(text: str) -> None:
    started = time.perf_counter()
    courtesy_strip(text)
    assert time.perf_counter() - started < 0.02
