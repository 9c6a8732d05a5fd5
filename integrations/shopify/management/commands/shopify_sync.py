"""``manage.py shopify_sync --store SLUG [--full]``: run a store's Shopify sync in the
foreground with a progress bar. Same service as the Celery task (resumes a crashed run)."""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from core.models import Store
from integrations.shopify.errors import ShopifyError
from integrations.shopify.sync import SyncProgress, store_sync


class Command(BaseCommand):
    help = "Sync a store's orders from Shopify now, showing progress."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--store", required=True, help="The store's slug.")
        parser.add_argument(
            "--full",
            action="store_true",
            help="Fetch every order, not only those updated since the last sync.",
        )

    def handle(self, *args: Any, store: str, full: bool, **options: Any) -> None:
        found = Store.objects.filter(slug=store).first()
        if found is None:
            raise CommandError(f'No store with the slug "{store}".')
        bar = tqdm(total=None, unit="orders", file=sys.stderr, dynamic_ncols=True)

        def progress(step: SyncProgress) -> None:
            if step.total is not None and bar.total != step.total:
                bar.total = step.total
            bar.n = step.done
            bar.refresh()

        try:
            result = store_sync(store=found, full=full, on_progress=progress)
        except ShopifyError as exc:
            raise CommandError(f"{found.name}: {exc.message}") from exc
        finally:
            bar.close()
        if result.skipped:
            raise CommandError(
                f"{found.name}: another sync is running for this store; try again when it ends."
            )
        resumed = " (resumed an unfinished run)" if result.resumed else ""
        how = "through a bulk export" if result.bulk else f"in {result.pages} pages"
        self.stdout.write(
            self.style.SUCCESS(
                f"{found.name}: {result.mode} sync{resumed}: {result.orders} orders {how}, "
                f"{result.elapsed:.1f} s, {result.rate:.0f} orders/s."
            )
        )
        if result.fallback:
            self.stdout.write(self.style.WARNING(f"Bulk export failed: {result.fallback}"))
