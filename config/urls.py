from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from agent.views_storefront import demo_storefront_view
from core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/", include("core.api.urls")),
    path("webhooks/shopify/", include("integrations.shopify.webhook_urls")),
    path("shopify/", include("integrations.shopify.urls")),
    path("admin/", admin.site.urls),
    path("", include("core.urls")),
]

if settings.SHOPIFY_SANDBOX:
    # The Shopify-compatible sandbox store; never mounted in production settings.
    urlpatterns.insert(0, path("shopify-sandbox/", include("integrations.shopify.sandbox.urls")))
    # The demo storefront with the demo store's web chat snippet (agent/views_storefront.py).
    urlpatterns.insert(0, path("demo-shop/", demo_storefront_view, name="demo-storefront"))
