"""Content for the search tests: published articles (with their versions), indexed."""

from __future__ import annotations

from core.demo.articles_en import ARTICLES_EN
from core.demo.articles_nl import ARTICLES_NL
from core.models import Store
from knowledge.indexing import article_reindex
from knowledge.models import Article
from tests.factories.knowledge import ArticleFactory


def article_publish_indexed(*, store: Store, title: str, body: str, language: str) -> Article:
    """An article live at version 1 and cut into chunks (written without the content
    services, so the search tests do not depend on them)."""
    article = ArticleFactory.create(store=store, title=title, body=body, language=language)
    article_reindex(store=store, article_id=article.id)
    return article


def demo_content_load(*, store: Store, languages: tuple[str, ...] = ("en", "nl")) -> None:
    """The demo shop's help articles (core.demo), published and indexed in ``store``."""
    for demo_article in (*ARTICLES_EN, *ARTICLES_NL):
        if demo_article.language in languages:
            article_publish_indexed(
                store=store,
                title=demo_article.title,
                body=demo_article.body,
                language=demo_article.language,
            )
