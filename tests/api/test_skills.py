from __future__ import annotations

from collections.abc import Callable

from rest_framework.test import APIClient

from core.models import Membership, Store
from core.roles import Role
from skills.models import SkillConfig
from skills.registry import SKILLS
from tests.factories.skills import SkillConfigFactory


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
        "general_qa": (True, {}),
        "handoff": (True, {}),
        "smalltalk": (True, {}),
    }
    first = body["results"][0]
    assert first["name"] == "Order editing"
    assert first["channels"] == ["webchat", "sms", "whatsapp", "email"]


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

    # then the row holds both, the untouched setting kept
    assert response.status_code == 200
    assert (response.json()["enabled"], response.json()["settings"]) == (False, {"a": 1, "b": 3})
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
    response = client.patch("/api/v1/skills/returns", {"enabled": False}, format="json")
    assert response.status_code == 404
    assert SkillConfig.objects.filter(store=other_store).count() == 0
