"""``manage.py kb_reindex [--store SLUG]``: cut every article of one store (or of every store)
into search chunks again, then embed what is new.

Run it after an upgrade that changes how text is analysed for search (``knowledge.analysis``,
``knowledge.lexicon``): stored chunk terms are computed when an article is indexed, so older
chunks keep the older terms until their article is re-indexed. Idempotent; searches keep
answering from the old chunks until each article's new ones commit.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from core.errors import NotFound
from core.models import Store
from core.selectors import store_get
from knowledge.embeddings import store_embeddings_refresh
from knowledge.indexing import store_reindex


class Command(BaseCommand):
    help = "Re-index a store's published content for search (all stores without --store)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--store", help="The store's slug (default: every store).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["store"]:
            try:
                stores = [store_get(slug=options["store"])]
            except NotFound as exc:
                raise CommandError(f"No store with slug {options['store']!r}.") from exc
        else:
            stores = list(Store.objects.order_by("id"))
        for store in stores:
            chunks = store_reindex(store=store)
            embedded = store_embeddings_refresh(store=store)
            self.stdout.write(
                f"{store.slug}: {chunks} chunks indexed, {embedded} passages embedded"
            )
