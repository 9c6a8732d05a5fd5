"""API shapes for the integrations overview and the Customer Hub settings.

Secrets are never serialized: not Shopify's access token, not the returns provider's API key.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from integrations.customer_hub.models import MAX_WINDOW_MINUTES, CustomerHubSettings
from integrations.returns.models import ReturnsProviderConnection
from integrations.shopify.models import ShopifyConnection


class ShopifyConnectionSerializer(serializers.ModelSerializer[ShopifyConnection]):
    class Meta:
        model = ShopifyConnection
        fields = [
            "status",
            "shop_domain",
            "scopes",
            "api_version",
            "connected_at",
            "last_sync_at",
            "last_error",
        ]
        read_only_fields = fields


class CustomerHubSettingsSerializer(serializers.ModelSerializer[CustomerHubSettings]):
    class Meta:
        model = CustomerHubSettings
        fields = [
            "active",
            "mode",
            "external_url",
            "edit_window_minutes",
            "cancel_window_minutes",
            "allow_variant_change",
            "allow_quantity_change",
            "allow_address_change",
            "allow_cancel",
        ]
        read_only_fields = fields


class ReturnsProviderSerializer(serializers.ModelSerializer[ReturnsProviderConnection]):
    class Meta:
        model = ReturnsProviderConnection
        fields = ["provider", "status", "portal_url", "connected_at", "last_error"]
        read_only_fields = fields


class IntegrationOverviewSerializer(serializers.Serializer):
    shopify = ShopifyConnectionSerializer(
        allow_null=True, help_text=_("Null when Shopify was never connected.")
    )
    customer_hub = CustomerHubSettingsSerializer()
    returns_provider = ReturnsProviderSerializer(
        allow_null=True, help_text=_("Null when no returns provider is set up.")
    )


class CustomerHubSettingsUpdateSerializer(serializers.Serializer):
    active = serializers.BooleanField(required=False)
    mode = serializers.ChoiceField(choices=CustomerHubSettings.Mode.choices, required=False)
    external_url = serializers.URLField(
        required=False, allow_blank=True, help_text=_("Needed (https) when mode is external.")
    )
    edit_window_minutes = serializers.IntegerField(
        required=False, min_value=0, max_value=MAX_WINDOW_MINUTES
    )
    cancel_window_minutes = serializers.IntegerField(
        required=False, min_value=0, max_value=MAX_WINDOW_MINUTES
    )
    allow_variant_change = serializers.BooleanField(required=False)
    allow_quantity_change = serializers.BooleanField(required=False)
    allow_address_change = serializers.BooleanField(required=False)
    allow_cancel = serializers.BooleanField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs:
            raise serializers.ValidationError(_("Send at least one field to change."))
        return attrs
