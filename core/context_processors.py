"""Template context for dashboard pages: the user's stores, the current one, role rules."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from core.roles import Action, role_can
from core.selectors import membership_list


def dashboard(request: HttpRequest) -> dict[str, Any]:
    membership = getattr(request, "membership", None)
    if membership is None:
        return {}
    role = membership.role
    return {
        "current_store": membership.store,
        "current_membership": membership,
        "memberships": membership_list(user=request.user),
        # perms.configure_skills etc. in templates; the rules themselves live in core.roles.
        "can": {action.value: role_can(role, action) for action in Action},
    }
