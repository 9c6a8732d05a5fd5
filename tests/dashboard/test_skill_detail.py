"""The skill detail page: behaviour per order state (from the real eligibility rules under the
store's settings) and per channel, connected tools with their live state, the prerequisite
checklist, and the settings form — editable for owners and admins only."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

import pytest
from django.urls import reverse

from agent.selectors import channel_config_list
from core import demo
from core.models import Store
from core.roles import Role
from integrations.customer_hub.services import hub_settings_update
from knowledge.models import Article
from skills.models import SkillConfig
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


def _active_channels(*, store: Store) -> Collection[str]:
    return [c.kind for c in channel_config_list(store=store) if c.enabled]


@pytest.fixture(autouse=True)
def channels_reader() -> Iterator[None]:
    previous = active_channels_reader_get()
    active_channels_reader_register(reader=_active_channels)
    yield
    active_channels_reader_register(reader=previous)


def _make_ready(store: Store) -> Store:
    CustomerHubSettingsFactory.create(store=store, active=True)
    ShopifyConnectionFactory.create(store=store)
    ReturnsProviderConnectionFactory.create(store=store)
    ChannelConfigFactory.create(store=store, kind="webchat", enabled=True)
    for article in demo.ARTICLES_EN[:2]:  # order changes, returns
        article_publish_indexed(
            store=store, title=article.title, body=article.body, language=article.language
        )
    return store


def _detail(client, store: Store, skill_id: str):
    return client.get(reverse("skills:detail", args=[store.slug, skill_id]))


def _settings_url(store: Store, skill_id: str) -> str:
    return reverse("skills:settings-update", args=[store.slug, skill_id])


def _rows(response) -> dict[str, tuple[str, bool]]:
    return {str(row.state): (row.code, row.allowed) for row in response.context["detail"].states}


# --- behaviour per order state ----------------------------------------------------------------


def test_order_editing_behaviour_per_order_state(store, member_of, client_for):
    # given the default hub windows (60 minutes) and exclusions (pre-order, personalised)
    _make_ready(store)
    client = client_for(member_of(store, Role.ANALYST))
    # when
    response = _detail(client, store, "order_edit")
    html = response.content.decode()
    # then
    assert _rows(response) == {
        "Unfulfilled": ("editable/cancellable", True),
        "Partially fulfilled": ("partially_fulfilled/partially_fulfilled", True),
        "Fulfilled / shipped": ("fulfilled/fulfilled", False),
        "Edit window passed": ("window_passed/window_passed", False),
        "Excluded item": ("items_excluded/cancellable", True),
        "Cancelled": ("cancelled/already_cancelled", False),
    }
    assert "Can be changed (size or colour, quantity and shipping address): the 1 hour" in html
    assert "Says the order has shipped and hands over to Returns &amp; exchanges." in html
    assert "its only item is tagged “pre-order”" in html
    assert "Unfulfilled, but placed 61 minutes ago" in html


def test_order_states_follow_the_hub_settings_at_once(store, member_of, client_for):
    # given
    _make_ready(store)
    client = client_for(member_of(store, Role.OWNER))
    # when the hub's edit window is set to 0 and cancelling is not allowed
    hub_settings_update(store=store, edit_window_minutes=0, allow_cancel=False)
    response = _detail(client, store, "order_edit")
    # then an order placed a minute ago can no longer be changed or cancelled (the late
    # example follows the longer window, the cancel window's hour)
    rows = _rows(response)
    assert rows["Unfulfilled"] == ("window_passed/not_allowed", False)
    assert "Unfulfilled, but placed 61 minutes ago" in response.content.decode()


def test_returns_behaviour_per_order_state(store, member_of, client_for):
    # given
    _make_ready(store)
    client = client_for(member_of(store, Role.SUPPORT))
    # when
    response = _detail(client, store, "returns")
    html = response.content.decode()
    # then
    assert _rows(response) == {
        "Delivered": ("eligible", True),
        "Return window passed": ("window_passed", False),
        "Excluded item": ("excluded", False),
        "Shipped, not delivered": ("not_delivered", False),
        "Unfulfilled": ("not_shipped", False),
        "Cancelled": ("order_cancelled", False),
    }
    assert "Can be returned: inside the 30-day return window. Exchanges are offered too." in html
    assert "Delivered 35 days ago." in html
    assert "hands over to Order editing" in html


def test_skills_without_order_rules_show_no_order_table(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = _detail(client, store, "general_qa")
    html = response.content.decode()
    # then
    assert response.context["detail"].states == ()
    assert 'id="order-states"' not in html
    assert 'id="settings"' not in html
    assert 'id="channels"' in html


# --- channels and tools -----------------------------------------------------------------------


def test_channels_say_how_replies_look_and_whether_they_are_on(store, member_of, client_for):
    # given web chat on, SMS set up but off, the rest never set up
    ChannelConfigFactory.create(store=store, kind="webchat", enabled=True)
    ChannelConfigFactory.create(store=store, kind="sms", enabled=False)
    client = client_for(member_of(store, Role.ANALYST))
    # when
    response = _detail(client, store, "order_edit")
    html = response.content.decode()
    # then
    channels = {c.channel: c.active for c in response.context["detail"].channels}
    assert channels == {"webchat": True, "sms": False, "whatsapp": False, "email": False}
    assert "Cards and buttons: the order card with each item&#x27;s status" in html
    assert "Plain text with one link into the Customer Hub, at most 320 characters" in html
    assert "Text with its links and numbered options" in html
    assert "An HTML email (with a plain-text part)" in html
    assert f'href="/s/{store.slug}/channels/sms/"' in html


def test_tools_show_their_live_state_with_links(store, member_of, client_for):
    # given a new store: nothing connected
    client = client_for(member_of(store, Role.MANAGER))
    # when
    response = _detail(client, store, "returns")
    html = response.content.decode()
    # then
    tools = {t.tool.value: (t.ok, str(t.state)) for t in response.context["detail"].tools}
    assert tools == {
        "knowledge": (False, "Missing content"),
        "shopify": (False, "Not connected"),
        "hub": (False, "Not active"),
        "returns_provider": (False, "Not connected"),
    }
    assert f'href="/s/{store.slug}/integrations/#hub-section">Manage the Customer Hub' in html
    assert f'href="/s/{store.slug}/integrations/#returns-section">' in html
    assert f'href="/s/{store.slug}/content/">Open content' in html


def test_tools_are_ok_when_connected(store, member_of, client_for):
    # given
    _make_ready(store)
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = _detail(client, store, "order_edit")
    # then
    tools = {t.tool.value: (t.ok, str(t.state)) for t in response.context["detail"].tools}
    assert tools == {
        "knowledge": (True, "Ready"),
        "shopify": (True, "Connected"),
        "hub": (True, "Active"),
    }
    details = {t.tool.value: str(t.detail) for t in response.context["detail"].tools}
    assert details["hub"] == "Built-in hub; edit window 1 hour, cancel window 1 hour"
    assert details["knowledge"].startswith("2 published articles. Found in “")


def test_missing_prerequisites_link_to_where_they_are_fixed(store, member_of, client_for):
    # given a new store
    client = client_for(member_of(store, Role.ANALYST))
    # when
    html = _detail(client, store, "returns").content.decode()
    # then each prerequisite is in words, met or missing, with a link for the missing ones
    assert 'data-code="agent_enabled" data-met="true"' in html
    assert "Customer Hub is not active." in html
    assert "No return-policy content found." in html
    assert f'<a class="small" href="/s/{store.slug}/integrations/#hub-section">Fix this' in html
    assert f'<a class="small" href="/s/{store.slug}/content/">Fix this' in html
    assert html.count(">Missing</span>") == 4
    assert html.count(">In place</span>") == 1


# --- settings: owners and admins edit, everyone else reads ------------------------------------


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("skill_id", ["order_edit", "returns"])
def test_only_configurers_get_an_editable_settings_form(
    store, member_of, client_for, role, skill_id
):
    # given
    client = client_for(member_of(store, role))
    # when
    response = _detail(client, store, skill_id)
    html = response.content.decode()
    settings_html = html[html.index('id="settings"') :]
    # then
    editable = role in CONFIGURERS
    assert (response.context["settings_form"] is not None) is editable
    assert (f'action="{_settings_url(store, skill_id)}"' in html) is editable
    assert ("<input" in settings_html) is editable
    assert ("Save settings" in html) is editable
    assert ('id="settings-read-only"' in html) is not editable
    if not editable:
        assert "Only the store's owner and admins can change skill settings." in html


def test_read_only_settings_show_the_values_the_agent_uses(store, member_of, client_for):
    # given
    SkillConfig.objects.create(
        store=store,
        skill_id="returns",
        settings={"return_window_days": 14, "excluded_product_tags": ["final-sale"]},
    )
    client = client_for(member_of(store, Role.ANALYST))
    # when
    html = _detail(client, store, "returns").content.decode()
    # then
    assert "<dd>14 days after delivery</dd>" in html
    assert "<dd>final-sale</dd>" in html
    assert "<dd>Gift Card, Gift Cards</dd>" in html


@pytest.mark.parametrize("role", READERS)
@pytest.mark.parametrize("skill_id", ["order_edit", "returns"])
def test_a_forged_settings_post_by_a_reader_is_403(store, member_of, client_for, role, skill_id):
    # given
    client = client_for(member_of(store, role))
    # when
    response = client.post(
        _settings_url(store, skill_id),
        {"return_window_days": "1", "excluded_product_tags": "", "exchange_allowed": ""},
    )
    # then
    assert response.status_code == 403
    assert SkillConfig.objects.count() == 0


@pytest.mark.parametrize("role", CONFIGURERS)
def test_configurer_saves_returns_settings_and_the_rules_follow(store, member_of, client_for, role):
    # given
    _make_ready(store)
    client = client_for(member_of(store, role))
    # when
    response = client.post(
        _settings_url(store, "returns"),
        {
            "return_window_days": "14",
            "excluded_product_tags": " final sale ,hygiene,, ",
            "excluded_product_types": "",
        },
    )
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("skills:detail", args=[store.slug, "returns"]) + (
        "#settings"
    )
    assert SkillConfig.objects.get(store=store, skill_id="returns").settings == {
        "return_window_days": 14,
        "excluded_product_tags": ["final sale", "hygiene"],
        "excluded_product_types": [],
        "exchange_allowed": False,
    }
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Skill settings saved." in html
    assert "Cannot be returned: the 14-day return window ended." in html
    assert "Delivered 19 days ago." in html
    assert "the item is tagged “final sale”" in html
    assert "Exchanges are offered too." not in html
    assert page.context["skill"].state == "live"


def test_configurer_saves_order_edit_exclusions(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.post(
        _settings_url(store, "order_edit"),
        {
            "excluded_product_tags": "made-to-order",
            "excluded_product_types": "Gift Card",
            "cancel_excluded_product_tags": "",
        },
    )
    # then
    assert response.status_code == 302
    assert SkillConfig.objects.get(store=store, skill_id="order_edit").settings == {
        "excluded_product_tags": ["made-to-order"],
        "excluded_product_types": ["Gift Card"],
        "cancel_excluded_product_tags": [],
    }
    html = client.get(reverse("skills:detail", args=[store.slug, "order_edit"])).content.decode()
    assert "its only item is tagged “made-to-order”" in html
    assert 'value="made-to-order"' in html


def test_invalid_settings_are_shown_and_not_saved(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.ADMIN))
    # when
    response = client.post(
        _settings_url(store, "returns"),
        {"return_window_days": "400", "excluded_product_tags": "x" * 101},
    )
    # then
    assert response.status_code == 200
    assert response.context["settings_form"].errors == {
        "return_window_days": ["Ensure this value is less than or equal to 365."]
    }
    assert SkillConfig.objects.count() == 0
    # when the window is fine but a tag is too long (the skill's own parser says so)
    response = client.post(
        _settings_url(store, "returns"),
        {"return_window_days": "30", "excluded_product_tags": "x" * 101},
    )
    # then
    assert response.context["settings_form"].errors == {
        "excluded_product_tags": ["Each entry can be at most 100 characters."]
    }
    assert "Please correct the errors below." in response.content.decode()
    assert SkillConfig.objects.count() == 0


def test_a_skill_without_settings_has_no_settings_endpoint(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    response = client.post(_settings_url(store, "general_qa"), {"x": "1"})
    # then
    assert response.status_code == 404
    assert SkillConfig.objects.count() == 0


def test_hub_windows_are_shown_with_a_link_to_the_hub_settings(store, member_of, client_for):
    # given
    CustomerHubSettingsFactory.create(store=store, edit_window_minutes=90, allow_cancel=False)
    client = client_for(member_of(store, Role.ANALYST))
    # when
    html = _detail(client, store, "order_edit").content.decode()
    # then
    hub = html[html.index('id="hub-windows"') :]
    assert "<dd>90 minutes after ordering</dd>" in hub
    assert "<li>Quantity</li>" in hub
    assert "<li>Cancel the order</li>" not in hub
    assert f'href="/s/{store.slug}/integrations/#hub-section">Customer Hub settings' in hub


# --- status is never stale --------------------------------------------------------------------


def test_unpublishing_the_policy_turns_returns_unavailable_at_once(
    store, member_of, client_for, django_capture_on_commit_callbacks
):
    # given a Live returns skill whose content probe was answered (and remembered)
    _make_ready(store)
    client = client_for(member_of(store, Role.OWNER))
    assert _detail(client, store, "returns").context["skill"].state == "live"
    policy = Article.objects.get(store=store, title=demo.ARTICLES_EN[1].title)
    # when the merchant unpublishes it on the Content page (re-indexed after commit)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("knowledge:unpublish", args=[store.slug, policy.pk]))
    response = _detail(client, store, "returns")
    # then
    assert response.context["skill"].state == "unavailable"
    assert "No return-policy content found." in response.content.decode()
    # when it is published again
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("knowledge:publish", args=[store.slug, policy.pk]))
    # then
    assert _detail(client, store, "returns").context["skill"].state == "live"


def test_turning_a_skill_off_and_on_shows_at_once(store, member_of, client_for):
    # given
    _make_ready(store)
    client = client_for(member_of(store, Role.OWNER))
    update = reverse("skills:update", args=[store.slug, "order_edit"])
    # when
    client.post(update, {"enabled": "false"})
    html = _detail(client, store, "order_edit").content.decode()
    # then
    assert html.count(TURNED_OFF) == 1
    # when
    client.post(update, {"enabled": "true"})
    # then
    assert _detail(client, store, "order_edit").content.decode().count(LIVE) == 1


# --- tenancy ----------------------------------------------------------------------------------


@pytest.mark.parametrize("skill_id", ["order_edit", "returns", "general_qa"])
def test_another_stores_skill_is_404(store, other_store, member_of, client_for, skill_id):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    page = client.get(reverse("skills:detail", args=[other_store.slug, skill_id]))
    saved = client.post(_settings_url(other_store, skill_id), {"return_window_days": "1"})
    # then
    assert (page.status_code, saved.status_code) == (404, 404)
    assert SkillConfig.objects.count() == 0


def test_unknown_skill_settings_is_404(store, member_of, client_for):
    # given
    client = client_for(member_of(store, Role.OWNER))
    # when
    page = client.get(reverse("skills:detail", args=[store.slug, "teleport"]))
    saved = client.post(_settings_url(store, "teleport"), {"return_window_days": "1"})
    # then
    assert (page.status_code, saved.status_code) == (404, 404)


# --- Dutch ------------------------------------------------------------------------------------


def test_the_page_speaks_dutch(store, member_of, client_for):
    # given
    _make_ready(store)
    client = client_for(member_of(store, Role.OWNER))
    client.post(reverse("set_language"), {"language": "nl"})
    # when
    html = _detail(client, store, "order_edit").content.decode()
    # then
    text = re.sub(r"\s+", " ", html)
    for dutch in (
        "Per bestelstatus",
        "Per kanaal",
        "Gekoppelde hulpmiddelen",
        "Instellingen opslaan",
        "Niet verzonden",
        "Kaarten en knoppen",
    ):
        assert dutch in text
    for english in ("Per order state", "Per channel", "Connected tools", "Save settings"):
        assert english not in text
