"""Background passage embedding. Thin and idempotent: load by id, call one service."""

from __future__ import annotations

from celery import shared_task

from core.models import Store
from knowledge.embeddings import store_embeddings_refresh


@shared_task(acks_late=True, ignore_result=True)
def knowledge_store_embed(store_id: int) -> None:
    """Embed the store's passages that have no vector yet and drop unused ones. Runs after
    each re-index; a redelivered or duplicate run finds nothing to do."""
    store = Store.objects.filter(pk=store_id).first()
    if store is None:
        return
    store_embeddings_refresh(store=store)
