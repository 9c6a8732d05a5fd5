"""Role checks for the API — one permission class mapping each view's declared actions to
:func:`core.roles.role_can`.

A view declares ``required_actions = {"PATCH": Action.CONFIGURE_SKILLS, ...}``. Safe methods
(GET, HEAD, OPTIONS) need ``Action.VIEW`` unless declared otherwise; an unsafe method the view
implements but does not declare is a programming error and fails closed.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from core.api.tenancy import store_request_bind
from core.errors import PermissionDenied
from core.roles import Action, role_can


def required_action(view: APIView, method: str) -> Action | None:
    """The action ``method`` needs on ``view``; None when the view does not handle the method
    (the request then ends in 405 Method Not Allowed)."""
    actions: Mapping[str, Action] = getattr(view, "required_actions", {})
    if method in actions:
        return actions[method]
    if method.lower() not in view.http_method_names or not hasattr(view, method.lower()):
        return None
    if method in SAFE_METHODS:
        return Action.VIEW
    raise ImproperlyConfigured(f"{type(view).__name__} declares no required action for {method}")


class StoreRolePermission(BasePermission):
    """Binds the request to its store (see core.api.tenancy), then checks the member's role.

    Another store, or one that does not exist, is 404; a role that may not is 403.
    """

    message = PermissionDenied.default_message
    code = PermissionDenied.code

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        store_request = store_request_bind(request)
        action = required_action(view, request.method or "GET")
        return action is None or role_can(store_request.membership.role, action)
