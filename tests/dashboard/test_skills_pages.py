"""Skills pages: every role reads; only owners and admins turn skills on or off."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.roles import Role
from skills.models import SkillConfig
from skills.registry import SKILLS

pytestmark = pytest.mark.django_db

CONFIGURERS = [Role.OWNER, Role.ADMIN]
READERS = [Role.MANAGER, Role.ANALYST, Role.SUPPORT]


@pytest.mark.parametrize("role", list(Role))
def test_skill_list_shows_every_skill_with_prerequisites(store, member_of, client_for, role):
    # given
    client = client_for(member_of(store, role))
    # when
    response = client.get(reverse("skills:list", args=[store.slug]))
    html = response.content.decode()
    # then
    assert response.status_code == 200
    assert [s.info.id for s in response.context["skills"]] == [s.id for s in SKILLS]
    for info in SKILLS:
        assert str(info.name).replace("&", "&amp;") in html
        assert f'href="/s/{store.slug}/skills/{info.id}/"' in html
    assert "Shopify connected with orders synced" in html
    assert html.count(">On</span>") == len(SKILLS)


def test_skill_list_shows_a_turned_off_skill(store, member_of, client_for):
    # given
    SkillConfig.objects.create(store=store, skill_id="returns", enabled=False)
    client = client_for(member_of(store, Role.ANALYST))
    # when
    html = client.get(reverse("skills:list", args=[store.slug])).content.decode()
    # then
    assert html.count(">On</span>") == len(SKILLS) - 1
    assert html.count(">Turned off</span>") == 1


@pytest.mark.parametrize("role", list(Role))
def test_skill_detail_renders_for_every_role(store, member_of, client_for, role):
    # given
    client = client_for(member_of(store, role))
    # when
    response = client.get(reverse("skills:detail", args=[store.slug, "order_edit"]))
    html = response.content.decode()
    # then
    assert response.status_code == 200
    assert "Order editing" in html
    assert "Customer Hub active" in html
    assert "Shopify orders" in html
    assert "WhatsApp" in html
    update_url = reverse("skills:update", args=[store.slug, "order_edit"])
    assert (f'action="{update_url}"' in html) is (role in CONFIGURERS)


def test_unknown_skill_is_404(store, member_of, client_for):
    # given
    client = client_for(member_of(store))
    # when
    response = client.get(reverse("skills:detail", args=[store.slug, "teleport"]))
    # then
    assert response.status_code == 404


@pytest.mark.parametrize("role", CONFIGURERS)
def test_configurer_turns_a_skill_off_and_on(store, member_of, client_for, role):
    # given
    client = client_for(member_of(store, role))
    url = reverse("skills:update", args=[store.slug, "returns"])
    # when
    off = client.post(url, {"enabled": "false"})
    # then
    assert off.status_code == 302
    assert off["Location"] == reverse("skills:detail", args=[store.slug, "returns"])
    config = SkillConfig.objects.get(store=store, skill_id="returns")
    assert config.enabled is False
    # when
    client.post(url, {"enabled": "true"})
    # then
    config.refresh_from_db()
    assert config.enabled is True
    assert SkillConfig.objects.filter(store=store).count() == 1


def test_htmx_toggle_answers_with_the_panel(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.post(
        reverse("skills:update", args=[store.slug, "general_qa"]),
        {"enabled": "false"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    # then
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="card" id="skill-enabled"')
    assert "The skill is turned off." in html
    assert 'value="true"' in html
    assert SkillConfig.objects.get(store=store, skill_id="general_qa").enabled is False


@pytest.mark.parametrize("role", READERS)
def test_reader_cannot_turn_a_skill_off(store, member_of, client_for, role):
    # given
    client = client_for(member_of(store, role))
    # when
    response = client.post(
        reverse("skills:update", args=[store.slug, "returns"]), {"enabled": "false"}
    )
    # then
    assert response.status_code == 403
    assert SkillConfig.objects.filter(store=store).count() == 0


def test_turning_off_an_unknown_skill_is_404(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.post(
        reverse("skills:update", args=[store.slug, "teleport"]), {"enabled": "false"}
    )
    # then
    assert response.status_code == 404
    assert SkillConfig.objects.count() == 0
