"""Create a REST API token for a store member and print its key (shown this once only)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.models import Membership
from core.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for USER in STORE; the key is printed once and never stored."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--store", required=True, help="The store's slug.")
        parser.add_argument("--user", required=True, help="The member's username.")
        parser.add_argument("--name", required=True, help="What the token is for.")

    def handle(self, *args: Any, **options: Any) -> None:
        membership = (
            Membership.objects.select_related("store", "user")
            .filter(store__slug=options["store"], user__username=options["user"])
            .first()
        )
        if membership is None:
            raise CommandError(
                f"{options['user']} is not a member of a store with slug {options['store']}."
            )
        token, key = api_token_create(membership=membership, name=options["name"])
        self.stdout.write(
            f"Token {token.name!r} for {membership.user} in {membership.store.slug} "
            f"({membership.role}). Store this key now; it is not shown again:"
        )
        self.stdout.write(key)
