"""ASGI entry point: HTTP goes to Django, websockets to the agent's routes (each route
carries its own origin and auth middleware, see agent/realtime/routing.py)."""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

# Django must be set up before anything imports models.
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from agent.realtime.routing import websocket_urlpatterns  # noqa: E402
from agent.warmup import process_warm  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": URLRouter(websocket_urlpatterns),
    }
)

# Train the intent classifier and load the embedding model before the first shopper arrives.
process_warm()
