"""Calling skills within a turn: the skill gate, the call itself (a failing skill becomes an
apology and a soft handoff), next_skill, sign-in when a skill needs it, and what the engine
keeps of the skill's answer (blocks, trace, events, flow state). A mixin of the turn's
working state (``agent.engine.turn._Run``)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from agent.engine import wording
from agent.engine.deps import EngineDeps, SkillGate
from agent.engine.replies import (
    Collected,
    expecting_inferred,
    options_offered,
    order_handed_over,
    order_in_focus,
)
from agent.engine.state import DialogueState, Pending
from agent.engine.types import EngineEvent, TurnInput
from agent.nlu import Understanding
from skills.base import (
    HandoffRequest,
    Shopper,
    SkillContext,
    SkillRequest,
    SkillResult,
    SkillTools,
    answers_when_unavailable,
)
from skills.replies import TextBlock

if TYPE_CHECKING:
    from agent.engine.signin import SignInFlow

logger = logging.getLogger(__name__)

MAX_SKILL_HOPS = 3  # next_skill chain length (order_edit -> returns -> ...)
# Skills whose being unavailable needs no person to follow up (every other one soft-hands-off).
_NO_HANDOFF_WHEN_UNAVAILABLE = frozenset({"smalltalk"})


class SkillCalls:
    deps: EngineDeps
    turn: TurnInput
    now: dt.datetime
    state: DialogueState
    shopper: Shopper
    tools: SkillTools
    collected: Collected
    events: list[EngineEvent]
    handoff: HandoffRequest | None
    skills: list[str]
    understanding: Understanding | None
    language: str
    sign_in: SignInFlow

    def handoff_skill(self, request: SkillRequest, *, reason: str) -> None:
        """ "Talk to a person": the handoff skill when it is there and usable, else the
        engine's own soft handoff; a handoff happens either way."""
        handler = self.deps.handlers.get("handoff")
        gate = self.deps.skill_gate(store=self.turn.store, skill_id="handoff")
        self.event("skill_chosen", "handoff", {"intent": request.intent, "route": reason})
        self.skills.append("handoff")
        if handler is None or not gate.usable:
            self.handoff_start(HandoffRequest(reason="shopper_asked"))
            return
        result = self.call(handler, "handoff", request, {})
        if result is None:
            return
        self.absorb("handoff", result)
        self.handoff_start(result.handoff or HandoffRequest(reason="shopper_asked"))

    def run_skill(
        self,
        skill_id: str,
        request: SkillRequest,
        skill_state: Any,
        *,
        reason: str,
        hops: int = 0,
    ) -> None:
        if skill_id == "handoff":
            self.handoff_skill(request, reason=reason)
            return
        gate = self.deps.skill_gate(store=self.turn.store, skill_id=skill_id)
        handler = self.deps.handlers.get(skill_id)
        self.event(
            "skill_chosen",
            skill_id,
            {
                "intent": request.intent,
                "confidence": round(request.confidence, 4),
                "route": reason,
                "status": gate.state if handler is not None else "missing",
                "limited_mode": gate.limited_mode,
            },
        )
        self.skills.append(skill_id)
        self.collected.prerequisites.extend(gate.prerequisites)
        if handler is None or not gate.usable:
            if handler is not None and _answers_from_content(handler, gate):
                self.content_while_unavailable(skill_id, handler, request, skill_state, gate)
            else:
                self.unavailable(skill_id, gate if handler is not None else None)
            return
        result = self.call(handler, skill_id, request, skill_state or {})
        if result is None:
            return
        self.absorb(skill_id, result)
        if result.needs == "sign_in" and not self.shopper.verified:
            kept = result.state if result.state is not None else dict(skill_state or {})
            self.state = replace(
                self.state.flow_ended(),
                pending=Pending(skill=skill_id, request=request, skill_state=kept),
            )
            self.sign_in.start(request)
            return
        handoff = result.handoff or (
            HandoffRequest(reason=f"{skill_id}") if result.reply.handoff else None
        )
        if handoff is not None:
            self.handoff_start(handoff)
        if result.next_skill and result.next_skill != skill_id and hops + 1 < MAX_SKILL_HOPS:
            self.run_skill(
                result.next_skill,
                self.handed_over(request, result),
                {},
                reason=f"from_{skill_id}",
                hops=hops + 1,
            )
            return
        self.remember(skill_id, request, result)

    def handed_over(self, request: SkillRequest, result: SkillResult) -> SkillRequest:
        """The request ``next_skill`` gets: the same, about the order the skill handing over
        was working on (order_edit -> returns for a shipped order goes on about that order,
        never asks "which one?" again); that order is then the one in focus."""
        number = order_handed_over(result.state, result.reply)
        if number is None:
            return request
        self.state = replace(self.state, order=number)
        return replace(request, order_numbers=(number,), choice_position=None, choice_kind=None)

    def call(
        self,
        handler: Any,
        skill_id: str,
        request: SkillRequest,
        skill_state: Any,
        *,
        unavailable: tuple[str, ...] = (),
    ) -> SkillResult | None:
        context = SkillContext(
            store=self.turn.store,
            channel=self.turn.channel,
            request=request,
            shopper=self.shopper,
            tools=self.tools,
            state=skill_state,
            is_preview=self.turn.is_preview,
            unavailable=unavailable,
        )
        try:
            with self.deps.savepoint():
                result: SkillResult = handler.handle(context)
            return result
        except Exception as exc:
            # A shopper never sees a stack trace: apologise and let a person follow up.
            logger.exception("skill %s failed in store %s", skill_id, self.turn.store.pk)
            self.event("error", skill_id, {"error": type(exc).__name__})
            self.collected.text(wording.something_went_wrong())
            self.state = self.state.flow_ended()
            self.handoff_start(HandoffRequest(reason=f"error:{skill_id}"))
            return None

    def content_while_unavailable(
        self,
        skill_id: str,
        handler: Any,
        request: SkillRequest,
        skill_state: Any,
        gate: SkillGate,
    ) -> None:
        """The skill is Unavailable for a missing prerequisite but can still answer from the
        store's content (PRODUCT.md: "Without a Customer Hub the agent does a soft handoff
        instead of guiding the edit", and the policy is still quoted). A policy question it
        answers ends there (resolved); anything else gets what the skill could say and then the
        soft handoff (reason ``prerequisite_missing:<first missing>``). A result that asks for
        sign-in or passes the request on breaks that contract and is dropped for the plain
        apology and handoff."""
        missing = _missing(gate)
        result = self.call(handler, skill_id, request, skill_state or {}, unavailable=missing)
        if result is None:
            return
        if result.needs is not None or result.next_skill:
            logger.warning("skill %s asked for more while unavailable; dropped", skill_id)
            self.unavailable(skill_id, gate)
            return
        self.absorb(skill_id, result)
        if result.resolved and result.handoff is None and not result.reply.handoff:
            self.remember(skill_id, request, result)
            return
        if not any(isinstance(b, TextBlock) and b.citation is None for b in result.reply.blocks):
            self.collected.text(wording.skill_unavailable())
        self.state = self.state.flow_ended()
        reason = result.handoff.reason if result.handoff else f"prerequisite_missing:{missing[0]}"
        self.handoff_start(HandoffRequest(reason=reason))

    def unavailable(self, skill_id: str, gate: SkillGate | None) -> None:
        """Say so politely; a person follows up (reason: the first missing prerequisite as
        ``prerequisite_missing:<code>``, else ``unavailable:<skill>`` for a skill turned off
        or without a handler)."""
        state = gate.state if gate is not None else "missing"
        logger.info("skill %s not usable (%s) in store %s", skill_id, state, self.turn.store.pk)
        self.state = self.state.flow_ended()
        if skill_id in _NO_HANDOFF_WHEN_UNAVAILABLE:
            self.collected.text(wording.how_can_i_help())
            return
        self.collected.text(wording.skill_unavailable())
        missing = [p.name for p in gate.prerequisites if not p.met] if gate is not None else []
        if state == "unavailable" and missing:
            reason = f"prerequisite_missing:{missing[0]}"
        else:
            reason = f"unavailable:{skill_id}"
        self.handoff_start(HandoffRequest(reason=reason))

    def absorb(self, skill_id: str, result: SkillResult) -> None:
        """Take the skill's reply, trace and events in; the link and content-answer events
        its reply implies are recorded only when the skill did not record that kind itself."""
        own = {kind for kind, _data in result.events}
        for kind, data in self.collected.reply(result.reply, skill_id=skill_id):
            if kind not in own:
                self.event(kind, skill_id, data)
        for kind, data in result.events:
            self.event(kind, skill_id, dict(data))
        if result.resolved or result.reply.resolved:
            self.collected.resolved = True
        focus = order_in_focus(result.reply, self.request_numbers())
        if focus is not None:
            self.state = replace(self.state, order=focus)

    def request_numbers(self) -> tuple[str, ...]:
        return self.understanding.entities.order_numbers if self.understanding else ()

    def remember(self, skill_id: str, request: SkillRequest, result: SkillResult) -> None:
        """The skill's flow state for the next message (None: the flow ended)."""
        options = options_offered(result.reply)
        expecting = result.expecting or expecting_inferred(result.reply)
        last = replace(self.state.flow_ended(), last_skill=skill_id, intent=request.intent)
        offered = _orders_offered(result.state)
        if offered:
            last = replace(last, offered=offered)
        if result.state is None and expecting is None:
            self.state = replace(last, options=options)
            return
        self.state = replace(
            last,
            skill=skill_id,
            skill_state=dict(result.state or {}),
            expecting=expecting,
            options=options,
        )

    # --- handoff and events ----------------------------------------------------------------

    def handoff_start(self, request: HandoffRequest) -> None:
        """Once per turn: the store's handoff message goes into the reply (filling a notice
        the skill put there, else added) and the outcome asks for a ``Handoff``."""
        if self.handoff is not None:
            return
        self.handoff = request
        notice = self.deps.handoff_notice(
            store=self.turn.store, language=self.language, now=self.now
        )
        self.collected.handoff_notice(notice)
        self.state = self.state.flow_ended()

    def event(self, kind: str, skill: str, data: dict[str, Any]) -> None:
        self.events.append(EngineEvent(kind=kind, skill=skill, data=data))


def _missing(gate: SkillGate) -> tuple[str, ...]:
    return tuple(p.name for p in gate.prerequisites if not p.met)


def _answers_from_content(handler: Any, gate: SkillGate) -> bool:
    """An Unavailable skill (not turned off, not for the agent switch) that can still answer
    from content (``skills.base.answers_when_unavailable``)."""
    missing = _missing(gate)
    return (
        gate.state == "unavailable"
        and bool(missing)
        and "agent_enabled" not in missing
        and answers_when_unavailable(handler)
    )


def _orders_offered(skill_state: Any) -> tuple[int, ...]:
    """The orders a skill's "which order?" question offered (``skills.order_find`` keeps them
    as ``{"step": "choose_order", "candidates": [...]}``)."""
    if not isinstance(skill_state, dict) or skill_state.get("step") != "choose_order":
        return ()
    candidates = skill_state.get("candidates")
    if not isinstance(candidates, list):
        return ()
    return tuple(c for c in candidates if isinstance(c, int) and not isinstance(c, bool))
