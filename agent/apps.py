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

        # The skill status reads which channels are active the same way (skills may not
        # import agent).
        from agent.selectors import channel_active_kinds
        from skills.status import active_channels_reader_register

        active_channels_reader_register(reader=channel_active_kinds)
