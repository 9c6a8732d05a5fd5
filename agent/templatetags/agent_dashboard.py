"""Template filters for the agent's dashboard pages."""

from __future__ import annotations

from django import template

from agent.handoff_reasons import handoff_reason_text
from skills.registry import skill_info

register = template.Library()


@register.filter
def handoff_reason(reason: str) -> str:
    """A handoff's reason code in words (``agent.handoff_reasons``)."""
    return handoff_reason_text(str(reason or ""))


@register.filter
def skill_name(skill_id: str) -> str:
    """A skill's name in the active language; an unknown id as it is, "" stays ""."""
    if not skill_id:
        return ""
    try:
        return str(skill_info(skill_id).name)
    except KeyError:
        return str(skill_id)
