"""The ``handoff`` skill: a soft handoff to a person.

It runs when the shopper asks for a person (the ``human`` intent) and when another skill passes
a request on (``SkillResult.next_skill = "handoff"``); a skill that decides on a handoff itself
returns ``handoff_result(context=..., reason=...)``, which is exactly this skill's answer.

What it returns: a short acknowledgement in the shopper's language and
``HandoffRequest(reason=...)``. It does not say who follows up or when, nor create anything:
the engine creates the ``Handoff`` (transcript, shopper details) and appends a
``HandoffNotice`` with the store's configured message for the shopper's language and the
business hours, so the acknowledgement never repeats that message.

**Idempotency is the engine's.** Asked twice in one conversation ("a person please" ... "hello?
a person!") this skill answers the same way both times; the engine must not open a second
``Handoff`` while the conversation has an open one (it may add the transcript since). The skill
keeps no state (``state=None``): after a handoff the next message is routed afresh.

Reasons are machine-readable (``Handoff.reason``, analytics): ``shopper_asked``,
``out_of_scope``, ``no_answer`` and ``prerequisite_missing:<code>`` (a
``skills.status.PrerequisiteCode`` value, e.g. ``prerequisite_missing:hub_active``).
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from skills.base import HandoffRequest, SkillContext, SkillResult
from skills.replies import Reply, TextBlock, Trace

SHOPPER_ASKED = "shopper_asked"
OUT_OF_SCOPE = "out_of_scope"
NO_ANSWER = "no_answer"
PREREQUISITE_MISSING = "prerequisite_missing"
REASONS = frozenset({SHOPPER_ASKED, OUT_OF_SCOPE, NO_ANSWER})

#: Where a request passed on without a reason comes from, by its intent.
_REASON_BY_INTENT = {"human": SHOPPER_ASKED, "general_question": NO_ANSWER}


def prerequisite_missing(code: str) -> str:
    """The reason for a handoff because the skill's prerequisite ``code`` is not met."""
    return f"{PREREQUISITE_MISSING}:{code}"


def reason_valid(reason: str) -> bool:
    kind, _sep, code = reason.partition(":")
    if kind == PREREQUISITE_MISSING:
        return bool(code) and code.replace("_", "").isalnum()
    return reason in REASONS and not code


def handoff_result(*, context: SkillContext, reason: str, skill: str = "handoff") -> SkillResult:
    """The soft-handoff answer for ``reason`` (see the module doc), traced as ``skill``.
    Raises ValueError for a reason that is not one of ours."""
    if not reason_valid(reason):
        raise ValueError(f"unknown handoff reason {reason!r}")
    request = context.request
    with translation.override(request.language):
        text = _acknowledgement(reason)
    reply = Reply(
        blocks=(TextBlock(text=text),),
        trace=Trace(
            language=request.language,
            intent=request.intent,
            confidence=request.confidence,
            skill=skill,
        ),
        handoff=True,
    )
    return SkillResult(reply=reply, handoff=HandoffRequest(reason=reason))


def _acknowledgement(reason: str) -> str:
    if reason == SHOPPER_ASKED:
        return _("Of course. I'll pass you on to a colleague.")
    if reason == NO_ANSWER:
        return _("I'll pass your question on to a colleague who can answer it.")
    if reason == OUT_OF_SCOPE:
        return _("I can't help with that myself, so I'll pass it on to a colleague.")
    return _("I can't do that for you here right now, so I'll pass it on to a colleague.")


class HandoffSkill:
    """``human`` intent, and requests other skills pass on. The reason: ``state["reason"]``
    when the engine passes one on, else from the intent (``human``: the shopper asked;
    ``general_question``: no answer; anything else: out of scope)."""

    id = "handoff"

    def handle(self, context: SkillContext) -> SkillResult:
        given = context.state.get("reason")
        if isinstance(given, str) and reason_valid(given):
            reason = given
        else:
            reason = _REASON_BY_INTENT.get(context.request.intent, OUT_OF_SCOPE)
        return handoff_result(context=context, reason=reason, skill=self.id)
