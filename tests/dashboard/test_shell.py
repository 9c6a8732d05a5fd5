"""The dashboard shell: login, no-store page, navigation, store switcher, language, errors."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from core.roles import Role
from core.services import membership_set
from tests.factories.knowledge import ArticleFactory

pytestmark = pytest.mark.django_db


def _nav_current(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" aria-current="page">', html)


def test_login_page_renders_form(client):
    # when
    response = client.get(reverse("login"))
    # then
    assert response.status_code == 200
    assert response.templates[0].name == "core/login.html"
    assert b'name="username"' in response.content
    assert b'name="password"' in response.content


def test_login_with_valid_credentials_lands_on_skills_page(client, store, member_of):
    # given
    membership = member_of(store, Role.ADMIN)
    # when
    response = client.post(
        reverse("login"),
        {"username": membership.user.username, "password": "correct-horse-battery"},
        follow=True,
    )
    # then
    assert response.redirect_chain[-1][0] == f"/s/{store.slug}/skills/"
    assert response.status_code == 200


def test_login_with_wrong_password_shows_error(client, store, member_of):
    # given
    membership = member_of(store)
    # when
    response = client.post(
        reverse("login"), {"username": membership.user.username, "password": "wrong"}
    )
    # then
    assert response.status_code == 200
    assert b"did not match" in response.content


def test_user_without_store_sees_invitation_page():
    # given
    client = Client()
    client.force_login(get_user_model().objects.create_user("drifter"))
    # when
    response = client.get(reverse("dashboard-home"))
    # then
    assert response.status_code == 200
    assert response.templates[0].name == "core/no_store.html"
    assert b"invite you" in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/s/{slug}/skills/",
        "/s/{slug}/skills/order_edit/",
        "/s/{slug}/content/",
        "/s/{slug}/content/new/",
        "/s/{slug}/integrations/",
    ],
)
def test_anonymous_is_sent_to_login(client, store, path):
    # given
    url = path.format(slug=store.slug)
    # when
    response = client.get(url)
    # then
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={url}"


def test_shell_shows_user_role_logout_and_language_switch(store, member_of, client_for):
    # given
    membership = member_of(store, Role.MANAGER)
    # when
    response = client_for(membership).get(reverse("skills:list", args=[store.slug]))
    html = response.content.decode()
    # then
    assert membership.user.username in html
    assert "Manager" in html
    assert f'action="{reverse("logout")}" method="post"' in html
    assert f'action="{reverse("set_language")}" method="post"' in html
    assert 'name="language" value="nl"' in html
    assert '<main class="main" id="main"' in html
    assert 'hx-headers=\'{"X-CSRFToken": "' in html


@pytest.mark.parametrize(
    ("name", "args", "current"),
    [
        ("skills:list", [], "skills:list"),
        ("skills:detail", ["returns"], "skills:list"),
        ("knowledge:list", [], "knowledge:list"),
        ("knowledge:create", [], "knowledge:list"),
        ("integrations:index", [], "integrations:index"),
    ],
)
def test_navigation_marks_current_section(store, member_of, client_for, name, args, current):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.get(reverse(name, args=[store.slug, *args]))
    # then
    assert _nav_current(response.content.decode()) == [reverse(current, args=[store.slug])]


def test_navigation_links_every_section(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.SUPPORT))
    # when
    html = client.get(reverse("skills:list", args=[store.slug])).content.decode()
    # then
    for name in (
        "skills:list",
        "knowledge:list",
        "integrations:index",
        "agent:channels",
        "agent:handoff",
        "agent:preview",
        "agent:conversations",
        "agent:analytics",
    ):
        assert f'href="{reverse(name, args=[store.slug])}"' in html


def test_store_switcher_keeps_page_type(store, other_store, member_of, client_for):
    # given
    membership = member_of(store, Role.OWNER)
    second = other_store
    membership_set(store=second, user=membership.user, role=Role.ANALYST)
    client = client_for(membership)
    # when
    html = client.get(reverse("skills:detail", args=[store.slug, "returns"])).content.decode()
    # then
    assert f'href="/s/{second.slug}/skills/returns/"' in html
    assert f'href="/s/{store.slug}/skills/returns/" aria-current="true"' in html
    assert second.name in html


def test_store_switcher_goes_to_section_list_from_an_object_page(
    store, other_store, member_of, client_for
):
    # given
    membership = member_of(store, Role.OWNER)
    second = other_store
    membership_set(store=second, user=membership.user, role=Role.OWNER)
    article = ArticleFactory.create(store=store)
    # when
    response = client_for(membership).get(
        reverse("knowledge:detail", args=[store.slug, article.id])
    )
    # then
    assert f'href="/s/{second.slug}/content/"' in response.content.decode()


def test_language_switch_makes_the_dashboard_dutch(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    skills_url = reverse("skills:list", args=[store.slug])
    # when
    switch = client.post(reverse("set_language"), {"language": "nl", "next": skills_url})
    response = client.get(skills_url)
    html = response.content.decode()
    # then
    assert switch.status_code == 302
    assert switch["Location"] == skills_url
    assert '<html lang="nl">' in html
    for dutch in ("Vaardigheden", "Inhoud", "Koppelingen", "Kanalen", "Gesprekken", "Uitloggen"):
        assert dutch in html
    for english in (">Skills<", ">Content<", ">Integrations<", ">Conversations<", "Log out"):
        assert english not in html


def test_language_switch_back_to_english(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    skills_url = reverse("skills:list", args=[store.slug])
    client.post(reverse("set_language"), {"language": "nl", "next": skills_url})
    # when
    client.post(reverse("set_language"), {"language": "en", "next": skills_url})
    html = client.get(skills_url).content.decode()
    # then
    assert ">Skills<" in html
    assert "Vaardigheden" not in html


def test_unknown_store_shows_friendly_404(store, member_of, client_for):
    # given
    client = client_for(member_of(store))
    # when
    response = client.get("/s/no-such-store/skills/")
    # then
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_forbidden_action_shows_friendly_403(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.ANALYST))
    # when
    response = client.get(reverse("knowledge:create", args=[store.slug]))
    # then
    assert response.status_code == 403
    assert b"Your role does not allow this" in response.content
