"""Writes that only the dashboard needs. Channel and handoff writes shared with the API live
in :mod:`agent.services`."""

from __future__ import annotations

from agent.models import HandoffSettings
from core.models import Store


def handoff_settings_get_or_create(*, store: Store) -> HandoffSettings:
    """The store's handoff settings; a missing row is created with the model's defaults, so the
    settings page shows (and the engine finds) the same values from the first visit on."""
    handoff_settings, _created = HandoffSettings.objects.get_or_create(store=store)
    return handoff_settings
