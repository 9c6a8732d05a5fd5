"""Writes about skills: a store's per-skill switch and settings."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from core.errors import NotFound
from core.models import Store
from skills.models import SkillConfig
from skills.registry import SKILL_IDS
from skills.selectors import SkillSetup, skill_setup_get


@transaction.atomic
def skill_config_update(
    *,
    store: Store,
    skill_id: str,
    enabled: bool | None = None,
    settings: dict[str, Any] | None = None,
) -> SkillSetup:
    """Turn a skill on/off and/or merge ``settings`` into its settings (idempotent).

    Settings keys given replace the stored ones; keys not given are kept. Raises NotFound for
    an id that is not in the registry.
    """
    if skill_id not in SKILL_IDS:
        raise NotFound()
    config, _ = SkillConfig.objects.select_for_update().get_or_create(
        store=store, skill_id=skill_id
    )
    if enabled is not None:
        config.enabled = enabled
    if settings is not None:
        config.settings = {**config.settings, **settings}
    config.save()
    return skill_setup_get(store=store, skill_id=skill_id)
