"""Writes about the store's content: articles written by hand (dashboard or API)."""

from __future__ import annotations

from django.utils import timezone

from core.models import Store
from core.validation import full_clean_or_fail
from knowledge.models import Article
from knowledge.selectors import article_get


def _status_set(*, article: Article, status: str) -> None:
    """Publishing stamps the time; a draft has none; staying published keeps the first stamp."""
    if status == Article.Status.PUBLISHED:
        if article.status != Article.Status.PUBLISHED or article.published_at is None:
            article.published_at = timezone.now()
    else:
        article.published_at = None
    article.status = status


def article_create(
    *, store: Store, title: str, body: str, language: str, status: str = Article.Status.DRAFT
) -> Article:
    """Create a hand-written article (source: manual, version 1)."""
    article = Article(
        store=store,
        title=title,
        body=body,
        language=language,
        language_overridden=True,
        source=Article.Source.MANUAL,
    )
    _status_set(article=article, status=status)
    full_clean_or_fail(article)
    article.save()
    return article


def article_update(
    *,
    store: Store,
    article_id: int,
    title: str | None = None,
    body: str | None = None,
    language: str | None = None,
    status: str | None = None,
) -> Article:
    """Change the given fields (None = keep) of one of the store's articles.

    ``version`` goes up by one when anything changed (chunks carry the version they were cut
    from); an edit that changes nothing leaves the article as it was. Raises NotFound for an
    id that is not the store's.
    """
    article = article_get(store=store, article_id=article_id)
    before = (article.title, article.body, article.language, article.status)
    after = (
        title if title is not None else article.title,
        body if body is not None else article.body,
        language if language is not None else article.language,
        status if status is not None else article.status,
    )
    if before == after:
        return article
    if after[2] != article.language:
        article.language_overridden = True
    article.title, article.body, article.language = after[:3]
    _status_set(article=article, status=after[3])
    article.version += 1
    full_clean_or_fail(article)
    article.save()
    return article


def article_delete(*, store: Store, article_id: int) -> None:
    """Delete one of the store's articles and its chunks. Raises NotFound for another store's."""
    article_get(store=store, article_id=article_id).delete()
