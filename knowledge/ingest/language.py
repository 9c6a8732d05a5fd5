"""Which of the product's languages (English, Dutch) a text is written in.

py3langid (a naive-Bayes byte n-gram model shipped inside the package: nothing is downloaded,
and the same text always gives the same answer) restricted to the languages we support, so
the choice is only ever between them.
"""

from __future__ import annotations

import functools

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from core.models import LANGUAGE_CHOICES

SUPPORTED = [code for code, _label in LANGUAGE_CHOICES]
# Below this probability the text says too little (a number, a product code, one shared word
# such as "test") and the caller's default is the better guess.
MIN_CONFIDENCE = 0.75
# Enough text for a sure answer; classifying a whole long document only costs time.
SAMPLE_CHARS = 5000


@functools.cache
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(SUPPORTED)
    return identifier


def language_detect(*, text: str) -> str | None:
    """The language code ("en" or "nl") of ``text``, or None when the text is too short or
    too ambiguous to tell (then use the store's default language)."""
    sample = text[:SAMPLE_CHARS].strip()
    if not sample:
        return None
    language, probability = _identifier().classify(sample)
    if probability < MIN_CONFIDENCE:
        return None
    return str(language)
