"""API shapes for skills."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class SkillSerializer(serializers.Serializer):
    """A SkillSetup: the registry's description plus the store's switch and settings."""

    id = serializers.CharField(source="info.id")
    name = serializers.CharField(source="info.name")
    description = serializers.CharField(source="info.description")
    tools = serializers.ListField(child=serializers.CharField(), source="info.tools")
    prerequisites = serializers.ListField(
        child=serializers.CharField(), source="info.prerequisites"
    )
    channels = serializers.ListField(child=serializers.CharField(), source="info.channels")
    enabled = serializers.BooleanField()
    settings = serializers.DictField(child=serializers.JSONField())


class SkillUpdateSerializer(serializers.Serializer):
    enabled = serializers.BooleanField(required=False)
    settings = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        help_text=_("Keys given replace the stored ones; other keys are kept."),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs:
            raise serializers.ValidationError(_("Send enabled and/or settings."))
        return attrs
