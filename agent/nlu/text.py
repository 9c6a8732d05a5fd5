"""Text clean-up shared by the classifier, the language detector and the entity extractors.

Everything here is pure and bounded: a message is cut to ``MAX_ANALYSED_CHARS`` before any
analysis, so a 10 kB paste costs the same as a long sentence. Markup is kept as text (the
renderers escape it); only the classifier's view drops the tags themselves.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final

import Stemmer

# Enough for the longest real message; the rest of a paste adds cost, not meaning.
MAX_ANALYSED_CHARS: Final = 2000

_WORD_RE: Final = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_TAG_RE: Final = re.compile(r"<[^<>]{0,200}>")
_URL_RE: Final = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_EMAIL_RE: Final = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\b")
_DIGITS_RE: Final = re.compile(r"\d+")
_REPEAT_RE: Final = re.compile(r"(\D)\1{2,}")
_SPACE_RE: Final = re.compile(r"\s+")


def text_truncate(text: str) -> tuple[str, bool]:
    """``text`` cut to ``MAX_ANALYSED_CHARS`` (at a space where possible), and whether it was
    cut."""
    if len(text) <= MAX_ANALYSED_CHARS:
        return text, False
    cut = text[:MAX_ANALYSED_CHARS]
    space = cut.rfind(" ", MAX_ANALYSED_CHARS - 100)
    return (cut[:space] if space > 0 else cut), True


@functools.lru_cache(maxsize=4096)
def fold(word: str) -> str:
    """Lower case without diacritics ("Één" -> "een", "crème" -> "creme")."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The folded words of ``text`` (letters and digits; apostrophes inside a word kept as "'")."""
    return [fold(w).replace("’", "'") for w in _WORD_RE.findall(text)]


def classifier_view(text: str) -> str:
    """What the classifier reads: folded, tags/URLs/emails replaced by a placeholder word, every
    digit run as "0" (numbers say nothing about intent), runs of one letter squeezed to two."""
    text = _TAG_RE.sub(" ", text)
    text = _URL_RE.sub(" url ", text)
    text = _EMAIL_RE.sub(" email ", text)
    text = fold(text)
    text = _DIGITS_RE.sub("0", text)
    text = _REPEAT_RE.sub(r"\1\1", text)
    return _SPACE_RE.sub(" ", text).strip()


def plain_view(text: str) -> str:
    """Lower-case text without tags, URLs and email addresses: what the language detector reads
    (a URL's letters say nothing about the shopper's language)."""
    text = _URL_RE.sub(" ", _TAG_RE.sub(" ", text))
    return _SPACE_RE.sub(" ", _EMAIL_RE.sub(" ", text)).strip().lower()


def text_normalise(text: str) -> str:
    """A key for near-duplicate checks: folded words and symbols (emoji) only, numbers as "0",
    runs of one character squeezed to two."""
    squeezed = _REPEAT_RE.sub(r"\1\1", _DIGITS_RE.sub("0", text))
    symbols = [c for c in squeezed if unicodedata.category(c) == "So"]
    return " ".join([*words(squeezed), *symbols])


@functools.cache
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer("dutch" if language == "nl" else "english")


def stem(word: str, language: str) -> str:
    """The Snowball stem of a folded ``word`` in ``language`` ("en" or "nl")."""
    return str(_stemmer(language).stemWord(word))


def stems_both(word: str) -> tuple[str, str]:
    """The English and the Dutch stem of a folded word."""
    return stem(word, "en"), stem(word, "nl")
