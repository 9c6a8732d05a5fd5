"""The REST API: /api/v1/..., the OpenAPI schema at /api/schema/ and its docs at /api/docs/."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from agent import apis as agent_apis
from agent import apis_webchat as webchat_apis
from core.api import views as core_apis
from integrations import apis as integration_apis
from knowledge import apis as knowledge_apis
from knowledge import apis_search as knowledge_search_apis
from skills import apis as skill_apis

v1: list[URLPattern | URLResolver] = [
    path("me", core_apis.MeApi.as_view(), name="me"),
    path("store", core_apis.StoreApi.as_view(), name="store"),
    path("skills", skill_apis.SkillListApi.as_view(), name="skill-list"),
    path("skills/<str:skill_id>", skill_apis.SkillDetailApi.as_view(), name="skill-detail"),
    path("articles", knowledge_apis.ArticleListApi.as_view(), name="article-list"),
    path(
        "articles/<int:article_id>",
        knowledge_apis.ArticleDetailApi.as_view(),
        name="article-detail",
    ),
    path(
        "articles/<int:article_id>/publish",
        knowledge_apis.ArticlePublishApi.as_view(),
        name="article-publish",
    ),
    path(
        "articles/<int:article_id>/unpublish",
        knowledge_apis.ArticleUnpublishApi.as_view(),
        name="article-unpublish",
    ),
    path(
        "articles/<int:article_id>/versions",
        knowledge_apis.ArticleVersionListApi.as_view(),
        name="article-version-list",
    ),
    path(
        "articles/<int:article_id>/versions/<int:version>",
        knowledge_apis.ArticleVersionDetailApi.as_view(),
        name="article-version-detail",
    ),
    path(
        "articles/<int:article_id>/versions/<int:version>/restore",
        knowledge_apis.ArticleVersionRestoreApi.as_view(),
        name="article-version-restore",
    ),
    path(
        "knowledge/search",
        knowledge_search_apis.KnowledgeSearchApi.as_view(),
        name="knowledge-search",
    ),
    path("knowledge/uploads", knowledge_apis.UploadApi.as_view(), name="knowledge-upload"),
    path("knowledge/imports", knowledge_apis.ImportListApi.as_view(), name="knowledge-import-list"),
    path(
        "knowledge/imports/<int:job_id>",
        knowledge_apis.ImportDetailApi.as_view(),
        name="knowledge-import-detail",
    ),
    path("handoff-settings", agent_apis.HandoffSettingsApi.as_view(), name="handoff-settings"),
    path("channels", agent_apis.ChannelListApi.as_view(), name="channel-list"),
    path("channels/<str:kind>", agent_apis.ChannelDetailApi.as_view(), name="channel-detail"),
    path("conversations", agent_apis.ConversationListApi.as_view(), name="conversation-list"),
    path(
        "conversations/<int:conversation_id>",
        agent_apis.ConversationDetailApi.as_view(),
        name="conversation-detail",
    ),
    path(
        "preview/conversations",
        agent_apis.PreviewConversationCreateApi.as_view(),
        name="preview-conversation-create",
    ),
    path(
        "preview/conversations/<int:conversation_id>/messages",
        agent_apis.PreviewMessageApi.as_view(),
        name="preview-message",
    ),
    path(
        "webchat/sessions",
        webchat_apis.WebchatSessionApi.as_view(),
        name="webchat-session-create",
    ),
    path("handoffs", agent_apis.HandoffListApi.as_view(), name="handoff-list"),
    path(
        "handoffs/<int:handoff_id>/claim",
        agent_apis.HandoffClaimApi.as_view(),
        name="handoff-claim",
    ),
    path(
        "handoffs/<int:handoff_id>/close",
        agent_apis.HandoffCloseApi.as_view(),
        name="handoff-close",
    ),
    path(
        "integrations", integration_apis.IntegrationOverviewApi.as_view(), name="integration-list"
    ),
    path(
        "integrations/customer-hub",
        integration_apis.CustomerHubSettingsApi.as_view(),
        name="integration-customer-hub",
    ),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("v1/", include((v1, "api"), namespace="api")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"^.*$", core_apis.NotFoundApi.as_view(), name="api-not-found"),
]
