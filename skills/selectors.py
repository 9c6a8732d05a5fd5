"""Reads about skills: the registry merged with the store's SkillConfig rows.

Status (Live/Unavailable) is computed by the status selector, not here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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


def _setup(info: SkillInfo, config: SkillConfig | None) -> SkillSetup:
    if config is None:
        return SkillSetup(info=info)
    return SkillSetup(info=info, enabled=config.enabled, settings=dict(config.settings))


def skill_setup_list(*, store: Store) -> list[SkillSetup]:
    """Every registered skill, in registry order, with the store's configuration."""
    configs = {c.skill_id: c for c in SkillConfig.objects.filter(store=store)}
    return [_setup(info, configs.get(info.id)) for info in SKILLS]


def skill_setup_get(*, store: Store, skill_id: str) -> SkillSetup:
    """One skill with the store's configuration. Raises NotFound for an unknown skill id."""
    try:
        info = skill_info(skill_id)
    except KeyError as exc:
        raise NotFound() from exc
    return _setup(info, SkillConfig.objects.filter(store=store, skill_id=skill_id).first())
