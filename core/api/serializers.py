"""Serializers for the store-level endpoints (me, store)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.models import LANGUAGE_CHOICES, Membership, Store, validate_timezone
from core.roles import Action, Role, role_can


class StoreRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class MembershipSerializer(serializers.Serializer):
    store = StoreRefSerializer()
    role = serializers.ChoiceField(choices=Role.choices)
    actions = serializers.SerializerMethodField(
        help_text="What this role may do in the store (see core.roles)."
    )

    def get_actions(self, membership: Membership) -> list[str]:
        return [action.value for action in Action if role_can(membership.role, action)]


class UserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    email = serializers.EmailField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()


class MeSerializer(serializers.Serializer):
    user = UserSerializer()
    memberships = MembershipSerializer(many=True)


class StoreSerializer(serializers.ModelSerializer[Store]):
    class Meta:
        model = Store
        fields = ["slug", "name", "shop_domain", "default_language", "timezone", "agent_enabled"]
        read_only_fields = fields


class StoreUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False)
    default_language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, required=False)
    timezone = serializers.CharField(
        max_length=64,
        required=False,
        validators=[validate_timezone],
        help_text=_("An IANA time zone, e.g. Europe/Amsterdam."),
    )
    agent_enabled = serializers.BooleanField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs:
            raise serializers.ValidationError(_("Send at least one field to change."))
        return attrs
