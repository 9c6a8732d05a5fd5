from __future__ import annotations

from typing import Any

import factory

from knowledge.models import Article, ArticleVersion
from tests.factories.core import StoreFactory


class ArticleFactory(factory.django.DjangoModelFactory[Article]):
    """An article with its current version saved in the history; a published one (the
    default) is live at that version, as knowledge.services leaves it."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    store = factory.SubFactory(StoreFactory)
    title = factory.Sequence(lambda n: f"Returns policy {n}")
    body = "# Returns\n\nReturn unworn items within 30 days of delivery."
    language = "en"
    status = Article.Status.PUBLISHED
    source = Article.Source.MANUAL
    version = 1
    published_version = factory.LazyAttribute(
        lambda a: a.version if a.status == Article.Status.PUBLISHED else None
    )

    @factory.post_generation
    def history(article: Article, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            ArticleVersion.objects.create(
                store=article.store,
                article=article,
                version=article.version,
                title=article.title,
                body=article.body,
                language=article.language,
                status=article.status,
            )
