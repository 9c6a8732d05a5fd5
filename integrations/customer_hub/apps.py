from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomerHubConfig(AppConfig):
    name = "integrations.customer_hub"
    label = "customer_hub"
    verbose_name = _("Customer Hub")
