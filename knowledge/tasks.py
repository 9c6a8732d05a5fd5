"""Background work for content imports. Thin: the service does everything, idempotently
(a redelivered task resumes the import or finds it finished).

The worker finds tasks in each app's ``tasks`` module (``autodiscover_tasks``): the search
index and embedding tasks live in their own modules and are imported here so that the worker
registers them (without this it discarded every re-index as an unregistered task)."""

from __future__ import annotations

from celery import shared_task
from django.utils import translation

from knowledge.imports import ImportOptions, import_job_run
from knowledge.tasks_embed import knowledge_store_embed
from knowledge.tasks_search import knowledge_article_reindex

__all__ = ["knowledge_article_reindex", "knowledge_import_run", "knowledge_store_embed"]


@shared_task(acks_late=True, ignore_result=True)
def knowledge_import_run(job_id: int, language: str, publish: bool, max_pages: int) -> None:
    """Run import job ``job_id``; its errors are written in ``language`` (the merchant's when
    they started it). Not retried: a failed fetch is recorded in words on the job, and the
    merchant starts the import again when the site is back."""
    with translation.override(language):
        import_job_run(job_id=job_id, options=ImportOptions(publish=publish, max_pages=max_pages))
