"""Reads about stores and members. Every function names the user or store it reads for."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from core.errors import NotFound
from core.models import Membership, Store


def membership_list(*, user: User | AnonymousUser) -> QuerySet[Membership]:
    """The user's memberships, store first by name. Empty for anonymous users."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("store").order_by("store__name")


def membership_get(*, user: User | AnonymousUser, store_slug: str) -> Membership:
    """The user's membership in the store with this slug.

    Raises NotFound both when the store does not exist and when the user is not a member:
    another store's existence is never revealed.
    """
    membership = membership_list(user=user).filter(store__slug=store_slug).first()
    if membership is None:
        raise NotFound()
    return membership


def store_get(*, slug: str) -> Store:
    store = Store.objects.filter(slug=slug).first()
    if store is None:
        raise NotFound()
    return store
