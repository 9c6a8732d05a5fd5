"""handoff: a short acknowledgement and a machine-readable reason; the engine creates the
Handoff and adds the store's configured message."""

from __future__ import annotations

from typing import Any

import pytest

from agent.models import Handoff
from core.models import Store
from skills.base import HandoffRequest, SkillResult
from skills.handoff import (
    HandoffSkill,
    handoff_result,
    prerequisite_missing,
    reason_valid,
)
from skills.replies import HandoffNotice, TextBlock, Trace
from tests.skills.knowledge_context import conversation_context

pytestmark = pytest.mark.django_db

SKILL = HandoffSkill()


def _handle(store: Store, text: str, intent: str, language: str = "en", **kw: Any) -> SkillResult:
    return SKILL.handle(
        conversation_context(store=store, text=text, intent=intent, language=language, **kw)
    )


@pytest.mark.parametrize(
    ("language", "text", "ack"),
    [
        (
            "en",
            "Can I talk to a real person please?",
            "Of course. I'll pass you on to a colleague.",
        ),
        ("nl", "Ik wil een medewerker spreken", "Natuurlijk. Ik geef je door aan een collega."),
    ],
)
def test_a_shopper_asking_for_a_person_is_handed_off(
    store: Store, language: str, text: str, ack: str
) -> None:
    # when
    result = _handle(store, text, "human", language)

    # then a short acknowledgement; the store's message is the engine's HandoffNotice
    assert result.reply.blocks == (TextBlock(text=ack),)
    assert not any(isinstance(b, HandoffNotice) for b in result.reply.blocks)
    assert result.handoff == HandoffRequest(reason="shopper_asked")
    assert result.reply.handoff is True
    assert (result.resolved, result.reply.resolved, result.state, result.next_skill) == (
        False,
        False,
        None,
        None,
    )
    assert result.reply.trace == Trace(
        language=language, intent="human", confidence=0.93, skill="handoff"
    )


@pytest.mark.parametrize(
    ("intent", "reason", "ack"),
    [
        (
            "unknown",
            "out_of_scope",
            "I can't help with that myself, so I'll pass it on to a colleague.",
        ),
        (
            "order_change",
            "out_of_scope",
            "I can't help with that myself, so I'll pass it on to a colleague.",
        ),
        (
            "general_question",
            "no_answer",
            "I'll pass your question on to a colleague who can answer it.",
        ),
    ],
)
def test_a_request_passed_on_without_a_reason_gets_one_from_its_intent(
    store: Store, intent: str, reason: str, ack: str
) -> None:
    result = _handle(store, "whatever it was", intent)

    assert result.handoff == HandoffRequest(reason=reason)
    assert result.reply.blocks == (TextBlock(text=ack),)


def test_a_reason_passed_on_in_the_state_is_kept(store: Store) -> None:
    # when the engine passes on a skill's reason
    result = _handle(
        store,
        "Kan ik de maat wijzigen?",
        "order_change",
        "nl",
        state={"reason": "prerequisite_missing:hub_active"},
    )

    # then
    assert result.handoff == HandoffRequest(reason="prerequisite_missing:hub_active")
    assert result.reply.blocks == (
        TextBlock(
            text="Dat kan ik hier nu niet voor je regelen, dus ik geef het door aan een collega."
        ),
    )


def test_a_reason_that_is_not_ours_in_the_state_is_ignored(store: Store) -> None:
    result = _handle(store, "a person please", "human", state={"reason": "<script>"})

    assert result.handoff == HandoffRequest(reason="shopper_asked")


def test_another_skill_hands_off_with_its_own_trace(store: Store) -> None:
    # given order editing finds the Customer Hub missing
    context = conversation_context(
        store=store, text="I want to change my order", intent="order_change"
    )

    # when it hands off itself
    result = handoff_result(
        context=context, reason=prerequisite_missing("hub_active"), skill="order_edit"
    )

    # then
    assert result.handoff == HandoffRequest(reason="prerequisite_missing:hub_active")
    assert result.reply.trace.skill == "order_edit"
    assert result.reply.handoff is True


def test_asking_twice_answers_the_same_and_creates_nothing(store: Store) -> None:
    # the engine decides whether a Handoff already exists; the skill only asks for one
    first = _handle(store, "a person please", "human")
    second = _handle(store, "hello?? a PERSON", "human")

    assert (first.handoff, first.reply.blocks) == (second.handoff, second.reply.blocks)
    assert Handoff.objects.count() == 0


def test_reasons_are_machine_readable() -> None:
    assert [
        reason_valid(r)
        for r in (
            "shopper_asked",
            "out_of_scope",
            "no_answer",
            "prerequisite_missing:returns_provider_connected",
            "prerequisite_missing:",
            "prerequisite_missing:hub active",
            "shopper_asked:x",
            "because",
        )
    ] == [True, True, True, True, False, False, False, False]
    assert prerequisite_missing("hub_active") == "prerequisite_missing:hub_active"
    longest = "prerequisite_missing:returns_provider_connected"
    assert len(longest) <= (Handoff._meta.get_field("reason").max_length or 0)


def test_an_unknown_reason_is_a_programming_error(store: Store) -> None:
    context = conversation_context(store=store, text="x", intent="human")
    with pytest.raises(ValueError, match="unknown handoff reason 'tired'"):
        handoff_result(context=context, reason="tired")
