"""Writes to a store's own settings (name, language, time zone, agent switch)."""

from __future__ import annotations

from core.models import Store
from core.updates import fields_set
from core.validation import full_clean_or_fail


def store_update(
    *,
    store: Store,
    name: str | None = None,
    default_language: str | None = None,
    timezone_name: str | None = None,
    agent_enabled: bool | None = None,
) -> Store:
    """Change the given settings (None = leave as is); raises ValidationFailed when invalid."""
    changes = {
        "name": name,
        "default_language": default_language,
        "timezone": timezone_name,
        "agent_enabled": agent_enabled,
    }
    changed = fields_set(instance=store, values=changes)
    if changed:
        full_clean_or_fail(store)
        store.save(update_fields=[*changed, "updated_at"])
    return store
