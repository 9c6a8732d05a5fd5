"""A store's in-memory BM25 index over its published chunks (read side of search).

Built from ``Chunk.terms`` (computed once at indexing time), so building never re-analyses
text, and ranking runs in Python/numpy — the same results on SQLite and PostgreSQL.

**Freshness.** Each process caches one index per store, labelled with the store's
``SearchIndexState.version`` (bumped in the same transaction as every chunk rewrite): each
search reads that one row, and when it moved, the index is brought up to date before the
search runs. The database is the only source of truth, so processes need not hear of each
other's changes; what changed is found in the rows themselves:

- chunks written since the index last read them: ids above the highest it saw (its
  ``watermark``). A store's chunk writers take turns on the state row before they insert
  (``knowledge.indexing.article_reindex``), so ids grow in commit order and none is missed;
- articles published, unpublished, published at another version or deleted: the store's
  (article, published version) pairs against the ones the index holds (``articles``).

Only those articles' chunks are read again, and ``StoreIndex.changed`` swaps their rows in
(``knowledge.search_postings``): document frequencies, lengths and the average length move
with them, so the result is the index a full build gives, row for row and score for score.
When more than ``UPDATE_MAX_SHARE`` of the articles changed (a re-index of the whole store),
or the database's version is behind the index's: a full build.

**Threads.** An index is never modified once other threads can see it (only its caches of
per-term rows fill in): an update builds a new one, sharing the arrays of untouched terms,
and swaps it into the cache under a lock, so a search in another thread (Channels runs sync
code in threads) uses the old index or the new one, never half of each. A per-store lock
keeps two threads from building or updating the same index at once.
"""

from __future__ import annotations

import dataclasses
import math
import threading
from collections import OrderedDict
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
import numpy.typing as npt
from django.db import connections, router
from django.db.models import F, Max

from core.models import Store
from knowledge.analysis import QueryAnalysis, Vocabulary
from knowledge.models import Article, ArticleVersion, Chunk, SearchIndexState
from knowledge.search_postings import K1, ChunkTerms, FloatArray, IntArray, Postings, Splice
from knowledge.search_postings import row_key as _row_key
from knowledge.search_vocabulary import Words

# Added per query term found in the chunk's section headings / article title, in units of the
# term's idf (a heading match counts like one more, well-placed occurrence). Headings 1.5: on
# the development questions (bench/kb_eval.py) top-1 0.900 -> 0.911 and MRR@5 0.926 -> 0.932
# against 1.2; 2.5 and more lose.
HEADING_BOOST = 1.5
TITLE_BOOST = 1.0
MAX_CACHED_STORES = 64
UNKNOWN_WORD_WEIGHT = 0.5
#: An update re-reads the changed articles while they are at most this share of the store's
#: articles (at least ``UPDATE_MIN_ARTICLES``, at most ``UPDATE_MAX_ARTICLES``); past that a
#: full build costs about the same.
UPDATE_MAX_SHARE = 0.25
UPDATE_MIN_ARTICLES = 16
UPDATE_MAX_ARTICLES = 500


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


#: Concepts that name a place (countries, cities): a question naming one is about that place.
PLACE_CONCEPT_PREFIXES = ("~country_", "~city_")


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
    #: Per chunk, when the question names a place (a ``~country_*`` or ``~city_*`` concept):
    #: how well it matches the named place(s) (1: the place, or the country of a named city;
    #: less through a compound part or typo; 0: not at all); None when no place is named.
    place_credit: FloatArray | None = None


#: One chunk row as read: its sort key, what search shows of it, its terms.
_Row = tuple[int, IndexedChunk, ChunkTerms]


@dataclass
class StoreIndex:
    version: int
    #: In (article id, position) order; the rows of every array below.
    chunks: list[IndexedChunk]
    languages: npt.NDArray[np.str_]
    #: Each row's chunk id (for the dense matrix, ``knowledge.dense``).
    chunk_ids: IntArray
    postings: Postings
    #: Article id -> the version whose chunks the index holds (or, for a published article
    #: without chunks yet, its published version): what the next update compares against.
    articles: dict[int, int]
    #: The highest id among the store's chunks when the index read them.
    watermark: int
    #: "full" (read every row) or "update" (changed from the previous version's index).
    built: str = "full"
    _words: Words | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _text_rows: dict[str, tuple[IntArray, FloatArray]] = field(default_factory=dict, repr=False)
    _heading_rows: dict[str, IntArray] = field(default_factory=dict, repr=False)
    _title_rows: dict[str, IntArray] = field(default_factory=dict, repr=False)

    @property
    def size(self) -> int:
        return len(self.chunks)

    @property
    def document_frequency(self) -> dict[str, int]:
        return self.postings.document_frequency

    @cached_property
    def terms(self) -> frozenset[str]:
        return frozenset(self.postings.document_frequency)

    @cached_property
    def _norm(self) -> FloatArray:
        return self.postings.norm()

    def idf(self, term: str) -> float:
        """BM25 idf; a chunk "has" a term in its text, headings or article title."""
        df = self.postings.document_frequency.get(term, 0)
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    @property
    def vocabulary(self) -> Vocabulary:
        """The store's words (for compounds and typos)."""
        return self.words.vocabulary

    @property
    def words(self) -> Words:
        with self._lock:
            if self._words is None:
                self._words = Words.build((c.text for c in self.chunks), terms=self.terms)
            return self._words

    @classmethod
    def from_rows(
        cls, *, version: int, rows: list[_Row], articles: dict[int, int], watermark: int
    ) -> StoreIndex:
        chunks = [chunk for _, chunk, _ in rows]
        return cls(
            version=version,
            chunks=chunks,
            languages=np.array([c.language for c in chunks], dtype="<U5"),
            chunk_ids=np.array([c.chunk_id for c in chunks], dtype=np.int64),
            postings=Postings.build([(key, terms) for key, _, terms in rows]),
            articles=_articles_held(articles, rows),
            watermark=watermark,
        )

    def changed(
        self,
        *,
        version: int,
        article_ids: Collection[int],
        rows: list[_Row],
        articles: dict[int, int],
        watermark: int,
    ) -> StoreIndex:
        """A new index: this one with the rows of the articles ``article_ids`` replaced by
        ``rows`` (their chunks now, in key order; ``articles``: the store's published
        versions). This one is left as it is."""
        order = sorted(article_ids)
        if not order:
            # Nothing this index holds changed: the same data under the new version.
            return dataclasses.replace(
                self, version=version, watermark=max(self.watermark, watermark), built="update"
            )
        splice = Splice.of(self.postings.keys, order)
        blocks: dict[int, list[_Row]] = {article_id: [] for article_id in order}
        for row in rows:
            blocks[row[1].article_id].append(row)
        grouped = [blocks[article_id] for article_id in order]
        postings = self.postings.replace(
            splice=splice,
            articles=order,
            blocks=[[(key, terms) for key, _, terms in block] for block in grouped],
        )
        words = self._words
        if words is not None:
            removed = splice.rows()
            touched = {t for row in removed for t in self.postings.rows[row].counted()}
            touched.update(t for _, _, terms in rows for t in terms.counted())
            words = words.changed(
                removed=[self.chunks[row].text for row in removed],
                added=[chunk.text for _, chunk, _ in rows],
                terms=postings.document_frequency,
                touched_terms=touched,
            )
        held = dict(self.articles)
        for article_id in order:
            held.pop(article_id, None)
            if article_id in articles:
                held[article_id] = articles[article_id]
        for _, chunk, _ in rows:
            held[chunk.article_id] = chunk.article_version
        return StoreIndex(
            version=version,
            chunks=splice.apply_list(self.chunks, [[c for _, c, _ in b] for b in grouped]),
            languages=splice.apply_array(
                self.languages,
                [np.array([c.language for _, c, _ in b], dtype="<U5") for b in grouped],
            ),
            chunk_ids=splice.apply_array(
                self.chunk_ids,
                [np.array([c.chunk_id for _, c, _ in b], dtype=np.int64) for b in grouped],
            ),
            postings=postings,
            articles=held,
            watermark=max(self.watermark, watermark),
            built="update",
            _words=words,
        )

    def _text(self, term: str) -> tuple[IntArray, FloatArray] | None:
        """The term's rows and BM25 term-frequency parts (length normalisation included)."""
        found = self._text_rows.get(term)
        if found is None:
            posting = self.postings.text.get(term)
            if posting is None:
                return None
            keys, tf = posting
            rows = np.searchsorted(self.postings.keys, keys)
            found = (rows, tf * (K1 + 1) / (tf + self._norm[rows]))
            self._text_rows[term] = found
        return found

    def _marked(self, term: str, *, title: bool) -> IntArray | None:
        cache, marks = (
            (self._title_rows, self.postings.titles)
            if title
            else (self._heading_rows, self.postings.headings)
        )
        rows = cache.get(term)
        if rows is None:
            keys = marks.get(term)
            if keys is None:
                return None
            rows = cache[term] = np.searchsorted(self.postings.keys, keys)
        return rows

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
        place: FloatArray | None = None
        for group in query.groups:
            credit = np.zeros(self.size)
            importance = 0.0
            for term, weight in group.terms:
                if term not in self.postings.document_frequency:
                    continue
                matched.add(term)
                idf = self.idf(term)
                importance = max(importance, idf)
                posting = self._text(term)
                if posting is not None:
                    rows, part = posting
                    bm25[rows] += weight * idf * part
                    np.maximum.at(credit, rows, weight)
                for title, boost in ((False, HEADING_BOOST), (True, TITLE_BOOST)):
                    boosted_rows = self._marked(term, title=title)
                    if boosted_rows is not None:
                        bm25[boosted_rows] += boost * weight * idf
                        np.maximum.at(credit, boosted_rows, weight)
            if any(term.startswith(PLACE_CONCEPT_PREFIXES) for term, _ in group.terms):
                place = credit if place is None else np.minimum(place, credit)
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
            place_credit=place,
        )


def _articles_held(published: dict[int, int], rows: list[_Row]) -> dict[int, int]:
    """Which version of each article the index holds: the one its chunks were cut from (read
    after the articles, so possibly newer), else the published one (no chunks yet)."""
    held = dict(published)
    for _, chunk, _ in rows:
        held[chunk.article_id] = chunk.article_version
    return held


def index_build(*, store: Store, version: int) -> StoreIndex:
    """The index of the store's published chunks (only chunks of the live version), read in
    full. Reads the watermark first and the chunks last, so whatever is written meanwhile
    is newer than what the index claims to hold and is found by the next update."""
    watermark = _watermark_read(store=store)
    articles = _published_read(store=store)
    rows = _rows_read(store=store, article_ids=None)
    index = StoreIndex.from_rows(version=version, rows=rows, articles=articles, watermark=watermark)
    # The vocabulary is built now rather than by the first question that needs it, so every
    # index updated from this one carries it along instead of building it again.
    index._words = Words.build((c.text for c in index.chunks), terms=index.terms)
    return index


def index_update(*, index: StoreIndex, store: Store, version: int) -> StoreIndex | None:
    """``index`` brought to ``version`` by reading only the articles that changed since it
    read its rows, or None when too many did (a full build is then about as cheap)."""
    fresh = list(
        Chunk.objects.filter(store=store, id__gt=index.watermark)
        .order_by()
        .values_list("id", "article_id")
    )
    articles = _published_read(store=store)
    held = index.articles
    changed = {article_id for _, article_id in fresh}
    changed.update([a for a, v in articles.items() if held.get(a) != v])
    changed.update(held.keys() - articles.keys())
    limit = int(len(articles) * UPDATE_MAX_SHARE)
    if len(changed) > max(UPDATE_MIN_ARTICLES, min(UPDATE_MAX_ARTICLES, limit)):
        return None
    rows = _rows_read(store=store, article_ids=changed) if changed else []
    return index.changed(
        version=version,
        article_ids=changed,
        rows=rows,
        articles=articles,
        watermark=max((chunk_id for chunk_id, _ in fresh), default=index.watermark),
    )


def _watermark_read(*, store: Store) -> int:
    return Chunk.objects.filter(store=store).aggregate(top=Max("id"))["top"] or 0


def _published_read(*, store: Store) -> dict[int, int]:
    """Article id -> published version, of the store's published articles."""
    alias = router.db_for_read(Article)
    # Read on every update, one row per article: the ORM's SQL, compiled once, fetched
    # without the ORM's per-row work (2.4 -> 0.9 ms for 2,000 articles on SQLite).
    with connections[alias].cursor() as cursor:
        cursor.execute(_published_sql(alias), [store.pk])
        return dict(cursor.fetchall())


@lru_cache(maxsize=4)
def _published_sql(alias: str) -> str:
    published = Article.objects.using(alias).filter(store_id=0, published_version__isnull=False)
    sql, params = (
        published.order_by().values_list("id", "published_version").query.sql_with_params()
    )
    if list(params) != [0]:
        raise RuntimeError(f"unexpected parameters for the published articles query: {params}")
    return sql


def _rows_read(*, store: Store, article_ids: Collection[int] | None) -> list[_Row]:
    """The live chunks (of each article's published version), of every article or of those
    given, in (article, position) order."""
    versions = ArticleVersion.objects.filter(store=store, article__published_version=F("version"))
    chunks = Chunk.objects.filter(store=store, article__published_version=F("article_version"))
    if article_ids is not None:
        versions = versions.filter(article_id__in=article_ids)
        chunks = chunks.filter(article_id__in=article_ids)
    titles = dict(versions.values_list("article_id", "title"))
    fields = ("id", "article_id", "article_version", "position", "heading_path", "text")
    rows: list[_Row] = []
    for chunk_id, article_id, version_no, position, path, text, language, terms in chunks.order_by(
        "article_id", "position"
    ).values_list(*fields, "language", "terms"):
        chunk = IndexedChunk(
            chunk_id,
            article_id,
            titles.get(article_id, ""),
            version_no,
            position,
            tuple(path),
            text,
            language,
        )
        rows.append((_row_key(article_id, position), chunk, ChunkTerms.from_stored(terms)))
    return rows


# Keyed by (store id, store creation time): a store id reused after a delete (SQLite reuses
# row ids) never meets the index of the store that had it before.
_CacheKey = tuple[int, str]
_cache: OrderedDict[_CacheKey, StoreIndex] = OrderedDict()
_cache_lock = threading.Lock()
_build_locks: dict[_CacheKey, threading.Lock] = {}


def _version_read(*, store: Store) -> int:
    return search_versions_read(store=store)[0]


def search_versions_read(*, store: Store) -> tuple[int, int]:
    """The store's index version and embeddings version, in one read (0, 0 before the first
    index): a search reads both once, for the word index and the dense matrix."""
    rows = list(
        SearchIndexState.objects.filter(store=store).values_list("version", "embeddings_version")[
            :1
        ]
    )
    return (rows[0][0], rows[0][1]) if rows else (0, 0)


def store_index_get(*, store: Store, version: int | None = None) -> StoreIndex:
    """The store's current index: cached while its index version stands, updated (or
    rebuilt) when not. ``version``: the index version the caller has just read (else it is
    read here)."""
    if version is None:
        version = _version_read(store=store)
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
        if cached is not None and cached.version > version:
            # Another thread took it further while this one waited: where is the store now?
            version = _version_read(store=store)
            if cached.version == version:
                return cached
        index = None
        if cached is not None and cached.version < version:
            index = index_update(index=cached, store=store, version=version)
        if index is None:
            index = index_build(store=store, version=version)
        with _cache_lock:
            _cache[key] = index
            _cache.move_to_end(key)
            while len(_cache) > MAX_CACHED_STORES:
                evicted, _ = _cache.popitem(last=False)
                _build_locks.pop(evicted, None)
        return index


def store_index_cache_clear() -> None:
    """Forget every store's index (tests and benchmarks; a process never needs to)."""
    with _cache_lock:
        _cache.clear()
        _build_locks.clear()
