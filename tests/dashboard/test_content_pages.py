"""Content pages: every role reads; owners, admins and managers write."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from knowledge.models import Article
from tests.factories.knowledge import ArticleFactory

pytestmark = pytest.mark.django_db

EDITORS = [Role.OWNER, Role.ADMIN, Role.MANAGER]
READERS = [Role.ANALYST, Role.SUPPORT]

_FORM = {
    "title": "Order cancellation policy",
    "body": "## Cancelling\n\nOrders can be cancelled within 1 hour.",
    "language": "en",
    "status": "published",
}


@pytest.mark.parametrize("role", list(Role))
def test_article_list_renders_for_every_role(store, member_of, client_for, role):
    # given
    ArticleFactory.create(store=store, title="Returns policy", language="en")
    ArticleFactory.create(store=store, title="Retourbeleid", language="nl", status="draft")
    client = client_for(member_of(store, role))
    # when
    response = client.get(reverse("knowledge:list", args=[store.slug]))
    html = response.content.decode()
    # then
    assert response.status_code == 200
    assert "Returns policy" in html
    assert "Retourbeleid" in html
    assert "Written in the dashboard" in html
    new_url = reverse("knowledge:create", args=[store.slug])
    assert (f'href="{new_url}"' in html) is (role in EDITORS)


def test_article_list_filters_by_language_and_status(store, member_of, client_for):
    # given
    ArticleFactory.create(store=store, title="Returns policy", language="en", status="published")
    ArticleFactory.create(store=store, title="Retourbeleid", language="nl", status="published")
    ArticleFactory.create(store=store, title="Concept annuleren", language="nl", status="draft")
    client = client_for(member_of(store, Role.SUPPORT))
    # when
    response = client.get(
        reverse("knowledge:list", args=[store.slug]), {"language": "nl", "status": "published"}
    )
    # then
    assert [a.title for a in response.context["articles"]] == ["Retourbeleid"]


def test_article_list_ignores_unknown_filter_values(store, member_of, client_for):
    # given
    ArticleFactory.create(store=store, title="Returns policy")
    client = client_for(member_of(store, Role.SUPPORT))
    # when
    response = client.get(reverse("knowledge:list", args=[store.slug]), {"language": "xx"})
    # then
    assert response.status_code == 200
    assert [a.title for a in response.context["articles"]] == ["Returns policy"]


def test_htmx_filter_answers_with_the_table_only(store, member_of, client_for):
    # given
    ArticleFactory.create(store=store, title="Returns policy", language="en")
    client = client_for(member_of(store, Role.ANALYST))
    # when
    response = client.get(
        reverse("knowledge:list", args=[store.slug]),
        {"language": "nl"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    # then
    assert html.lstrip().startswith('<section class="card card-flush" id="article-table"')
    assert "No articles match these filters." in html
    assert response["Vary"] == "HX-Request, Accept-Language, Cookie"


@pytest.mark.parametrize("role", list(Role))
def test_article_detail_renders_markdown_for_every_role(store, member_of, client_for, role):
    # given
    article = ArticleFactory.create(store=store, body="# Returns\n\nWithin **30 days**.")
    client = client_for(member_of(store, role))
    # when
    response = client.get(reverse("knowledge:detail", args=[store.slug, article.id]))
    html = response.content.decode()
    # then
    assert response.status_code == 200
    assert "<h1>Returns</h1>" in html
    assert "<strong>30 days</strong>" in html
    edit_url = reverse("knowledge:edit", args=[store.slug, article.id])
    assert (f'href="{edit_url}"' in html) is (role in EDITORS)


def test_article_markdown_is_sanitised(store, member_of, client_for):
    # given
    article = ArticleFactory.create(
        store=store,
        body=(
            "Hello <script>alert('x')</script>\n\n"
            '<img src="x.png" onerror="alert(1)">\n\n[click](javascript:alert(1))'
        ),
    )
    client = client_for(member_of(store, Role.OWNER))
    # when
    html = client.get(reverse("knowledge:detail", args=[store.slug, article.id])).content.decode()
    body = html.split('<article class="card prose"', 1)[1].split("</article>", 1)[0]
    # then
    assert "<script" not in body
    assert "alert(" not in body
    assert "onerror" not in body
    assert "javascript:" not in body
    assert '<img src="x.png">' in body


@pytest.mark.parametrize("role", EDITORS)
def test_editor_creates_an_article(store, member_of, client_for, role):
    # given
    client = client_for(member_of(store, role))
    before = timezone.now()
    # when
    response = client.post(reverse("knowledge:create", args=[store.slug]), _FORM)
    # then
    article = Article.objects.get(store=store)
    assert response.status_code == 302
    assert response["Location"] == reverse("knowledge:detail", args=[store.slug, article.id])
    assert (article.title, article.body, article.language, article.status) == (
        "Order cancellation policy",
        "## Cancelling\n\nOrders can be cancelled within 1 hour.",
        "en",
        "published",
    )
    assert article.source == "manual"
    assert article.version == 1
    assert article.published_at is not None
    assert article.published_at >= before


def test_create_form_shows_errors_and_saves_nothing(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.MANAGER))
    # when
    response = client.post(
        reverse("knowledge:create", args=[store.slug]), {**_FORM, "title": "", "language": "de"}
    )
    # then
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "language"}
    assert 'aria-invalid="true"' in response.content.decode()
    assert Article.objects.count() == 0


@pytest.mark.parametrize("role", EDITORS)
def test_editor_edits_an_article_bumping_version(store, member_of, client_for, role):
    # given
    article = ArticleFactory.create(store=store, status="draft", version=3)
    client = client_for(member_of(store, role))
    # when
    response = client.post(
        reverse("knowledge:edit", args=[store.slug, article.id]),
        {**_FORM, "language": "nl", "title": "Annuleren"},
    )
    # then
    article.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("knowledge:detail", args=[store.slug, article.id])
    assert (article.title, article.language, article.status, article.version) == (
        "Annuleren",
        "nl",
        "published",
        4,
    )
    assert article.published_at is not None


def test_edit_page_shows_current_values(store, member_of, client_for):
    # given
    article = ArticleFactory.create(store=store, title="Retourbeleid", language="nl")
    client = client_for(member_of(store, Role.MANAGER))
    # when
    response = client.get(reverse("knowledge:edit", args=[store.slug, article.id]))
    # then
    assert response.status_code == 200
    assert response.context["form"].initial == {
        "title": "Retourbeleid",
        "body": article.body,
        "language": "nl",
        "status": "published",
    }


def test_unpublishing_clears_published_at(store, member_of, client_for):
    # given a live article
    article = ArticleFactory.create(store=store, status="published", published_at=timezone.now())
    client = client_for(member_of(store, Role.OWNER))
    # when it is unpublished (its own action: saving as a draft keeps the live version live)
    response = client.post(reverse("knowledge:unpublish", args=[store.slug, article.id]))
    # then the agent no longer has a version of it; the text is unchanged, so no new version
    article.refresh_from_db()
    assert response.status_code == 302
    assert article.status == "draft"
    assert article.published_at is None
    assert article.published_version is None
    assert article.version == 1


@pytest.mark.parametrize("role", READERS)
def test_reader_cannot_create_or_edit(store, member_of, client_for, role):
    # given
    published = timezone.now() - dt.timedelta(days=1)
    article = ArticleFactory.create(store=store, title="Returns", published_at=published)
    client = client_for(member_of(store, role))
    # when
    create_get = client.get(reverse("knowledge:create", args=[store.slug]))
    create_post = client.post(reverse("knowledge:create", args=[store.slug]), _FORM)
    edit_get = client.get(reverse("knowledge:edit", args=[store.slug, article.id]))
    edit_post = client.post(reverse("knowledge:edit", args=[store.slug, article.id]), _FORM)
    # then
    assert [r.status_code for r in (create_get, create_post, edit_get, edit_post)] == [403] * 4
    article.refresh_from_db()
    assert (article.title, article.version, article.published_at) == ("Returns", 1, published)
    assert Article.objects.count() == 1
