"""The demo storefront: a made-up Noord & Co shop page with the web chat snippet of the demo
store, so ``make run`` shows the widget where a shopper meets it. Mounted only with the
Shopify sandbox on (config/urls.py), never in production settings."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import translation
from django.views.decorators.http import require_GET

from agent.realtime.sessions import webchat_config_get
from core.demo import CUSTOMERS, PRODUCTS
from core.demo.store import WEBCHAT_PUBLIC_KEY
from core.errors import NotFound

#: Products shown in the shop window (the catalogue's first of each kind).
SHOWN = 8


@require_GET
def demo_storefront_view(request: HttpRequest) -> HttpResponse:
    """``?lang=en|nl`` picks the page's language (the widget follows it); default Dutch, the
    demo shop's language."""
    if not settings.SHOPIFY_SANDBOX:
        raise Http404
    language = request.GET.get("lang", "nl")
    if language not in {code for code, _name in settings.LANGUAGES}:
        language = "nl"
    try:
        config = webchat_config_get(public_key=WEBCHAT_PUBLIC_KEY)
    except NotFound:
        config = None
    kinds: dict[str, object] = {}
    for product in PRODUCTS:
        kinds.setdefault(product.product_type, product)
    with translation.override(language):
        return render(
            request,
            "webchat/storefront.html",
            {
                "language": language,
                "config": config,
                "products": list(kinds.values())[:SHOWN],
                "demo_email": next(c.email for c in CUSTOMERS if c.key == "sanne"),
                "webchat_script": request.build_absolute_uri(static("webchat/webchat.js")),
            },
        )
