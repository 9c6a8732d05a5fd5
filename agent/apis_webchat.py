"""The storefront web chat's session endpoint: public (the widget runs on the merchant's site,
without our cookies), cross-origin (CORS), checked against the channel's allowed origins."""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agent.realtime.rate import WebchatLimits, session_allowed
from agent.realtime.sessions import (
    TOKEN_MAX_AGE,
    ShopperIdentity,
    WebchatSession,
    webchat_session_start,
)
from agent.realtime.strings import widget_strings
from agent.serializers_webchat import WebchatSessionCreateSerializer, WebchatSessionSerializer
from core.errors import RateLimited

WEBSOCKET_PATH = "/ws/webchat/"
DEFAULT_ACCENT = "#1f6feb"
DEFAULT_GREETING = _("Hi! How can I help you today?")


class WebchatSessionApi(APIView):
    """Open a web chat session for the storefront page in the Origin header (one of the
    channel's allowed origins): the token for ``/ws/webchat/?token=``, the conversation, and the
    widget's words and looks in the shopper's language. Send ``resume`` with an earlier token
    to continue that conversation (a fresh token comes back); ``start: false`` asks only for
    the words and looks."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes: list[Any] = []
    limits = WebchatLimits()

    @extend_schema(
        request=WebchatSessionCreateSerializer,
        responses={200: WebchatSessionSerializer},
        auth=[],
        tags=["webchat"],
    )
    def post(self, request: Request) -> Response:
        serializer = WebchatSessionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        starting = data["start"] and not data.get("resume")
        ip = request.META.get("REMOTE_ADDR", "")
        if not session_allowed(limits=self.limits, ip=ip, starting=starting):
            raise RateLimited()
        identity = ShopperIdentity(**data["identity"]) if data.get("identity") else None
        session = webchat_session_start(
            public_key=data["public_key"],
            origin=request.headers.get("Origin"),
            language=data.get("language"),
            resume=data.get("resume", ""),
            start=data["start"],
            identity=identity,
            now=timezone.now(),
        )
        return Response(_session_body(session), status=status.HTTP_200_OK)

    def options(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        """The CORS preflight: any site may ask; the POST itself checks the origin."""
        response = Response(status=status.HTTP_204_NO_CONTENT)
        response["Access-Control-Allow-Methods"] = "POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Content-Type"
        response["Access-Control-Max-Age"] = "600"
        return response

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        # Echoing the origin is safe here: a session (the only thing worth reading) is only
        # ever answered to an allowed origin; others can read no more than the error.
        response = super().finalize_response(request, response, *args, **kwargs)
        origin = request.headers.get("Origin")
        if origin:
            response["Access-Control-Allow-Origin"] = origin
        response["Vary"] = "Origin"
        return response


def _session_body(session: WebchatSession) -> dict[str, Any]:
    settings = session.config.settings or {}
    language = session.language
    with translation.override(language):
        greeting = settings.get(f"greeting_{language}") or str(DEFAULT_GREETING)
    conversation = session.conversation
    return WebchatSessionSerializer(
        {
            "token": session.token or None,
            "conversation_id": conversation.pk if conversation is not None else None,
            "resumed": session.resumed,
            "identified": session.identified,
            "language": language,
            "last_seq": session.last_seq,
            "expires_in": int(TOKEN_MAX_AGE.total_seconds()),
            "websocket_path": WEBSOCKET_PATH,
            "store": {"name": session.store.name},
            "appearance": {
                "accent_color": settings.get("accent_color") or DEFAULT_ACCENT,
                "greeting": greeting,
            },
            "strings": widget_strings(language),
        }
    ).data
