"""Each process's dense matrix of a store's passage embeddings, aligned with its search index.

``dense_scores`` answers, for one question, the cosine similarity of every chunk of the
store's ``StoreIndex`` (same row order) — or None when embeddings are off or the store has
none yet (search is then lexical only). Chunks whose passage has no stored vector yet (just
published; the background job has not run) get NaN: search ranks them by words alone.

Freshness: ``SearchIndexState.embeddings_version``, read once per search together with the index
version (``knowledge.search_index.search_versions_read``); the
store's vectors are reloaded when it changed, and the matrix is rebuilt when the lexical
index object changed (a new version of the content) or the vectors did. Readers in several
threads see either the old or the new matrix, never a half-built one (a matrix is built
aside and swapped in under a lock).
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
    index: StoreIndex
    version: int
    #: (rows, DIMENSIONS) float32; rows without a vector are zeros.
    matrix: np.ndarray
    present: np.ndarray
    #: Each row's chunk id (int64), so the next build copies the rows of chunks it already had.
    chunk_ids: np.ndarray


#: Stores whose vectors a process keeps (least recently used dropped first).
MAX_CACHED_STORES = 64

# Keyed by (store id, store creation time), like the search index: a store id reused after a
# delete never meets the vectors of the store that had it before.
_Key = tuple[int, str]
_lock = threading.Lock()
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
    scores = matrix.matrix @ query_embed(query)
    return np.where(matrix.present, scores, np.nan)


def _matrix_get(*, store: Store, index: StoreIndex, version: int | None) -> _Matrix | None:
    if version is None:
        version = search_versions_read(store=store)[1]
    if version == 0:
        return None
    current = _matrices.get(_key(store))
    if current is not None and current.index is index and current.version == version:
        return current if current.present.any() else None
    vectors = _vectors_get(store=store, version=version)
    matrix = _matrix_build(index=index, vectors=vectors, previous=current)
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
    """The matrix for ``index``'s rows. Rows of chunks the previous matrix had with a vector are
    copied from it (a chunk's text, hence its vector, never changes); only the others are
    looked up — after one article's edit that is its few chunks, not the store's thousands."""
    size = index.size
    ids = np.fromiter((c.chunk_id for c in index.chunks), dtype=np.int64, count=size)
    matrix = np.zeros((size, DIMENSIONS), dtype=np.float32)
    present = np.zeros(size, dtype=bool)
    todo = np.arange(size)
    if previous is not None and previous.chunk_ids.size and size:
        order = np.argsort(previous.chunk_ids, kind="stable")
        known_ids = previous.chunk_ids[order]
        at = np.minimum(np.searchsorted(known_ids, ids), known_ids.size - 1)
        source = order[at]
        reuse = (known_ids[at] == ids) & previous.present[source]
        matrix[reuse] = previous.matrix[source[reuse]]
        present[reuse] = True
        todo = np.flatnonzero(~reuse)
    for row in todo.tolist():
        chunk = index.chunks[row]
        key = passage_key(
            passage_text(
                title=chunk.article_title, heading_path=chunk.heading_path, text=chunk.text
            )
        )
        vector = vectors.by_key.get(key)
        if vector is not None and vector.size == DIMENSIONS:
            matrix[row] = vector
            present[row] = True
    return _Matrix(
        index=index, version=vectors.version, matrix=matrix, present=present, chunk_ids=ids
    )


def dense_cache_clear() -> None:
    """Forget every store's vectors (tests; a process never needs to)."""
    with _lock:
        _vectors.clear()
        _matrices.clear()
