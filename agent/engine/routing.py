"""Where a message goes: pure decisions over what was understood and what the conversation
remembers (no database, no clock).

Order of precedence:

1. an empty message is asked again;
2. "talk to a human" wins at any point (when the classifier is sure), except over a typed
   sign-in code or "send a new code";
3. a pick among the quick replies the agent offered (by its words, "2" or "the second one"):
   the engine's clarifying options route to their intent, a skill's options are read as if the
   shopper had typed the option's payload;
4. during sign-in: a code, an email address, "new code", "another address", "no" (stop),
   else a topic change (not small talk) leaves the sign-in and anything else asks again;
5. the active skill continues when the message answers what it asked ("ja" to a yes/no,
   "#1002" to an order number, "the second one" to a choice), when it is about the same skill,
   or when an unsure message still carries what the skill works with (an order number, an
   item, a size); a longer message the classifier is sure is about something else is a topic
   change;
6. otherwise the classified skill; an unsure classification gets a clarifying question, an
   order number on its own the question what to do with that order, and "unknown" the
   not-understood answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from agent.engine.state import DialogueState, Option
from agent.engine.wording import OTHER_EMAIL_WORDS, RESEND_WORDS
from agent.nlu import Entities, Understanding
from agent.nlu.text import fold

RouteKind = Literal[
    "empty",
    "handoff",
    "pick",
    "substitute",
    "code",
    "email",
    "resend",
    "sign_in_cancel",
    "sign_in_reask",
    "sign_in_other_email",
    "continue",
    "skill",
    "clarify",
    "order_only",
    "other_order",
    "not_understood",
]

HUMAN_INTENT = "human"
UNKNOWN_SKILL = "unknown"
SMALLTALK_SKILL = "smalltalk"
# A message the classifier is sure about but that is this short is read as an answer to what
# the agent asked rather than as a new topic ("ja graag", "#1002", "de tweede").
TOPIC_CHANGE_MIN_WORDS = 4

_DIGITS = re.compile(r"\d")
_LETTERS = re.compile(r"[^\W\d_]")
ORDER_SKILLS = frozenset({"order_edit", "returns", "order_status"})
_CODE_LIKE = re.compile(r"[\d\s\-._]{4,15}")
_NOT_WORD = re.compile(r"[^\w@]+")


@dataclass(frozen=True)
class Route:
    kind: RouteKind
    skill: str = ""
    intent: str = ""
    #: Why, for the trace: "human", "answer", "same_skill", "entities", "classified",
    #: "low_confidence", "clarify_pick", "option", ...
    reason: str = ""
    value: str = ""
    option: Option | None = None


def route_decide(understanding: Understanding, state: DialogueState) -> Route:
    u = understanding
    if u.empty:
        return Route("empty", reason="empty")
    sure = not u.needs_clarification
    if state.sign_in is not None and state.sign_in.step == "code":
        # A typed code or "send a new code" is never a request for a person.
        if u.entities.verification_code or code_typed(u.text):
            return Route("code", reason="code", value=u.entities.verification_code or u.text)
        if resend_asked(u.text):
            return Route("resend", reason="resend")
    if u.intent == HUMAN_INTENT and sure:
        return Route("handoff", skill="handoff", intent=HUMAN_INTENT, reason="human")
    option = option_picked(u, state.options)
    if option is not None:
        if option.intent:
            if option.intent == HUMAN_INTENT:
                return Route("handoff", skill="handoff", intent=HUMAN_INTENT, reason="clarify_pick")
            return Route("pick", intent=option.intent, reason="clarify_pick", option=option)
        if _norm(u.text) != _norm(option.payload):
            return Route("substitute", reason="option", option=option)
    if state.sign_in is not None:
        found = _sign_in_route(u, state)
        if found is not None:
            return found
    if state.skill:
        found = _continuation(u, state, option_picked=option is not None)
        if found is not None:
            return found
    elif _other_order(u, state):
        return Route("other_order", skill=state.last_skill or "", reason="other_order")
    return _fresh(u)


def option_picked(understanding: Understanding, options: tuple[Option, ...]) -> Option | None:
    """The offered option the message picks: its label or payload typed (any case, any
    punctuation), or its position ("2", "the second one", "de laatste")."""
    if not options:
        return None
    typed = _norm(understanding.text)
    for option in options:
        if typed and typed in (_norm(option.label), _norm(option.payload)):
            return option
    choice = understanding.entities.choice
    if choice is None:
        return None
    # Only a short message is a pick: "de tweede graag", not a sentence that says "second".
    if len(understanding.text.split()) > TOPIC_CHANGE_MIN_WORDS:
        return None
    if choice.kind == "position" and choice.position and 1 <= choice.position <= len(options):
        return options[choice.position - 1]
    if choice.kind == "last":
        return options[-1]
    return None


def code_typed(text: str) -> bool:
    """The message is (an attempt at) a one-time code: digits, perhaps grouped."""
    stripped = text.strip()
    return bool(_CODE_LIKE.fullmatch(stripped)) and sum(c.isdigit() for c in stripped) >= 4


def resend_asked(text: str) -> bool:
    folded = _norm(text)
    return any(words in folded for words in RESEND_WORDS)


def other_email_asked(text: str) -> bool:
    folded = _norm(text)
    return any(words in folded for words in OTHER_EMAIL_WORDS)


def _sign_in_route(u: Understanding, state: DialogueState) -> Route | None:
    sign_in = state.sign_in
    assert sign_in is not None
    entities = u.entities
    if sign_in.step == "code" and other_email_asked(u.text) and not entities.emails:
        return Route("sign_in_other_email", reason="other_email")
    if entities.emails:
        return Route("email", reason="email", value=entities.emails[0])
    if entities.answer == "no":
        return Route("sign_in_cancel", reason="declined")
    if sign_in.step == "email" and "@" in u.text and len(u.text.split()) <= 2:
        return Route("email", reason="email", value=u.text.strip())
    pending_skill = state.pending.skill if state.pending else ""
    if (
        not u.needs_clarification
        and u.skill not in (UNKNOWN_SKILL, SMALLTALK_SKILL, pending_skill)
        and entities.answer is None
    ):
        return None  # a new topic: the sign-in is dropped
    return Route("sign_in_reask", reason="sign_in_reask")


def _continuation(u: Understanding, state: DialogueState, *, option_picked: bool) -> Route | None:
    entities = u.entities
    skill = state.skill or ""
    sure = not u.needs_clarification
    answered = _answers(entities, state.expecting) or option_picked
    if answered and not _topic_change(u, skill):
        return Route("continue", skill=skill, intent=u.intent, reason="answer")
    if sure and u.skill == skill:
        return Route("continue", skill=skill, intent=u.intent, reason="same_skill")
    if (not sure or u.skill == UNKNOWN_SKILL) and _carries_slots(entities):
        return Route("continue", skill=skill, intent=u.intent, reason="entities")
    return None


def _answers(entities: Entities, expecting: str | None) -> bool:
    if expecting == "yes_no":
        return entities.answer is not None
    if expecting == "order_number":
        return bool(entities.order_numbers)
    if expecting == "choice":
        return bool(entities.choice or entities.items or entities.order_numbers or entities.answer)
    return False


def _topic_change(u: Understanding, skill: str) -> bool:
    return (
        not u.needs_clarification
        and u.skill not in (skill, UNKNOWN_SKILL)
        and len(u.text.split()) >= TOPIC_CHANGE_MIN_WORDS
    )


def _carries_slots(entities: Entities) -> bool:
    return bool(
        entities.order_numbers
        or entities.items
        or entities.sizes
        or entities.colours
        or entities.quantities
        or entities.choice
        or entities.answer
    )


def _other_order(u: Understanding, state: DialogueState) -> bool:
    """ "nee, de andere" right after an order skill showed an order: another of their orders."""
    choice = u.entities.choice
    return (
        state.last_skill in ORDER_SKILLS
        and state.order is not None
        and choice is not None
        and choice.kind == "other"
        and (u.needs_clarification or u.skill in (UNKNOWN_SKILL, SMALLTALK_SKILL))
    )


def _fresh(u: Understanding) -> Route:
    if u.entities.order_numbers and u.skill == UNKNOWN_SKILL:
        return Route("order_only", reason="order_number_only")
    if _DIGITS.search(u.text) and not _LETTERS.search(u.text):
        # "2" with nothing offered: digits say nothing about what the shopper wants (the
        # classifier's guess for a bare number is noise).
        if u.entities.order_numbers:
            return Route("order_only", reason="order_number_only")
        return Route("not_understood", reason="number_only")
    if u.needs_clarification:
        return Route("clarify", reason="low_confidence")
    if u.skill == UNKNOWN_SKILL:
        return Route("not_understood", reason="unknown")
    if u.skill == "handoff":
        return Route("handoff", skill="handoff", intent=u.intent, reason="human")
    return Route("skill", skill=u.skill, intent=u.intent, reason="classified")


def _norm(text: str) -> str:
    return " ".join(fold(w) for w in _NOT_WORD.sub(" ", text).split())
