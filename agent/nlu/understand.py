"""``understand``: one shopper message -> language, intent (+ alternatives), entities."""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from agent.nlu.classifier import classifier_get
from agent.nlu.datatypes import Context, Entities, IntentScore, Understanding
from agent.nlu.entities import entities_extract
from agent.nlu.intents import UNKNOWN, intent_skill
from agent.nlu.items import items_match
from agent.nlu.language import DEFAULT_LANGUAGE, language_detect
from agent.nlu.text import text_truncate

# Below this confidence the engine should ask which of ``clarify_options`` the shopper meant
# rather than act on the guess. Chosen on the development part of the routing test set
# (bench/nlu_eval.py prints accuracy above and below it).
CLARIFY_THRESHOLD: Final = 0.5
ALTERNATIVES: Final = 3

_NO_CONTEXT: Final = Context()


def understand(
    text: str, *, context: Context | None = None, threshold: float = CLARIFY_THRESHOLD
) -> Understanding:
    """Understand one message. Pure: no database, no network, same input -> same output.

    Only the first ``MAX_ANALYSED_CHARS`` characters are analysed (``truncated`` says so).
    Text is only ever read: markup and instructions in it ("ignore your rules...") are words
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
    ranked = classifier_get().predict(analysed).ranked
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
