"""Skill behaviour by skill id: the one place the engine finds the ``Skill`` that handles a turn.

Every id of the registry (``skills.registry.SKILLS``) has a handler here. Each skill class is
imported the first time it is asked for (``skill_handler``), so a skill module that does not
exist yet does not stop the others from working, and an import error in one that does is
raised as it is, never hidden. ``SKILL_HANDLERS`` (all of them, as a dict) imports every skill
module when first read.

The NLU's ``unknown`` skill id has no handler of its own: it is ``FALLBACK_SKILL``
(smalltalk says what the agent can help with and offers a person).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.utils.module_loading import import_string

from skills.base import Skill

#: Skill id -> the dotted path of its class (instantiated without arguments).
HANDLER_PATHS: dict[str, str] = {
    "order_edit": "skills.order_edit.OrderEditSkill",
    "returns": "skills.returns.ReturnsSkill",
    "order_status": "skills.order_status.OrderStatusSkill",
    "general_qa": "skills.general_qa.GeneralQaSkill",
    "handoff": "skills.handoff.HandoffSkill",
    "smalltalk": "skills.smalltalk.SmalltalkSkill",
}
FALLBACK_SKILL = "smalltalk"

#: Every skill's handler by id; read lazily through the module ``__getattr__`` below.
SKILL_HANDLERS: dict[str, Skill]


@cache
def skill_handler(skill_id: str) -> Skill:
    """The handler of ``skill_id`` (one instance per process; skills keep no state of their
    own). Raises KeyError for an id without a handler, ImportError when its module fails."""
    skill: Skill = import_string(HANDLER_PATHS[skill_id])()
    if skill.id != skill_id:
        raise ImportError(f"{HANDLER_PATHS[skill_id]} has id {skill.id!r}, not {skill_id!r}")
    return skill


def skill_handlers() -> dict[str, Skill]:
    """Every skill's handler by id (imports every skill module)."""
    return {skill_id: skill_handler(skill_id) for skill_id in HANDLER_PATHS}


def __getattr__(name: str) -> Any:
    # ``from skills.handlers import SKILL_HANDLERS`` imports the skill modules only then.
    if name == "SKILL_HANDLERS":
        return skill_handlers()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
