from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from core.admin_base import ReadOnlyMirrorAdmin, StoreScopedAdmin
from core.roles import Action
from integrations.customer_hub.models import CustomerHubSettings, VerificationCode

_VERIFICATION_CODE_FIELDS = (
    "store",
    "customer",
    "language",
    "channel",
    "reference",
    "status",
    "attempts",
    "created_at",
    "expires_at",
    "used_at",
)


@admin.register(CustomerHubSettings)
class CustomerHubSettingsAdmin(StoreScopedAdmin):
    change_action = Action.CONFIGURE_INTEGRATIONS
    list_display = ["store", "active", "mode", "edit_window_minutes", "cancel_window_minutes"]
    # The shopper-identity secret is shown to the merchant once, by its own page, never here.
    exclude = ["identity_secret"]


@admin.register(VerificationCode)
class VerificationCodeAdmin(ReadOnlyMirrorAdmin):
    """Sign-in codes, read-only: who was sent a code and what became of it. The code hash, its
    salt and the email digest are never shown."""

    list_display = ["created_at", "store", "customer", "channel", "status", "attempts"]
    list_filter = ["status", "channel", "store"]
    list_select_related = ["store", "customer"]
    fields = _VERIFICATION_CODE_FIELDS

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        return list(_VERIFICATION_CODE_FIELDS)
