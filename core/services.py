"""Writes about stores, members and API tokens."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from core.models import ApiToken, Membership, Store
from core.roles import Role


@transaction.atomic
def store_create(
    *,
    name: str,
    slug: str,
    owner: User,
    shop_domain: str | None = None,
    default_language: str = "en",
    timezone_name: str = "Europe/Amsterdam",
) -> Store:
    """Create a store and make ``owner`` its owner."""
    store = Store(
        name=name,
        slug=slug,
        shop_domain=shop_domain,
        default_language=default_language,
        timezone=timezone_name,
    )
    store.full_clean()
    store.save()
    Membership.objects.create(user=owner, store=store, role=Role.OWNER)
    return store


def membership_set(*, store: Store, user: User, role: Role | str) -> Membership:
    """Give ``user`` the ``role`` in ``store`` (idempotent: updates an existing membership)."""
    membership, _ = Membership.objects.update_or_create(
        store=store, user=user, defaults={"role": Role(role)}
    )
    return membership


def api_token_create(*, membership: Membership, name: str) -> tuple[ApiToken, str]:
    """Create a token; returns it with the plain key, which is not stored and shown only once."""
    key = ApiToken.generate_key()
    token = ApiToken.objects.create(
        membership=membership, name=name, prefix=key[:10], key_hash=ApiToken.hash_key(key)
    )
    return token, key


def api_token_revoke(*, store: Store, token_id: int) -> None:
    ApiToken.objects.filter(membership__store=store, id=token_id, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
