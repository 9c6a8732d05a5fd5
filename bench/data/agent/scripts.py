"""The agent-turn benchmark's conversations: who writes, on which channel, in which language,
and what they type turn by turn (``scripts_build``).

A script is one conversation. Verified shoppers name orders of their own in the state the
turn needs (an open order to change or cancel, a shipped or delivered one to return, a
returned or cancelled one to ask about the refund). On web chat and email they are verified
by the storefront (``conversation_start(verified=True)``); on SMS and WhatsApp their number
identifies them on the first message. Anonymous shoppers ask questions, greet, go out of
scope, or ask about an order and are asked to sign in.

Script kinds and weights (share of conversations):

====================  ======  =====================================================
script                weight  turns
====================  ======  =====================================================
question              18      [greeting] kb_question [kb_question] [thanks]
policy                12      policy [thanks]
status                12      order_status #n [thanks]
change                 8      order_change #n (open, partly shipped or shipped)
cancel                 7      order_cancel #n (open, partly shipped or shipped)
return                10      return the {item} of #n [thanks]
refund                 6      refund_status #n (returned or cancelled)
return_which           6      which_order ("I want to return something") continuation
cancel_which           5      which_order ("cancel my order") continuation
out_of_scope           6      out_of_scope [thanks]
sign_in                4      sign_in_ask (an order question, not verified)
mixed                  6      greeting policy order_status|return #n thanks
====================  ======  =====================================================
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from bench.data.agent.messages import CLOSINGS, ITEM_WORDS, OPENINGS, TEMPLATES
from bench.data.agent.orders import GenOrder, Mirror

CHANNELS = ("webchat", "email", "whatsapp", "sms")
CHANNEL_WEIGHTS = (55, 15, 15, 15)
SCRIPT_WEIGHTS = (
    ("question", 18),
    ("policy", 12),
    ("status", 12),
    ("change", 8),
    ("cancel", 7),
    ("return", 10),
    ("refund", 6),
    ("return_which", 6),
    ("cancel_which", 5),
    ("out_of_scope", 6),
    ("sign_in", 4),
    ("mixed", 6),
)
_ORDER_STATES = {
    "status": ("open", "partial", "transit", "delivered", "delivered_old", "fresh", "returned"),
    "change": ("fresh", "fresh", "open", "open", "partial", "transit"),
    "cancel": ("fresh", "open", "open", "partial", "transit"),
    "return": ("delivered", "delivered", "delivered", "delivered_old", "transit", "returned"),
    "refund": ("returned", "returned", "cancelled"),
}
_VERIFIED = {"status", "change", "cancel", "return", "refund", "return_which", "cancel_which"}


@dataclass(frozen=True)
class Turn:
    kind: str
    text: str


@dataclass(frozen=True)
class Script:
    """One conversation: ``customer`` is the mirror's customer index (None: anonymous);
    ``verify`` is "given" (storefront identity), "phone" (the SMS/WhatsApp number) or ""."""

    name: str
    channel: str
    language: str
    customer: int | None
    verify: str
    contact: str
    turns: tuple[Turn, ...]


def scripts_build(
    *, mirror: Mirror, questions: Sequence[tuple[str, str]], turns: int, seed: int
) -> list[Script]:
    """Conversations until they hold ``turns`` turns (the last one cut to fit).
    ``questions``: (text, language) knowledge-base questions."""
    rng = random.Random(f"{seed}/agent-scripts")
    builder = _Builder(rng=rng, mirror=mirror, questions=questions)
    names, weights = zip(*SCRIPT_WEIGHTS, strict=True)
    scripts: list[Script] = []
    total = 0
    while total < turns:
        script = builder.script(rng.choices(names, weights)[0])
        if script is None:
            continue
        if total + len(script.turns) > turns:
            script = Script(**{**script.__dict__, "turns": script.turns[: turns - total]})
        scripts.append(script)
        total += len(script.turns)
    return scripts


class _Builder:
    def __init__(
        self, *, rng: random.Random, mirror: Mirror, questions: Sequence[tuple[str, str]]
    ) -> None:
        self.rng = rng
        self.mirror = mirror
        self.questions = {
            lang: [q for q, language in questions if language == lang] for lang in ("en", "nl")
        }
        self.multi = {kind: mirror.of_kind(kind) for kind in ("multi_return", "multi_open")}
        self.stranger = 0

    def text(self, kind: str, language: str, *, order: GenOrder | None = None) -> str:
        rng = self.rng
        template = rng.choice(TEMPLATES[kind][language])
        item = ""
        if order is not None and "{item}" in template:
            words = ITEM_WORDS.get(rng.choice(order.lines).product.title, ("item", "artikel"))
            item = words[0 if language == "en" else 1]
        text = template.format(n=order.number if order else "", item=item)
        if kind in ("continuation", "greeting", "thanks"):
            return text
        return self.vary(text, language)

    def question(self, language: str) -> str:
        return self.vary(self.rng.choice(self.questions[language]), language)

    def vary(self, text: str, language: str) -> str:
        """The text as typed: lower case or not, question mark or not, an opening and a
        closing that leave the intent alone (``messages.OPENINGS``/``CLOSINGS``)."""
        rng = self.rng
        if rng.random() < 0.3:
            text = text.lower()
        if rng.random() < 0.3:
            text = text.rstrip("?")
        return f"{rng.choice(OPENINGS[language])}{text}{rng.choice(CLOSINGS[language])}"

    def script(self, name: str) -> Script | None:
        rng = self.rng
        language = rng.choice(("en", "nl"))
        channel = rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
        order: GenOrder | None = None
        customer: int | None = None
        if name in ("return_which", "cancel_which"):
            pool = self.multi["multi_return" if name == "return_which" else "multi_open"]
            customer = rng.choice(pool).index
        elif name in _ORDER_STATES or name == "mixed":
            states = _ORDER_STATES.get(name, _ORDER_STATES["return"])
            candidates = self.mirror.by_state.get(rng.choice(states), [])
            if not candidates:
                return None
            order = rng.choice(candidates)
            customer = order.customer
        turns = self._turns(name, language, order, customer)
        verified = name in _VERIFIED or name == "mixed"
        return self._conversation(name, channel, language, customer if verified else None, turns)

    def _turns(
        self, name: str, language: str, order: GenOrder | None, customer: int | None
    ) -> list[Turn]:
        rng, t = self.rng, self.text
        maybe = rng.random() < 0.5
        if name == "question":
            turns = [Turn("greeting", t("greeting", language))] if maybe else []
            turns.append(Turn("kb_question", self.question(language)))
            if rng.random() < 0.4:
                turns.append(Turn("kb_question", self.question(language)))
            return turns + ([Turn("thanks", t("thanks", language))] if rng.random() < 0.5 else [])
        if name in ("policy", "out_of_scope"):
            turns = [Turn(name, t(name, language))]
            return turns + ([Turn("thanks", t("thanks", language))] if maybe else [])
        if name == "sign_in":
            order = rng.choice(self.mirror.orders)
            return [
                Turn(
                    "sign_in_ask", t(rng.choice(("order_status", "return")), language, order=order)
                )
            ]
        if name in ("return_which", "cancel_which"):
            assert customer is not None
            mine = self.mirror.by_customer[customer]
            which = Turn("which_order", t(name, language))
            answer = t("continuation", language, order=rng.choice(mine))
            return [which, Turn("continuation", answer)]
        assert order is not None
        kind = {
            "status": "order_status",
            "change": "order_change",
            "cancel": "order_cancel",
            "return": "return",
            "refund": "refund_status",
        }.get(name)
        if kind is not None:
            turns = [Turn(kind, t(kind, language, order=order))]
            return turns + ([Turn("thanks", t("thanks", language))] if maybe else [])
        ask = rng.choice(("order_status", "return"))
        return [
            Turn("greeting", t("greeting", language)),
            Turn("policy", t("policy", language)),
            Turn(ask, t(ask, language, order=order)),
            Turn("thanks", t("thanks", language)),
        ]

    def _conversation(
        self, name: str, channel: str, language: str, customer: int | None, turns: list[Turn]
    ) -> Script:
        phone = channel in ("sms", "whatsapp")
        if customer is not None:
            c = self.mirror.customers[customer]
            contact = c.phone if phone else c.email
            verify = "phone" if phone else "given"
        else:
            self.stranger += 1
            contact = f"+3169{self.stranger:07d}" if phone else ""
            if channel == "email":
                contact = f"shopper{self.stranger}@example.invalid"
            verify = ""
        return Script(
            name=name,
            channel=channel,
            language=language,
            customer=customer,
            verify=verify,
            contact=contact,
            turns=tuple(turns),
        )
