"""Anything of another store is 404 for a member of a different store, as is an unknown store."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.roles import Role
from integrations.customer_hub.models import CustomerHubSettings
from knowledge.models import Article
from skills.models import SkillConfig
from tests.factories.knowledge import ArticleFactory

pytestmark = pytest.mark.django_db

GET_PAGES = [
    ("skills:list", False),
    ("skills:detail", False),
    ("knowledge:list", False),
    ("knowledge:detail", True),
    ("knowledge:create", False),
    ("knowledge:edit", True),
    ("integrations:index", False),
]


def _url(name: str, slug: str, article_id: int) -> str:
    if name == "skills:detail":
        return reverse(name, args=[slug, "returns"])
    if name in ("knowledge:detail", "knowledge:edit"):
        return reverse(name, args=[slug, article_id])
    return reverse(name, args=[slug])


@pytest.mark.parametrize(("name", "_"), GET_PAGES)
def test_other_stores_pages_are_404(store, other_store, member_of, client_for, name, _):
    # given
    article = ArticleFactory.create(store=other_store)
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.get(_url(name, other_store.slug, article.id))
    # then
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "_"), GET_PAGES)
def test_unknown_store_pages_are_404(store, member_of, client_for, name, _):
    # given
    article = ArticleFactory.create(store=store)
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.get(_url(name, "no-such-store", article.id))
    # then
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["knowledge:detail", "knowledge:edit"])
def test_other_stores_article_through_own_store_is_404(
    store, other_store, member_of, client_for, name
):
    # given
    article = ArticleFactory.create(store=other_store)
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.get(reverse(name, args=[store.slug, article.id]))
    # then
    assert response.status_code == 404


def test_posts_to_other_store_are_404_and_change_nothing(store, other_store, member_of, client_for):
    # given
    article = ArticleFactory.create(store=other_store, title="Theirs")
    client = client_for(member_of(store, Role.OWNER))
    form = {"title": "Mine", "body": "x", "language": "en", "status": "draft"}
    # when
    responses = [
        client.post(reverse("skills:update", args=[other_store.slug, "returns"]), {}),
        client.post(reverse("knowledge:create", args=[other_store.slug]), form),
        client.post(reverse("knowledge:edit", args=[other_store.slug, article.id]), form),
        client.post(reverse("knowledge:edit", args=[store.slug, article.id]), form),
        client.post(
            reverse("integrations:hub-update", args=[other_store.slug]),
            {"mode": "builtin", "edit_window_minutes": 5, "cancel_window_minutes": 5},
        ),
        client.post(
            reverse("integrations:returns-update", args=[other_store.slug]),
            {"provider": "builtin"},
        ),
    ]
    # then
    assert [r.status_code for r in responses] == [404] * 6
    assert SkillConfig.objects.count() == 0
    assert list(Article.objects.values_list("title", flat=True)) == ["Theirs"]
    assert CustomerHubSettings.objects.count() == 0
