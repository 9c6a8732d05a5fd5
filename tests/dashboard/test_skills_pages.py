"""Skills pages: every role reads the computed status; only owners and admins turn skills on
or off."""

from __future__ import annotations

from collections.abc import Collection, Iterator

import pytest
from django.urls import reverse

from agent.selectors import channel_config_list
from core import demo
from core.models import Store
from core.roles import Role
from skills.models import SkillConfig
from skills.registry import SKILLS
from skills.status import active_channels_reader_get, active_channels_reader_register
from tests.factories.agent import ChannelConfigFactory
from tests.factories.integrations import (
    CustomerHubSettingsFactory,
    ReturnsProviderConnectionFactory,
    ShopifyConnectionFactory,
)
from tests.knowledge.search_content import article_publish_indexed

pytestmark = pytest.mark.django_db

CONFIGURERS = [Role.OWNER, Role.ADMIN]
READERS = [Role.MANAGER, Role.ANALYST, Role.SUPPORT]
LIVE = ">Live</span>"
UNAVAILABLE = ">Unavailable</span>"
TURNED_OFF = ">Turned off</span>"
LIMITED = ">Limited mode</span>"
# A new store: the order skills and general questions wait for their prerequisites.
NEW_STORE_LIVE = 2


def _active_channels(*, store: Store) -> Collection[str]:
    return [c.kind for c in channel_config_list(store=store) if c.enabled]


@pytest.fixture(autouse=True)
def channels_reader() -> Iterator[None]:
    """What the agent app registers in its ready()."""
    previous = active_channels_reader_get()
    active_channels_reader_register(reader=_active_channels)
    yield
    active_channels_reader_register(reader=previous)


def _make_ready(store: Store) -> Store:
    """Every prerequisite of every skill met."""
    CustomerHubSettingsFactory.create(store=store, active=True)
    ShopifyConnectionFactory.create(store=store)
    ReturnsProviderConnectionFactory.create(store=store)
    ChannelConfigFactory.create(store=store, kind="webchat", enabled=True)
    for article in demo.ARTICLES_EN[:2]:  # order changes, returns
        article_publish_indexed(
            store=store, title=article.title, body=article.body, language=article.language
        )
    return store


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
    assert "Agent enabled" in html
    assert html.count(LIVE) == NEW_STORE_LIVE
    assert html.count(UNAVAILABLE) == len(SKILLS) - NEW_STORE_LIVE


def test_skill_list_says_what_is_missing_with_a_link_to_fix_it(store, member_of, client_for):
    # given a new store
    client = client_for(member_of(store, Role.ANALYST))
    # when
    response = client.get(reverse("skills:list", args=[store.slug]))
    html = response.content.decode()
    # then
    states = {s.id: s.state.value for s in response.context["skills"]}
    assert states == {
        "order_edit": "unavailable",
        "returns": "unavailable",
        "order_status": "unavailable",
        "general_qa": "unavailable",
        "handoff": "live",
        "smalltalk": "live",
    }
    assert "Customer Hub is not active." in html
    assert "No return-policy content found." in html
    assert "No content about changing or cancelling orders found." in html
    assert "Shopify is not connected." in html
    assert "No published content found." in html
    assert html.count(f'<a href="/s/{store.slug}/integrations/#hub-section">Fix this') == 2
    assert f'<a href="/s/{store.slug}/content/">Fix this' in html
    assert f'<a href="/s/{store.slug}/channels/">Fix this' in html
    assert LIMITED not in html


def test_skill_list_is_all_live_when_everything_is_in_place(store, member_of, client_for):
    # given
    _make_ready(store)
    client = client_for(member_of(store, Role.SUPPORT))
    # when
    html = client.get(reverse("skills:list", args=[store.slug])).content.decode()
    # then
    assert html.count(LIVE) == len(SKILLS)
    assert UNAVAILABLE not in html
    assert "Fix this" not in html


def test_skill_list_shows_a_turned_off_skill(store, member_of, client_for):
    # given
    _make_ready(store)
    SkillConfig.objects.create(store=store, skill_id="returns", enabled=False)
    client = client_for(member_of(store, Role.ANALYST))
    # when
    html = client.get(reverse("skills:list", args=[store.slug])).content.decode()
    # then
    assert html.count(LIVE) == len(SKILLS) - 1
    assert html.count(TURNED_OFF) == 1


def test_returns_in_limited_mode_says_so(store, member_of, client_for):
    # given policy content and a channel, but no hub or returns provider
    _make_ready(store)
    store.hub_settings.delete()
    store.returns_provider.delete()
    client = client_for(member_of(store, Role.MANAGER))
    # when
    list_html = client.get(reverse("skills:list", args=[store.slug])).content.decode()
    detail_html = client.get(
        reverse("skills:detail", args=[store.slug, "returns"])
    ).content.decode()
    # then
    for html in (list_html, detail_html):
        assert html.count(LIMITED) == 1
        assert "Limited mode: the agent answers return-policy questions" in html
        assert "No returns provider is connected." in html
    assert "The agent uses this skill in limited mode" in detail_html


def test_deactivating_the_hub_turns_order_editing_unavailable_at_once(store, member_of, client_for):
    # given every prerequisite in place
    _make_ready(store)
    client = client_for(member_of(store, Role.OWNER))
    detail = reverse("skills:detail", args=[store.slug, "order_edit"])
    hub_switch = reverse("integrations:hub-active", args=[store.slug])
    assert client.get(detail).context["skill"].state == "live"
    # when the merchant deactivates the Customer Hub on the Integrations page
    saved = client.post(hub_switch, {"active": "false"})
    response = client.get(detail)
    html = response.content.decode()
    # then
    assert saved.status_code == 302
    assert response.context["skill"].state == "unavailable"
    assert html.count(UNAVAILABLE) == 1
    assert 'data-code="hub_active" data-met="false"' in html
    assert "Customer Hub is not active." in html
    assert f'href="/s/{store.slug}/integrations/#hub-section">Fix this' in html
    # when it is reactivated
    saved = client.post(hub_switch, {"active": "true"})
    html = client.get(detail).content.decode()
    # then
    assert saved.status_code == 302
    assert html.count(LIVE) == 1
    assert 'data-code="hub_active" data-met="true"' in html
    assert "Customer Hub is active." in html


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
    assert html.count("<li data-code=") == 4
    assert 'data-code="agent_enabled" data-met="true"' in html
    assert 'data-code="order_policy_content" data-met="false"' in html
    assert html.count(UNAVAILABLE) == 1
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
    assert html.count(TURNED_OFF) == 1
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
