"""Tenancy for dashboard views: every page acts for one store named in its URL.

``@store_view(Action.X)`` resolves ``store_slug`` from the URL to the user's membership
(404 when the store does not exist *or* the user is not a member), checks the role rule
for ``X`` (403 otherwise), and sets ``request.store`` / ``request.membership``. A NotFound
raised by the view (a selector or service given another store's id) becomes a 404 page: the
dashboard's one translator for it, as the API's exception handler is the API's.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from core.errors import NotFound
from core.models import Membership, Store
from core.roles import Action, role_can
from core.selectors import membership_get

CURRENT_STORE_SESSION_KEY = "current_store"

View = TypeVar("View", bound=Callable[..., HttpResponse])


class StoreRequest(HttpRequest):
    """An HttpRequest after ``store_view`` ran (for type checkers)."""

    store: Store
    membership: Membership


def store_view(action: Action = Action.VIEW) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, store_slug: str, *args: Any, **kwargs: Any) -> Any:
            try:
                membership = membership_get(user=request.user, store_slug=store_slug)
            except NotFound as exc:
                raise Http404 from exc
            if not role_can(membership.role, action):
                raise PermissionDenied
            store_request = cast(StoreRequest, request)
            store_request.store = membership.store
            store_request.membership = membership
            request.session[CURRENT_STORE_SESSION_KEY] = membership.store.slug
            try:
                return view(store_request, *args, **kwargs)
            except NotFound as exc:
                raise Http404 from exc

        return cast(View, wrapper)

    return decorator


def member_can(request: HttpRequest, action: Action) -> bool:
    membership: Membership | None = getattr(request, "membership", None)
    return membership is not None and role_can(membership.role, action)
