from __future__ import annotations

import factory
from django.contrib.auth.models import User

from core.models import ApiToken, Membership, Store
from core.roles import Role
from core.services import api_token_create

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.django.Password(PASSWORD)


class StoreFactory(factory.django.DjangoModelFactory[Store]):
    class Meta:
        model = Store

    name = factory.Sequence(lambda n: f"Store {n}")
    slug = factory.Sequence(lambda n: f"store-{n}")
    shop_domain = factory.Sequence(lambda n: f"store-{n}.myshopify.com")
    default_language = "en"
    timezone = "Europe/Amsterdam"


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    store = factory.SubFactory(StoreFactory)
    role = Role.OWNER


def token_for(membership: Membership, name: str = "CI") -> tuple[ApiToken, str]:
    """An API token for the member: the row and the plain key (shown once)."""
    return api_token_create(membership=membership, name=name)
