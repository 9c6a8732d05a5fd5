"""The role rules, written out as the issue states them: each role × each action."""

from __future__ import annotations

import pytest

from core.roles import Action, Role, role_can

A = Action
EXPECTED: dict[Role, set[Action]] = {
    Role.OWNER: set(Action),
    Role.ADMIN: set(Action),
    Role.MANAGER: {
        A.VIEW, A.VIEW_ANALYTICS, A.USE_PREVIEW,
        A.EDIT_GUIDANCE, A.EDIT_CONTENT, A.EDIT_HANDOFF_SETTINGS, A.EDIT_CHANNELS,
    },
    Role.ANALYST: {A.VIEW, A.VIEW_ANALYTICS, A.USE_PREVIEW},
    Role.SUPPORT: {A.VIEW, A.VIEW_ANALYTICS, A.USE_PREVIEW, A.WORK_HANDOFFS},
}  # fmt: skip


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
def test_role_matrix(role: Role, action: Action) -> None:
    assert role_can(role, action) is (action in EXPECTED[role])


@pytest.mark.parametrize("action", list(Action))
def test_no_role_and_unknown_role_may_do_nothing(action: Action) -> None:
    assert role_can(None, action) is False
    assert role_can("superhero", action) is False


def test_only_owner_and_admin_configure_skills_and_integrations() -> None:
    for action in (A.CONFIGURE_SKILLS, A.CONFIGURE_INTEGRATIONS):
        assert {r for r in Role if role_can(r, action)} == {Role.OWNER, Role.ADMIN}


def test_every_role_can_view_skill_settings() -> None:
    assert all(role_can(r, A.VIEW) for r in Role)
