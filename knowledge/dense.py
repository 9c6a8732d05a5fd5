"""Each process's dense matrix of a store's passage embeddings, aligned with its search index.

``dense_scores`` answers, for one question, the cosine similarity of every chunk of the
store's ``StoreIndex`` (same row order) — or None when embeddings are off or the store has
none yet (search is then lexical only). Chunks whose passage has no stored vector yet (just
published; the background job has not run) get NaN: search ranks them by words alone.

Freshness: ``SearchIndexState.embeddings_version``, read once per search together with the index
version (``knowledge.search_index.search_versions_read``); the
store's vectors are reloaded when it changed, and the matrix is rebuilt when the lexical
index object changed (a new version of the content) or the vectors did. Readers in several
threads see either the old or the new matrix, never a half-built one: a new matrix only
appends rows past the ones the old one reads (``_Matrix``), builds run one at a time, and the
new matrix is swapped in under a lock.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np

from core.models import Store
from knowledge.embeddings import (
    DIMENSIONS,
    embeddings_enabled,
    passage_key,
    passage_text,
    query_embed,
    vector_from_bytes,
)
from knowledge.models import PassageEmbedding
from knowledge.search_index import StoreIndex, search_versions_read


@dataclass(frozen=True)
class _Vectors:
    version: int
    by_key: dict[str, np.ndarray]
    #: The highest ``PassageEmbedding`` id loaded: a newer version loads only rows above it
    #: (vectors of passages no longer used stay until the store's vectors are dropped; they
    #: are never matched, since no chunk has their key).
    last_id: int = 0


@dataclass(frozen=True)
class _Matrix:
    """An index's vectors, as rows of a shared, append-only slot array.

    ``slots[:used]`` holds one vector per chunk that had one when it was added (chunk ids in
    ``slot_ids``); ``rows`` maps each of the index's rows to its slot (-1: no vector yet). The
    next version of the index reuses the array: its new chunks' vectors are appended past
    ``used`` (which readers of this matrix never look at), so a content change costs the few
    new rows, not a copy of the store's thousands (12 MB for 8,000 passages)."""

    index: StoreIndex
    version: int
    slots: np.ndarray
    used: int
    slot_ids: np.ndarray
    rows: np.ndarray

    def scores(self, query: np.ndarray) -> np.ndarray:
        """Cosine of ``query`` with every row of the index (NaN for rows without a vector)."""
        by_slot = self.slots[: self.used] @ query
        return np.where(self.rows >= 0, by_slot[np.maximum(self.rows, 0)], np.nan)

    @property
    def present(self) -> np.ndarray:
        return self.rows >= 0


#: The slot array is compacted when its slots outnumber twice the live rows or this many.
COMPACT_FLOOR = 64
#: Stores whose vectors a process keeps (least recently used dropped first).
MAX_CACHED_STORES = 64

# Keyed by (store id, store creation time), like the search index: a store id reused after a
# delete never meets the vectors of the store that had it before.
_Key = tuple[int, str]
_lock = threading.Lock()
_build_lock = threading.Lock()
_vectors: OrderedDict[_Key, _Vectors] = OrderedDict()
_matrices: OrderedDict[_Key, _Matrix] = OrderedDict()


def _key(store: Store) -> _Key:
    return (store.pk, store.created_at.isoformat())


def _remember(cache: OrderedDict[_Key, Any], key: _Key, value: Any) -> None:
    with _lock:
        cache[key] = value
        cache.move_to_end(key)
        while len(cache) > MAX_CACHED_STORES:
            cache.popitem(last=False)


def dense_scores(
    *, store: Store, index: StoreIndex, query: str, embeddings_version: int | None = None
) -> np.ndarray | None:
    """Cosine similarity of ``query`` with every chunk of ``index`` (its row order; NaN for a
    chunk whose passage has no vector yet), or None when embeddings are switched off or none
    of the index's chunks has a vector. ``embeddings_version``: the store's embeddings version
    the caller has just read (else it is read here)."""
    if not embeddings_enabled() or not index.size or not query.strip():
        return None
    matrix = _matrix_get(store=store, index=index, version=embeddings_version)
    if matrix is None:
        return None
    return matrix.scores(query_embed(query))


def _matrix_get(*, store: Store, index: StoreIndex, version: int | None) -> _Matrix | None:
    if version is None:
        version = search_versions_read(store=store)[1]
    if version == 0:
        return None
    current = _matrices.get(_key(store))
    if current is not None and current.index is index and current.version == version:
        return current if current.present.any() else None
    vectors = _vectors_get(store=store, version=version)
    # Builders append to the latest matrix's slot array: one at a time, each from the one
    # remembered last (so no two append to the same free slots).
    with _build_lock:
        matrix = _matrix_build(index=index, vectors=vectors, previous=_matrices.get(_key(store)))
        _remember(_matrices, _key(store), matrix)
    return matrix if matrix.present.any() else None


def _vectors_get(*, store: Store, version: int) -> _Vectors:
    current = _vectors.get(_key(store))
    if current is not None and current.version == version:
        return current
    since = current.last_id if current is not None else 0
    rows = (
        PassageEmbedding.objects.filter(store=store, id__gt=since)
        .order_by("id")
        .values_list("id", "key", "vector")
    )
    by_key = dict(current.by_key) if current is not None else {}
    last_id = since
    for row_id, key, data in rows.iterator():
        by_key[key] = vector_from_bytes(data)
        last_id = row_id
    loaded = _Vectors(version=version, by_key=by_key, last_id=last_id)
    _remember(_vectors, _key(store), loaded)
    return loaded


def _matrix_build(
    *, index: StoreIndex, vectors: _Vectors, previous: _Matrix | None = None
) -> _Matrix:
    """The matrix for ``index``'s rows. Chunks the previous matrix had a vector for keep their
    slot (a chunk's text, hence its vector, never changes); only the others are looked up and
    appended — after one article's edit that is its few chunks. The slot array is rebuilt
    compact when over half of it belongs to chunks that are gone."""
    ids = index.chunk_ids
    rows = np.full(index.size, -1, dtype=np.int64)
    if previous is not None and previous.used and index.size:
        order = np.argsort(previous.slot_ids, kind="stable")
        known = previous.slot_ids[order]
        at = np.minimum(np.searchsorted(known, ids), known.size - 1)
        found = known[at] == ids
        rows[found] = order[at[found]]
    live = int(np.count_nonzero(rows >= 0))
    if previous is None or previous.used > 2 * max(live, COMPACT_FLOOR):
        slots = np.zeros((max(64, index.size + index.size // 4), DIMENSIONS), dtype=np.float32)
        used = 0
        slot_ids = np.zeros(0, dtype=np.int64)
        if previous is not None and live:
            keep = rows >= 0
            slots[:live] = previous.slots[rows[keep]]
            slot_ids = ids[keep]
            rows[keep] = np.arange(live)
            used = live
    else:
        slots, used, slot_ids = previous.slots, previous.used, previous.slot_ids
    new_rows, new_vectors = _vectors_missing(index=index, vectors=vectors, rows=rows)
    if new_rows:
        if used + len(new_rows) > slots.shape[0]:
            grown = np.zeros(
                (max(2 * slots.shape[0], used + len(new_rows)), DIMENSIONS), np.float32
            )
            grown[:used] = slots[:used]
            slots = grown
        slots[used : used + len(new_rows)] = np.stack(new_vectors)
        rows[new_rows] = np.arange(used, used + len(new_rows))
        slot_ids = np.concatenate([slot_ids, ids[new_rows]])
        used += len(new_rows)
    return _Matrix(
        index=index, version=vectors.version, slots=slots, used=used, slot_ids=slot_ids, rows=rows
    )


def _vectors_missing(
    *, index: StoreIndex, vectors: _Vectors, rows: np.ndarray
) -> tuple[list[int], list[np.ndarray]]:
    """The index rows without a slot whose passage has a stored vector, and those vectors."""
    found_rows: list[int] = []
    found: list[np.ndarray] = []
    for row in np.flatnonzero(rows < 0).tolist():
        chunk = index.chunks[row]
        key = passage_key(
            passage_text(
                title=chunk.article_title, heading_path=chunk.heading_path, text=chunk.text
            )
        )
        vector = vectors.by_key.get(key)
        if vector is not None and vector.size == DIMENSIONS:
            found_rows.append(row)
            found.append(vector)
    return found_rows, found


def dense_cache_clear() -> None:
    """Forget every store's vectors (tests; a process never needs to)."""
    with _lock:
        _vectors.clear()
        _matrices.clear()
