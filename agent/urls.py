from django.urls import path

from agent import views, views_preview

app_name = "agent"

urlpatterns = [
    path("channels/", views.channel_list_view, name="channels"),
    path("channels/<str:kind>/", views.channel_edit_view, name="channel-edit"),
    path("handoff/", views.handoff_settings_view, name="handoff"),
    path("handoff/inbox/", views.handoff_inbox_view, name="handoff-inbox"),
    path("handoff/inbox/<int:handoff_id>/", views.handoff_detail_view, name="handoff-detail"),
    path(
        "handoff/inbox/<int:handoff_id>/take-over/",
        views.handoff_claim_view,
        name="handoff-claim",
    ),
    path("handoff/inbox/<int:handoff_id>/close/", views.handoff_close_view, name="handoff-close"),
    path("handoff/inbox/<int:handoff_id>/reply/", views.handoff_reply_view, name="handoff-reply"),
    path(
        "handoff/inbox/<int:handoff_id>/typing/",
        views.handoff_typing_view,
        name="handoff-typing",
    ),
    path(
        "handoff/inbox/<int:handoff_id>/messages/",
        views.handoff_messages_view,
        name="handoff-messages",
    ),
    path("preview/", views_preview.preview_view, name="preview"),
    path("preview/start/", views_preview.preview_start_view, name="preview-start"),
    path(
        "preview/<int:conversation_id>/",
        views_preview.preview_conversation_view,
        name="preview-conversation",
    ),
    path(
        "preview/<int:conversation_id>/messages/",
        views_preview.preview_message_view,
        name="preview-message",
    ),
    path("conversations/", views.conversation_list_view, name="conversations"),
    path(
        "conversations/<int:conversation_id>/",
        views.conversation_detail_view,
        name="conversation-detail",
    ),
    path("analytics/", views.analytics_view, name="analytics"),
]
