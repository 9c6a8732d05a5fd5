"""Background search indexing. Thin and idempotent: load by id, call one service."""

from __future__ import annotations

from celery import shared_task

from core.models import Store
from knowledge.indexing import article_reindex


@shared_task(acks_late=True, ignore_result=True)
def knowledge_article_reindex(store_id: int, article_id: int) -> None:
    """Re-cut the article's published version into chunks (or drop its chunks when it is no
    longer published or no longer exists). A store that is gone has nothing to index."""
    store = Store.objects.filter(pk=store_id).first()
    if store is None:
        return
    article_reindex(store=store, article_id=article_id)
