"""The engine with a skill that is Unavailable for a missing prerequisite but can still answer
from content (``answers_when_unavailable``). Fake skills, no database."""

from __future__ import annotations

from collections.abc import Callable

from skills.base import HandoffRequest, SkillContext, SkillResult
from skills.replies import Citation, HandoffNotice, QuickReplies, QuickReply, TextBlock
from tests.agent.engine_support import (
    STORE_MESSAGE,
    Harness,
    reply,
    skills,
)

POLICY = TextBlock(
    "You can change or cancel your order within 1 hour.",
    citation=Citation(article_title="Changing or cancelling your order", heading_path=()),
)
CANT = TextBlock("I can't help you change or cancel an order in this chat.")


def policy_skill(context: SkillContext) -> SkillResult:
    """Like order_edit while Unavailable: a policy question answered, else the policy and a
    person; when usable, something else entirely."""
    if not context.unavailable:
        return SkillResult(reply=reply(TextBlock("Here is your edit link.")), resolved=True)
    if context.request.intent == "order_change_policy":
        return SkillResult(reply=reply(POLICY), resolved=True)
    return SkillResult(
        reply=reply(POLICY, CANT),
        handoff=HandoffRequest(reason=f"prerequisite_missing:{context.unavailable[0]}"),
    )


def unavailable_harness(behave: Callable[[SkillContext], SkillResult] = policy_skill) -> Harness:
    found = skills("smalltalk", "returns", order_edit=behave)
    found["order_edit"].answers_when_unavailable = True
    return Harness(found, missing={"order_edit": ("hub_active",)})


# --- a skill Unavailable for a missing prerequisite ----------------------------------------------


def test_a_policy_question_is_answered_from_content_without_a_handoff() -> None:
    # given order editing is Unavailable (no Customer Hub)
    h = unavailable_harness()
    # when
    outcome = h.say("How long can I change my order?")
    # then the skill was asked, told what is missing, and its answer stands alone
    (call,) = h.skills["order_edit"].calls
    assert call.unavailable == ("hub_active",)
    assert (outcome.skill, outcome.intent) == ("order_edit", "order_change_policy")
    assert outcome.replies[0].blocks == (POLICY,)
    assert outcome.handoff is None and outcome.resolved
    skill_chosen = outcome.events[0]
    assert (skill_chosen.kind, skill_chosen.data["status"]) == ("skill_chosen", "unavailable")


def test_a_request_gets_the_policy_then_the_soft_handoff() -> None:
    h = unavailable_harness()
    outcome = h.say("I want to change the size of my order")
    assert outcome.replies[0].blocks == (POLICY, CANT, HandoffNotice(message=STORE_MESSAGE))
    assert outcome.handoff == HandoffRequest(reason="prerequisite_missing:hub_active")
    assert h.state.skill is None and h.state.pending is None


def test_a_request_the_skill_hands_back_without_words_gets_the_apology() -> None:
    # given a skill that has nothing to say but does not answer either
    def silent(context: SkillContext) -> SkillResult:
        return SkillResult(reply=reply())

    h = unavailable_harness(behave=silent)
    outcome = h.say("I want to change the size of my order")
    assert outcome.replies[0].blocks == (
        TextBlock("Sorry, I can't help with that in this chat right now."),
        HandoffNotice(message=STORE_MESSAGE),
    )
    assert outcome.handoff == HandoffRequest(reason="prerequisite_missing:hub_active")


def test_sign_in_or_a_next_skill_asked_while_unavailable_is_dropped() -> None:
    def greedy(context: SkillContext) -> SkillResult:
        return SkillResult(reply=reply(TextBlock("Your order #1001 ...")), needs="sign_in")

    h = unavailable_harness(behave=greedy)
    outcome = h.say("I want to change the size of my order")
    assert outcome.replies[0].blocks == (
        TextBlock("Sorry, I can't help with that in this chat right now."),
        HandoffNotice(message=STORE_MESSAGE),
    )
    assert h.state.sign_in is None and h.state.pending is None
    assert outcome.handoff == HandoffRequest(reason="prerequisite_missing:hub_active")


def test_a_skill_that_does_not_answer_while_unavailable_is_not_called() -> None:
    h = Harness(skills("smalltalk", "order_edit"), missing={"order_edit": ("hub_active",)})
    outcome = h.say("How long can I change my order?")
    assert h.skills["order_edit"].calls == []
    assert outcome.handoff == HandoffRequest(reason="prerequisite_missing:hub_active")


def test_with_the_agent_turned_off_the_skill_is_not_called() -> None:
    h = unavailable_harness()
    h.missing = {"order_edit": ("agent_enabled", "hub_active")}
    outcome = h.say("How long can I change my order?")
    assert h.skills["order_edit"].calls == []
    assert outcome.handoff == HandoffRequest(reason="prerequisite_missing:agent_enabled")


def test_a_turned_off_skill_is_not_called() -> None:
    found = skills("smalltalk", order_edit=policy_skill)
    found["order_edit"].answers_when_unavailable = True
    h = Harness(found, unusable={"order_edit"})  # turned off / no prerequisites listed
    outcome = h.say("How long can I change my order?")
    assert found["order_edit"].calls == []
    assert outcome.handoff == HandoffRequest(reason="unavailable:order_edit")


def test_a_quick_reply_offered_while_unavailable_is_remembered() -> None:
    def add_items(context: SkillContext) -> SkillResult:
        offer = QuickReplies((QuickReply("Talk to a person", "I'd like to talk to a person"),))
        return SkillResult(reply=reply(TextBlock("Items can't be added."), offer), resolved=True)

    h = unavailable_harness(behave=add_items)
    outcome = h.say("Can I add a t-shirt to my order?")
    assert outcome.handoff is None
    assert [o.label for o in h.state.options] == ["Talk to a person"]
