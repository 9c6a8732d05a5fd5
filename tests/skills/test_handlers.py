"""skills.handlers: every registered skill id has its handler; skill modules load lazily."""

from __future__ import annotations

import pytest

from skills import handlers
from skills.general_qa import GeneralQaSkill
from skills.handlers import FALLBACK_SKILL, HANDLER_PATHS, skill_handler, skill_handlers
from skills.handoff import HandoffSkill
from skills.registry import SKILL_IDS
from skills.smalltalk import SmalltalkSkill


def test_every_registered_skill_has_a_handler_path() -> None:
    assert set(HANDLER_PATHS) == SKILL_IDS
    assert FALLBACK_SKILL in HANDLER_PATHS


def test_the_conversation_skills_resolve_without_the_order_skills() -> None:
    assert isinstance(skill_handler("general_qa"), GeneralQaSkill)
    assert isinstance(skill_handler("handoff"), HandoffSkill)
    assert isinstance(skill_handler("smalltalk"), SmalltalkSkill)
    assert skill_handler("smalltalk") is skill_handler("smalltalk")


def test_an_id_without_a_handler_is_a_key_error() -> None:
    # "unknown" is the NLU's id for "nothing fits": the engine sends it to FALLBACK_SKILL
    with pytest.raises(KeyError):
        skill_handler("unknown")


def test_all_six_skills_resolve() -> None:
    every = skill_handlers()

    assert (
        set(every)
        == SKILL_IDS
        == {
            "order_edit",
            "returns",
            "order_status",
            "general_qa",
            "handoff",
            "smalltalk",
        }
    )
    assert all(skill.id == skill_id and callable(skill.handle) for skill_id, skill in every.items())
    assert every == handlers.SKILL_HANDLERS


def test_an_attribute_the_module_does_not_have_is_still_an_error() -> None:
    with pytest.raises(AttributeError):
        _ = handlers.NOT_THERE
