from __future__ import annotations

from collections.abc import Callable

from rest_framework.test import APIClient

from core.models import Membership, Store
from core.roles import Role
from knowledge.models import Article
from tests.factories.knowledge import ArticleFactory


def test_article_create_read_update_delete(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    client = api_for(member_of(store, Role.MANAGER))

    # when a manager writes an article
    created = client.post(
        "/api/v1/articles",
        {"title": "Annuleren", "body": "Binnen 1 uur kosteloos.", "language": "nl"},
        format="json",
    )

    # then it is a draft, version 1, written by hand
    assert created.status_code == 201
    article_id = created.json()["id"]
    assert {k: created.json()[k] for k in ("status", "version", "source", "published_at")} == {
        "status": "draft",
        "version": 1,
        "source": "manual",
        "published_at": None,
    }

    # when it is published
    published = client.patch(
        f"/api/v1/articles/{article_id}", {"status": "published"}, format="json"
    )

    # then version 1 is live (publishing writes no new version: the text did not change)
    assert published.status_code == 200
    assert published.json()["status"] == "published"
    assert published.json()["version"] == 1
    assert published.json()["published_version"] == 1
    assert published.json()["has_unpublished_changes"] is False
    assert published.json()["published_at"] is not None
    assert client.get(f"/api/v1/articles/{article_id}").json()["title"] == "Annuleren"

    # when it is deleted, it is gone
    assert client.delete(f"/api/v1/articles/{article_id}").status_code == 204
    assert Article.objects.filter(pk=article_id).exists() is False


def test_article_list_is_paginated_and_filtered(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    # given three articles, two Dutch
    ArticleFactory.create(store=store, language="en", status=Article.Status.DRAFT)
    dutch = [
        ArticleFactory.create(store=store, language="nl", status=Article.Status.DRAFT)
        for _ in range(2)
    ]

    # when Dutch articles are listed one per page
    response = api_for(member_of(store, Role.SUPPORT)).get("/api/v1/articles?language=nl&limit=1")

    # then the page says how many there are and holds one of them
    body = response.json()
    assert body["count"] == 2
    assert len(body["results"]) == 1
    assert body["results"][0]["id"] in {a.pk for a in dutch}
    assert body["next"] is not None


def test_article_filter_values_are_validated(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    response = api_for(member_of(store)).get("/api/v1/articles?status=archived")
    assert response.status_code == 400
    assert response.json()["detail"] == {"status": ['"archived" is not a valid choice.']}


def test_article_patch_validates_language(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    article = ArticleFactory.create(store=store, status=Article.Status.DRAFT)
    response = api_for(member_of(store)).patch(
        f"/api/v1/articles/{article.pk}", {"language": "fr"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == {"language": ['"fr" is not a valid choice.']}


def test_articles_of_another_store_are_404(
    store: Store,
    other_store: Store,
    member_of: Callable[..., Membership],
    api_for: Callable[..., APIClient],
) -> None:
    # given an article of another store
    theirs = ArticleFactory.create(store=other_store, title="Theirs", status=Article.Status.DRAFT)
    ArticleFactory.create(store=store, status=Article.Status.DRAFT)
    client = api_for(member_of(store))
    url = f"/api/v1/articles/{theirs.pk}"

    # then our member can neither see, change nor delete it, nor find it in the list
    assert client.get(url).status_code == 404
    assert client.patch(url, {"title": "Mine"}, format="json").status_code == 404
    assert client.delete(url).status_code == 404
    assert theirs.pk not in [a["id"] for a in client.get("/api/v1/articles").json()["results"]]
    theirs.refresh_from_db()
    assert theirs.title == "Theirs"
