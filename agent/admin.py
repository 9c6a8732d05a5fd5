from django.contrib import admin

from agent.models import (
    ChannelConfig,
    Conversation,
    ConversationEvent,
    Handoff,
    HandoffSettings,
    Message,
)
from core.admin_base import ReadOnlyMirrorAdmin, StoreScopedAdmin
from core.roles import Action


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    can_delete = False
    fields = readonly_fields = ("seq", "role", "text", "created_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Conversation)
class ConversationAdmin(ReadOnlyMirrorAdmin):
    list_display = [
        "__str__",
        "store",
        "channel",
        "language",
        "status",
        "is_preview",
        "last_message_at",
    ]
    list_filter = ["store", "channel", "status", "is_preview"]
    inlines = [MessageInline]


@admin.register(ConversationEvent)
class ConversationEventAdmin(ReadOnlyMirrorAdmin):
    list_display = ["conversation", "kind", "skill", "created_at"]
    list_filter = ["kind", "skill"]


@admin.register(HandoffSettings)
class HandoffSettingsAdmin(StoreScopedAdmin):
    change_action = Action.EDIT_HANDOFF_SETTINGS
    list_display = ["store", "destination"]


@admin.register(Handoff)
class HandoffAdmin(StoreScopedAdmin):
    change_action = Action.WORK_HANDOFFS
    list_display = ["__str__", "store", "status", "assigned_to", "created_at"]
    list_filter = ["store", "status"]
    readonly_fields = [
        "conversation",
        "transcript",
        "shopper_name",
        "shopper_email",
        "shopper_phone",
        "reason",
    ]

    def has_add_permission(self, request, *args):
        return False  # handoffs are created by the agent


@admin.register(ChannelConfig)
class ChannelConfigAdmin(StoreScopedAdmin):
    change_action = Action.EDIT_CHANNELS
    list_display = ["store", "kind", "enabled", "public_key"]
    list_filter = ["kind", "enabled"]
    readonly_fields = ["public_key"]
