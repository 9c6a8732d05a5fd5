"""One agent turn: understand -> route -> skill(s) -> replies + trace.

``Engine(deps).turn(TurnInput(...)) -> TurnOutcome``. The engine never writes the database
itself: what it decided (replies, new dialogue state, events, a handoff to create, a shopper
verified) comes back in the outcome and ``agent.services.message_receive`` stores it. Its
collaborators (``EngineDeps``) may read and, for sign-in codes, write. Deterministic: the same
message, state and collaborators give the same outcome.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from django.utils import translation

from agent.engine import wording
from agent.engine.deps import EngineDeps
from agent.engine.replies import Collected, turn_trace
from agent.engine.requests import (
    ORDERS_READ,
    TurnOrders,
    conversation_language,
    item_candidates,
    items_added,
    items_needed,
    nlu_context,
    skill_request,
)
from agent.engine.routing import Route, route_decide
from agent.engine.signin import SignInFlow
from agent.engine.skill_calls import SkillCalls
from agent.engine.state import Option
from agent.engine.types import EngineEvent, TurnInput, TurnOutcome
from agent.nlu import ItemCandidate, Understanding, intent_skill
from integrations.shopify.facts import CustomerFacts
from skills.base import HandoffRequest, Shopper, SkillRequest
from skills.replies import QuickReplies, QuickReply, Trace

logger = logging.getLogger(__name__)

#: Answers what no skill is for (the NLU's "unknown"), as ``skills.handlers.FALLBACK_SKILL``.
FALLBACK_SKILL = "smalltalk"
#: How many of the shopper's other orders "nee, de andere" offers.
OTHER_ORDERS_OFFERED = 4
PHONE_CHANNELS = ("sms", "whatsapp")


class Engine:
    def __init__(self, deps: EngineDeps) -> None:
        self.deps = deps

    def turn(self, turn: TurnInput) -> TurnOutcome:
        """Run one turn for ``turn.text``; never raises for anything a shopper can type (a
        failing skill becomes an apology and a soft handoff)."""
        with self.deps.turn_reads():
            return self._turn_run(turn)

    def _turn_run(self, turn: TurnInput) -> TurnOutcome:
        run = _Run(self.deps, turn)
        run.identify_by_phone()
        context = nlu_context(language=turn.language, state=run.state, candidates=())
        understanding = run.items_named(self.deps.understand(turn.text, context=context))
        language = conversation_language(understanding, turn)
        with translation.override(language):
            run.start(understanding, language)
            run.follow(route_decide(understanding, run.state))
            return run.outcome()


class _Run(SkillCalls):
    """The mutable working state of one turn."""

    def __init__(self, deps: EngineDeps, turn: TurnInput) -> None:
        self.deps = deps
        self.turn = turn
        self.now = deps.clock()
        self.state = turn.state
        self.shopper = turn.shopper
        self.collected = Collected()
        self.events: list[EngineEvent] = []
        self.handoff: HandoffRequest | None = None
        self.verified_customer: CustomerFacts | None = None
        self.skills: list[str] = []
        self.route = ""
        self.intent = ""
        self.confidence = 0.0
        self.understanding: Understanding | None = None
        self.language = turn.language
        self.sign_in = SignInFlow(self)
        self.tools = TurnOrders(deps.tools).tools()

    # --- before understanding ------------------------------------------------------------

    def identify_by_phone(self) -> None:
        """SMS/WhatsApp: the sending number identifies the shopper when it matches exactly
        one profile (tried once per conversation)."""
        turn = self.turn
        if self.shopper.verified or turn.channel not in PHONE_CHANNELS or not turn.contact:
            return
        if self.state.phone_checked:
            return
        facts = self.deps.verifier.identify_by_phone(store=turn.store, phone=turn.contact)
        self.state = replace(self.state, phone_checked=True)
        if facts is not None:
            self.verify(facts, method="phone", rerun=False)

    def items_named(self, u: Understanding) -> Understanding:
        """The line items of the verified shopper's orders the message names, added to what
        was understood — only when the turn can use them (``items_needed``): reading the
        shopper's orders costs more than the rest of a small-talk or help-centre turn."""
        if not items_needed(u, self.state):
            return u
        return items_added(u, self.item_candidates())

    def item_candidates(self) -> tuple[ItemCandidate, ...]:
        if not self.shopper.verified or self.shopper.customer_id is None:
            return ()
        return item_candidates(
            tools=self.tools,
            store=self.turn.store,
            customer_id=self.shopper.customer_id,
            focus=self.state.order,
        )

    # --- routing -----------------------------------------------------------------------------

    def start(self, understanding: Understanding, language: str) -> None:
        self.understanding = understanding
        self.language = language
        self.intent = understanding.intent
        self.confidence = understanding.confidence
        self.state = replace(self.state, language=language)

    def follow(self, route: Route, *, hops: int = 0) -> None:
        self.route = self.route or route.reason
        u = self.understanding
        assert u is not None
        if route.kind == "empty":
            self.collected.text(wording.ask_again())
        elif route.kind == "handoff":
            self.state = self.state.flow_ended()
            self.intent, self.confidence = "human", max(self.confidence, u.confidence)
            self.handoff_skill(self.request(u, intent="human"), reason=route.reason)
        elif route.kind == "pick":
            asked = self.state.asked
            self.state = self.state.flow_ended()
            self.intent, self.confidence = route.intent, 1.0
            request = self.request(u, intent=route.intent, confidence=1.0, text=asked)
            self.run_skill(intent_skill(route.intent), request, {}, reason=route.reason)
        elif route.kind == "substitute" and route.option is not None and hops < 1:
            self.substitute(route.option, hops=hops)
        elif route.kind in (
            "code",
            "email",
            "resend",
            "sign_in_cancel",
            "sign_in_reask",
            "sign_in_other_email",
        ):
            self.sign_in.follow(route)
        elif route.kind == "continue":
            request = self.flow_request(u)
            self.intent = request.intent
            self.run_skill(route.skill, request, self.state.skill_state, reason=route.reason)
        elif route.kind == "other_order":
            self.other_order(route.skill, u)
        else:
            # A new request: the orders an earlier "which order?" offered no longer count.
            self.state = replace(self.state.flow_ended(), offered=())
            self.fresh(route, u)

    def fresh(self, route: Route, u: Understanding) -> None:
        if route.kind == "skill":
            self.run_skill(route.skill, self.request(u, focus=False), {}, reason=route.reason)
        elif route.kind == "order_only":
            number = int(u.entities.order_numbers[0])
            self.state = replace(self.state, order=number)
            self.collected.text(wording.order_what(f"#{number}"))
            self.offer_intents(wording.ORDER_INTENTS)
        elif route.kind == "clarify":
            self.state = replace(self.state, asked=u.text)
            self.collected.text(wording.clarify_question())
            intents = [o.intent for o in u.clarify_options if o.intent in wording.INTENT_LABELS]
            self.offer_intents(tuple(intents) if len(intents) >= 2 else wording.FALLBACK_INTENTS)
        elif self.fallback_usable():
            # Out of scope ("change my password"): the fallback skill says what the agent can
            # help with and offers a person.
            self.run_skill(FALLBACK_SKILL, self.request(u), {}, reason=route.reason)
        else:
            self.collected.text(wording.not_understood())
            self.offer_intents(wording.FALLBACK_INTENTS)

    def fallback_usable(self) -> bool:
        if FALLBACK_SKILL not in self.deps.handlers:
            return False
        return self.deps.skill_gate(store=self.turn.store, skill_id=FALLBACK_SKILL).usable

    def other_order(self, skill_id: str, u: Understanding) -> None:
        """ "Nee, de andere": another of the verified shopper's orders than the one in focus —
        the only other one at once, else the question which (their recent orders offered)."""
        intent = self.state.intent or u.intent
        self.intent = intent
        others = []
        if self.shopper.verified and self.shopper.customer_id is not None:
            orders = self.tools.orders_list(
                store=self.turn.store, customer_id=self.shopper.customer_id, limit=ORDERS_READ
            )
            others = [o for o in orders if o.number != self.state.order]
            offered = self.state.offered
            if self.state.order in offered:
                # The order in focus was picked from a "which order?" question: the other one
                # offered there.
                picked = sorted(
                    (o for o in others if o.number in offered),
                    key=lambda o: offered.index(o.number),
                )
                others = picked or others
        if len(others) == 1:
            request = replace(self.request(u, intent=intent), order_numbers=(others[0].number,))
            self.run_skill(skill_id, request, {}, reason="other_order")
            return
        if not others:
            self.run_skill(
                skill_id, self.request(u, intent=intent, focus=False), {}, reason="other_order"
            )
            return
        self.skills.append(skill_id)
        options = tuple(
            Option(label=wording.order_label(o, zone=self.turn.store.timezone), payload=o.name)
            for o in others[:OTHER_ORDERS_OFFERED]
        )
        self.collected.text(wording.which_order())
        self.collected.add(
            QuickReplies(tuple(QuickReply(label=o.label, payload=o.payload) for o in options))
        )
        self.state = replace(
            self.state.flow_ended(),
            skill=skill_id,
            skill_state={},
            expecting="order_number",
            options=options,
            intent=intent,
            offered=tuple(o.number for o in others[:OTHER_ORDERS_OFFERED]),
        )

    def substitute(self, option: Option, *, hops: int) -> None:
        """A skill's quick reply picked by number or position: read its payload instead."""
        context = nlu_context(
            language=self.language, state=self.state, candidates=self.item_candidates()
        )
        understanding = self.deps.understand(option.payload, context=context)
        self.understanding = understanding
        self.intent, self.confidence = understanding.intent, understanding.confidence
        self.state = replace(self.state, options=())
        self.follow(route_decide(understanding, self.state), hops=hops + 1)

    def offer_intents(self, intents: tuple[str, ...]) -> None:
        options = tuple(
            Option(
                label=str(wording.INTENT_LABELS[i]), payload=str(wording.INTENT_LABELS[i]), intent=i
            )
            for i in intents
        )
        self.collected.add(
            QuickReplies(tuple(QuickReply(label=o.label, payload=o.payload) for o in options))
        )
        self.state = replace(self.state, options=options, expecting="choice")

    def request(
        self,
        u: Understanding,
        *,
        intent: str | None = None,
        confidence: float | None = None,
        text: str | None = None,
        focus: bool = True,
    ) -> SkillRequest:
        """``focus``: a message that names no order means the order in focus (a follow-up);
        a new request leaves the choice to the skill."""
        request = skill_request(
            u,
            language=self.language,
            focus=self.state.order if focus else None,
            intent=intent,
            confidence=confidence,
        )
        return replace(request, text=text) if text else request

    def flow_request(self, u: Understanding) -> SkillRequest:
        """A follow-up in the active flow: "ja", "#1002" or "de tweede" keep the flow's
        intent (the skill was asked to change an order, not to hear "unknown")."""
        flow_intent = self.state.intent
        if flow_intent and intent_skill(u.intent) != self.state.skill:
            return self.request(u, intent=flow_intent)
        return self.request(u)

    # --- verification and handoff ----------------------------------------------------------

    def verify(self, facts: CustomerFacts, *, method: str, rerun: bool = True) -> None:
        self.shopper = Shopper(
            verified=True,
            customer_id=facts.id,
            shopify_customer_id=facts.shopify_id,
            email=facts.email,
            phone=facts.phone,
            name=facts.full_name,
        )
        self.verified_customer = facts
        self.event("verification_succeeded", "", {"method": method})
        if not rerun:
            self.state = replace(self.state, verified_by=method)
            return
        pending = self.state.pending
        self.state = replace(self.state.flow_ended(), verified_by=method)
        if pending is not None:
            self.collected.new_message()
            self.run_skill(
                pending.skill, pending.request, pending.skill_state, reason="after_sign_in"
            )

    # --- the outcome -------------------------------------------------------------------------

    def outcome(self) -> TurnOutcome:
        skill = self.skills[-1] if self.skills else ""
        if self.collected.empty():
            self.collected.text(wording.not_understood())
        u = self.understanding
        trace = Trace(
            language=self.language,
            intent=self.intent,
            confidence=round(self.confidence, 4),
            skill=skill,
            passages=tuple(self.collected.passages),
            order_facts=tuple(self.collected.order_facts),
            eligibility=tuple(self.collected.eligibility),
            prerequisites=tuple(self.collected.prerequisites),
        )
        replies = self.collected.replies(trace=trace, handoff=self.handoff is not None)
        rendered = tuple(
            self.deps.renderer(reply, channel=self.turn.channel, language=self.language)
            for reply in replies
        )
        if self.collected.resolved and not any(e.kind == "resolved" for e in self.events):
            self.event("resolved", skill, {})
        return TurnOutcome(
            language=self.language,
            intent=self.intent,
            confidence=round(self.confidence, 4),
            skill=skill,
            route=self.route,
            replies=replies,
            rendered=rendered,
            state=self.state,
            events=tuple(self.events),
            handoff=self.handoff,
            verified_customer=self.verified_customer,
            verified_by=self.state.verified_by if self.verified_customer else "",
            resolved=self.collected.resolved,
            trace=turn_trace(
                trace,
                understanding=u,
                route=self.route,
                skills=self.skills,
                state=self.state,
                verified=self.shopper.verified,
            ),
        )
