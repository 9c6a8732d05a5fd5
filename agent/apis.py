"""REST endpoints for conversations, handoffs, the handoff and channel settings, and Agent
Preview."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from agent.models import Channel, Conversation
from agent.selectors import (
    channel_config_get,
    channel_config_list,
    conversation_get,
    conversation_list,
    handoff_list,
    handoff_settings_get,
)
from agent.serializers import (
    ChannelSerializer,
    ChannelUpdateSerializer,
    ConversationDetailSerializer,
    ConversationFilterSerializer,
    ConversationSerializer,
    HandoffFilterSerializer,
    HandoffSerializer,
    HandoffSettingsSerializer,
    HandoffSettingsUpdateSerializer,
    PreviewConversationCreateSerializer,
    PreviewConversationSerializer,
    PreviewMessageCreateSerializer,
    PreviewTurnSerializer,
)
from agent.services import (
    channel_config_update,
    conversation_start,
    handoff_claim,
    handoff_close,
    handoff_settings_update,
    message_receive,
)
from core.api.base import StoreAPIView
from core.errors import NotFound, ValidationFailed
from core.roles import Action
from integrations.shopify.facts import customer_find_by_email
from integrations.shopify.models import Customer


class HandoffSettingsApi(StoreAPIView):
    required_actions = {"PATCH": Action.EDIT_HANDOFF_SETTINGS}

    @extend_schema(responses=HandoffSettingsSerializer)
    def get(self, request: Request) -> Response:
        return Response(HandoffSettingsSerializer(handoff_settings_get(store=self.store)).data)

    @extend_schema(request=HandoffSettingsUpdateSerializer, responses=HandoffSettingsSerializer)
    def patch(self, request: Request) -> Response:
        data = self.input(HandoffSettingsUpdateSerializer)
        settings = handoff_settings_update(store=self.store, **data)
        return Response(HandoffSettingsSerializer(settings).data)


class ChannelListApi(StoreAPIView):
    @extend_schema(responses=ChannelSerializer(many=True))
    def get(self, request: Request) -> Response:
        return self.paginated(channel_config_list(store=self.store), ChannelSerializer)


class ChannelDetailApi(StoreAPIView):
    required_actions = {"PATCH": Action.EDIT_CHANNELS}

    @extend_schema(responses=ChannelSerializer)
    def get(self, request: Request, kind: str) -> Response:
        return Response(ChannelSerializer(channel_config_get(store=self.store, kind=kind)).data)

    @extend_schema(request=ChannelUpdateSerializer, responses=ChannelSerializer)
    def patch(self, request: Request, kind: str) -> Response:
        if kind not in Channel.values:  # an unknown channel is 404 whatever the body says
            raise NotFound()
        data = self.input(ChannelUpdateSerializer)
        config = channel_config_update(store=self.store, kind=kind, **data)
        return Response(ChannelSerializer(config).data)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "kind": self.kwargs.get("kind")}


class ConversationListApi(StoreAPIView):
    @extend_schema(
        parameters=[ConversationFilterSerializer], responses=ConversationSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        filters = self.query(ConversationFilterSerializer)
        conversations = conversation_list(store=self.store, **filters)
        return self.paginated(conversations, ConversationSerializer)


class ConversationDetailApi(StoreAPIView):
    @extend_schema(responses=ConversationDetailSerializer)
    def get(self, request: Request, conversation_id: int) -> Response:
        conversation = conversation_get(store=self.store, conversation_id=conversation_id)
        return Response(ConversationDetailSerializer(conversation).data)


class HandoffListApi(StoreAPIView):
    @extend_schema(parameters=[HandoffFilterSerializer], responses=HandoffSerializer(many=True))
    def get(self, request: Request) -> Response:
        filters = self.query(HandoffFilterSerializer)
        return self.paginated(handoff_list(store=self.store, **filters), HandoffSerializer)


class HandoffClaimApi(StoreAPIView):
    """Take over a handoff (also one someone else had taken)."""

    required_actions = {"POST": Action.WORK_HANDOFFS}

    @extend_schema(request=None, responses=HandoffSerializer)
    def post(self, request: Request, handoff_id: int) -> Response:
        user = cast(User, request.user)
        handoff = handoff_claim(store=self.store, handoff_id=handoff_id, user=user)
        return Response(HandoffSerializer(handoff).data)


class HandoffCloseApi(StoreAPIView):
    """Close a handoff (closing a closed one changes nothing)."""

    required_actions = {"POST": Action.WORK_HANDOFFS}

    @extend_schema(request=None, responses=HandoffSerializer)
    def post(self, request: Request, handoff_id: int) -> Response:
        user = cast(User, request.user)
        handoff = handoff_close(store=self.store, handoff_id=handoff_id, user=user)
        return Response(HandoffSerializer(handoff).data)


# --- Agent Preview ------------------------------------------------------------------------------


class PreviewConversationCreateApi(StoreAPIView):
    """Start an Agent Preview conversation as a test shopper on a channel (never counted in
    analytics). ``customer_email`` names one of the store's customers; ``verified`` starts
    signed in as them, else the agent asks them to sign in when it needs to."""

    required_actions = {"POST": Action.USE_PREVIEW}

    @extend_schema(
        request=PreviewConversationCreateSerializer,
        responses={201: PreviewConversationSerializer},
    )
    def post(self, request: Request) -> Response:
        data = self.input(PreviewConversationCreateSerializer)
        customer = None
        if data.get("customer_email"):
            customer = _preview_customer(store=self.store, email=data["customer_email"])
        conversation = conversation_start(
            store=self.store,
            channel=data["channel"],
            is_preview=True,
            customer=customer,
            verified=data["verified"],
        )
        return Response(
            PreviewConversationSerializer(conversation).data, status=status.HTTP_201_CREATED
        )


class PreviewMessageApi(StoreAPIView):
    """Send the test shopper's message; the answer comes back rendered for the conversation's
    channel (web chat blocks; SMS, WhatsApp and email exactly the text they send) with the
    turn's trace."""

    required_actions = {"POST": Action.USE_PREVIEW}

    @extend_schema(request=PreviewMessageCreateSerializer, responses=PreviewTurnSerializer)
    def post(self, request: Request, conversation_id: int) -> Response:
        data = self.input(PreviewMessageCreateSerializer)
        conversation = Conversation.objects.filter(
            store=self.store, id=conversation_id, is_preview=True
        ).first()
        if conversation is None:
            raise NotFound()
        result = message_receive(store=self.store, conversation=conversation, text=data["text"])
        return Response(PreviewTurnSerializer(result.payload()).data)


def _preview_customer(*, store: Any, email: str) -> Customer:
    facts = customer_find_by_email(store=store, email=email)
    if facts is None:
        raise ValidationFailed(
            _("No customer of this store has that email address."),
            detail={"customer_email": [_("No customer of this store has that email address.")]},
        )
    return Customer.objects.get(store=store, pk=facts.id)
