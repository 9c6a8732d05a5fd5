"""Understanding shopper messages (English and Dutch): language, intent, entities.

Pure Python (no Django models, no database, no network), so the engine passes in what it knows
(the conversation's language, what it just asked, the titles of the shopper's line items) and
tests run without a database. The public API:

- ``understand(text, *, context=None, threshold=CLARIFY_THRESHOLD) -> Understanding``
- ``language_detect(text, *, prior=None) -> LanguageGuess``
- ``entities_extract(text, *, expecting=None, phone_region="NL") -> Entities``
- ``items_match(text, candidates) -> tuple[ItemMatch, ...]``
- ``phone_normalise(raw, *, region="NL") -> str | None``
- ``INTENTS``, ``SKILLS``, ``SKILL_BY_INTENT``, ``intent_skill(intent)``
- the frozen dataclasses in ``agent.nlu.datatypes``.

The intent model is trained from ``agent/nlu/data/<language>/<intent>.txt`` on first use.
"""

from agent.nlu.datatypes import (
    Answer,
    Choice,
    Colour,
    Context,
    Entities,
    Expecting,
    IntentScore,
    ItemCandidate,
    ItemMatch,
    Quantity,
    Size,
    Understanding,
)
from agent.nlu.entities import entities_extract, phone_normalise
from agent.nlu.intents import INTENTS, LANGUAGES, SKILL_BY_INTENT, SKILLS, Language, intent_skill
from agent.nlu.items import items_match
from agent.nlu.language import LanguageGuess, language_detect
from agent.nlu.understand import CLARIFY_THRESHOLD, understand

__all__ = [
    "CLARIFY_THRESHOLD",
    "INTENTS",
    "LANGUAGES",
    "SKILLS",
    "SKILL_BY_INTENT",
    "Answer",
    "Choice",
    "Colour",
    "Context",
    "Entities",
    "Expecting",
    "IntentScore",
    "ItemCandidate",
    "ItemMatch",
    "Language",
    "LanguageGuess",
    "Quantity",
    "Size",
    "Understanding",
    "entities_extract",
    "intent_skill",
    "items_match",
    "language_detect",
    "phone_normalise",
    "understand",
]
