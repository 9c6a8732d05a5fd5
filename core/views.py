"""Login, store choice and health. Dashboard pages live in their apps' views.py."""

from __future__ import annotations

import time
from typing import Any

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.dashboard import CURRENT_STORE_SESSION_KEY
from core.selectors import membership_list


@login_required
def dashboard_home(request: HttpRequest) -> HttpResponse:
    """Send the user to the store they used last, else their first store."""
    memberships = list(membership_list(user=request.user))
    if not memberships:
        return render(request, "core/no_store.html", status=200)
    last = request.session.get(CURRENT_STORE_SESSION_KEY)
    chosen = next((m for m in memberships if m.store.slug == last), memberships[0])
    return redirect("skills:list", store_slug=chosen.store.slug)


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


async def _check_channel_layer() -> None:
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer configured")
    channel = await layer.new_channel()
    await layer.send(channel, {"type": "health.check"})
    message = await layer.receive(channel)
    if message.get("type") != "health.check":
        raise RuntimeError("channel layer returned a different message")


def _check_broker() -> None:
    from config.celery_app import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


async def _timed(check: Any) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        await check()
    except Exception as exc:
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 2)}


@never_cache
@require_GET
async def healthz(request: HttpRequest) -> JsonResponse:
    """Reachability of the database, channel layer and Celery broker; 503 if any fails."""
    checks = {
        "database": await _timed(sync_to_async(_check_database)),
        "channel_layer": await _timed(_check_channel_layer),
        "broker": await _timed(sync_to_async(_check_broker)),
    }
    checks["database"]["backend"] = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    checks["channel_layer"]["backend"] = settings.CHANNEL_LAYERS["default"]["BACKEND"].rsplit(
        ".", 1
    )[-1]
    checks["broker"]["transport"] = settings.CELERY_BROKER_URL.split("://", 1)[0]
    ok = all(c["ok"] for c in checks.values())
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", "checks": checks}, status=200 if ok else 503
    )
