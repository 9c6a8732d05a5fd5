"""The REST API for versions, publishing and imports: shapes, rules, errors, cross-store 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from core.models import Membership, Store
from core.roles import Role
from knowledge.models import Article, ImportJob
from knowledge.services import article_create, article_update
from tests.fakes.http_server import Scripted, ScriptedServer

pytestmark = pytest.mark.django_db

Member = Callable[..., Membership]
Api = Callable[..., APIClient]


def test_versions_are_listed_newest_first_with_their_author(
    store: Store, member_of: Member, api_for: Api
) -> None:
    # given an article saved twice by a manager through the API
    manager = member_of(store, Role.MANAGER)
    client = api_for(manager)
    article_id = client.post(
        "/api/v1/articles",
        {"title": "Returns", "body": "Within 30 days.", "language": "en", "status": "published"},
        format="json",
    ).json()["id"]
    client.patch(f"/api/v1/articles/{article_id}", {"body": "Within 14 days."}, format="json")

    # when
    response = client.get(f"/api/v1/articles/{article_id}/versions")

    # then
    body = response.json()
    assert body["count"] == 2
    assert [(v["version"], v["body"], v["status"], v["created_by"]) for v in body["results"]] == [
        (2, "Within 14 days.", "published", manager.user.username),
        (1, "Within 30 days.", "published", manager.user.username),
    ]
    one = client.get(f"/api/v1/articles/{article_id}/versions/1").json()
    assert (one["version"], one["body"], one["language"]) == (1, "Within 30 days.", "en")


def test_a_draft_change_shows_as_unpublished_until_published(
    store: Store, member_of: Member, api_for: Api
) -> None:
    # given a live article with a change saved as a draft
    client = api_for(member_of(store, Role.OWNER))
    article = article_create(
        store=store, title="Returns", body="Within 30 days.", language="en", status="published"
    )
    draft = client.patch(
        f"/api/v1/articles/{article.pk}",
        {"body": "Within 14 days.", "status": "draft"},
        format="json",
    ).json()
    assert (draft["version"], draft["published_version"], draft["has_unpublished_changes"]) == (
        2,
        1,
        True,
    )
    assert draft["status"] == "published"

    # when it is published
    published = client.post(f"/api/v1/articles/{article.pk}/publish").json()

    # then
    assert (published["published_version"], published["has_unpublished_changes"]) == (2, False)

    # when it is unpublished
    offline = client.post(f"/api/v1/articles/{article.pk}/unpublish").json()
    assert (offline["status"], offline["published_version"], offline["published_at"]) == (
        "draft",
        None,
        None,
    )


def test_restore_writes_a_new_version(store: Store, member_of: Member, api_for: Api) -> None:
    article = article_create(store=store, title="Returns", body="Within 30 days.", language="en")
    article_update(store=store, article_id=article.pk, body="Within 14 days.")
    response = api_for(member_of(store, Role.ADMIN)).post(
        f"/api/v1/articles/{article.pk}/versions/1/restore", {"publish": True}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["version"], body["body"], body["published_version"]) == (3, "Within 30 days.", 3)


def test_an_article_without_a_language_gets_the_detected_one(
    store: Store, member_of: Member, api_for: Api
) -> None:
    response = api_for(member_of(store)).post(
        "/api/v1/articles",
        {"title": "Retourneren", "body": "Je kunt binnen 30 dagen gratis retourneren."},
        format="json",
    )
    assert response.status_code == 201
    assert (response.json()["language"], response.json()["language_overridden"]) == ("nl", False)


def test_a_missing_version_is_404(store: Store, member_of: Member, api_for: Api) -> None:
    article = article_create(store=store, title="Returns", body="30 days.", language="en")
    client = api_for(member_of(store))
    for response in (
        client.get(f"/api/v1/articles/{article.pk}/versions/9"),
        client.post(f"/api/v1/articles/{article.pk}/versions/9/restore", {}, format="json"),
    ):
        assert response.status_code == 404
        assert response.json() == {"code": "not_found", "message": "Not found.", "detail": None}


def test_a_url_import_runs_and_reports_progress(
    store: Store, member_of: Member, api_for: Api, django_capture_on_commit_callbacks: Any
) -> None:
    client = api_for(member_of(store, Role.MANAGER))
    with ScriptedServer() as server:
        server.enqueue(
            Scripted(
                body=b"<main><h1>Returns</h1><p>Within 30 days.</p></main>",
                headers={"Content-Type": "text/html"},
            )
        )
        # when
        with django_capture_on_commit_callbacks(execute=True):
            started = client.post(
                "/api/v1/knowledge/imports",
                {"kind": "url", "url": f"{server.url}/returns"},
                format="json",
            )

    # then it was accepted as queued, and has run since
    assert started.status_code == 202
    assert (started.json()["status"], started.json()["kind"]) == ("queued", "url")
    job = client.get(f"/api/v1/knowledge/imports/{started.json()['id']}").json()
    article = Article.objects.get(store=store)
    assert {k: job[k] for k in ("status", "done", "total", "error", "article_ids")} == {
        "status": "done",
        "done": 1,
        "total": 1,
        "error": "",
        "article_ids": [article.pk],
    }
    listed = client.get("/api/v1/knowledge/imports").json()
    assert [j["id"] for j in listed["results"]] == [job["id"]]


def test_a_sitemap_import_is_accepted_with_its_page_limit(
    store: Store, member_of: Member, api_for: Api
) -> None:
    response = api_for(member_of(store)).post(
        "/api/v1/knowledge/imports",
        {"kind": "sitemap", "url": "https://shop.example/sitemap.xml", "max_pages": 20},
        format="json",
    )
    assert response.status_code == 202
    assert (response.json()["kind"], response.json()["source"], response.json()["total"]) == (
        "sitemap",
        "https://shop.example/sitemap.xml",
        None,
    )


@pytest.mark.parametrize(
    ("payload", "code", "detail"),
    [
        ({"kind": "url", "url": "ftp://x.example/"}, "import_url_invalid", None),
        ({"kind": "page", "url": "https://x.example/"}, "invalid",
         {"kind": ['"page" is not a valid choice.']}),
        ({"kind": "sitemap", "url": "https://x.example/s.xml", "max_pages": 500}, "invalid",
         {"max_pages": ["Choose a number from 1 to 200."]}),
    ],
)  # fmt: skip
def test_an_import_that_cannot_start_is_400(
    store: Store,
    member_of: Member,
    api_for: Api,
    payload: dict[str, Any],
    code: str,
    detail: Any,
) -> None:
    response = api_for(member_of(store)).post("/api/v1/knowledge/imports", payload, format="json")
    assert response.status_code == 400
    assert (response.json()["code"], response.json()["detail"]) == (code, detail)
    assert ImportJob.objects.count() == 0


def test_another_stores_versions_and_imports_are_404(
    store: Store, other_store: Store, member_of: Member, api_for: Api
) -> None:
    # given another store's article and import
    theirs = article_create(
        store=other_store, title="Theirs", body="30 days.", language="en", status="published"
    )
    job = ImportJob.objects.create(store=other_store, kind="url", source="https://x.example/")
    client = api_for(member_of(store, Role.OWNER))

    # then none of it can be read or changed from our store
    responses = [
        client.get(f"/api/v1/articles/{theirs.pk}/versions"),
        client.get(f"/api/v1/articles/{theirs.pk}/versions/1"),
        client.post(f"/api/v1/articles/{theirs.pk}/versions/1/restore", {}, format="json"),
        client.post(f"/api/v1/articles/{theirs.pk}/publish"),
        client.post(f"/api/v1/articles/{theirs.pk}/unpublish"),
        client.get(f"/api/v1/knowledge/imports/{job.pk}"),
    ]
    assert [r.status_code for r in responses] == [404] * 6
    assert client.get("/api/v1/knowledge/imports").json()["count"] == 0
    theirs.refresh_from_db()
    assert (theirs.version, theirs.published_version) == (1, 1)
