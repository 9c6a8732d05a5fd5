"""A store's ``Vocabulary`` (the words that compounds split into and typos are corrected to),
kept so that a content change updates it instead of reading every passage again.

``Words.build(texts, terms=...)`` gives what ``Vocabulary.from_words`` gives for the words
of ``texts`` with ``extra_stems=terms``: the content's word counts (digits left out), the
base words at count 1 where the content lacks them, and the stems of the base words, of the
content's other words (English and Dutch) and the index terms. ``Words.changed`` gives the
same for the content after some passages left and others came, at the cost of those
passages: per stem it counts how many content words give it, so a stem leaves only with
its last word; the typo index (built by the vocabulary on its first correction) is carried
over with only the words that came or left. A test holds both equal to ``from_words``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Iterable
from dataclasses import dataclass
from functools import lru_cache

from knowledge.analysis import LANGUAGES, Vocabulary, _deletes_index, stem, words_fast


@dataclass(frozen=True)
class Words:
    #: How often each word (not all digits) occurs in the content.
    counts: Counter[str]
    #: Per stem of a content word outside the base vocabulary: how many such words give it.
    stem_sources: Counter[str]
    vocabulary: Vocabulary

    @classmethod
    def build(cls, texts: Iterable[str], *, terms: Iterable[str]) -> Words:
        counts = Counter(w for text in texts for w in words_fast(text) if not w.isdigit())
        base_words, _ = _base()
        sources = Counter(s for w in counts if w not in base_words for s in _stems(w))
        return cls(counts, sources, _vocabulary(counts, sources, terms, typo_index=None))

    def changed(
        self,
        *,
        removed: Iterable[str],
        added: Iterable[str],
        terms: Container[str],
        touched_terms: Iterable[str],
    ) -> Words:
        """The words after the passages ``removed`` left and ``added`` came (texts), with the
        index terms now ``terms``, of which only ``touched_terms`` may have come or gone."""
        delta: Counter[str] = Counter()
        for text in added:
            delta.update(w for w in words_fast(text) if not w.isdigit())
        for text in removed:
            delta.subtract(w for w in words_fast(text) if not w.isdigit())
        base_words, base_stems = _base()
        counts = Counter(self.counts)
        sources = Counter(self.stem_sources)
        words = Counter(self.vocabulary.words)
        came: list[str] = []
        went: list[str] = []
        stems_touched = set(touched_terms)
        for word, change in delta.items():
            if not change:
                continue
            before = counts.get(word, 0)
            after = before + change
            if after > 0:
                counts[word] = words[word] = after
            else:
                del counts[word]
                if word in base_words:
                    words[word] = 1
                else:
                    del words[word]
            if word in base_words or (before > 0) == (after > 0):
                continue
            (came if after > 0 else went).append(word)
            for s in _stems(word):
                stems_touched.add(s)
                sources[s] += 1 if after > 0 else -1
                if not sources[s]:
                    del sources[s]
        # Only the touched stems can have come or gone: patch a copy of the old set (copying
        # a set is ~10x faster than building it again).
        stems = set(self.vocabulary.stems)
        for s in stems_touched:
            if s in base_stems or s in sources or s in terms:
                stems.add(s)
            else:
                stems.discard(s)
        typo_index = self.vocabulary._deletes
        if typo_index is not None and (came or went):
            typo_index = _typo_index_changed(typo_index, came=came, went=went)
        vocabulary = Vocabulary(words=words, stems=stems, _deletes=typo_index)
        return Words(counts, sources, vocabulary)


@lru_cache(maxsize=1)
def _base() -> tuple[frozenset[str], frozenset[str]]:
    """The base vocabulary's words and stems (what an empty store's vocabulary holds)."""
    empty = Vocabulary.from_words(())
    return frozenset(empty.words), frozenset(empty.stems)


def _stems(word: str) -> set[str]:
    return {stem(word, language) for language in LANGUAGES}


def _vocabulary(
    counts: Counter[str],
    sources: Counter[str],
    terms: Iterable[str],
    *,
    typo_index: dict[str, list[str]] | None,
) -> Vocabulary:
    base_words, base_stems = _base()
    words = Counter(counts)
    for word in base_words:
        words.setdefault(word, 1)
    stems = set(base_stems)
    stems.update(sources)
    stems.update(terms)
    return Vocabulary(words=words, stems=stems, _deletes=typo_index)


def _typo_index_changed(
    index: dict[str, list[str]], *, came: list[str], went: list[str]
) -> dict[str, list[str]]:
    """A copy of the vocabulary's typo index (deletion variant -> words) without the words
    that went and with the words that came; lists are replaced, never changed in place."""
    out = dict(index)
    for word in went:
        for key in _deletes_index([word]):
            kept = [w for w in out.get(key, ()) if w != word]
            if kept:
                out[key] = kept
            else:
                out.pop(key, None)
    for word in came:
        for key in _deletes_index([word]):
            out[key] = [*out.get(key, ()), word]
    return out
