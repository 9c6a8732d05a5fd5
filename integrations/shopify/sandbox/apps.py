from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopifySandboxConfig(AppConfig):
    name = "integrations.shopify.sandbox"
    label = "shopify_sandbox"
    verbose_name = _("Shopify sandbox store")
