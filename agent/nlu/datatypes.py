"""What understanding a message produces: frozen dataclasses, no behaviour beyond properties."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from agent.nlu.intents import Language

Expecting = Literal["order_number", "email", "verification_code", "choice", "yes_no"]
SizeSystem = Literal["letter", "eu", "one_size"]
ChoiceKind = Literal["position", "last", "other"]
Answer = Literal["yes", "no"]


@dataclass(frozen=True)
class ItemCandidate:
    """A line item the shopper might mean: our id for it, its title and its variant options
    (e.g. ``("Blue", "42")``), as the engine read them from the shopper's orders."""

    id: str
    title: str
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    """What the engine knows before this message.

    ``language``: the conversation's language so far (a prior for short messages);
    ``item_candidates``: the line items of the shopper's orders in focus;
    ``expecting``: what the agent just asked for, so a bare "1043" or "2" can be read as an
    order number or a choice; ``phone_region``: the country for national phone numbers."""

    language: Language | None = None
    item_candidates: tuple[ItemCandidate, ...] = ()
    expecting: Expecting | None = None
    phone_region: str = "NL"


@dataclass(frozen=True)
class IntentScore:
    intent: str
    skill: str
    score: float


@dataclass(frozen=True)
class Size:
    """``value``: "M", "XL", "42", "42.5" or "ONE SIZE"; ``text``: as written."""

    value: str
    system: SizeSystem
    text: str


@dataclass(frozen=True)
class Colour:
    """``value``: the canonical English colour ("blue"); ``text``: as written ("blauwe")."""

    value: str
    text: str


@dataclass(frozen=True)
class Quantity:
    value: int
    text: str


@dataclass(frozen=True)
class Choice:
    """A pick among options the agent offered: ``position`` (1-based) for "the second one" /
    "de tweede" / "option 2"; ``kind="last"`` for "the last one"; ``kind="other"`` for
    "the other one" / "nee, de andere"."""

    kind: ChoiceKind
    position: int | None
    text: str


@dataclass(frozen=True)
class ItemMatch:
    """A candidate line item the message names, with ``score`` in (0, 1] (1: everything the
    message says about an item fits this one) and the message words that matched it."""

    id: str
    title: str
    score: float
    matched: tuple[str, ...]


@dataclass(frozen=True)
class Entities:
    order_numbers: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    sizes: tuple[Size, ...] = ()
    colours: tuple[Colour, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    answer: Answer | None = None
    choice: Choice | None = None
    verification_code: str | None = None
    items: tuple[ItemMatch, ...] = field(default=())


@dataclass(frozen=True)
class Understanding:
    """One message understood.

    ``intent``/``skill``/``confidence``: the classifier's best guess; ``alternatives``: the top
    intents, best first (the first is the chosen one); ``needs_clarification``: the confidence
    is below the threshold the engine was given, so it should ask, offering ``clarify_options``.
    ``text`` is the message as received (never executed or rendered by this package);
    ``truncated``: only the first ``MAX_ANALYSED_CHARS`` characters were analysed."""

    text: str
    language: Language
    language_confidence: float
    intent: str
    skill: str
    confidence: float
    alternatives: tuple[IntentScore, ...]
    entities: Entities
    threshold: float
    empty: bool = False
    truncated: bool = False

    @property
    def needs_clarification(self) -> bool:
        return not self.empty and self.confidence < self.threshold

    @property
    def clarify_options(self) -> tuple[IntentScore, ...]:
        """Two or three intents worth offering as quick replies: the best alternatives other
        than ``unknown`` (or the top two when fewer than two are left)."""
        options = [a for a in self.alternatives if a.intent != "unknown"][:3]
        return tuple(options[:3]) if len(options) >= 2 else tuple(self.alternatives[:2])
