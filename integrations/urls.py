from django.urls import path

from integrations import views

app_name = "integrations"

urlpatterns = [
    path("", views.integrations_index, name="index"),
    path("customer-hub/", views.hub_settings_update_page, name="hub-update"),
    path("customer-hub/active/", views.hub_active_update_page, name="hub-active"),
    path("returns-provider/", views.returns_provider_update_page, name="returns-update"),
    path("shopify/status/", views.shopify_status_partial, name="shopify-status"),
    path("shopify/connect/", views.shopify_connect_page, name="shopify-connect"),
    path("shopify/disconnect/", views.shopify_disconnect_page, name="shopify-disconnect"),
    path("shopify/sync/", views.shopify_sync_page, name="shopify-sync"),
]
