from __future__ import annotations

from collections.abc import Callable, Collection, Iterator

import pytest
from rest_framework.test import APIClient

from agent.selectors import channel_config_list
from core import demo
from core.models import Membership, Store
from core.roles import Role
from integrations.customer_hub.services import hub_settings_update
from skills.models import SkillConfig
from skills.registry import SKILLS
from skills.status import active_channels_reader_get, active_channels_reader_register
from tests.factories.agent import ChannelConfigFactory
from tests.factories.integrations import (
    CustomerHubSettingsFactory,
    ReturnsProviderConnectionFactory,
    ShopifyConnectionFactory,
)
from tests.factories.skills import SkillConfigFactory
from tests.knowledge.search_content import article_publish_indexed


def _active_channels(*, store: Store) -> Collection[str]:
    return [c.kind for c in channel_config_list(store=store) if c.enabled]


@pytest.fixture(autouse=True)
def channels_reader() -> Iterator[None]:
    """What the agent app registers in its ready()."""
    previous = active_channels_reader_get()
    active_channels_reader_register(reader=_active_channels)
    yield
    active_channels_reader_register(reader=previous)


def _make_ready(store: Store) -> None:
    CustomerHubSettingsFactory.create(store=store, active=True)
    ShopifyConnectionFactory.create(store=store)
    ReturnsProviderConnectionFactory.create(store=store)
    ChannelConfigFactory.create(store=store, kind="webchat", enabled=True)
    for article in demo.ARTICLES_EN[:2]:  # order changes, returns
        article_publish_indexed(
            store=store, title=article.title, body=article.body, language=article.language
        )


def test_skill_list_merges_registry_with_store_config(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    # given one skill turned off with a setting; the others have no row
    SkillConfigFactory.create(
        store=store, skill_id="returns", enabled=False, settings={"tone": "warm"}
    )

    # when the skills are listed
    response = api_for(member_of(store, Role.ANALYST)).get("/api/v1/skills")

    # then every registered skill is there, on by default unless configured
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(SKILLS)
    rows = {s["id"]: (s["enabled"], s["settings"]) for s in body["results"]}
    assert rows == {
        "order_edit": (True, {}),
        "returns": (False, {"tone": "warm"}),
        "order_status": (True, {}),
        "general_qa": (True, {}),
        "handoff": (True, {}),
        "smalltalk": (True, {}),
    }
    first = body["results"][0]
    assert first["name"] == "Order editing"
    assert first["channels"] == ["webchat", "sms", "whatsapp", "email"]
    statuses = {s["id"]: (s["status"], s["limited_mode"]) for s in body["results"]}
    assert statuses == {
        "order_edit": ("unavailable", False),
        "returns": ("turned_off", False),
        "order_status": ("unavailable", False),
        "general_qa": ("unavailable", False),
        "handoff": ("live", False),
        "smalltalk": ("live", False),
    }


def test_skill_detail_lists_each_prerequisite_with_its_reason_and_fix(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    # given a new store
    client = api_for(member_of(store, Role.SUPPORT))

    # when
    response = client.get("/api/v1/skills/returns")

    # then
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["limited_mode"]) == ("unavailable", False)
    integrations = f"/s/{store.slug}/integrations/"
    assert body["prerequisite_checks"] == [
        {
            "code": "agent_enabled",
            "label": "Agent enabled",
            "met": True,
            "reason": "The agent is on.",
            "fix_url": None,
        },
        {
            "code": "hub_active",
            "label": "Customer Hub active",
            "met": False,
            "reason": "Customer Hub is not active.",
            "fix_url": f"{integrations}#hub-section",
        },
        {
            "code": "returns_provider_connected",
            "label": "Returns provider connected",
            "met": False,
            "reason": "No returns provider is connected.",
            "fix_url": f"{integrations}#returns-section",
        },
        {
            "code": "return_policy_content",
            "label": "Return-policy content",
            "met": False,
            "reason": "No return-policy content found.",
            "fix_url": f"/s/{store.slug}/content/",
        },
        {
            "code": "channel_active",
            "label": "At least one active channel",
            "met": False,
            "reason": "No channel is active.",
            "fix_url": f"/s/{store.slug}/channels/",
        },
    ]


def test_skill_status_follows_the_hub(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    # given every prerequisite in place
    _make_ready(store)
    client = api_for(member_of(store, Role.ANALYST))
    assert client.get("/api/v1/skills/order_edit").json()["status"] == "live"

    # when the hub is deactivated
    hub_settings_update(store=store, active=False)
    body = client.get("/api/v1/skills/order_edit").json()

    # then
    assert body["status"] == "unavailable"
    missing = [(c["code"], c["reason"]) for c in body["prerequisite_checks"] if not c["met"]]
    assert missing == [("hub_active", "Customer Hub is not active.")]
    returns = client.get("/api/v1/skills/returns").json()
    assert (returns["status"], returns["limited_mode"]) == ("unavailable", True)

    # when it is reactivated
    hub_settings_update(store=store, active=True)

    # then
    assert client.get("/api/v1/skills/order_edit").json()["status"] == "live"


def test_status_reasons_follow_the_request_language(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    client = api_for(member_of(store))
    body = client.get("/api/v1/skills/order_edit", HTTP_ACCEPT_LANGUAGE="nl").json()
    hub = next(c for c in body["prerequisite_checks"] if c["code"] == "hub_active")
    assert (body["name"], hub["label"], hub["reason"]) == (
        "Bestelling wijzigen",
        "Customer Hub actief",
        "Customer Hub is niet actief.",
    )


def test_skill_patch_turns_off_and_merges_settings(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    # given a skill with a setting
    SkillConfigFactory.create(store=store, skill_id="order_edit", settings={"a": 1, "b": 2})
    client = api_for(member_of(store, Role.OWNER))

    # when it is turned off and one setting changes
    response = client.patch(
        "/api/v1/skills/order_edit", {"enabled": False, "settings": {"b": 3}}, format="json"
    )

    # then the row holds both, the untouched setting kept, and the status says so
    assert response.status_code == 200
    assert (response.json()["enabled"], response.json()["settings"]) == (False, {"a": 1, "b": 3})
    assert response.json()["status"] == "turned_off"
    config = SkillConfig.objects.get(store=store, skill_id="order_edit")
    assert (config.enabled, config.settings) == (False, {"a": 1, "b": 3})


def test_unknown_skill_is_404(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    client = api_for(member_of(store))
    assert client.get("/api/v1/skills/teleport").status_code == 404
    response = client.patch("/api/v1/skills/teleport", {"enabled": False}, format="json")
    assert response.status_code == 404
    assert SkillConfig.objects.filter(store=store).count() == 0


def test_skill_settings_must_be_an_object(
    store: Store, member_of: Callable[..., Membership], api_for: Callable[..., APIClient]
) -> None:
    response = api_for(member_of(store)).patch(
        "/api/v1/skills/returns", {"settings": ["not", "an", "object"]}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["detail"]) == ["settings"]


def test_skills_of_another_store_are_404_and_untouched(
    store: Store,
    other_store: Store,
    member_of: Callable[..., Membership],
    api_for: Callable[..., APIClient],
) -> None:
    client = api_for(member_of(store), store_header=other_store.slug)
    assert client.get("/api/v1/skills").status_code == 404
    assert client.get("/api/v1/skills/returns").status_code == 404
    response = client.patch("/api/v1/skills/returns", {"enabled": False}, format="json")
    assert response.status_code == 404
    assert SkillConfig.objects.filter(store=other_store).count() == 0
