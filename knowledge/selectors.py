"""Reads about the store's content. Every query is scoped to the store."""

from __future__ import annotations

from django.db.models import QuerySet

from core.errors import NotFound
from core.models import Store
from knowledge.models import Article


def article_list(
    *, store: Store, language: str | None = None, status: str | None = None
) -> QuerySet[Article]:
    """The store's articles, most recently updated first, optionally filtered."""
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
