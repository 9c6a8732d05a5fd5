"""Which of the shopper's line items a message names ("the blue sneakers", "de trui").

Each candidate (title + variant options) and the message become sets of features: a product
concept shared by English and Dutch (trui = sweater = jumper; schoenen = shoes = sneakers),
a colour, a size, or otherwise a word stem (the shorter of its English and Dutch Snowball
stems, so "blauwe"/"blue" and "truien"/"trui" meet). A candidate's score is the weight of the
message's item features it has, over the weight of all the message's item features; features
that fewer candidates share weigh more (an idf over the candidates), so "blue" decides between
two pairs of sneakers. Message words that no candidate has and that are not product, colour or
size words are ignored: they are the rest of the sentence, not a description of an item.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterable, Sequence
from typing import Final

from agent.nlu.datatypes import Colour, ItemCandidate, ItemMatch, Size
from agent.nlu.entities import entities_extract
from agent.nlu.lexicon import ITEM_STOPWORDS, PRODUCT_CONCEPTS, word_set
from agent.nlu.text import stems_both, words

_CONCEPT_FORMS: Final = {form: concept for concept, forms in PRODUCT_CONCEPTS.items()
                         for form in forms}  # fmt: skip
# Dutch compounds end in the product word ("hardloopschoenen", "winterjas").
_COMPOUND_TAILS: Final = sorted(
    (form for form in _CONCEPT_FORMS if len(form) >= 4 and " " not in form), key=len, reverse=True
)
_LETTER_SIZES: Final = word_set("xxs xs s m l xl xxl xxxl 2xl 3xl")
# A concept, colour or size in the message counts even when no candidate has it ("the jacket"
# when the order holds only shoes means: not these).
_DESCRIPTIVE_PREFIXES: Final = ("concept:", "colour:", "size:")


def _concept(token: str) -> str | None:
    if token in _CONCEPT_FORMS:
        return _CONCEPT_FORMS[token]
    for tail in _COMPOUND_TAILS:
        if token.endswith(tail) and len(token) > len(tail) + 2:
            return _CONCEPT_FORMS[tail]
    return None


def _word_features(tokens: Sequence[str]) -> dict[str, str]:
    """Feature -> the word that gave it, for product words and other content words."""
    features: dict[str, str] = {}
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(tokens)]
    for pair in pairs:
        if pair in _CONCEPT_FORMS:
            features.setdefault("concept:" + _CONCEPT_FORMS[pair], pair)
    for token in tokens:
        if token in ITEM_STOPWORDS or len(token) < 2 or token.isdigit():
            continue
        concept = _concept(token)
        if concept:
            features.setdefault("concept:" + concept, token)
        else:
            features.setdefault("word:" + min(stems_both(token), key=len), token)
    return features


def _text_features(text: str, sizes: Iterable[Size], colours: Iterable[Colour]) -> dict[str, str]:
    colour_words = set()
    features: dict[str, str] = {}
    for colour in colours:
        features.setdefault("colour:" + colour.value, colour.text)
        colour_words.update(colour.text.split())
    for size in sizes:
        features.setdefault("size:" + size.value.lower(), size.text)
    tokens = [t for t in words(text) if t not in colour_words]
    for feature, word in _word_features(tokens).items():
        features.setdefault(feature, word)
    return features


@functools.lru_cache(maxsize=4096)
def _candidate_features(candidate: ItemCandidate) -> frozenset[str]:
    description = " ".join((candidate.title, *candidate.options))
    found = entities_extract(description)
    features = set(_text_features(description, found.sizes, found.colours))
    for option in candidate.options:
        value = option.strip().lower()
        if value in _LETTER_SIZES or (value.replace(".", "").isdigit() and len(value) <= 4):
            features.add("size:" + value.replace(",", "."))
    return frozenset(features)


def items_match(
    text: str,
    candidates: Sequence[ItemCandidate],
    *,
    sizes: Iterable[Size] | None = None,
    colours: Iterable[Colour] | None = None,
) -> tuple[ItemMatch, ...]:
    """The candidates ``text`` names, best first (ties keep the candidates' order); empty when
    the message describes no item. Pass the message's ``sizes``/``colours`` when already
    extracted (``understand`` does); otherwise they are extracted here."""
    if not candidates:
        return ()
    if sizes is None or colours is None:
        found = entities_extract(text)
        sizes, colours = found.sizes, found.colours
    wanted = _text_features(text, sizes, colours)
    features = [_candidate_features(candidate) for candidate in candidates]
    frequency: dict[str, int] = {}
    for feature_set in features:
        for feature in feature_set:
            frequency[feature] = frequency.get(feature, 0) + 1
    # A product/colour/size no candidate has weighs like one only a single candidate has.
    weights = {
        feature: 1.0 + math.log(len(candidates) / frequency.get(feature, 1))
        for feature in wanted
        if feature in frequency or feature.startswith(_DESCRIPTIVE_PREFIXES)
    }  # fmt: skip
    total = sum(weights.values())
    if not total:
        return ()
    matches = []
    for candidate, feature_set in zip(candidates, features, strict=True):
        hit = [feature for feature in weights if feature in feature_set]
        if hit:
            score = sum(weights[feature] for feature in hit) / total
            matched = tuple(wanted[feature] for feature in hit)
            matches.append(ItemMatch(candidate.id, candidate.title, round(score, 3), matched))
    return tuple(sorted(matches, key=lambda m: -m.score))
