from django.contrib import admin

from core.admin_base import StoreScopedAdmin
from core.roles import Action
from integrations.customer_hub.models import CustomerHubSettings


@admin.register(CustomerHubSettings)
class CustomerHubSettingsAdmin(StoreScopedAdmin):
    change_action = Action.CONFIGURE_INTEGRATIONS
    list_display = ["store", "active", "mode", "edit_window_minutes", "cancel_window_minutes"]
