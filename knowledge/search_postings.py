"""The term statistics of a store's search index, built whole or changed an article at a time.

Pure data (no queries): ``knowledge.search_index`` reads chunk rows and keeps one ``Postings``
per index version; an update derives the next version's postings from the last one, so a
content change costs the changed articles' terms, not the whole store's.

Rows are ordered by key ``article_id * KEY_SPAN + position`` — the (article, position) order
a full build reads them in — so an article's chunks form one block that a change replaces in
place, and a changed index has the same rows in the same order as a fresh build (ties in the
ranking break the same way). Per term, postings hold row *keys* and raw term frequencies;
the BM25 parts, which depend on every row's length through the average length, are computed
per index when a term is first scored (``StoreIndex``).

Exactness: document frequencies, lengths and their total are integers, and the average
length is ``total / rows`` as in a fresh build, so a changed index scores bit for bit like a
fresh one. An instance is never modified: ``replace`` returns a new one sharing the arrays of
the terms the change did not touch, so a search holding the old one is unaffected.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from knowledge.indexing import HEADING_PREFIX, TITLE_PREFIX

K1 = 1.2
B = 0.75
#: Positions per article in a row key (an article has a few dozen chunks at most).
KEY_SPAN = 1 << 24
MAX_ARTICLE_ID = (1 << 62) // KEY_SPAN
#: Up to this many changed articles, a term's postings are cut and joined piece by piece;
#: past it, one mask over the whole posting costs less.
PIECEWISE_MAX = 16

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
T = TypeVar("T")

_NO_KEYS: IntArray = np.zeros(0, dtype=np.int64)
_NO_FREQUENCIES: FloatArray = np.zeros(0, dtype=np.float64)


def row_key(article_id: int, position: int) -> int:
    """The sort key of a chunk: (article, position) as one integer."""
    if not (0 <= position < KEY_SPAN and 0 <= article_id < MAX_ARTICLE_ID):
        raise ValueError(f"chunk {article_id}/{position} is outside the index's key range")
    return article_id * KEY_SPAN + position


@dataclass(frozen=True, slots=True)
class ChunkTerms:
    """A chunk's terms as the index counts them (``Chunk.terms``, see ``knowledge.indexing``):
    text and section-heading terms with their counts (``bag``, whose total is the chunk's
    length), the distinct section-heading terms (boosted) and the distinct title terms
    (boosted and counted in document frequency, not in the text)."""

    bag: dict[str, int]
    headings: tuple[str, ...]
    titles: tuple[str, ...]
    length: int

    @classmethod
    def from_stored(cls, terms: Iterable[str]) -> ChunkTerms:
        bag: Counter[str] = Counter()
        headings: dict[str, None] = {}
        titles: dict[str, None] = {}
        for term in terms:
            if term[:1] == TITLE_PREFIX:
                titles[term[1:]] = None
                continue
            if term[:1] == HEADING_PREFIX:
                term = term[1:]
                headings[term] = None
            bag[term] += 1
        return cls(dict(bag), tuple(headings), tuple(titles), sum(bag.values()))

    def counted(self) -> set[str]:
        """The terms this chunk counts for in document frequency."""
        return {*self.bag, *self.titles}


@dataclass(frozen=True)
class Splice:
    """Where the row blocks of some articles (ascending ids) start and end among sorted row
    keys: what a change of those articles replaces (an empty block where one is new)."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, keys: IntArray, articles: Sequence[int]) -> Splice:
        ids = np.asarray(articles, dtype=np.int64)
        starts = np.searchsorted(keys, ids * KEY_SPAN)
        ends = np.searchsorted(keys, (ids + 1) * KEY_SPAN)
        return cls(tuple(starts.tolist()), tuple(ends.tolist()))

    def rows(self) -> list[int]:
        """The rows being replaced."""
        return [row for lo, hi in zip(self.starts, self.ends, strict=True) for row in range(lo, hi)]

    def apply_list(self, old: Sequence[T], blocks: Sequence[Sequence[T]]) -> list[T]:
        """``old`` with each article's block replaced by its new block (same article order)."""
        out: list[T] = []
        cursor = 0
        for lo, hi, block in zip(self.starts, self.ends, blocks, strict=True):
            out.extend(old[cursor:lo])
            out.extend(block)
            cursor = hi
        out.extend(old[cursor:])
        return out

    def apply_array(self, old: np.ndarray, blocks: Sequence[np.ndarray]) -> np.ndarray:
        pieces: list[np.ndarray] = []
        cursor = 0
        for lo, hi, block in zip(self.starts, self.ends, blocks, strict=True):
            pieces.extend((old[cursor:lo], block))
            cursor = hi
        pieces.append(old[cursor:])
        return np.concatenate(pieces)


@dataclass(frozen=True)
class _Additions:
    """New rows' entries per term, in key order."""

    text: dict[str, tuple[list[int], list[int]]]
    headings: dict[str, list[int]]
    titles: dict[str, list[int]]

    @classmethod
    def of(cls, rows: Iterable[tuple[int, ChunkTerms]]) -> _Additions:
        text: dict[str, tuple[list[int], list[int]]] = {}
        headings: dict[str, list[int]] = {}
        titles: dict[str, list[int]] = {}
        for key, terms in rows:
            for term, tf in terms.bag.items():
                keys, frequencies = text.setdefault(term, ([], []))
                keys.append(key)
                frequencies.append(tf)
            for term in terms.headings:
                headings.setdefault(term, []).append(key)
            for term in terms.titles:
                titles.setdefault(term, []).append(key)
        return cls(text, headings, titles)


@dataclass(frozen=True)
class Postings:
    """Per row (ascending keys): its key, terms and length; per term: the keys of the rows
    with it in their text (and how often), in their section headings, in their title; and
    in how many rows it counts (text or title)."""

    keys: IntArray
    rows: tuple[ChunkTerms, ...]
    lengths: IntArray
    text: dict[str, tuple[IntArray, FloatArray]]
    headings: dict[str, IntArray]
    titles: dict[str, IntArray]
    document_frequency: dict[str, int]
    total_length: int

    @property
    def size(self) -> int:
        return len(self.rows)

    def norm(self) -> FloatArray:
        """Per row, BM25's length normalisation ``k1 * (1 - b + b * length / average)``."""
        # No text at all: no postings use the norm (and a build must not divide by zero).
        average = self.total_length / self.size if self.total_length else 1.0
        norm = K1 * ((1 - B) + B * self.lengths / average)
        return norm.astype(np.float64, copy=False)

    @classmethod
    def build(cls, rows: Sequence[tuple[int, ChunkTerms]]) -> Postings:
        """The postings of ``rows`` (key, terms), given in ascending key order."""
        keys = np.fromiter((key for key, _ in rows), dtype=np.int64, count=len(rows))
        if keys.size > 1 and not bool(np.all(keys[1:] > keys[:-1])):
            raise ValueError("rows must come in ascending key order, each key once")
        added = _Additions.of(rows)
        frequency: Counter[str] = Counter()
        for _, terms in rows:
            frequency.update(terms.counted())
        lengths = np.fromiter((t.length for _, t in rows), dtype=np.int64, count=len(rows))
        return cls(
            keys=keys,
            rows=tuple(terms for _, terms in rows),
            lengths=lengths,
            text={
                term: (np.array(k, dtype=np.int64), np.array(f, dtype=np.float64))
                for term, (k, f) in added.text.items()
            },
            headings={t: np.array(k, dtype=np.int64) for t, k in added.headings.items()},
            titles={t: np.array(k, dtype=np.int64) for t, k in added.titles.items()},
            document_frequency=dict(frequency),
            total_length=int(lengths.sum()),
        )

    def replace(
        self,
        *,
        splice: Splice,
        articles: Sequence[int],
        blocks: Sequence[Sequence[tuple[int, ChunkTerms]]],
    ) -> Postings:
        """These postings with the rows of ``articles`` (ascending ids; ``splice`` made from
        this instance's keys and them) replaced by ``blocks``: per article, its new rows
        (key, terms) in key order, possibly none."""
        cut = _Cut.of(articles)
        removed = [self.rows[row] for row in splice.rows()]
        new_rows = [row for block in blocks for row in block]
        added = _Additions.of(new_rows)
        text = dict(self.text)
        for term in {t for terms in removed for t in terms.bag} | added.text.keys():
            keys, frequencies = self.text.get(term, (_NO_KEYS, _NO_FREQUENCIES))
            new_keys, new_frequencies = added.text.get(term, ([], []))
            merged_keys, merged = cut.merged(
                keys,
                np.array(new_keys, dtype=np.int64),
                frequencies,
                np.array(new_frequencies, dtype=np.float64),
            )
            if merged_keys.size:
                text[term] = (merged_keys, merged)
            else:
                del text[term]
        removed_headings = {t for r in removed for t in r.headings}
        removed_titles = {t for r in removed for t in r.titles}
        blocks_keys = [np.array([k for k, _ in b], dtype=np.int64) for b in blocks]
        blocks_lengths = [np.array([t.length for _, t in b], dtype=np.int64) for b in blocks]
        return Postings(
            keys=splice.apply_array(self.keys, blocks_keys),
            rows=tuple(splice.apply_list(self.rows, [[t for _, t in b] for b in blocks])),
            lengths=splice.apply_array(self.lengths, blocks_lengths),
            text=text,
            headings=cut.marks_merged(self.headings, added.headings, removed_headings),
            titles=cut.marks_merged(self.titles, added.titles, removed_titles),
            document_frequency=_frequency_changed(
                self.document_frequency, removed, [t for _, t in new_rows]
            ),
            total_length=self.total_length
            - sum(t.length for t in removed)
            + sum(t.length for _, t in new_rows),
        )


@dataclass(frozen=True)
class _Cut:
    """The key ranges of the changed articles, ``[id * KEY_SPAN, (id + 1) * KEY_SPAN)`` each,
    as one ascending array of bounds (start, end, start, end, ...)."""

    articles: IntArray
    bounds: IntArray

    @classmethod
    def of(cls, articles: Sequence[int]) -> _Cut:
        ids = np.asarray(articles, dtype=np.int64)
        return cls(ids, np.stack((ids * KEY_SPAN, (ids + 1) * KEY_SPAN), axis=1).ravel())

    def merged(
        self, keys: IntArray, new_keys: IntArray, values: FloatArray, new_values: FloatArray
    ) -> tuple[IntArray, FloatArray]:
        """``keys`` (and ``values`` alongside) without the changed articles' entries and with
        ``new_keys`` (ascending, all of changed articles) in their place."""
        with_values = bool(values.size or new_values.size)
        if len(self.articles) > PIECEWISE_MAX:
            kept = ~np.isin(keys // KEY_SPAN, self.articles)
            kept_keys = keys[kept]
            at = np.searchsorted(kept_keys, new_keys)
            merged_values = (
                np.insert(values[kept], at, new_values) if with_values else _NO_FREQUENCIES
            )
            return np.insert(kept_keys, at, new_keys), merged_values
        if len(self.articles) == 1:
            # The usual change (one article): its block, whatever it held, becomes the new one.
            lo, hi = keys.searchsorted(self.bounds).tolist()
            merged_keys = np.concatenate((keys[:lo], new_keys, keys[hi:]))
            if not with_values:
                return merged_keys, _NO_FREQUENCIES
            return merged_keys, np.concatenate((values[:lo], new_values, values[hi:]))
        cuts = np.searchsorted(keys, self.bounds).tolist()
        new_cuts = np.searchsorted(new_keys, self.bounds).tolist()
        key_pieces: list[IntArray] = []
        value_pieces: list[FloatArray] = []
        previous = 0
        for start in range(0, len(cuts), 2):
            end = start + 1
            key_pieces += (keys[previous : cuts[start]], new_keys[new_cuts[start] : new_cuts[end]])
            if with_values:
                new_part = new_values[new_cuts[start] : new_cuts[end]]
                value_pieces += (values[previous : cuts[start]], new_part)
            previous = cuts[end]
        key_pieces.append(keys[previous:])
        value_pieces.append(values[previous:])
        return np.concatenate(key_pieces), np.concatenate(value_pieces)

    def marks_merged(
        self, marks: dict[str, IntArray], added: dict[str, list[int]], removed_terms: set[str]
    ) -> dict[str, IntArray]:
        out = dict(marks)
        for term in removed_terms | added.keys():
            keys, _ = self.merged(
                marks.get(term, _NO_KEYS),
                np.array(added.get(term, []), dtype=np.int64),
                _NO_FREQUENCIES,
                _NO_FREQUENCIES,
            )
            if keys.size:
                out[term] = keys
            else:
                del out[term]
        return out


def _frequency_changed(
    frequency: dict[str, int], removed: Iterable[ChunkTerms], added: Iterable[ChunkTerms]
) -> dict[str, int]:
    out = dict(frequency)
    for terms in removed:
        for term in terms.counted():
            left = out[term] - 1
            if left:
                out[term] = left
            else:
                del out[term]
    for terms in added:
        for term in terms.counted():
            out[term] = out.get(term, 0) + 1
    return out
