"""API shapes for conversations, handoffs, and the handoff and channel settings."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from agent.models import Channel, ChannelConfig, Conversation, Handoff, HandoffSettings, Message
from agent.validation import (
    business_hours_validate,
    colour_validate,
    origins_normalize,
    phone_number_validate,
)

# --- handoff settings ---------------------------------------------------------------------------


class HandoffSettingsSerializer(serializers.ModelSerializer[HandoffSettings]):
    class Meta:
        model = HandoffSettings
        fields = [
            "message_en",
            "message_nl",
            "out_of_hours_message_en",
            "out_of_hours_message_nl",
            "destination",
            "business_hours",
        ]
        read_only_fields = fields


class HandoffSettingsUpdateSerializer(serializers.Serializer):
    message_en = serializers.CharField(max_length=2000, required=False)
    message_nl = serializers.CharField(max_length=2000, required=False)
    out_of_hours_message_en = serializers.CharField(max_length=2000, required=False)
    out_of_hours_message_nl = serializers.CharField(max_length=2000, required=False)
    business_hours = serializers.JSONField(
        required=False,
        validators=[business_hours_validate],
        help_text=_('Weekday "1".."7" to [["09:00", "17:00"]] ranges, in the store\'s time zone.'),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs:
            raise serializers.ValidationError(_("Send at least one field to change."))
        return attrs


# --- channels -----------------------------------------------------------------------------------


class WebchatSettingsSerializer(serializers.Serializer):
    allowed_origins = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("Sites that may open the web chat, e.g. https://shop.example.com."),
    )
    accent_color = serializers.CharField(validators=[colour_validate])
    greeting_en = serializers.CharField(max_length=500)
    greeting_nl = serializers.CharField(max_length=500)

    def validate_allowed_origins(self, value: list[str]) -> list[str]:
        return origins_normalize(value)


class PhoneSenderSettingsSerializer(serializers.Serializer):
    sender = serializers.CharField(
        validators=[phone_number_validate],
        help_text=_("The sending number in E.164 form, e.g. +31612345678."),
    )


class EmailSettingsSerializer(serializers.Serializer):
    address = serializers.EmailField(help_text=_("The address shoppers write to."))


CHANNEL_SETTINGS_SERIALIZERS: dict[str, type[serializers.Serializer]] = {
    Channel.WEBCHAT: WebchatSettingsSerializer,
    Channel.SMS: PhoneSenderSettingsSerializer,
    Channel.WHATSAPP: PhoneSenderSettingsSerializer,
    Channel.EMAIL: EmailSettingsSerializer,
}


class ChannelSerializer(serializers.ModelSerializer[ChannelConfig]):
    public_key = serializers.SerializerMethodField(
        help_text=_("Identifies the store in the web chat snippet; null until first saved.")
    )

    class Meta:
        model = ChannelConfig
        fields = ["kind", "enabled", "public_key", "settings"]
        read_only_fields = fields

    def get_public_key(self, config: ChannelConfig) -> str | None:
        return config.public_key if config.pk is not None else None


class ChannelUpdateSerializer(serializers.Serializer):
    """``context["kind"]`` names the channel whose settings are validated."""

    enabled = serializers.BooleanField(required=False)
    settings = serializers.DictField(
        required=False,
        help_text=_(
            "Web chat: allowed_origins, accent_color, greeting_en, greeting_nl. SMS and "
            "WhatsApp: sender. Email: address. Keys given replace the stored ones."
        ),
    )

    def validate_settings(self, value: dict[str, Any]) -> dict[str, Any]:
        settings_serializer = CHANNEL_SETTINGS_SERIALIZERS[self.context["kind"]](
            data=value, partial=True
        )
        unknown = sorted(set(value) - set(settings_serializer.fields))
        if unknown:
            raise serializers.ValidationError(
                _("Unknown settings: %(keys)s.") % {"keys": ", ".join(unknown)}
            )
        settings_serializer.is_valid(raise_exception=True)
        return dict(settings_serializer.validated_data)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs:
            raise serializers.ValidationError(_("Send enabled and/or settings."))
        return attrs


# --- conversations ------------------------------------------------------------------------------


class ConversationFilterSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(choices=Channel.choices, required=False)
    status = serializers.ChoiceField(choices=Conversation.Status.choices, required=False)
    is_preview = serializers.BooleanField(required=False, allow_null=True, default=None)
    date_from = serializers.DateField(
        required=False, help_text=_("First day (inclusive), in the store's time zone.")
    )
    date_to = serializers.DateField(
        required=False, help_text=_("Last day (inclusive), in the store's time zone.")
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if (
            attrs.get("date_from")
            and attrs.get("date_to")
            and attrs["date_from"] > attrs["date_to"]
        ):
            raise serializers.ValidationError({"date_to": _("Must not be before date_from.")})
        return attrs


class ConversationSerializer(serializers.ModelSerializer[Conversation]):
    class Meta:
        model = Conversation
        fields = [
            "id",
            "channel",
            "language",
            "status",
            "is_preview",
            "contact",
            "customer",
            "verified_at",
            "last_skill",
            "created_at",
            "last_message_at",
        ]
        read_only_fields = fields


class MessageSerializer(serializers.ModelSerializer[Message]):
    class Meta:
        model = Message
        fields = ["seq", "role", "text", "blocks", "created_at"]
        read_only_fields = fields


class ConversationDetailSerializer(ConversationSerializer):
    messages = MessageSerializer(many=True, read_only=True)

    class Meta(ConversationSerializer.Meta):
        fields = [*ConversationSerializer.Meta.fields, "messages"]
        read_only_fields = fields


# --- handoffs -----------------------------------------------------------------------------------


class HandoffFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Handoff.Status.choices, required=False)


class AssigneeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()


class HandoffSerializer(serializers.ModelSerializer[Handoff]):
    assigned_to = AssigneeSerializer(allow_null=True, read_only=True)

    class Meta:
        model = Handoff
        fields = [
            "id",
            "conversation",
            "reason",
            "status",
            "assigned_to",
            "shopper_name",
            "shopper_email",
            "shopper_phone",
            "transcript",
            "created_at",
            "closed_at",
        ]
        read_only_fields = fields


# --- Agent Preview ------------------------------------------------------------------------------


class PreviewConversationCreateSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(
        choices=Channel.choices, help_text=_("The channel the test shopper writes on.")
    )
    customer_email = serializers.EmailField(
        required=False,
        help_text=_(
            "The store's customer to play (their email); leave out for an anonymous shopper."
        ),
    )
    verified = serializers.BooleanField(
        default=False,
        help_text=_("Start signed in as that customer (needs customer_email)."),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("verified") and not attrs.get("customer_email"):
            raise serializers.ValidationError(
                {"customer_email": _("Choose the customer to sign in as.")}
            )
        return attrs


class PreviewConversationSerializer(serializers.ModelSerializer[Conversation]):
    verified = serializers.SerializerMethodField()

    class Meta:
        model = Conversation
        fields = ["id", "channel", "language", "verified"]
        read_only_fields = fields

    def get_verified(self, conversation: Conversation) -> bool:
        return conversation.verified_at is not None


class PreviewMessageCreateSerializer(serializers.Serializer):
    text = serializers.CharField(
        allow_blank=True,
        trim_whitespace=False,
        max_length=100_000,
        help_text=_("What the test shopper writes (longer than 10,000 characters is cut)."),
    )


class PreviewRenderedMessageSerializer(serializers.Serializer):
    text = serializers.CharField(help_text=_("Exactly the text the channel sends."))
    blocks = serializers.ListField(
        child=serializers.DictField(),
        help_text=_("Web chat: the widget's blocks (cards, buttons, quick replies); else empty."),
    )
    subject = serializers.CharField(required=False, help_text=_("Email only."))
    html = serializers.CharField(required=False, help_text=_("Email only."))


class PreviewTurnSerializer(serializers.Serializer):
    language = serializers.CharField()
    intent = serializers.CharField()
    skill = serializers.CharField(
        help_text=_("The skill that answered; empty when the agent asked a question itself.")
    )
    handoff = serializers.BooleanField(help_text=_("This turn handed the shopper to a person."))
    messages = PreviewRenderedMessageSerializer(many=True)
    trace = serializers.DictField(
        help_text=_(
            "Why: language, intent and confidence, skill, knowledge passages used, order facts, "
            "eligibility decisions, prerequisites, route and entities."
        )
    )
