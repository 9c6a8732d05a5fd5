"""API shapes of the storefront web chat's session endpoint."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class ShopperIdentitySerializer(serializers.Serializer):
    customer_id = serializers.CharField(max_length=64, help_text=_("The Shopify customer id."))
    email = serializers.CharField(max_length=254)
    expires = serializers.CharField(
        max_length=20, help_text=_("Unix time (seconds) until which the signature is valid.")
    )
    signature = serializers.CharField(
        max_length=128,
        help_text=_("Hex HMAC-SHA256 of 'customer_id:email:expires' with the identity secret."),
    )


class WebchatSessionCreateSerializer(serializers.Serializer):
    public_key = serializers.CharField(
        max_length=64, help_text=_("The store's web chat key from the snippet (data-store).")
    )
    language = serializers.CharField(
        max_length=35,
        required=False,
        allow_blank=True,
        help_text=_("The shopper's language, e.g. nl or en-GB; the store's language otherwise."),
    )
    resume = serializers.CharField(
        max_length=1024,
        required=False,
        allow_blank=True,
        help_text=_("A token from an earlier session: continues that conversation."),
    )
    start = serializers.BooleanField(
        default=True,
        help_text=_(
            "False: only the widget's words and looks, no new conversation (unless resume "
            "continues one)."
        ),
    )
    identity = ShopperIdentitySerializer(
        required=False,
        help_text=_("A shopper identity signed by the storefront: signs the shopper in silently."),
    )


class WebchatStoreSerializer(serializers.Serializer):
    name = serializers.CharField()


class WebchatAppearanceSerializer(serializers.Serializer):
    accent_color = serializers.CharField(help_text=_("Hex colour, e.g. #1f6feb."))
    greeting = serializers.CharField(help_text=_("The greeting in the session's language."))


class WebchatSessionSerializer(serializers.Serializer):
    token = serializers.CharField(
        allow_null=True,
        help_text=_("Opens the websocket (?token=) and resumes the conversation later."),
    )
    conversation_id = serializers.IntegerField(allow_null=True)
    resumed = serializers.BooleanField(help_text=_("The resume token's conversation goes on."))
    identified = serializers.BooleanField(help_text=_("The signed identity signed the shopper in."))
    language = serializers.CharField()
    last_seq = serializers.IntegerField(help_text=_("The conversation's last sequence number."))
    expires_in = serializers.IntegerField(
        help_text=_("Seconds the token opens the websocket; then ask for a session again.")
    )
    websocket_path = serializers.CharField()
    store = WebchatStoreSerializer()
    appearance = WebchatAppearanceSerializer()
    strings = serializers.DictField(
        child=serializers.CharField(), help_text=_("The widget's words in the session's language.")
    )
