"""Reads about conversations, handoffs, and the handoff and channel settings.

Every function takes the store it reads for; nothing here reads another store's rows.
Settings that were never saved are returned as unsaved rows holding the defaults.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

from agent.models import Channel, ChannelConfig, Conversation, Handoff, HandoffSettings
from core.errors import NotFound
from core.models import Store


def handoff_settings_get(*, store: Store) -> HandoffSettings:
    """The store's handoff settings (defaults, unsaved, when never saved)."""
    found = HandoffSettings.objects.filter(store=store).first()
    return found if found is not None else HandoffSettings(store=store)


def channel_active_kinds(*, store: Store) -> frozenset[str]:
    """The kinds of the store's active channels ("webchat", "sms", ...). Unordered (a set; the
    skill status reads it every turn that asks for the returns skill)."""
    return frozenset(
        ChannelConfig.objects.filter(store=store, enabled=True)
        .order_by()
        .values_list("kind", flat=True)
    )


def channel_config_list(*, store: Store) -> list[ChannelConfig]:
    """All four channels in a fixed order; a channel never saved is an unsaved, inactive row."""
    configs = {c.kind: c for c in ChannelConfig.objects.filter(store=store)}
    return [configs.get(kind) or ChannelConfig(store=store, kind=kind) for kind in Channel.values]


def channel_config_get(*, store: Store, kind: str) -> ChannelConfig:
    """One channel's configuration (unsaved and inactive when never saved).

    Raises NotFound for a kind that is not a channel.
    """
    if kind not in Channel.values:
        raise NotFound()
    found = ChannelConfig.objects.filter(store=store, kind=kind).first()
    return found if found is not None else ChannelConfig(store=store, kind=kind)


def conversation_list(
    *,
    store: Store,
    channel: str | None = None,
    status: str | None = None,
    is_preview: bool | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[Conversation]:
    """The store's conversations, latest activity first, optionally filtered.

    ``date_from``/``date_to`` bound the start of the conversation, inclusive, as calendar days
    in the store's time zone.
    """
    conversations = Conversation.objects.filter(store=store)
    if channel:
        conversations = conversations.filter(channel=channel)
    if status:
        conversations = conversations.filter(status=status)
    if is_preview is not None:
        conversations = conversations.filter(is_preview=is_preview)
    zone = ZoneInfo(store.timezone)
    if date_from is not None:
        start = dt.datetime.combine(date_from, dt.time.min, tzinfo=zone)
        conversations = conversations.filter(created_at__gte=start)
    if date_to is not None:
        end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        conversations = conversations.filter(created_at__lt=end)
    return conversations.order_by("-last_message_at", "-id")


def conversation_get(*, store: Store, conversation_id: int) -> Conversation:
    """One of the store's conversations with its messages. NotFound for another store's id."""
    conversation = (
        Conversation.objects.filter(store=store, id=conversation_id)
        .prefetch_related("messages")
        .first()
    )
    if conversation is None:
        raise NotFound()
    return conversation


def handoff_list(*, store: Store, status: str | None = None) -> QuerySet[Handoff]:
    """The store's handoffs, newest first, optionally of one status."""
    handoffs = Handoff.objects.filter(store=store).select_related("assigned_to")
    if status:
        handoffs = handoffs.filter(status=status)
    return handoffs.order_by("-created_at", "-id")
