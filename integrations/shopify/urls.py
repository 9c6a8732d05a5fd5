from django.urls import path

from integrations.shopify import views

app_name = "shopify"

urlpatterns = [
    path("s/<slug:store_slug>/install/", views.shopify_install, name="install"),
    path("callback/", views.shopify_callback, name="callback"),
]
