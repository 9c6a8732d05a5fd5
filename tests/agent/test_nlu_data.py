"""The training utterances and the routing test set: sizes, duplicates, and no leakage."""

from __future__ import annotations

import itertools
from collections import Counter

from agent.nlu import INTENTS, LANGUAGES, SKILL_BY_INTENT
from agent.nlu.data import utterances_load
from agent.nlu.text import text_normalise
from bench.data.nlu.dataset import examples_load

MIN_PER_INTENT_AND_LANGUAGE = 60


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text_normalise(text).split())


def _near(a: frozenset[str], b: frozenset[str]) -> bool:
    """Same words (order and repeats ignored), or at least 80% shared when both have 3+."""
    if a == b:
        return True
    if len(a) < 3 or len(b) < 3:
        return False
    return len(a & b) / len(a | b) >= 0.8


def test_at_least_60_utterances_per_intent_and_language() -> None:
    counts = Counter((u.language, u.intent) for u in utterances_load())
    for language, intent in itertools.product(LANGUAGES, INTENTS):
        assert counts[(language, intent)] >= MIN_PER_INTENT_AND_LANGUAGE, (language, intent)


def test_no_duplicate_utterances() -> None:
    keys = Counter(text_normalise(u.text) for u in utterances_load())
    assert [key for key, count in keys.items() if count > 1] == []


def test_no_test_message_is_in_the_training_data() -> None:
    training = [(text_normalise(u.text), _word_set(u.text), u.text) for u in utterances_load()]
    exact = {key for key, _words, _text in training}
    leaks = []
    for example in (*examples_load("dev"), *examples_load("heldout")):
        words = _word_set(example.text)
        if text_normalise(example.text) in exact:
            leaks.append((example.text, "exact"))
        leaks.extend(
            (example.text, text) for _key, other, text in training if words and _near(words, other)
        )
    assert leaks == []


def test_the_test_set_is_large_enough_split_and_labelled_consistently() -> None:
    dev, heldout = examples_load("dev"), examples_load("heldout")
    everything = (*dev, *heldout)
    assert len(everything) >= 300
    languages = Counter(e.language for e in everything)
    assert languages["en"] >= 150
    assert languages["nl"] >= 150
    assert len(heldout) / len(everything) >= 0.4
    assert all(SKILL_BY_INTENT[e.intent] == e.skill for e in everything)
    assert {e.intent for e in heldout} == set(INTENTS)
    assert len({e.text for e in everything}) == len(everything)


def test_the_test_set_has_hard_negatives() -> None:
    unknown = {e.text for e in (*examples_load("dev"), *examples_load("heldout"))
               if e.intent == "unknown"}  # fmt: skip
    assert {"change my password", "cancel my newsletter"} <= unknown
    assert {"kan ik mijn wachtwoord wijzigen", "afmelden nieuwsbrief"} <= unknown
