"""Store-level endpoints: who am I, and the current store's settings."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.base import StoreAPIView
from core.api.serializers import MeSerializer, StoreSerializer, StoreUpdateSerializer
from core.errors import NotFound
from core.models import ApiToken
from core.roles import Action
from core.selectors import membership_list
from core.store_services import store_update


class MeApi(APIView):
    """The signed-in user and their stores. A token sees only its own store."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer, operation_id="me_retrieve", tags=["me"])
    def get(self, request: Request) -> Response:
        if isinstance(request.auth, ApiToken):
            memberships = [request.auth.membership]
        else:
            memberships = list(membership_list(user=request.user))
        data = {"user": request.user, "memberships": memberships}
        return Response(MeSerializer(data).data)


class StoreApi(StoreAPIView):
    """The store the request acts for."""

    required_actions = {"PATCH": Action.MANAGE_STORE}

    @extend_schema(responses=StoreSerializer)
    def get(self, request: Request) -> Response:
        return Response(StoreSerializer(self.store).data)

    @extend_schema(request=StoreUpdateSerializer, responses=StoreSerializer)
    def patch(self, request: Request) -> Response:
        data = self.input(StoreUpdateSerializer)
        store = store_update(
            store=self.store,
            name=data.get("name"),
            default_language=data.get("default_language"),
            timezone_name=data.get("timezone"),
            agent_enabled=data.get("agent_enabled"),
        )
        return Response(StoreSerializer(store).data)


class NotFoundApi(APIView):
    """Answers any unknown /api/ path with the API's 404 error (not Django's HTML page)."""

    authentication_classes: list[Any] = []
    permission_classes: list[Any] = []
    schema = None

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        raise NotFound()
