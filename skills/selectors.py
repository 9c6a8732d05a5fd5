"""Reads about skills: the registry merged with the store's SkillConfig rows.

Status (Live/Unavailable) is computed by the status selector, not here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from core.errors import NotFound
from core.models import Store
from skills.models import SkillConfig
from skills.registry import SKILLS, SkillInfo, skill_info


@dataclass(frozen=True)
class SkillSetup:
    """A registered skill as one store has set it up. No SkillConfig row = on, no settings."""

    info: SkillInfo
    enabled: bool = True
    settings: dict[str, Any] = field(default_factory=dict)


# A config row as read: (enabled, settings). Read as values, not model instances: every agent
# turn reads the store's configs, and building the rows (and ordering them) was most of that.
_Config = tuple[bool, Any]


def _setup(info: SkillInfo, config: _Config | None) -> SkillSetup:
    if config is None:
        return SkillSetup(info=info)
    enabled, settings = config
    return SkillSetup(info=info, enabled=enabled, settings=dict(settings))


def skill_setup_list(*, store: Store) -> list[SkillSetup]:
    """Every registered skill, in registry order, with the store's configuration."""
    rows = SkillConfig.objects.filter(store=store).order_by()
    configs = {skill_id: (enabled, settings) for skill_id, enabled, settings in _values(rows)}
    return [_setup(info, configs.get(info.id)) for info in SKILLS]


def skill_setup_get(*, store: Store, skill_id: str) -> SkillSetup:
    """One skill with the store's configuration. Raises NotFound for an unknown skill id."""
    try:
        info = skill_info(skill_id)
    except KeyError as exc:
        raise NotFound() from exc
    # (store, skill_id) is unique: at most one row, no ordering needed
    rows = SkillConfig.objects.filter(store=store, skill_id=skill_id).order_by()[:1]
    found = [(enabled, settings) for _skill_id, enabled, settings in _values(rows)]
    return _setup(info, found[0] if found else None)


def _values(rows: QuerySet[SkillConfig]) -> QuerySet[SkillConfig, tuple[str, bool, Any]]:
    return rows.values_list("skill_id", "enabled", "settings")
