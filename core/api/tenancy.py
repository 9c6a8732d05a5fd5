"""Which store an API request acts for — decided here and nowhere else.

- A store token acts for its membership's store. An ``X-Store`` naming another store is 404.
- A session request names the store with ``X-Store: <slug>`` (or ``?store=<slug>``); without
  one, a user with exactly one store acts for it, anyone else gets ``store_required``.
- A store the user is not a member of is 404, exactly like a store that does not exist.
"""

from __future__ import annotations

from typing import cast

from rest_framework.request import Request

from core.errors import NotFound, StoreNotSelected
from core.models import ApiToken, Membership, Store
from core.selectors import membership_get, membership_list

STORE_HEADER = "X-Store"
STORE_QUERY_PARAM = "store"


class StoreRequest(Request):
    """A DRF Request after tenancy resolution (for type checkers)."""

    store: Store
    membership: Membership


def requested_store_slug(request: Request) -> str | None:
    slug = request.headers.get(STORE_HEADER) or request.query_params.get(STORE_QUERY_PARAM)
    return slug.strip() if slug and slug.strip() else None


def request_membership(request: Request) -> Membership:
    """The membership the (authenticated) request acts through; raises NotFound/StoreNotSelected."""
    slug = requested_store_slug(request)
    if isinstance(request.auth, ApiToken):
        membership = request.auth.membership
        if slug is not None and slug != membership.store.slug:
            raise NotFound()
        return membership
    if slug is not None:
        return membership_get(user=request.user, store_slug=slug)
    memberships = list(membership_list(user=request.user)[:2])
    if len(memberships) != 1:
        raise StoreNotSelected()
    return memberships[0]


def store_request_bind(request: Request) -> StoreRequest:
    """Resolve the request's store and set ``request.store`` / ``request.membership``."""
    membership = request_membership(request)
    store_request = cast(StoreRequest, request)
    store_request.store = membership.store
    store_request.membership = membership
    return store_request
