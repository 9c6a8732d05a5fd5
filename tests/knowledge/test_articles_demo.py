"""The demo loader leaves the demo's articles versioned, published and indexed."""

from __future__ import annotations

import datetime as dt

import pytest

from agent.demo import demo_store_load
from knowledge.models import Article, ArticleVersion, Chunk

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def test_demo_articles_are_versioned_published_and_indexed() -> None:
    # when
    result = demo_store_load(now=NOW)

    # then every demo article is live at version 1, with that version in its history
    articles = list(Article.objects.filter(store=result.store))
    assert len(articles) == result.articles
    assert {(a.status, a.version, a.published_version) for a in articles} == {("published", 1, 1)}
    for article in articles:
        version = ArticleVersion.objects.get(article=article, version=1)
        assert (version.body, version.status) == (article.body, "published")
        chunks = Chunk.objects.filter(article=article)
        assert chunks.exists()
        assert set(chunks.values_list("article_version", flat=True)) == {1}


def test_reset_publishes_the_demo_text_as_a_new_version_and_reindexes_it() -> None:
    # given a demo article changed behind the services' back
    result = demo_store_load(now=NOW)
    article = Article.objects.get(store=result.store, source_ref="demo:returns.en")
    Article.objects.filter(pk=article.pk).update(body="# Returns\n\nNo returns.")

    # when the demo is reset
    demo_store_load(now=NOW, reset=True)

    # then the demo text is back as version 2, live and indexed
    article.refresh_from_db()
    assert (article.version, article.published_version) == (2, 2)
    assert ArticleVersion.objects.get(article=article, version=2).body == article.body
    assert set(Chunk.objects.filter(article=article).values_list("article_version", flat=True)) == {
        2
    }


def test_an_article_published_before_versions_existed_gets_its_published_version() -> None:
    # given a demo article as an older loader left it: published, no version rows
    result = demo_store_load(now=NOW)
    article = Article.objects.get(store=result.store, source_ref="demo:returns.nl")
    ArticleVersion.objects.filter(article=article).delete()
    Article.objects.filter(pk=article.pk).update(published_version=None)

    # when the demo is loaded again (no reset)
    demo_store_load(now=NOW)

    # then
    article.refresh_from_db()
    assert (article.status, article.version, article.published_version) == ("published", 1, 1)
    assert ArticleVersion.objects.get(article=article, version=1).status == "published"
