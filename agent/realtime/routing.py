"""Websocket routes. Each route wraps its own checks: dashboard sockets accept only our own
hosts as Origin; the storefront web chat checks its session token and the channel's allowed
origins (``WebchatSessionMiddleware``)."""

from __future__ import annotations

from channels.auth import AuthMiddlewareStack
from channels.security.websocket import AllowedHostsOriginValidator
from django.urls import path

from agent.realtime.consumers import PingConsumer
from agent.realtime.middleware import WebchatSessionMiddleware
from agent.realtime.webchat import WebchatConsumer

websocket_urlpatterns = [
    path(
        "ws/ping/",
        AllowedHostsOriginValidator(AuthMiddlewareStack(PingConsumer.as_asgi())),
    ),
    path("ws/webchat/", WebchatSessionMiddleware(WebchatConsumer.as_asgi())),
]
