"""``manage.py demo_store``: create or refresh the demo shop and print how to log in.

Run by ``make run`` on every start. Idempotent; each run moves the demo orders' times along
with the clock. Refuses to run with production settings (``SHOPIFY_SANDBOX`` off) unless
``--allow-production`` is given, because the demo logins have a published password.
"""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from agent.demo import DemoResult, demo_store_load
from core import demo


class Command(BaseCommand):
    help = (
        "Create or refresh the bilingual demo store (Noord & Co) with its logins, settings and "
        "policy articles, seed the Shopify sandbox shop with its customers and orders and "
        "connect the store to it, and print the dashboard URL and logins."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load the demo even though SHOPIFY_SANDBOX is off (production settings).",
        )
        parser.add_argument(
            "--dashboard-url",
            default=demo.DASHBOARD_URL,
            help="The address to print for the dashboard (make run passes its host and port).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help=(
                "Also put edited demo settings, articles and the demo users' passwords back "
                "to the documented demo values."
            ),
        )

    def handle(
        self,
        *args: Any,
        allow_production: bool,
        reset: bool,
        dashboard_url: str,
        **options: Any,
    ) -> None:
        if not settings.SHOPIFY_SANDBOX and not allow_production:
            raise CommandError(
                "Refusing to load the demo store: SHOPIFY_SANDBOX is off, so these are "
                "production settings, and the demo creates logins whose password is published. "
                "Run with --allow-production if you really want the demo store here."
            )
        started = time.perf_counter()
        result = demo_store_load(now=timezone.now(), reset=reset)
        elapsed = time.perf_counter() - started
        self._report(result, elapsed=elapsed, reset=reset, dashboard_url=dashboard_url)

    def _report(
        self, result: DemoResult, *, elapsed: float, reset: bool, dashboard_url: str
    ) -> None:
        out = self.stdout
        out.write(
            self.style.SUCCESS(
                f'Demo store "{result.store.name}" ready in {elapsed:.2f} s: '
                f'{result.articles} articles (also: "{result.home_store.name}").'
            )
        )
        if result.shop_domain:
            out.write(
                f"  Shopify:    sandbox shop {result.shop_domain} with {result.customers} "
                f"customers and {result.orders} orders; they arrive in the app through the "
                "Shopify sync as soon as the web server and worker run."
            )
        else:
            out.write("  Shopify:    not connected (no sandbox store with these settings).")
        out.write(f"  Dashboard:  {dashboard_url}")
        out.write("  Owner login")
        out.write(f"    username: {demo.OWNER.username}")
        out.write(f"    password: {demo.OWNER.password}")
        out.write("  Other roles in the same store (same password):")
        for user in result.users:
            if user.username != demo.OWNER.username:
                out.write(f"    {user.role:<8} {user.username}")
        if not reset:
            out.write(
                "  Passwords are set when a demo user is created; "
                "`manage.py demo_store --reset` restores them."
            )
