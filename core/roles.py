"""Roles and what each may do — the one place these rules live.

Dashboard views, the REST API and the Django admin all ask :func:`role_can`; nothing else
decides whether a member may do something.
"""

from __future__ import annotations

import enum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    ADMIN = "admin", _("Admin")
    MANAGER = "manager", _("Manager")
    ANALYST = "analyst", _("Analyst")
    SUPPORT = "support", _("Support")


class Action(enum.StrEnum):
    """Protected actions. Reading (VIEW) is open to every member of the store."""

    VIEW = "view"
    VIEW_ANALYTICS = "view_analytics"
    USE_PREVIEW = "use_preview"
    CONFIGURE_SKILLS = "configure_skills"
    CONFIGURE_INTEGRATIONS = "configure_integrations"
    MANAGE_STORE = "manage_store"
    MANAGE_MEMBERS = "manage_members"
    EDIT_GUIDANCE = "edit_guidance"
    EDIT_CONTENT = "edit_content"
    EDIT_HANDOFF_SETTINGS = "edit_handoff_settings"
    EDIT_CHANNELS = "edit_channels"
    WORK_HANDOFFS = "work_handoffs"


_READ = frozenset({Action.VIEW, Action.VIEW_ANALYTICS, Action.USE_PREVIEW})

ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.OWNER: frozenset(Action),
    Role.ADMIN: frozenset(Action),
    Role.MANAGER: _READ
    | {
        Action.EDIT_GUIDANCE,
        Action.EDIT_CONTENT,
        Action.EDIT_HANDOFF_SETTINGS,
        Action.EDIT_CHANNELS,
    },
    Role.ANALYST: _READ,
    Role.SUPPORT: _READ | {Action.WORK_HANDOFFS},
}


def role_can(role: str | None, action: Action) -> bool:
    """True when a member with ``role`` may perform ``action``. Unknown roles may do nothing."""
    if role is None:
        return False
    return action in ROLE_ACTIONS.get(role, frozenset())
