"""Language-aware text analysis for search: the same pipeline for the content and the question.

Pipeline (deterministic, no model, no network):

1. **Normalise**: Unicode NFKC, casefold, accents folded ("hygiëne" -> "hygiene").
2. **Tokenise** into letters/digits runs, keeping their offsets in the original text (for
   highlighting).
3. **Concepts**: policy words shoppers use map to shared ids across English and Dutch
   (``knowledge.lexicon.CONCEPTS``), written ``~id``: "send it back", "terugsturen" and
   "retourneren" all give ``~return``, so an English question finds Dutch content and back.
   Multi-word phrases match in order with up to three words in between.
4. **Stopwords** (small EN/NL lists) are dropped; the rest are **stemmed** with Snowball
   (PyStemmer ``english`` / ``dutch``). ``dutch`` rather than ``dutch_porter`` because it
   strips the participle prefix: "geretourneerd" and "retourneren" both stem to
   "retourneer" (``dutch_porter`` leaves "geretourneerd" whole).
5. **Dutch compounds** split when every part is a known word of the store's own content or of
   a small base vocabulary (``split_compound``): "annuleringskosten" -> annulering + kosten.
   The whole word's stem is kept too, so a wrong split only adds terms, never loses one.
6. **Typos** (questions only): a word of five letters or more that the store's content does
   not know (nor any of its other terms) also looks for the most frequent known word at edit
   distance 1, at a slightly lower weight (``Vocabulary.correct``).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

import Stemmer

from knowledge.lexicon import BASE_VOCABULARY_NL, CITY_COUNTRY, CONCEPTS, STOPWORDS, word_set

LANGUAGES = ("en", "nl")
_STEMMER_NAMES = {"en": "english", "nl": "dutch"}
_WORD = re.compile(r"[^\W_]+")
_KEEP = re.compile(r"[^a-z0-9]")

MIN_COMPOUND_LENGTH = 8
MIN_COMPOUND_PART = 4
# Filler nouns (stopwords: they say nothing about the topic) that may end a Dutch compound:
# "retour|beleid", "annulerings|beleid", "verzend|informatie". The split keeps the topic part;
# the filler adds no term.
COMPOUND_FILLER_TAILS = frozenset({"beleid", "regels", "info", "informatie"})
MIN_TYPO_LENGTH = 5
MAX_PHRASE_GAP = 3

# Query term weights relative to the stem of a word as written.
WEIGHT_STEM = 1.0
WEIGHT_CONCEPT = 1.0
WEIGHT_PHRASE_WORD = 0.5  # a word of a recognised phrase: the phrase's concept carries it
WEIGHT_IMPLIED = 0.5
# A city implies its country fully: a shopper "in Oslo" asks about shipping to Norway as much
# as about Oslo.
WEIGHT_CITY_COUNTRY = 1.0
# A question asking "how long" also looks for a stated period ("return window", "termijn");
# one naming a city also asks about its country ("a sofa to Toronto": shipping to Canada).
IMPLIED_CONCEPTS: dict[str, tuple[str, ...]] = {
    "duration": ("period", "time"),
    **{city: (country,) for city, country in CITY_COUNTRY.items()},
}
WEIGHT_COMPOUND_PART = 0.5
WEIGHT_TYPO = 0.8
WEIGHT_DERIVATION = 0.8  # same family, another part of speech (repareren ~ reparatie)
WEIGHT_OTHER_LANGUAGE = 0.8

CONCEPT_PREFIX = "~"


def fold(text: str) -> str:
    """NFKC, casefold, strip accents: the form every comparison uses."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Token:
    """A word as folded (``text``) and where it stands in the original string."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Words of ``text`` (letters/digits runs), folded, with offsets into ``text``."""
    tokens = []
    for match in _WORD.finditer(text):
        folded = _KEEP.sub("", fold(match.group()))
        if folded:
            tokens.append(Token(folded, match.start(), match.end()))
    return tokens


_NON_WORD = re.compile(r"[\W_]+")


def words_fast(text: str) -> list[str]:
    """The folded words of ``text`` without offsets: what ``tokenize`` gives as ``text``, in
    one pass over the whole string (for building vocabularies of large stores)."""
    spaced = _NON_WORD.sub(" ", text)
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", spaced).casefold())
    return folded.encode("ascii", "ignore").decode("ascii").split()


_local = threading.local()


#: Dutch words Snowball's stemmer cuts into another word's stem: "verzenden" (to ship) and
#: "verzending" became "vers" (fresh), "geldig" (valid) "geld" (money), "weekend" "week", so
#: "geld terug" found gift-card validity and "verse bloemen" found shipping. These forms keep
#: their own stem (compounds such as "verzendkosten" are split into parts first, so they need
#: no entry).
_DUTCH_STEMS: dict[str, str] = {
    **{f"verzend{end}": "verzend" for end in ("", "en", "t", "ing", "ingen", "er", "ers")},
    "verzonden": "verzend",
    **{f"{base}{end}": base for base in ("geldig", "ongeldig") for end in ("", "e", "heid")},
    # Nouns in -ing cut to another word: "korting" (discount) to "kort" (short), "spelling" to
    # "spel" (game).
    **dict.fromkeys(("korting", "kortingen"), "korting"),
    **dict.fromkeys(("spelling", "spellingen"), "spelling"),
    # "weekend" read as a participle in -end: it met "week" / "weken".
    **dict.fromkeys(("weekend", "weekenden", "weekends"), "weekend"),
    # A participle Snowball leaves apart from its verb.
    "verstuurd": "verstuur",
}


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """The Snowball stem of a folded word (digits are kept as they are; a few Dutch words
    Snowball conflates with unrelated ones keep their own stem)."""
    if word.isdigit():
        return word
    if language == "nl" and word in _DUTCH_STEMS:
        return _DUTCH_STEMS[word]
    stemmers: dict[str, Stemmer.Stemmer] | None = getattr(_local, "stemmers", None)
    if stemmers is None:
        # PyStemmer objects are not thread-safe: one per thread.
        stemmers = {lang: Stemmer.Stemmer(name) for lang, name in _STEMMER_NAMES.items()}
        _local.stemmers = stemmers
    return str(stemmers[language].stemWord(word))


def is_stopword(word: str, language: str) -> bool:
    return word in STOPWORDS[language] or (len(word) < 2 and not word.isdigit())


def other_language(language: str) -> str:
    return "nl" if language == "en" else "en"


# --- concepts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ConceptTable:
    single: dict[str, tuple[str, ...]]  # stem -> concept ids
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first stem -> (stems, id)


def _concept_table_build(language: str) -> _ConceptTable:
    single: dict[str, list[str]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for concept, per_language in CONCEPTS.items():
        for entry in per_language.get(language, ()):
            stems = tuple(stem(t.text, language) for t in tokenize(entry))
            if len(stems) == 1:
                single.setdefault(stems[0], [])
                if concept not in single[stems[0]]:
                    single[stems[0]].append(concept)
            elif stems:
                phrases.setdefault(stems[0], []).append((stems, concept))
    return _ConceptTable(
        single={k: tuple(v) for k, v in single.items()},
        phrases={k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in phrases.items()},
    )


@lru_cache(maxsize=2)
def _concept_table(language: str) -> _ConceptTable:
    return _concept_table_build(language)


def concept_words() -> frozenset[str]:
    """Every single folded word the concept lists name (a base vocabulary for typos)."""
    return frozenset(
        t.text
        for per_language in CONCEPTS.values()
        for entries in per_language.values()
        for entry in entries
        for t in tokenize(entry)
    )


def word_concepts(word: str) -> tuple[str, ...]:
    """Concept ids of one folded word, looked up in both languages' lists."""
    found: list[str] = []
    for language in LANGUAGES:
        for concept in _concept_table(language).single.get(stem(word, language), ()):
            if concept not in found:
                found.append(concept)
    return tuple(found)


def _phrase_matches(words: list[str]) -> list[tuple[str, tuple[int, ...]]]:
    """(concept, token indexes) for every phrase found in ``words`` (folded), both languages."""
    found: list[tuple[str, tuple[int, ...]]] = []
    used: set[int] = set()
    for language in LANGUAGES:
        table = _concept_table(language)
        stems = [stem(w, language) for w in words]
        for i, first in enumerate(stems):
            candidates = [
                (concept, indexes)
                for phrase, concept in table.phrases.get(first, ())
                if (indexes := _phrase_at(stems, i, phrase)) and not used.intersection(indexes)
            ]
            if candidates:
                # The tightest match wins ("pay later with" is "pay later", not "pay with"),
                # then the longest phrase.
                best = min(candidates, key=lambda c: (c[1][-1] - c[1][0] - len(c[1]), -len(c[1])))
                found.append(best)
                used.update(best[1])
    return found


def _phrase_at(stems: list[str], start: int, phrase: tuple[str, ...]) -> tuple[int, ...] | None:
    indexes = [start]
    position = start
    for part in phrase[1:]:
        window = stems[position + 1 : position + 2 + MAX_PHRASE_GAP]
        if part not in window:
            return None
        position = position + 1 + window.index(part)
        indexes.append(position)
    return tuple(indexes)


# --- vocabulary, compounds, typos -----------------------------------------------------------


class KnownWords(Protocol):
    def knows(self, word: str) -> bool: ...

    def correct(self, word: str) -> str | None: ...


@dataclass
class Vocabulary:
    """Known words (folded, with counts) and their stems: what compounds split into and what
    typos are corrected to. Built from a store's own content plus the base word lists."""

    words: Counter[str]
    stems: set[str] = field(default_factory=set)
    _deletes: dict[str, list[str]] | None = None

    @classmethod
    def from_words(cls, words: Iterable[str], *, extra_stems: Iterable[str] = ()) -> Vocabulary:
        counts: Counter[str] = Counter(w for w in words if not w.isdigit())
        base_words, base_stems = _base_vocabulary()
        stems = set(base_stems)
        stems.update(stem(w, lang) for w in counts if w not in base_words for lang in LANGUAGES)
        stems.update(extra_stems)
        for word in base_words:
            counts.setdefault(word, 1)
        return cls(words=counts, stems=stems)

    @classmethod
    def from_text(cls, text: str) -> Vocabulary:
        return cls.from_words(words_fast(text))

    def knows(self, word: str) -> bool:
        return word in self.words or any(stem(word, lang) in self.stems for lang in LANGUAGES)

    def correct(self, word: str) -> str | None:
        """The most frequent known word at edit distance 1 (insert, delete, substitute or swap
        two neighbours), for words of at least five letters that are not known themselves."""
        if len(word) < MIN_TYPO_LENGTH or word.isdigit() or word in self.words:
            return None
        if self._deletes is None:
            self._deletes = _deletes_index(self.words)
        candidates: set[str] = set()
        for key in (word, *_deletions(word)):
            candidates.update(self._deletes.get(key, ()))
        close = [c for c in candidates if osa_distance(word, c) == 1]
        if not close:
            return None
        return min(close, key=lambda c: (-self.words[c], c))


@lru_cache(maxsize=1)
def _base_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    words = frozenset((*BASE_VOCABULARY_NL, *concept_words()))
    return words, frozenset(stem(w, lang) for w in words for lang in LANGUAGES)


def _deletions(word: str) -> Iterator[str]:
    for i in range(len(word)):
        yield word[:i] + word[i + 1 :]


def _deletes_index(words: Iterable[str]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for word in words:
        if len(word) < MIN_TYPO_LENGTH - 1:
            continue
        for key in {word, *_deletions(word)}:
            index.setdefault(key, []).append(word)
    return index


def osa_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein plus swaps of neighbouring letters)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def split_compound(word: str, *, known: Callable[[str], bool]) -> tuple[str, ...] | None:
    """Split a long (Dutch) word into known parts, or None.

    A split needs every part of at least four letters, known, and no stopword — except a
    filler noun at the end (``COMPOUND_FILLER_TAILS``: "retour|beleid"); a linking "s" after a
    part is allowed ("annulerings|kosten"). Among splits, the one with the fewest parts wins,
    then the one whose shortest part is longest, then the longest head.
    """
    if len(word) < MIN_COMPOUND_LENGTH or not word.isalpha():
        return None
    best: tuple[str, ...] | None = None
    for i in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1):
        head = _compound_head(word[:i], known=known)
        if head is None:
            continue
        tail = word[i:]
        if _part_ok(tail, known=known) or tail in COMPOUND_FILLER_TAILS:
            candidate: tuple[str, ...] | None = (head, tail)
        else:
            rest = split_compound(tail, known=known)
            candidate = (head, *rest) if rest else None
        if candidate and (best is None or _split_rank(candidate) < _split_rank(best)):
            best = candidate
    return best


#: Dutch diminutive endings, in the order tried: "pakketje" is "pakket" + "je" (not "pak" +
#: "ketje"), "bloemetje" "bloem" + "etje", "truitje" "trui" + "tje", "boompje" "boom" + "pje".
_DIMINUTIVE_ENDINGS = ("je", "etje", "tje", "pje")


def diminutive_base(word: str, *, known: Callable[[str], bool]) -> str | None:
    """The word a Dutch diminutive is made of ("plantje" -> "plant", "truitje" -> "trui",
    "balletje" -> "bal"), when that word is known; None otherwise. Snowball's stemmer leaves
    diminutives whole, so "mijn pakketje" would not meet "pakket"."""
    for ending in _DIMINUTIVE_ENDINGS:
        if not word.endswith(ending) or len(word) - len(ending) < 3:
            continue
        base = word[: -len(ending)]
        candidates = [base]
        if len(base) > 3 and base[-1] == base[-2]:
            candidates.append(base[:-1])  # "balletje": "ball" -> "bal"
        for candidate in candidates:
            if known(candidate):
                return candidate
    return None


def _compound_head(head: str, *, known: Callable[[str], bool]) -> str | None:
    if head.endswith("s") and _part_ok(head[:-1], known=known):
        return head[:-1]
    return head if _part_ok(head, known=known) else None


def _part_ok(part: str, *, known: Callable[[str], bool]) -> bool:
    return (
        len(part) >= MIN_COMPOUND_PART
        and not any(part in STOPWORDS[lang] for lang in LANGUAGES)
        and known(part)
    )


def _split_rank(parts: tuple[str, ...]) -> tuple[int, int, int]:
    return (len(parts), -min(len(p) for p in parts), -len(parts[0]))


# --- documents ------------------------------------------------------------------------------


def analyze(text: str, *, language: str, vocabulary: Vocabulary | None = None) -> list[str]:
    """The search terms of a text in ``language`` ("en"/"nl"), in text order with repeats (term
    frequency counts): stems, compound parts' stems and ``~concept`` ids.

    ``vocabulary`` decides Dutch compound splits; by default the text's own words and the base
    lists (the indexer passes the whole article's vocabulary).
    """
    tokens = tokenize(text)
    if vocabulary is None and language == "nl":
        vocabulary = Vocabulary.from_words(t.text for t in tokens)
    words = [t.text for t in tokens]
    terms: list[str] = []
    phrases = _phrase_matches(words)
    phrase_at = {indexes[0]: concept for concept, indexes in phrases}
    in_phrase = {i for _, indexes in phrases for i in indexes}
    quantities = _quantity_concepts(text, tokens)
    for i, word in enumerate(words):
        if i in phrase_at:
            terms.append(CONCEPT_PREFIX + phrase_at[i])
        if i in quantities:
            terms.append(CONCEPT_PREFIX + quantities[i])
        terms.extend(
            _word_terms(word, language=language, vocabulary=vocabulary, concepts=i not in in_phrase)
        )
    return terms


_TIME_UNITS = word_set(
    """
    day days dag dagen werkdag werkdagen hour hours uur uren minute minutes minuut minuten week
    weeks weken month months maand maanden year years jaar jaren
    """
)
_TIME_UNIT_FILLERS = frozenset({"business", "working", "calendar", "full", "hele", "werk"})
_CURRENCY_WORDS = frozenset({"eur", "euro", "euros"})


def _quantity_concepts(text: str, tokens: list[Token]) -> dict[int, str]:
    """Numbers that state a time span ("30 days", "3 to 5 business days") -> "duration", or a
    money amount ("EUR 5", "€4,95") -> "amount"; keyed by the number's token index, so an
    "how long"/"how much" question finds passages that give one."""
    found: dict[int, str] = {}
    for i, token in enumerate(tokens):
        if not token.text.isdigit() or _is_decimal_part(text, token):
            continue
        following = [t.text for t in tokens[i + 1 : i + 3]]
        if (
            (i > 0 and tokens[i - 1].text in _CURRENCY_WORDS)
            or (following[:1] and following[0] in _CURRENCY_WORDS)
            or text[max(0, token.start - 2) : token.start].strip().endswith("€")
        ):
            found[i] = "amount"
        elif not _is_clock_time(text, token) and (
            following[:1]
            and (
                following[0] in _TIME_UNITS
                or (
                    following[0] in _TIME_UNIT_FILLERS
                    and len(following) == 2
                    and following[1] in _TIME_UNITS
                )
            )
        ):
            found[i] = "duration"
    return found


def _is_decimal_part(text: str, token: Token) -> bool:
    """The "95" of "4,95" or the "00" of "16:00"."""
    before = text[max(0, token.start - 2) : token.start]
    return len(before) == 2 and before[1] in ":.," and before[0].isdigit()


def _is_clock_time(text: str, token: Token) -> bool:
    """ "16:00", "9.00": a time of day, not an amount of anything."""
    before = text[max(0, token.start - 2) : token.start]
    after = text[token.end : token.end + 2]
    return (len(before) == 2 and before[1] in ":." and before[0].isdigit()) or (
        len(after) == 2 and after[0] in ":." and after[1].isdigit()
    )


#: Dutch derivations that name the same act: a verb in -eren and its nouns in -atie / -ering
#: (repareren, reparatie; annuleren, annulering; registreren, registratie) and adjectives in
#: -eerbaar. Longest suffix first; the root must keep at least ``DERIVATION_MIN_ROOT`` letters.
_NL_DERIVATION_SUFFIXES = (
    "eringen",
    "eerbare",
    "eerbaar",
    "aties",
    "ering",
    "eerden",
    "eerde",
    "eerd",
    "eert",
    "eren",
    "atie",
    "eer",
)
DERIVATION_MIN_ROOT = 4
DERIVATION_PREFIX = "="


def derivation_root(word: str, language: str) -> str | None:
    """The shared root term ("=repar") of a Dutch word in one of the -eren/-atie/-ering
    families, or None. Participles lose their "ge" ("gerepareerd")."""
    if language != "nl":
        return None
    for suffix in _NL_DERIVATION_SUFFIXES:
        if word.endswith(suffix):
            root = word[: -len(suffix)]
            if suffix.startswith("eerd") and root.startswith("ge"):
                root = root[2:]
            return DERIVATION_PREFIX + root if len(root) >= DERIVATION_MIN_ROOT else None
    return None


def _word_terms(
    word: str, *, language: str, vocabulary: Vocabulary | None, concepts: bool
) -> list[str]:
    if is_stopword(word, language):
        return []
    terms = [stem(word, language)]
    root = derivation_root(word, language)
    if root is not None:
        terms.append(root)
    concept_ids = list(word_concepts(word)) if concepts else []
    if language == "nl" and vocabulary is not None:
        for part in split_compound(word, known=vocabulary.knows) or ():
            if part in COMPOUND_FILLER_TAILS:
                continue
            part_stem = stem(part, language)
            if part_stem not in terms:
                terms.append(part_stem)
            concept_ids.extend(c for c in word_concepts(part) if c not in concept_ids)
    terms.extend(CONCEPT_PREFIX + c for c in dict.fromkeys(concept_ids))
    return terms


# --- questions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermGroup:
    """The terms one word (or one phrase) of a question stands for, with their weights. A
    passage covers the group when it contains any of them."""

    word: str
    terms: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class QueryAnalysis:
    language: str | None
    groups: tuple[TermGroup, ...]

    @property
    def weights(self) -> dict[str, float]:
        """Each distinct term with its highest weight in the question."""
        weights: dict[str, float] = {}
        for group in self.groups:
            for term, weight in group.terms:
                weights[term] = max(weight, weights.get(term, 0.0))
        return weights


def language_guess(text: str) -> str | None:
    """ "en" or "nl" from stopword counts; None when the words do not tell."""
    counts = dict.fromkeys(LANGUAGES, 0)
    for token in tokenize(text):
        for lang in LANGUAGES:
            if token.text in STOPWORDS[lang] and token.text not in STOPWORDS[other_language(lang)]:
                counts[lang] += 1
    if counts["en"] == counts["nl"]:
        return None
    return "en" if counts["en"] > counts["nl"] else "nl"


def query_analyze(
    text: str, *, language: str | None, vocabulary: KnownWords, index_terms: frozenset[str]
) -> QueryAnalysis:
    """The question's term groups, against a store's vocabulary and index terms.

    With ``language`` None the language is guessed; when the guess fails, words are stemmed
    for both languages. A word whose stem the index does not know is also tried with the other
    language's stemmer, split as a compound, and corrected for a typo.
    """
    language = language if language in LANGUAGES else language_guess(text)
    languages = (language,) if language else LANGUAGES
    words = [t.text for t in tokenize(text)]
    groups: list[TermGroup] = []
    in_phrase: set[int] = set()
    for concept, indexes in _phrase_matches(words):
        in_phrase.update(indexes)
        terms = [(CONCEPT_PREFIX + concept, WEIGHT_CONCEPT)]
        terms.extend(
            (CONCEPT_PREFIX + c, _implied_weight(concept))
            for c in IMPLIED_CONCEPTS.get(concept, ())
        )
        for i in indexes:
            terms.extend(
                (stem(words[i], lang), WEIGHT_PHRASE_WORD)
                for lang in languages
                if not is_stopword(words[i], lang)
            )
        groups.append(TermGroup(" ".join(words[i] for i in indexes), _dedupe(terms)))
    for i, word in enumerate(words):
        if i in in_phrase or all(is_stopword(word, lang) for lang in languages):
            continue
        terms = _query_word_terms(
            word, languages=languages, vocabulary=vocabulary, index_terms=index_terms
        )
        if terms:
            groups.append(TermGroup(word, _dedupe(terms)))
    return QueryAnalysis(language=language, groups=_merge_groups(groups))


def _query_word_terms(
    word: str, *, languages: tuple[str, ...], vocabulary: KnownWords, index_terms: frozenset[str]
) -> list[tuple[str, float]]:
    terms = [(stem(word, lang), WEIGHT_STEM) for lang in languages]
    terms.extend(
        (root, WEIGHT_DERIVATION)
        for root in (derivation_root(word, lang) for lang in languages)
        if root is not None
    )
    concepts = word_concepts(word)
    terms.extend((CONCEPT_PREFIX + c, WEIGHT_CONCEPT) for c in concepts)
    terms.extend(
        (CONCEPT_PREFIX + implied, _implied_weight(c))
        for c in concepts
        for implied in IMPLIED_CONCEPTS.get(c, ())
    )
    known = any(t in index_terms for t, _ in terms)
    if not known and len(languages) == 1:
        other = stem(word, other_language(languages[0]))
        if other in index_terms:
            terms.append((other, WEIGHT_OTHER_LANGUAGE))
    if not known and "nl" in languages:
        base = diminutive_base(word, known=vocabulary.knows)
        if base is not None:
            terms.append((stem(base, "nl"), WEIGHT_DERIVATION))
            terms.extend((CONCEPT_PREFIX + c, WEIGHT_DERIVATION) for c in word_concepts(base))
            word = base
            known = any(t in index_terms for t, _ in terms)
    if "nl" in languages or not known:
        for part in split_compound(word, known=vocabulary.knows) or ():
            if part in COMPOUND_FILLER_TAILS:
                continue
            terms.extend((stem(part, lang), WEIGHT_COMPOUND_PART) for lang in languages)
            terms.extend((CONCEPT_PREFIX + c, WEIGHT_COMPOUND_PART) for c in word_concepts(part))
    if not any(t in index_terms for t, _ in terms):
        fixed = vocabulary.correct(word)
        if fixed is not None:
            terms.extend((stem(fixed, lang), WEIGHT_TYPO) for lang in languages)
            terms.extend((CONCEPT_PREFIX + c, WEIGHT_TYPO) for c in word_concepts(fixed))
    return terms


def _implied_weight(concept: str) -> float:
    return WEIGHT_CITY_COUNTRY if concept in CITY_COUNTRY else WEIGHT_IMPLIED


def _dedupe(terms: list[tuple[str, float]]) -> tuple[tuple[str, float], ...]:
    best: dict[str, float] = {}
    for term, weight in terms:
        best[term] = max(weight, best.get(term, 0.0))
    return tuple(best.items())


def _merge_groups(groups: list[TermGroup]) -> tuple[TermGroup, ...]:
    """One group per distinct term set: "return ... returns" counts once for coverage."""
    seen: dict[frozenset[str], TermGroup] = {}
    for group in groups:
        seen.setdefault(frozenset(t for t, _ in group.terms), group)
    return tuple(seen.values())


def match_spans(
    text: str, *, language: str, terms: frozenset[str], vocabulary: Vocabulary | None = None
) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, matched terms) of each word of ``text`` (a passage in ``language``) whose
    own terms, or whose phrase's concept, are among ``terms`` — for highlighting."""
    tokens = tokenize(text)
    words = [t.text for t in tokens]
    found: dict[int, set[str]] = {}
    for concept, indexes in _phrase_matches(words):
        if CONCEPT_PREFIX + concept in terms:
            for i in indexes:
                found.setdefault(i, set()).add(CONCEPT_PREFIX + concept)
    for i, word in enumerate(words):
        own = terms.intersection(
            _word_terms(word, language=language, vocabulary=vocabulary, concepts=True)
        )
        if own:
            found.setdefault(i, set()).update(own)
    return [(tokens[i].start, tokens[i].end, frozenset(found[i])) for i in sorted(found)]
