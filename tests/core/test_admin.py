"""The admin obeys the same role rules and tenancy as the dashboard and the API."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from core.roles import Role
from knowledge.models import Article
from skills.models import SkillConfig


def _staff_client(membership) -> Client:
    membership.user.is_staff = True
    membership.user.save()
    client = Client()
    client.force_login(membership.user)
    return client


def _article(store, title="Returns") -> Article:
    return Article.objects.create(store=store, title=title, body="# Returns", language="en")


def test_staff_member_sees_only_own_store_rows(store, other_store, member_of) -> None:
    mine, theirs = _article(store, "Mine"), _article(other_store, "Theirs")
    client = _staff_client(member_of(store, Role.ANALYST))
    response = client.get(reverse("admin:knowledge_article_changelist"))
    assert response.status_code == 200
    assert mine.title in response.text
    assert theirs.title not in response.text


def test_other_store_object_is_not_shown(store, other_store, member_of) -> None:
    theirs = _article(other_store, "Secret plans")
    client = _staff_client(member_of(store, Role.OWNER))
    response = client.get(reverse("admin:knowledge_article_change", args=[theirs.pk]))
    # Django's admin answers an object outside the queryset with a redirect to the index.
    assert response.status_code == 302
    assert "Secret plans" not in client.get(response["Location"]).text


@pytest.mark.parametrize(
    ("role", "may_edit"),
    [(Role.OWNER, True), (Role.ADMIN, True), (Role.MANAGER, True),
     (Role.ANALYST, False), (Role.SUPPORT, False)],
)  # fmt: skip
def test_article_edit_follows_edit_content_rule(store, member_of, role, may_edit) -> None:
    article = _article(store)
    client = _staff_client(member_of(store, role))
    url = reverse("admin:knowledge_article_change", args=[article.pk])
    data = {"store": store.pk, "title": "Changed", "body": "x", "source": "manual",
            "source_ref": "", "language": "en", "status": "draft"}  # fmt: skip
    response = client.post(url, data)
    article.refresh_from_db()
    if may_edit:
        assert response.status_code == 302
        assert article.title == "Changed"
    else:
        assert response.status_code == 403
        assert article.title == "Returns"


@pytest.mark.parametrize(
    ("role", "may_edit"),
    [(Role.OWNER, True), (Role.ADMIN, True), (Role.MANAGER, False),
     (Role.ANALYST, False), (Role.SUPPORT, False)],
)  # fmt: skip
def test_skill_config_edit_follows_configure_skills_rule(store, member_of, role, may_edit) -> None:
    config = SkillConfig.objects.create(store=store, skill_id="returns", enabled=True)
    client = _staff_client(member_of(store, role))
    url = reverse("admin:skills_skillconfig_change", args=[config.pk])
    response = client.post(url, {"store": store.pk, "skill_id": "returns", "settings": "{}"})
    config.refresh_from_db()
    assert config.enabled is (not may_edit)
    assert response.status_code == (302 if may_edit else 403)


def test_mirrors_are_read_only_even_for_owners(store, member_of) -> None:
    client = _staff_client(member_of(store, Role.OWNER))
    assert client.get(reverse("admin:shopify_order_add")).status_code == 403
    assert client.get(reverse("admin:messaging_outboxmessage_add")).status_code == 403


def test_secrets_are_not_in_admin_forms(store, member_of) -> None:
    from integrations.returns.models import ReturnsProviderConnection

    conn = ReturnsProviderConnection.objects.create(store=store, provider="loop", api_key="sk_1")
    client = _staff_client(member_of(store, Role.OWNER))
    response = client.get(reverse("admin:returns_returnsproviderconnection_change", args=[conn.pk]))
    assert response.status_code == 200
    assert "sk_1" not in response.text
    assert 'name="api_key"' not in response.text


def test_member_cannot_attach_rows_to_a_store_where_role_forbids(
    store, other_store, member_of
) -> None:
    from core.services import membership_set

    m = member_of(store, Role.MANAGER)
    membership_set(store=other_store, user=m.user, role=Role.ANALYST)
    client = _staff_client(m)
    data = {"store": other_store.pk, "title": "Sneaky", "body": "x", "source": "manual",
            "source_ref": "", "language": "en", "status": "draft"}  # fmt: skip
    response = client.post(reverse("admin:knowledge_article_add"), data)
    assert response.status_code == 200  # form re-rendered with an error
    assert not Article.objects.filter(title="Sneaky").exists()
