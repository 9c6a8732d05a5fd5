"""Websocket routes. Each route wraps its own checks: dashboard sockets accept only our own
hosts as Origin; the storefront web chat (a later issue) checks the channel's allowed origins."""

from __future__ import annotations

from channels.auth import AuthMiddlewareStack
from channels.security.websocket import AllowedHostsOriginValidator
from django.urls import path

from agent.realtime.consumers import PingConsumer

websocket_urlpatterns = [
    path(
        "ws/ping/",
        AllowedHostsOriginValidator(AuthMiddlewareStack(PingConsumer.as_asgi())),
    ),
]
