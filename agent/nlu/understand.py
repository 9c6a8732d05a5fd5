"""``understand``: one shopper message -> language, intent (+ alternatives), entities."""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from agent.nlu.classifier import classifier_get
from agent.nlu.courtesy import courtesy_strip
from agent.nlu.datatypes import Context, Entities, IntentScore, Understanding
from agent.nlu.entities import entities_extract
from agent.nlu.intents import GREETING, HUMAN, THANKS_GOODBYE, UNKNOWN, intent_skill
from agent.nlu.items import items_match
from agent.nlu.language import DEFAULT_LANGUAGE, language_detect
from agent.nlu.text import text_truncate

# Below this confidence the engine should ask which of ``clarify_options`` the shopper meant
# rather than act on the guess. Chosen on the development part of the routing test set
# (bench/nlu_eval.py prints accuracy above and below it).
CLARIFY_THRESHOLD: Final = 0.5
ALTERNATIVES: Final = 3

_NO_CONTEXT: Final = Context()
_SMALLTALK: Final = frozenset({GREETING, THANKS_GOODBYE})
# The intents a greeting, "thanks" or "please" alone can pull a message towards.
_COURTESY_INTENTS: Final = frozenset({GREETING, THANKS_GOODBYE, HUMAN})


def understand(
    text: str, *, context: Context | None = None, threshold: float = CLARIFY_THRESHOLD
) -> Understanding:
    """Understand one message. Pure: no database, no network, same input -> same output.

    Only the first ``MAX_ANALYSED_CHARS`` characters are analysed (``truncated`` says so).
    A greeting the message opens with and a please/thanks/sign-off it ends with are left out of
    the classification when the rest is sure on its own ("hello, can I still change my
    order?" is a change request; see ``agent.nlu.courtesy``). Entities are read from the whole
    text. Text is only ever read: markup and instructions in it ("ignore your rules...") are words
    to classify like any others. An empty or whitespace-only message gives ``empty=True``,
    intent ``unknown`` and no entities."""
    context = context or _NO_CONTEXT
    analysed, truncated = text_truncate(text or "")
    if not analysed.strip():
        return Understanding(
            text=text or "",
            language=context.language or DEFAULT_LANGUAGE,
            language_confidence=0.5,
            intent=UNKNOWN,
            skill=intent_skill(UNKNOWN),
            confidence=1.0,
            alternatives=(IntentScore(UNKNOWN, intent_skill(UNKNOWN), 1.0),),
            entities=Entities(),
            threshold=threshold,
            empty=True,
            truncated=truncated,
        )
    guess = language_detect(analysed, prior=context.language)
    ranked = _ranked(analysed, threshold)
    alternatives = tuple(
        IntentScore(intent, intent_skill(intent), round(score, 4))
        for intent, score in ranked[:ALTERNATIVES]
    )
    entities = entities_extract(
        analysed, expecting=context.expecting, phone_region=context.phone_region
    )
    if context.item_candidates:
        items = items_match(
            analysed, context.item_candidates, sizes=entities.sizes, colours=entities.colours
        )
        entities = replace(entities, items=items)
    best = alternatives[0]
    return Understanding(
        text=text,
        language=guess.language,
        language_confidence=guess.confidence,
        intent=best.intent,
        skill=best.skill,
        confidence=best.score,
        alternatives=alternatives,
        entities=entities,
        threshold=threshold,
        truncated=truncated,
    )


def _ranked(text: str, threshold: float) -> tuple[tuple[str, float], ...]:
    """Intents for ``text``, read from its core (``courtesy_strip``) when that is a request the
    classifier is sure of. Otherwise the whole message decides when the classifier is sure of
    it and the courtesy words cannot be what makes it sure: a request ("stop de verzending
    van mijn bestelling aub"), or small talk when the core is small talk or unknown too ("all
    good, thanks", "bedankt hé"). The greeting, thanks and human intents are trained on the very
    words that were left out, so they never overrule an unsure core: "hello, can I ... ?" gets
    a clarifying question about what was asked, and "a new code please" is no handoff."""
    classifier = classifier_get()
    core = courtesy_strip(text)
    core_ranked = classifier.predict(core).ranked
    if core == text:
        return core_ranked
    core_best, core_confidence = core_ranked[0]
    if core_confidence >= threshold and core_best not in _SMALLTALK:
        return core_ranked
    whole_ranked = classifier.predict(text).ranked
    whole_best, whole_confidence = whole_ranked[0]
    if whole_confidence < threshold:
        return core_ranked
    if whole_best not in _COURTESY_INTENTS or whole_best == core_best:
        return whole_ranked
    if whole_best in _SMALLTALK and core_best in (*_SMALLTALK, UNKNOWN):
        return whole_ranked
    return core_ranked
