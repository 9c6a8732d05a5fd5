from django.contrib import admin

from core.admin_base import ReadOnlyMirrorAdmin
from integrations.messaging.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyMirrorAdmin):
    list_display = ["created_at", "store", "channel", "to", "subject", "status"]
    list_filter = ["channel", "status", "store"]
    search_fields = ["to", "subject"]
