"""What the knowledge-base benchmarks share: a throwaway Django environment, stores loaded
through the project's services, and the plain BM25 baseline over the same chunks.

Call :func:`django_start` before importing anything from Django or the project's apps.
"""

from __future__ import annotations

import logging
import os
import platform
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.data.kb.dataset import SourceArticle
    from core.models import Store

ROOT = Path(__file__).resolve().parents[3]
SETTINGS = "config.settings.local"


def django_start(*, database_url: str, var_dir: str) -> str:
    """Configure and set up Django with the project's local settings, on a fresh SQLite file in
    ``var_dir`` or on ``database_url``; migrate; return a line naming the database."""
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    os.environ["SHOPAGENT_VAR_DIR"] = var_dir
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["LOG_LEVEL"] = "WARNING"
    # Publishing queues a re-index task; with no REDIS_URL it lands in the temporary folder's
    # filesystem broker, where no worker runs: the benchmarks index explicitly and time it.
    for name in ("REDIS_URL", "CELERY_BROKER_URL"):
        os.environ.pop(name, None)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # kombu warns about the filesystem broker's missing host name on the first publish.
    logging.getLogger("kombu").setLevel(logging.ERROR)
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    where = "temporary file" if not database_url else re.sub(r"//[^@/]*@", "//", database_url)
    return f"{engine} ({where})"


def machine_line() -> str:
    return (
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def bench_store_create(*, label: str) -> Store:
    """A new store for one benchmark run (unique slug, so a PostgreSQL database can be reused)."""
    from django.contrib.auth.models import User

    from core.services import store_create

    owner, _ = User.objects.get_or_create(username="kb-bench@bench.invalid")
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
    return store_create(
        name=f"KB bench {label}",
        slug=f"kb-{label}-{stamp}"[:60],
        owner=owner,
        default_language="nl",
    )


def articles_load(*, store: Store, articles: Sequence[SourceArticle]) -> dict[int, SourceArticle]:
    """Create every article as a published article through ``knowledge.services`` (the body as
    written, its H1 title included, as the demo loader does); return them by database id.
    Indexing is left to the caller (``store_reindex``)."""
    from knowledge.models import Article
    from knowledge.services import article_create

    loaded: dict[int, SourceArticle] = {}
    for source in articles:
        article = article_create(
            store=store,
            title=source.title,
            body=source.body,
            language=source.language,
            status=Article.Status.PUBLISHED,
        )
        loaded[article.pk] = source
    return loaded


def stores_delete(*stores: Store) -> None:
    for store in stores:
        store.delete()


# --- the baseline --------------------------------------------------------------------------

_EDGE = re.compile(r"^\W+|\W+$")


def embeddings_load(*, store: Store, cache: str) -> tuple[int, float]:
    """Embed the store's passages, reusing and extending the vectors in ``cache`` (an .npz
    file keyed by passage key; "" = no cache). Returns (embedded now, seconds). Every bench
    that embeds (kb_eval, kb_search, agent_turn) goes through here."""
    import numpy as np
    from django.db.models import F

    from knowledge.embeddings import store_embeddings_refresh
    from knowledge.models import PassageEmbedding, SearchIndexState

    path = Path(cache) if cache else None
    if path is not None and path.exists():
        with np.load(path) as saved:
            PassageEmbedding.objects.bulk_create(
                [PassageEmbedding(store=store, key=k, vector=saved[k].tobytes()) for k in saved],
                ignore_conflicts=True,
            )
    started = time.perf_counter()
    embedded = store_embeddings_refresh(store=store)
    elapsed = time.perf_counter() - started
    # Vectors written here (from the cache) are not announced by the refresh when it had
    # nothing left to embed: bump the version as it would, or search never loads them.
    state, _ = SearchIndexState.objects.get_or_create(store=store)
    SearchIndexState.objects.filter(pk=state.pk).update(
        embeddings_version=F("embeddings_version") + 1
    )
    if path is not None and embedded:
        old = dict(np.load(path)) if path.exists() else {}
        rows = PassageEmbedding.objects.filter(store=store).values_list("key", "vector")
        old.update({k: np.frombuffer(bytes(v), dtype=np.float32) for k, v in rows})
        np.savez(path, **old)
    return embedded, elapsed


def baseline_tokens(text: str) -> list[str]:
    """Lowercase whitespace tokens with punctuation stripped from their edges (so "return?"
    is "return"): nothing language-aware, no stemming, no compounds, no synonyms."""
    return [t for t in (_EDGE.sub("", raw) for raw in text.lower().split()) if t]


@dataclass(frozen=True)
class BaselineHit:
    article_id: int
    heading_path: tuple[str, ...]
    score: float


class Baseline:
    """rank-bm25's BM25Okapi (default k1=1.5, b=0.75) over the store's chunks as the system
    indexed them; each chunk's document is its article title, heading path and text."""

    def __init__(self, *, store: Store) -> None:
        from rank_bm25 import BM25Okapi

        from knowledge.models import Chunk

        rows = list(
            Chunk.objects.filter(store=store)
            .order_by("id")
            .values_list("article_id", "article__title", "heading_path", "text")
        )
        started = time.perf_counter()
        self.chunks = [(article_id, tuple(path)) for article_id, _, path, _ in rows]
        self.bm25 = BM25Okapi(
            [baseline_tokens(" ".join([title, *path, text])) for _, title, path, text in rows]
        )
        self.build_seconds = time.perf_counter() - started

    def search(self, query: str, *, limit: int = 5) -> list[BaselineHit]:
        scores = self.bm25.get_scores(baseline_tokens(query))
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:limit]
        return [
            BaselineHit(
                article_id=self.chunks[i][0], heading_path=self.chunks[i][1], score=float(scores[i])
            )
            for i in order
        ]
