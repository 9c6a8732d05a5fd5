"""Django REST framework and the OpenAPI schema."""

from __future__ import annotations

from typing import Any

REST_FRAMEWORK: dict[str, Any] = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "core.api.authentication.StoreTokenAuthentication",
        "core.api.authentication.CsrfSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "core.api.errors.api_exception_handler",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": "600/min", "anon": "60/min"},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS: dict[str, Any] = {
    "TITLE": "Shop Agent API",
    "DESCRIPTION": (
        "Merchant API of the Shopify customer service agent. Every request acts for one store: "
        "a store token names it, or session requests name it with the X-Store header."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from the installed drf-spectacular-sidecar package: the docs work offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"persistAuthorization": True, "validatorUrl": None},
    # Choice sets shared by several fields get one stable name each.
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "core.models.LANGUAGE_CHOICES",
        "PrerequisiteCodeEnum": "skills.status.PrerequisiteCode",
        "SkillStatusEnum": "skills.status.SkillState",
        "RoleEnum": "core.roles.Role",
        "ChannelEnum": "agent.models.Channel",
        "ConversationStatusEnum": "agent.models.Conversation.Status",
        "MessageRoleEnum": "agent.models.Message.Role",
        "HandoffStatusEnum": "agent.models.Handoff.Status",
        "ArticleStatusEnum": "knowledge.models.Article.Status",
        "ArticleSourceEnum": "knowledge.models.Article.Source",
        "ShopifyConnectionStatusEnum": "integrations.shopify.models.ShopifyConnection.Status",
        "ReturnsProviderStatusEnum": (
            "integrations.returns.models.ReturnsProviderConnection.Status"
        ),
        "ReturnsProviderEnum": "integrations.returns.models.ReturnsProviderConnection.Provider",
        "CustomerHubModeEnum": "integrations.customer_hub.models.CustomerHubSettings.Mode",
    },
}
