"""API shapes for skills."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from skills.status import PrerequisiteCode, SkillState


class PrerequisiteCheckSerializer(serializers.Serializer):
    """One prerequisite as it stands in the store, with the reason in words."""

    code = serializers.ChoiceField(choices=[c.value for c in PrerequisiteCode])
    # Shadows Field.label (the serializer's own label, unused here): the metaclass moves
    # declared fields out of the class attributes, so only the type checker sees the clash.
    label = serializers.CharField()  # type: ignore[assignment]
    met = serializers.BooleanField()
    reason = serializers.CharField(
        help_text=_("What was found (met) or what is missing (not met), in words.")
    )
    fix_url = serializers.CharField(
        allow_null=True,
        help_text=_("Path of the dashboard page where this is set up; null when there is none."),
    )


class SkillSerializer(serializers.Serializer):
    """A SkillStatus: the registry's description, the store's switch and settings, and the
    status computed from the store's real state."""

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
    status = serializers.ChoiceField(
        source="state",
        choices=[s.value for s in SkillState],
        help_text=_(
            "live: every prerequisite is met; unavailable: one or more is missing; "
            "turned_off: switched off in this store."
        ),
    )
    limited_mode = serializers.BooleanField(
        help_text=_(
            "Unavailable, but the agent still answers policy questions from content and "
            "hands the rest to a person (returns without Customer Hub or returns provider)."
        )
    )
    prerequisite_checks = PrerequisiteCheckSerializer(many=True, source="prerequisites")


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
