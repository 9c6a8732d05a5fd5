"""The sandbox is only routed when settings.SHOPIFY_SANDBOX is on (never in production)."""

from __future__ import annotations

import importlib
from typing import Any

from django.urls import NoReverseMatch, clear_url_caches, reverse

import config.urls


def _reload_urls() -> None:
    clear_url_caches()
    importlib.reload(config.urls)


def test_the_sandbox_is_not_mounted_when_the_flag_is_off(settings: Any) -> None:
    settings.SHOPIFY_SANDBOX = False
    try:
        _reload_urls()
        paths = [str(getattr(p, "pattern", "")) for p in config.urls.urlpatterns]
        assert "shopify-sandbox/" not in paths
        try:
            reverse("shopify_sandbox:orders", kwargs={"shop": "x.myshopify.com"})
            raise AssertionError("the sandbox route exists")
        except NoReverseMatch:
            pass
    finally:
        settings.SHOPIFY_SANDBOX = True
        _reload_urls()
    assert reverse("shopify_sandbox:orders", kwargs={"shop": "x.myshopify.com"}) == (
        "/shopify-sandbox/x.myshopify.com/admin/orders/"
    )
