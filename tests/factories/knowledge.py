from __future__ import annotations

import factory

from knowledge.models import Article
from tests.factories.core import StoreFactory


class ArticleFactory(factory.django.DjangoModelFactory[Article]):
    class Meta:
        model = Article

    store = factory.SubFactory(StoreFactory)
    title = factory.Sequence(lambda n: f"Returns policy {n}")
    body = "# Returns\n\nReturn unworn items within 30 days of delivery."
    language = "en"
    status = Article.Status.PUBLISHED
    source = Article.Source.MANUAL
