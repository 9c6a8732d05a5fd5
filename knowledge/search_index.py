"""A store's in-memory BM25 index over its published chunks (read side of search).

Built from ``Chunk.terms`` (computed once at indexing time), so building never re-analyses
text, and ranking runs in Python/numpy — the same results on SQLite and PostgreSQL.

Each process caches one index per store, keyed by the store's ``SearchIndexState.version``
(bumped in the same transaction as every chunk rewrite): each search reads that one row and
rebuilds the index lazily when it moved. Safe across processes (no shared memory), and within
a process a lock keeps two threads from building the same index twice.
"""

from __future__ import annotations

import math
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt
from django.db.models import F

from core.models import Store
from knowledge.analysis import QueryAnalysis, Vocabulary, words_fast
from knowledge.indexing import HEADING_PREFIX, TITLE_PREFIX
from knowledge.models import ArticleVersion, Chunk, SearchIndexState

K1 = 1.2
B = 0.75
# Added per query term found in the chunk's section headings / article title, in units of the
# term's idf (a heading match counts like one more, well-placed occurrence).
HEADING_BOOST = 1.2
TITLE_BOOST = 1.0
MAX_CACHED_STORES = 64
UNKNOWN_WORD_WEIGHT = 0.5

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int32]


@dataclass(frozen=True)
class IndexedChunk:
    chunk_id: int
    article_id: int
    article_title: str
    article_version: int
    position: int
    heading_path: tuple[str, ...]
    text: str
    language: str


@dataclass(frozen=True)
class Scores:
    """Per chunk (same order as ``StoreIndex.chunks``): BM25 score with heading boosts, and
    coverage — the share of the question's words (weighted by how rare they are) the chunk
    contains, 0..1."""

    bm25: FloatArray
    coverage: FloatArray
    matched_terms: frozenset[str]
    #: How much each of the question's term groups weighs (its rarest known term's idf).
    group_importance: tuple[float, ...]
    #: Per group: whether the store's content uses any of its terms at all.
    group_known: tuple[bool, ...] = ()


@dataclass
class StoreIndex:
    version: int
    chunks: list[IndexedChunk]
    languages: npt.NDArray[np.str_]
    postings: dict[str, tuple[IntArray, FloatArray]]
    headings: dict[str, IntArray]
    titles: dict[str, IntArray]
    document_frequency: dict[str, int]
    _vocabulary: Vocabulary | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def size(self) -> int:
        return len(self.chunks)

    @cached_property
    def terms(self) -> frozenset[str]:
        return frozenset(self.document_frequency)

    def idf(self, term: str) -> float:
        """BM25 idf; a chunk "has" a term in its text, headings or article title."""
        df = self.document_frequency.get(term, 0)
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    @property
    def vocabulary(self) -> Vocabulary:
        """The store's words (for compounds and typos), built on first use."""
        with self._lock:
            if self._vocabulary is None:
                words = (w for chunk in self.chunks for w in words_fast(chunk.text))
                self._vocabulary = Vocabulary.from_words(words, extra_stems=self.terms)
            return self._vocabulary

    def score(self, query: QueryAnalysis) -> Scores:
        bm25 = np.zeros(self.size)
        coverage = np.zeros(self.size)
        total = 0.0
        matched: set[str] = set()
        importances: list[float] = []
        known: list[bool] = []
        # A word the content never uses: weighs as a fairly rare word (not the rarest, so one
        # product name the policies do not mention does not outweigh the policy words).
        unknown_weight = UNKNOWN_WORD_WEIGHT * self.idf("")
        for group in query.groups:
            credit = np.zeros(self.size)
            importance = 0.0
            for term, weight in group.terms:
                if term not in self.document_frequency:
                    continue
                matched.add(term)
                idf = self.idf(term)
                importance = max(importance, idf)
                posting = self.postings.get(term)
                if posting is not None:
                    rows, part = posting
                    bm25[rows] += weight * idf * part
                    np.maximum.at(credit, rows, weight)
                for boosted, boost in ((self.headings, HEADING_BOOST), (self.titles, TITLE_BOOST)):
                    boosted_rows = boosted.get(term)
                    if boosted_rows is not None:
                        bm25[boosted_rows] += boost * weight * idf
                        np.maximum.at(credit, boosted_rows, weight)
            known.append(importance > 0)
            importance = importance or unknown_weight
            importances.append(importance)
            coverage += importance * credit
            total += importance
        if total:
            coverage /= total
        return Scores(
            bm25=bm25,
            coverage=coverage,
            matched_terms=frozenset(matched),
            group_importance=tuple(importances),
            group_known=tuple(known),
        )


def index_build(*, store: Store, version: int) -> StoreIndex:
    """The index of the store's published chunks (only chunks of the live version)."""
    titles = dict(
        ArticleVersion.objects.filter(
            store=store, article__published_version=F("version")
        ).values_list("article_id", "title")
    )
    rows = (
        Chunk.objects.filter(store=store, article__published_version=F("article_version"))
        .order_by("article_id", "position")
        .values_list(
            "id",
            "article_id",
            "article_version",
            "position",
            "heading_path",
            "text",
            "language",
            "terms",
        )
    )
    chunks: list[IndexedChunk] = []
    bags: list[Counter[str]] = []
    marked: dict[str, dict[str, list[int]]] = {HEADING_PREFIX: {}, TITLE_PREFIX: {}}
    for chunk_id, article_id, version_no, position, path, text, language, terms in rows:
        row = len(chunks)
        chunks.append(
            IndexedChunk(
                chunk_id,
                article_id,
                titles.get(article_id, ""),
                version_no,
                position,
                tuple(path),
                text,
                language,
            )
        )
        bag: Counter[str] = Counter()
        for term in terms:
            if term[:1] == TITLE_PREFIX:
                # The title is shared by every chunk of the article: a boost, not text.
                marked[TITLE_PREFIX].setdefault(term[1:], []).append(row)
                continue
            if term[:1] == HEADING_PREFIX:
                marked[HEADING_PREFIX].setdefault(term[1:], []).append(row)
                term = term[1:]
            bag[term] += 1
        bags.append(bag)
    return StoreIndex(
        version=version,
        chunks=chunks,
        languages=np.array([c.language for c in chunks], dtype="<U5"),
        postings=_postings(bags),
        headings=_rows(marked[HEADING_PREFIX]),
        titles=_rows(marked[TITLE_PREFIX]),
        document_frequency=_document_frequency(bags, marked[TITLE_PREFIX]),
    )


def _document_frequency(bags: list[Counter[str]], titles: dict[str, list[int]]) -> dict[str, int]:
    rows: dict[str, set[int]] = {}
    for row, bag in enumerate(bags):
        for term in bag:
            rows.setdefault(term, set()).add(row)
    for term, title_rows in titles.items():
        rows.setdefault(term, set()).update(title_rows)
    return {term: len(found) for term, found in rows.items()}


def _rows(marked: dict[str, list[int]]) -> dict[str, IntArray]:
    return {term: np.array(rows, dtype=np.int32) for term, rows in marked.items()}


def _postings(bags: list[Counter[str]]) -> dict[str, tuple[IntArray, FloatArray]]:
    """term -> (rows, BM25 term-frequency part), the length normalisation precomputed."""
    lengths = [sum(bag.values()) for bag in bags]
    average = (sum(lengths) / len(lengths)) if lengths else 1.0
    rows: dict[str, list[int]] = {}
    parts: dict[str, list[float]] = {}
    for row, bag in enumerate(bags):
        norm = K1 * (1 - B + B * lengths[row] / average)
        for term, tf in bag.items():
            rows.setdefault(term, []).append(row)
            parts.setdefault(term, []).append(tf * (K1 + 1) / (tf + norm))
    return {
        term: (np.array(rows[term], dtype=np.int32), np.array(parts[term], dtype=np.float64))
        for term in rows
    }


# Keyed by (store id, store creation time): a store id reused after a delete (SQLite reuses
# row ids) never meets the index of the store that had it before.
_CacheKey = tuple[int, str]
_cache: OrderedDict[_CacheKey, StoreIndex] = OrderedDict()
_cache_lock = threading.Lock()
_build_locks: dict[_CacheKey, threading.Lock] = {}


def store_index_get(*, store: Store) -> StoreIndex:
    """The store's current index: cached while its index version stands, rebuilt when not."""
    version = (
        SearchIndexState.objects.filter(store=store).values_list("version", flat=True).first() or 0
    )
    key = (store.pk, store.created_at.isoformat())
    with _cache_lock:
        cached = _cache.get(key)
        build_lock = _build_locks.setdefault(key, threading.Lock())
    if cached is not None and cached.version == version:
        return cached
    with build_lock:
        with _cache_lock:
            cached = _cache.get(key)
        if cached is not None and cached.version == version:
            return cached
        index = index_build(store=store, version=version)
        with _cache_lock:
            _cache[key] = index
            _cache.move_to_end(key)
            while len(_cache) > MAX_CACHED_STORES:
                evicted, _ = _cache.popitem(last=False)
                _build_locks.pop(evicted, None)
        return index
