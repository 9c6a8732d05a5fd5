"""Searches in several threads while the content changes (Channels runs sync code in threads):
each search sees one whole index of some committed state of the content, never a mix."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from core.models import Store
from knowledge.indexing import article_reindex
from knowledge.models import Article, SearchIndexState
from knowledge.search_index import index_build, store_index_get
from knowledge.services import article_update
from tests.knowledge.search_content import demo_content_load
from tests.knowledge.search_index_checks import scores_of

pytestmark = pytest.mark.django_db(transaction=True)

READERS = 3
# Generous: only a hung reader comes near it.
WAIT_SECONDS = 120


class _Reader(threading.Thread):
    """Searches the store over and over: (index version, scores of every check question)."""

    def __init__(self, store: Store, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.store = store
        self.stop = stop
        self.seen: list[tuple[int, list[tuple[object, ...]]]] = []
        self.updated = 0
        self.error: BaseException | None = None
        self.progress = threading.Condition()

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                index = store_index_get(store=self.store)
                self.seen.append((index.version, scores_of(index)))
                with self.progress:
                    self.updated += index.built == "update"
                    self.progress.notify_all()
        except BaseException as error:  # reported by the test
            self.error = error
        finally:
            connection.close()

    def searches(self) -> int:
        return len(self.seen)

    def wait_for(self, count: int) -> bool:
        with self.progress:
            return self.progress.wait_for(
                lambda: self.searches() >= count or self.error is not None, WAIT_SECONDS
            )


def test_searches_in_threads_each_see_a_whole_index_while_content_changes(store: Store) -> None:
    # given the demo content, and what a fresh build scores at its version
    demo_content_load(store=store)
    expected = {}
    version = store_index_get(store=store).version
    expected[version] = scores_of(index_build(store=store, version=version))
    stop = threading.Event()
    readers = [_Reader(store, stop) for _ in range(READERS)]
    for reader in readers:
        reader.start()

    # when articles are edited one after another (edit, publish and re-index in one
    # transaction, so each index version is one state of the content), each time waiting
    # until every reader has finished a search that started after the change
    try:
        for n, article in enumerate(Article.objects.filter(store=store).order_by("id")[:6]):
            with transaction.atomic():
                article_update(
                    store=store,
                    article_id=article.id,
                    body=f"{article.body}\n\nExtra note {n}: refund within 14 days.\n",
                    status="published",
                )
                article_reindex(store=store, article_id=article.id)
            # The services also queued the re-index task (run on commit, eagerly in tests):
            # one more version with the same content. Read without updating this thread's
            # index: the readers do that.
            version = SearchIndexState.objects.get(store=store).version
            expected[version] = scores_of(index_build(store=store, version=version))
            for reader in readers:
                assert reader.wait_for(reader.searches() + 2)
    finally:
        stop.set()
        for reader in readers:
            reader.join(WAIT_SECONDS)

    # then no reader failed, each saw the updates, and every search it made scored exactly
    # as a full build of one committed state: the one its version names or a later one (a
    # search may read rows committed after the version it read)
    assert [r.error for r in readers] == [None] * READERS
    assert all(r.updated for r in readers)
    versions = sorted(expected)
    for reader in readers:
        assert reader.seen
        for seen_version, scores in reader.seen:
            later = [expected[v] for v in versions if v >= seen_version]
            assert scores in later, seen_version
