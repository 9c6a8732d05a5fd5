from django.contrib import admin

from core.admin_base import StoreScopedAdmin
from core.roles import Action
from integrations.returns.models import ReturnsProviderConnection


@admin.register(ReturnsProviderConnection)
class ReturnsProviderConnectionAdmin(StoreScopedAdmin):
    change_action = Action.CONFIGURE_INTEGRATIONS
    list_display = ["store", "provider", "status", "connected_at"]
    # The API key is write-only and set from the dashboard; the admin never shows it.
    exclude = ["api_key"]
    readonly_fields = ["connected_at", "last_error"]
