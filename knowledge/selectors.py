"""Reads about the store's content. Every query is scoped to the store."""

from __future__ import annotations

from django.db.models import QuerySet

from core.errors import NotFound
from core.models import Store
from knowledge.models import Article, ArticleVersion, ImportJob, SearchIndexState


def article_list(
    *, store: Store, language: str | None = None, status: str | None = None
) -> QuerySet[Article]:
    """The store's articles, most recently updated first, optionally filtered. ``status``
    "published" means live (the agent uses a version of it), "draft" means not live."""
    articles = Article.objects.filter(store=store)
    if language:
        articles = articles.filter(language=language)
    if status:
        articles = articles.filter(status=status)
    return articles.order_by("-updated_at", "-id")


def article_get(*, store: Store, article_id: int) -> Article:
    """One of the store's articles. Raises NotFound for an id of another store, too."""
    article = Article.objects.filter(store=store, id=article_id).first()
    if article is None:
        raise NotFound()
    return article


def article_version_list(*, store: Store, article_id: int) -> QuerySet[ArticleVersion]:
    """An article's saved versions, newest first, with who saved each. Raises NotFound for
    another store's article."""
    article = article_get(store=store, article_id=article_id)
    return (
        ArticleVersion.objects.filter(store=store, article=article)
        .select_related("created_by")
        .order_by("-version")
    )


def article_version_get(*, store: Store, article_id: int, version: int) -> ArticleVersion:
    """One saved version of one of the store's articles. Raises NotFound."""
    found = (
        ArticleVersion.objects.filter(store=store, article_id=article_id, version=version)
        .select_related("article", "created_by")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def import_job_list(*, store: Store) -> QuerySet[ImportJob]:
    """The store's imports, newest first."""
    return ImportJob.objects.filter(store=store).select_related("created_by").order_by("-id")


def import_job_get(*, store: Store, job_id: int) -> ImportJob:
    """One of the store's imports. Raises NotFound for another store's, too."""
    job = ImportJob.objects.filter(store=store, id=job_id).first()
    if job is None:
        raise NotFound()
    return job


def import_job_running(*, store: Store) -> bool:
    """Whether any of the store's imports is queued or running (the page keeps polling)."""
    return ImportJob.objects.filter(
        store=store, status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]
    ).exists()


def search_content_version(*, store: Store) -> tuple[int, int]:
    """The store's (index version, embeddings version): both move whenever what search can
    find changes, so a result computed from search may be reused while they stand."""
    row = (
        SearchIndexState.objects.filter(store=store)
        .values_list("version", "embeddings_version")
        .first()
    )
    return (row[0], row[1]) if row else (0, 0)
