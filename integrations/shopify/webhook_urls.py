from django.urls import path

from integrations.shopify.webhooks import shopify_webhook

app_name = "shopify_webhooks"

urlpatterns = [
    path("", shopify_webhook, name="receive"),
]
