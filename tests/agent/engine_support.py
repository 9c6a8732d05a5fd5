"""Fake skills and collaborators for the engine tests (the same Protocols as the real ones)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from agent.channels_out import render_reply
from agent.engine import DialogueState, Engine, EngineDeps, SkillGate, TurnInput, TurnOutcome
from core.errors import ValidationFailed
from core.models import Store
from integrations.customer_hub.verification import (
    CodeChallenge,
    VerificationResult,
    VerificationSendLimited,
    VerificationStatus,
)
from integrations.shopify.facts import CustomerFacts
from skills.base import HandoffRequest, Shopper, SkillContext, SkillResult, SkillTools
from skills.replies import (
    Action,
    ActionKind,
    HandoffNotice,
    OrderCard,
    OrderStatus,
    PassageUsed,
    PrerequisiteCheck,
    QuickReplies,
    QuickReply,
    Reply,
    TextBlock,
    Trace,
)

NOW = dt.datetime(2026, 5, 4, 10, 0, tzinfo=dt.UTC)
SANNE = CustomerFacts(
    id=41,
    shopify_id=7_000_041,
    email="sanne@example.com",
    phone="+31612345678",
    first_name="Sanne",
    last_name="de Vries",
    locale="nl",
)
STORE_MESSAGE = "A member of our team will follow up."


def reply(*blocks: Any, language: str = "en", passages: tuple[PassageUsed, ...] = ()) -> Reply:
    return Reply(blocks=tuple(blocks), trace=Trace(language=language, passages=passages))


def text_of(outcome: TurnOutcome) -> list[str]:
    return [r.text for r in outcome.rendered]


@dataclass
class FakeSkill:
    """Records each context it is given; ``behave`` decides the result (default: say hello)."""

    id: str
    behave: Callable[[SkillContext], SkillResult] | None = None
    calls: list[SkillContext] = field(default_factory=list)
    answers_when_unavailable: bool = False

    def handle(self, context: SkillContext) -> SkillResult:
        self.calls.append(context)
        if self.behave is not None:
            return self.behave(context)
        return SkillResult(reply=reply(TextBlock(f"{self.id}: {context.request.intent}")))


def order_edit_behaviour(context: SkillContext) -> SkillResult:
    """Sign in first; then ask which order (quick replies); then show its card with a link."""
    if not context.shopper.verified:
        return SkillResult(
            reply=reply(TextBlock("Orders can be changed within 1 hour.")), needs="sign_in"
        )
    request = context.request
    if context.state.get("step") == "confirm":
        if request.answer == "yes":
            return SkillResult(reply=reply(TextBlock("Done: use the link.")), resolved=True)
        return SkillResult(reply=reply(TextBlock("OK, nothing changed.")))
    if not request.order_numbers:
        return SkillResult(
            reply=reply(
                TextBlock("Which order?"),
                QuickReplies((QuickReply("#1002", "#1002"), QuickReply("#1001", "#1001"))),
            ),
            state={"step": "pick"},
        )
    number = request.order_numbers[0]
    card = OrderCard(
        order_name=f"#{number}",
        order_date=dt.date(2026, 5, 1),
        currency="EUR",
        total=Decimal("59.95"),
        status=OrderStatus.UNFULFILLED,
        actions=(Action(kind=ActionKind.EDIT, url=f"https://hub.example.com/{number}/edit"),),
    )
    return SkillResult(
        reply=reply(card, TextBlock("Shall I keep it like this?")),
        state={"step": "confirm", "order": number},
        expecting="yes_no",
    )


@dataclass
class FakeVerifier:
    """Codes are "123456" unless set; 5 wrong tries lock; codes expire after 10 minutes."""

    customers_by_email: dict[str, CustomerFacts] = field(default_factory=dict)
    customers_by_phone: dict[str, CustomerFacts] = field(default_factory=dict)
    code: str = "123456"
    sent: list[str] = field(default_factory=list)
    challenges: dict[int, dict[str, Any]] = field(default_factory=dict)
    limited: bool = False

    def code_send(
        self,
        *,
        store: Store,
        email: str,
        language: str,
        channel: str,
        reference: str,
        now: dt.datetime,
    ) -> CodeChallenge:
        if self.limited:
            raise VerificationSendLimited(detail={"retry_after": 60})
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", email.strip().lower()):
            raise ValidationFailed("not an email")
        self.sent.append(email)
        challenge_id = len(self.challenges) + 1
        self.challenges[challenge_id] = {
            "customer": self.customers_by_email.get(email.lower()),
            "tries": 0,
            "expires": now + dt.timedelta(minutes=10),
            "status": "pending",
        }
        return CodeChallenge(challenge_id=challenge_id, expires_at=now, language=language)

    def code_check(
        self, *, store: Store, challenge_id: int, code: str, now: dt.datetime
    ) -> VerificationResult:
        row = self.challenges.get(challenge_id)
        if row is None:
            return VerificationResult(status=VerificationStatus.NOT_FOUND)
        if row["status"] == "locked":
            return VerificationResult(status=VerificationStatus.LOCKED, challenge_id=challenge_id)
        if row["status"] != "pending" or now >= row["expires"]:
            return VerificationResult(status=VerificationStatus.EXPIRED, challenge_id=challenge_id)
        digits = code.replace(" ", "")
        if len(digits) != 6 or not digits.isdigit():
            return VerificationResult(
                status=VerificationStatus.MALFORMED, tries_left=5 - row["tries"]
            )
        if digits == self.code and row["customer"] is not None:
            row["status"] = "used"
            return VerificationResult(
                status=VerificationStatus.OK,
                challenge_id=challenge_id,
                customer_id=row["customer"].id,
            )
        row["tries"] += 1
        if row["tries"] >= 5:
            row["status"] = "locked"
            return VerificationResult(status=VerificationStatus.LOCKED, challenge_id=challenge_id)
        return VerificationResult(
            status=VerificationStatus.WRONG, challenge_id=challenge_id, tries_left=5 - row["tries"]
        )

    def identify_by_phone(self, *, store: Store, phone: str) -> CustomerFacts | None:
        return self.customers_by_phone.get(phone)

    def email_on_profile(self, *, store: Store, email: str) -> bool:
        return email.strip().lower() in self.customers_by_email

    def customer_get(self, *, store: Store, customer_id: int) -> CustomerFacts | None:
        everyone = [*self.customers_by_email.values(), *self.customers_by_phone.values()]
        return next((c for c in everyone if c.id == customer_id), None)


def fake_order(number: int, *, days_ago: int = 1, title: str = "Texel Merino Trui") -> Any:
    """Enough of an ``OrderFacts`` for the engine (number, name, date, line items)."""
    line = SimpleNamespace(id=number * 10, title=title, variant_title="M / Navy")
    return SimpleNamespace(
        number=number,
        name=f"#{number}",
        created_at=NOW - dt.timedelta(days=days_ago),
        line_items=(line,),
    )


def fake_tools(
    now: dt.datetime = NOW, orders: tuple[Any, ...] = (), reads: list[int] | None = None
) -> SkillTools:
    """``reads`` collects the ``limit`` of every ``orders_list`` call."""

    def orders_list(*, store: Store, customer_id: int, limit: int) -> list[Any]:
        if reads is not None:
            reads.append(limit)
        return list(orders[:limit])

    def order_get(*, store: Store, customer_id: int, number: int) -> Any:
        return next((o for o in orders if o.number == number), None)

    return SkillTools(
        knowledge_answer=lambda **kw: None,
        knowledge_search=lambda **kw: [],
        orders_list=orders_list,
        order_get=order_get,
        hub_link=lambda **kw: None,
        now=lambda: now,
    )


def notice(*, store: Store, language: str, now: dt.datetime) -> HandoffNotice:
    return HandoffNotice(message=STORE_MESSAGE, in_business_hours=True)


@dataclass
class Harness:
    """A conversation driven through the engine: keeps the state and the shopper between
    turns, like ``message_receive`` does."""

    skills: dict[str, FakeSkill]
    unusable: set[str] = field(default_factory=set)
    #: Skills Unavailable for these missing prerequisite codes (their gate lists them).
    missing: dict[str, tuple[str, ...]] = field(default_factory=dict)
    verifier: FakeVerifier = field(default_factory=FakeVerifier)
    channel: str = "webchat"
    contact: str = ""
    language: str = "en"
    now: dt.datetime = NOW
    state: DialogueState = field(default_factory=DialogueState)
    shopper: Shopper = field(default_factory=Shopper)
    turns: int = 0
    orders: tuple[Any, ...] = ()
    store: Store = field(default_factory=lambda: Store(pk=1, slug="demo", name="Demo"))
    #: The ``limit`` of every ``orders_list`` call the turns made.
    order_reads: list[int] = field(default_factory=list)

    def gate(self, *, store: Store, skill_id: str) -> SkillGate:
        if skill_id in self.missing:
            codes = self.missing[skill_id]
            return SkillGate(
                skill=skill_id,
                usable=False,
                state="unavailable",
                prerequisites=(
                    PrerequisiteCheck(name="agent_enabled", met="agent_enabled" not in codes),
                    *(PrerequisiteCheck(name=c, met=False) for c in codes if c != "agent_enabled"),
                ),
            )
        return SkillGate(
            skill=skill_id,
            usable=skill_id not in self.unusable,
            state="unavailable" if skill_id in self.unusable else "live",
        )

    def engine(self) -> Engine:
        return Engine(
            EngineDeps(
                tools=fake_tools(self.now, self.orders, self.order_reads),
                handlers=self.skills,
                skill_gate=self.gate,
                verifier=self.verifier,
                handoff_notice=notice,
                renderer=render_reply,
                clock=lambda: self.now,
            )
        )

    def say(self, text: str) -> TurnOutcome:
        outcome = self.engine().turn(
            TurnInput(
                store=self.store,
                channel=self.channel,
                text=text,
                language=self.language,
                state=DialogueState.from_json(self.state.to_json()),  # as stored
                shopper=self.shopper,
                contact=self.contact,
                first=self.turns == 0,
            )
        )
        self.turns += 1
        self.state = outcome.state
        self.language = outcome.language
        facts = outcome.verified_customer
        if facts is not None:
            self.shopper = Shopper(
                verified=True,
                customer_id=facts.id,
                shopify_customer_id=facts.shopify_id,
                email=facts.email,
                phone=facts.phone,
                name=facts.full_name,
            )
        return outcome

    def later(self, minutes: int) -> None:
        self.now = self.now + dt.timedelta(minutes=minutes)


def skills(*ids: str, **behaviours: Callable[[SkillContext], SkillResult]) -> dict[str, FakeSkill]:
    found = {i: FakeSkill(i) for i in ids}
    found.update({i: FakeSkill(i, behave=b) for i, b in behaviours.items()})
    return found


def handoff_behaviour(context: SkillContext) -> SkillResult:
    return SkillResult(
        reply=reply(TextBlock("I'll pass you to a colleague.")),
        handoff=HandoffRequest(reason="shopper_asked"),
    )


ALL = ("order_edit", "returns", "general_qa", "order_status", "smalltalk")


def standard() -> dict[str, FakeSkill]:
    return skills(*ALL, order_edit=order_edit_behaviour, handoff=handoff_behaviour)


__all__ = ["replace"]
