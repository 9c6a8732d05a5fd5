"""Dashboard pages for versions, publishing, imports and their progress: every role reads,
owners/admins/managers write, another store's content is 404."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from core.models import Membership, Store
from core.roles import Role
from knowledge.models import Article, ArticleVersion, ImportJob
from knowledge.services import article_create, article_source_upsert, article_update

pytestmark = pytest.mark.django_db

EDITORS = [Role.OWNER, Role.ADMIN, Role.MANAGER]
READERS = [Role.ANALYST, Role.SUPPORT]
Member = Callable[..., Membership]
ClientFor = Callable[..., Client]


def _live_with_draft(store: Store) -> Article:
    article = article_create(
        store=store,
        title="Returns",
        body="# Returns\n\n30 days.",
        language="en",
        status="published",
    )
    return article_update(
        store=store, article_id=article.pk, body="# Returns\n\n14 days.", status="draft"
    )


@pytest.mark.parametrize("role", list(Role))
def test_article_page_shows_history_and_unpublished_changes(
    store: Store, member_of: Member, client_for: ClientFor, role: Role
) -> None:
    # given
    article = _live_with_draft(store)

    # when
    response = client_for(member_of(store, role)).get(
        reverse("knowledge:detail", args=[store.slug, article.pk])
    )
    html = response.content.decode()

    # then
    assert response.status_code == 200
    assert "This article has unpublished changes: below is version 2, a draft." in html
    assert [v.version for v in response.context["versions"]] == [2, 1]
    assert reverse("knowledge:version", args=[store.slug, article.pk, 1]) in html
    publish_url = reverse("knowledge:publish", args=[store.slug, article.pk])
    restore_url = reverse("knowledge:version-restore", args=[store.slug, article.pk, 1])
    assert (publish_url in html) is (role in EDITORS)
    assert (restore_url in html) is (role in EDITORS)


def test_content_list_flags_unpublished_changes_and_names_the_source(
    store: Store, member_of: Member, client_for: ClientFor
) -> None:
    _live_with_draft(store)
    article_source_upsert(
        store=store,
        source=Article.Source.URL,
        source_ref="https://shop.example/shipping",
        title="Shipping",
        markdown="# Shipping\n\nTwo days.",
        language="en",
    )
    html = (
        client_for(member_of(store, Role.SUPPORT))
        .get(reverse("knowledge:list", args=[store.slug]))
        .content.decode()
    )
    assert html.count("Unpublished changes") == 1
    assert "https://shop.example/shipping" in html
    assert "Web page" in html


@pytest.mark.parametrize("role", list(Role))
def test_a_version_page_shows_that_version(
    store: Store, member_of: Member, client_for: ClientFor, role: Role
) -> None:
    article = _live_with_draft(store)
    response = client_for(member_of(store, role)).get(
        reverse("knowledge:version", args=[store.slug, article.pk, 1])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<p>30 days.</p>" in html
    assert "This is the version the agent uses." in html


@pytest.mark.parametrize("role", EDITORS)
def test_editors_publish_unpublish_and_restore(
    store: Store, member_of: Member, client_for: ClientFor, role: Role
) -> None:
    # given
    article = _live_with_draft(store)
    client = client_for(member_of(store, role))
    detail = reverse("knowledge:detail", args=[store.slug, article.pk])

    # when / then: publish the draft
    response = client.post(reverse("knowledge:publish", args=[store.slug, article.pk]))
    article.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, detail)
    assert article.published_version == 2

    # restore version 1 and publish it
    client.post(
        reverse("knowledge:version-restore", args=[store.slug, article.pk, 1]), {"publish": "1"}
    )
    article.refresh_from_db()
    assert (article.version, article.published_version, article.body) == (
        3,
        3,
        "# Returns\n\n30 days.",
    )

    # unpublish
    client.post(reverse("knowledge:unpublish", args=[store.slug, article.pk]))
    article.refresh_from_db()
    assert (article.status, article.published_version) == ("draft", None)


@pytest.mark.parametrize("role", READERS)
def test_readers_cannot_publish_unpublish_or_restore(
    store: Store, member_of: Member, client_for: ClientFor, role: Role
) -> None:
    # given
    article = _live_with_draft(store)
    client = client_for(member_of(store, role))

    # when
    responses = [
        client.post(reverse("knowledge:publish", args=[store.slug, article.pk])),
        client.post(reverse("knowledge:unpublish", args=[store.slug, article.pk])),
        client.post(reverse("knowledge:version-restore", args=[store.slug, article.pk, 1])),
        client.get(reverse("knowledge:import", args=[store.slug])),
        client.post(
            reverse("knowledge:import-url", args=[store.slug]), {"url": "https://x.example/"}
        ),
        client.post(
            reverse("knowledge:import-sitemap", args=[store.slug]),
            {"sitemap_url": "https://x.example/sitemap.xml", "max_pages": 5},
        ),
    ]

    # then nothing changed
    assert [r.status_code for r in responses] == [403] * 6
    article.refresh_from_db()
    assert (article.version, article.published_version) == (2, 1)
    assert ArticleVersion.objects.filter(article=article).count() == 2
    assert ImportJob.objects.count() == 0


def test_saving_a_live_article_as_draft_says_what_the_agent_uses(
    store: Store, member_of: Member, client_for: ClientFor
) -> None:
    # given
    article = article_create(
        store=store, title="Returns", body="30 days.", language="en", status="published"
    )

    # when the edit is saved as a draft
    response = client_for(member_of(store, Role.MANAGER)).post(
        reverse("knowledge:edit", args=[store.slug, article.pk]),
        {"title": "Returns", "body": "14 days.", "language": "en", "status": "draft"},
        follow=True,
    )

    # then
    assert "Draft saved. The agent keeps using version 1 until you publish." in (
        response.content.decode()
    )
    article.refresh_from_db()
    assert (article.version, article.published_version) == (2, 1)


def test_the_language_of_an_imported_article_can_be_overridden(
    store: Store, member_of: Member, client_for: ClientFor
) -> None:
    # given an import detected as English
    article, _ = article_source_upsert(
        store=store,
        source=Article.Source.UPLOAD,
        source_ref="faq.txt",
        title="FAQ",
        markdown="Return within 30 days.",
        language="en",
    )
    client = client_for(member_of(store, Role.OWNER))
    assert (
        "(detected)"
        in client.get(reverse("knowledge:detail", args=[store.slug, article.pk])).content.decode()
    )

    # when the merchant sets Dutch
    client.post(
        reverse("knowledge:edit", args=[store.slug, article.pk]),
        {"title": "FAQ", "body": article.body, "language": "nl", "status": "draft"},
    )

    # then
    article.refresh_from_db()
    assert (article.language, article.language_overridden) == ("nl", True)


# --- imports -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", EDITORS)
def test_editors_start_a_url_and_a_site_import(
    store: Store, member_of: Member, client_for: ClientFor, role: Role
) -> None:
    client = client_for(member_of(store, role))
    assert client.get(reverse("knowledge:import", args=[store.slug])).status_code == 200

    url_response = client.post(
        reverse("knowledge:import-url", args=[store.slug]),
        {"url": "https://shop.example/returns", "publish": "on"},
    )
    site_response = client.post(
        reverse("knowledge:import-sitemap", args=[store.slug]),
        {"sitemap_url": "https://shop.example/sitemap.xml", "max_pages": "25"},
    )

    imports = reverse("knowledge:imports", args=[store.slug])
    assert [url_response["Location"], site_response["Location"]] == [imports, imports]
    assert list(
        ImportJob.objects.filter(store=store).order_by("id").values_list("kind", "source", "status")
    ) == [
        ("url", "https://shop.example/returns", "queued"),
        ("sitemap", "https://shop.example/sitemap.xml", "queued"),
    ]


def test_an_address_that_cannot_be_imported_is_shown_on_the_form(
    store: Store, member_of: Member, client_for: ClientFor
) -> None:
    response = client_for(member_of(store, Role.MANAGER)).post(
        reverse("knowledge:import-url", args=[store.slug]), {"url": "ftp://shop.example/x"}
    )
    assert response.status_code == 200
    assert response.context["url_form"].errors == {
        "url": ["Enter a full web address starting with http:// or https://."]
    }
    assert ImportJob.objects.count() == 0


@pytest.mark.parametrize("role", list(Role))
def test_imports_list_polls_while_an_import_runs(
    store: Store, member_of: Member, client_for: ClientFor, role: Role
) -> None:
    # given a running import and a finished one with a failed page
    ImportJob.objects.create(
        store=store,
        kind="sitemap",
        source="https://shop.example/sitemap.xml",
        status="running",
        done=3,
        total=10,
    )
    ImportJob.objects.create(
        store=store, kind="url", source="https://shop.example/gone", status="failed",
        error="The page was not found (HTTP 404). Check the address.",
    )  # fmt: skip
    client = client_for(member_of(store, role))

    # when
    page = client.get(reverse("knowledge:imports", args=[store.slug])).content.decode()

    # then
    assert 'hx-trigger="every 2s"' in page
    assert "3 of 10" in page
    assert "The page was not found (HTTP 404). Check the address." in page


def test_imports_list_stops_polling_when_all_are_finished(
    store: Store, member_of: Member, client_for: ClientFor
) -> None:
    ImportJob.objects.create(store=store, kind="url", source="https://x.example/", status="done")
    response = client_for(member_of(store, Role.SUPPORT)).get(
        reverse("knowledge:imports", args=[store.slug]), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="card card-flush" id="import-table"')
    assert "hx-trigger" not in html
    assert "<html" not in html


def test_another_stores_pages_are_404(
    store: Store, other_store: Store, member_of: Member, client_for: ClientFor
) -> None:
    # given another store's article, and a member of ours
    theirs = _live_with_draft(other_store)
    client = client_for(member_of(store, Role.OWNER))

    # then its pages cannot be reached through our store, nor our member reach the other store
    responses = [
        client.get(reverse("knowledge:version", args=[store.slug, theirs.pk, 1])),
        client.post(reverse("knowledge:publish", args=[store.slug, theirs.pk])),
        client.post(reverse("knowledge:unpublish", args=[store.slug, theirs.pk])),
        client.post(reverse("knowledge:version-restore", args=[store.slug, theirs.pk, 1])),
        client.get(reverse("knowledge:imports", args=[other_store.slug])),
        client.get(reverse("knowledge:upload", args=[other_store.slug])),
        client.get(reverse("knowledge:import", args=[other_store.slug])),
    ]
    assert [r.status_code for r in responses] == [404] * 7
    theirs.refresh_from_db()
    assert (theirs.version, theirs.published_version) == (2, 1)
