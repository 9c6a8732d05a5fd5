"""Writes about handoff tickets and the handoff and channel settings."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agent.handoff_selectors import responder_name
from agent.models import Channel, ChannelConfig, Conversation, Handoff, HandoffSettings
from agent.realtime.groups import webchat_responder_push
from agent.selectors import channel_config_get
from core.errors import ApplicationError, NotFound
from core.models import Store
from core.updates import fields_set
from core.validation import full_clean_or_fail


class HandoffClosed(ApplicationError):
    code = "handoff_closed"
    http_status = 409
    default_message = _("This handoff is closed already.")


def handoff_settings_get_or_create(*, store: Store) -> HandoffSettings:
    """The store's handoff settings; a missing row is created with the model's defaults, so the
    settings page shows (and the engine finds) the same values from the first visit on."""
    handoff_settings, _created = HandoffSettings.objects.get_or_create(store=store)
    return handoff_settings


def handoff_settings_update(
    *,
    store: Store,
    message_en: str | None = None,
    message_nl: str | None = None,
    out_of_hours_message_en: str | None = None,
    out_of_hours_message_nl: str | None = None,
    business_hours: dict[str, list[list[str]]] | None = None,
) -> HandoffSettings:
    """Save the given fields (None = keep), creating the row with defaults on first save.

    ``business_hours`` maps ISO weekday numbers "1".."7" to [["HH:MM", "HH:MM"], ...] in the
    store's time zone; a day left out is closed. Raises ValidationFailed.
    """
    settings = handoff_settings_get_or_create(store=store)
    changes = {
        "message_en": message_en,
        "message_nl": message_nl,
        "out_of_hours_message_en": out_of_hours_message_en,
        "out_of_hours_message_nl": out_of_hours_message_nl,
        "business_hours": business_hours,
    }
    fields_set(instance=settings, values=changes)
    full_clean_or_fail(settings)
    settings.save()
    return settings


@transaction.atomic
def channel_config_update(
    *, store: Store, kind: str, enabled: bool | None = None, settings: dict[str, Any] | None = None
) -> ChannelConfig:
    """Turn a channel on/off and/or merge ``settings`` (already validated for the kind) into
    its settings: keys given replace the stored ones, other keys are kept."""
    config = channel_config_get(store=store, kind=kind)
    if enabled is not None:
        config.enabled = enabled
    if settings is not None:
        config.settings = {**config.settings, **settings}
    full_clean_or_fail(config)
    config.save()
    return config


def _handoff_for_update(*, store: Store, handoff_id: int) -> Handoff:
    handoff = Handoff.objects.select_for_update().filter(store=store, id=handoff_id).first()
    if handoff is None:
        raise NotFound()
    return handoff


@transaction.atomic
def handoff_claim(*, store: Store, handoff_id: int, user: User) -> Handoff:
    """Take over a handoff: it becomes claimed by ``user`` (also when someone else had it).
    On web chat, the shopper's open widget learns after commit who answers now (``user``'s
    first name).

    Raises NotFound for another store's handoff, HandoffClosed when it is closed.
    """
    handoff = _handoff_for_update(store=store, handoff_id=handoff_id)
    if handoff.status == Handoff.Status.CLOSED:
        raise HandoffClosed()
    handoff.status = Handoff.Status.CLAIMED
    handoff.assigned_to = user
    handoff.save(update_fields=["status", "assigned_to", "updated_at"])
    _responder_push_on_commit(handoff, name=responder_name(user))
    return handoff


@transaction.atomic
def handoff_close(*, store: Store, handoff_id: int, user: User) -> Handoff:
    """Close a handoff (idempotent: closing a closed handoff changes nothing).

    An unassigned handoff is assigned to the user who closes it. On web chat, the shopper's
    open widget learns after commit that the assistant answers again.
    """
    handoff = _handoff_for_update(store=store, handoff_id=handoff_id)
    if handoff.status == Handoff.Status.CLOSED:
        return handoff
    handoff.status = Handoff.Status.CLOSED
    handoff.closed_at = timezone.now()
    if handoff.assigned_to_id is None:
        handoff.assigned_to = user
    handoff.save(update_fields=["status", "closed_at", "assigned_to", "updated_at"])
    _responder_push_on_commit(handoff, name=None)
    return handoff


def _responder_push_on_commit(handoff: Handoff, *, name: str | None) -> None:
    """After commit, tell a web chat shopper's widget who answers: ``name`` (a person) or the
    assistant (None). Other channels have no live widget to tell."""
    is_webchat = Conversation.objects.filter(
        pk=handoff.conversation_id, channel=Channel.WEBCHAT, is_preview=False
    ).exists()
    if is_webchat:
        transaction.on_commit(
            partial(webchat_responder_push, conversation_id=handoff.conversation_id, name=name)
        )
