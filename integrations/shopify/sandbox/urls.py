"""The sandbox store's URLs, under /shopify-sandbox/<shop domain>/ (mounted only when
settings.SHOPIFY_SANDBOX): Shopify's Admin API paths, plus a small admin page."""

from django.urls import re_path

from integrations.shopify.sandbox import views

app_name = "shopify_sandbox"

_SHOP = r"(?P<shop>[a-z0-9][a-z0-9-]*\.myshopify\.com)"

urlpatterns = [
    re_path(
        rf"^{_SHOP}/admin/api/(?P<version>\d{{4}}-\d{{2}})/graphql\.json$",
        views.graphql,
        name="graphql",
    ),
    re_path(rf"^{_SHOP}/admin/oauth/authorize$", views.authorize, name="authorize"),
    re_path(rf"^{_SHOP}/admin/oauth/access_token$", views.access_token, name="access_token"),
    re_path(rf"^{_SHOP}/admin/orders/$", views.orders, name="orders"),
    re_path(
        rf"^{_SHOP}/bulk/(?P<operation>\d+)-(?P<secret>[A-Za-z0-9_-]+)\.jsonl$",
        views.bulk_file,
        name="bulk_file",
    ),
]
