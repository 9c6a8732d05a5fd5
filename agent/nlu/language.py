"""Which language (English or Dutch) a shopper message is written in.

Two signals, combined: py3langid (a naive-Bayes byte n-gram model shipped inside the package,
restricted to en/nl; nothing is downloaded, the same text always gives the same answer) and a
vote of function words that only one of the languages uses. The vote carries short messages
("ja", "hoi", "thanks") where byte n-grams say little; langid carries long ones. A mixed message
("kan ik mijn order cancellen") goes to the language of its grammar words. The conversation's
previous language is a prior: it decides when the text itself does not.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Final, cast

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from agent.nlu.intents import LANGUAGES, Language
from agent.nlu.lexicon import LANGUAGE_WORDS
from agent.nlu.text import plain_view, words

DEFAULT_LANGUAGE: Final[Language] = "en"
# Weights of the three signals, in log-odds units (positive = Dutch).
_VOTE_WEIGHT: Final = 1.5
_LANGID_WEIGHT: Final = 0.6
_LANGID_CAP: Final = 5.0
_PRIOR_WEIGHT: Final = 1.0
# Byte n-grams need some text before they mean anything.
_LANGID_FULL_CHARS: Final = 40


@dataclass(frozen=True)
class LanguageGuess:
    """``language`` with ``confidence`` in [0.5, 1]; ``from_prior`` when the text was silent."""

    language: Language
    confidence: float
    from_prior: bool = False


@functools.cache
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def _langid_log_odds(text: str) -> float:
    """log(P(nl) / P(en)) from py3langid, capped, scaled down for short texts."""
    letters = sum(c.isalpha() for c in text)
    if letters < 2:
        return 0.0
    language, probability = _identifier().classify(text)
    p_nl = probability if language == "nl" else 1.0 - probability
    p_nl = min(max(p_nl, 1e-6), 1 - 1e-6)
    log_odds = max(-_LANGID_CAP, min(_LANGID_CAP, math.log(p_nl / (1 - p_nl))))
    return log_odds * min(1.0, letters / _LANGID_FULL_CHARS)


def language_detect(text: str, *, prior: str | None = None) -> LanguageGuess:
    """The language of ``text`` (already truncated by the caller); ``prior`` is the
    conversation's language so far, if any."""
    text = plain_view(text)
    tokens = words(text)
    votes = sum((t in LANGUAGE_WORDS["nl"]) - (t in LANGUAGE_WORDS["en"]) for t in tokens)
    evidence = _VOTE_WEIGHT * votes + _LANGID_WEIGHT * _langid_log_odds(text)
    prior_language = prior if prior in LANGUAGES else None
    if abs(evidence) < 1e-9:
        silent = cast(Language, prior_language or DEFAULT_LANGUAGE)
        return LanguageGuess(language=silent, confidence=0.5, from_prior=True)
    if prior_language is not None:
        evidence += _PRIOR_WEIGHT if prior_language == "nl" else -_PRIOR_WEIGHT
    language: Language = "nl" if evidence > 0 else "en"
    confidence = 1.0 / (1.0 + math.exp(-abs(evidence)))
    return LanguageGuess(language=language, confidence=round(confidence, 3))
