from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgentConfig(AppConfig):
    name = "agent"
    verbose_name = _("Agent")

    def ready(self) -> None:
        # Shopify's privacy webhooks reach conversations and handoffs through this explicit
        # registration (integrations may not import agent; no signals).
        from agent.privacy import AgentShopperData
        from integrations.shopify.privacy import shopper_data_handler_register

        shopper_data_handler_register(name="agent", handler=AgentShopperData())
