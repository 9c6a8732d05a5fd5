"""The contract between the agent engine (``agent/engine``) and the skills.

Dependency direction is ``agent -> skills``: skills never import the engine, the NLU or the
agent's models. The engine turns what it understood into a plain ``SkillRequest``, tells the
skill who the shopper is (``Shopper``), hands it its collaborators (``SkillTools``: knowledge,
order facts, hub links, the clock) and the skill's own saved step state, and gets back a
``SkillResult``: the ``Reply`` (``skills.replies``) plus what the engine must do next — remember
a new step state, verify the shopper first, create a handoff, or pass the request to another
skill. The engine owns the conversation (messages, events, verification, handoffs, channels);
a skill owns one kind of request and its decisions.

A skill never changes an order, never invents policy text (it quotes ``knowledge_answer``
passages) and only reads order data when ``shopper.verified`` — an order number that is not
on the verified shopper's profile is answered exactly like one that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from core.models import Store
from skills.replies import Reply

Need = Literal["sign_in"]
#: What a reply asked the shopper for, so the engine reads the next message as its answer
#: ("ja" -> yes, "#1002" -> an order number, "the second one" -> option 2).
Expecting = Literal["order_number", "choice", "yes_no"]


@dataclass(frozen=True)
class SkillRequest:
    """One shopper message as the engine understood it (plain values only).

    ``intent`` is one of the NLU's intent ids (``agent.nlu.INTENTS``: order_change,
    order_cancel, order_add_items, order_change_policy, return_start, exchange, return_policy,
    refund_status, human, order_status, general_question, greeting, thanks_goodbye, unknown).
    ``item_ids`` are the line items of the shopper's orders the message names, best first
    (ids as the engine offered them: ``str(LineItemFacts.id)``).
    """

    text: str
    language: str
    intent: str
    confidence: float
    order_numbers: tuple[int, ...] = ()
    emails: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    colours: tuple[str, ...] = ()
    quantities: tuple[int, ...] = ()
    #: "yes" / "no" when the message is an answer to a yes/no question.
    answer: str | None = None
    #: 1-based position for "the second one" / "de tweede"; with ``choice_kind``
    #: "position" | "last" | "other".
    choice_position: int | None = None
    choice_kind: str | None = None
    item_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Shopper:
    """Who is writing. ``customer_id`` is the Shopify mirror ``Customer`` primary key, set only
    once the shopper is verified (one-time code, signed storefront identity, or a phone number
    that matches exactly one profile)."""

    verified: bool = False
    customer_id: int | None = None
    shopify_customer_id: int | None = None
    email: str = ""
    phone: str = ""
    name: str = ""


@dataclass(frozen=True)
class SkillTools:
    """The collaborators a skill may use; production wires the real selectors/services,
    tests may pass others with the same signatures.

    - ``knowledge_answer(store=, question=, language=)`` -> ``knowledge.answers.Answer``
    - ``knowledge_search(store=, query=, language=, limit=)`` -> list of ``SearchHit``
    - ``orders_list(store=, customer_id=, limit=)`` -> list of ``OrderFacts``
    - ``order_get(store=, customer_id=, number=)`` -> ``OrderFacts | None``
    - ``hub_link(store=, customer_id=, order_number=, action=, now=)`` -> ``HubLink``
      (``integrations.customer_hub.links.hub_link_build``; ``customer_id`` there is the
      Shopify customer id)
    - ``now()`` -> aware ``datetime``
    """

    knowledge_answer: Callable[..., Any]
    knowledge_search: Callable[..., Any]
    orders_list: Callable[..., Any]
    order_get: Callable[..., Any]
    hub_link: Callable[..., Any]
    now: Callable[[], datetime]


@dataclass(frozen=True)
class SkillContext:
    """Everything a skill sees for one turn."""

    store: Store
    channel: str
    request: SkillRequest
    shopper: Shopper
    tools: SkillTools
    #: The skill's own step state saved by its previous turn (empty when it starts fresh).
    state: Mapping[str, Any] = field(default_factory=dict)
    #: True in Agent Preview (the skill behaves the same; only analytics differ).
    is_preview: bool = False
    #: The prerequisite codes not met (``skills.status``) when the skill is Unavailable and the
    #: engine calls it only for what it can still say from the store's content (a skill that
    #: declares ``answers_when_unavailable``): a policy question answered (``resolved``), else
    #: the policy quoted and a ``handoff``. Never sign-in, order data, links or ``next_skill``.
    #: Empty: the skill is usable (Live or in limited mode).
    unavailable: tuple[str, ...] = ()


@dataclass(frozen=True)
class HandoffRequest:
    """Ask the engine for a soft handoff: it creates the ``Handoff`` (transcript, shopper
    details) and adds the store's handoff message in the shopper's language."""

    reason: str


@dataclass(frozen=True)
class SkillResult:
    """A skill's answer to one turn.

    - ``reply``: what to say (blocks + trace). May be empty when ``next_skill`` is set.
    - ``state``: the skill's step state to remember for the next message (JSON-serialisable);
      None ends the skill's flow (the next message is routed afresh).
    - ``needs="sign_in"``: the shopper must be verified first; the engine runs its sign-in flow
      and then calls the skill again with the same request. ``reply`` may carry what the skill
      could already say (e.g. the policy) before the sign-in request.
    - ``handoff``: create a soft handoff after this reply.
    - ``next_skill``: pass the same request on to that skill (e.g. order_edit -> returns for a
      shipped order); its reply is appended after this one's blocks.
    - ``events``: (kind, data) pairs for ``ConversationEvent`` (kinds: "knowledge_answer",
      "link_presented", "resolved", ...), data JSON-serialisable.
    - ``resolved``: the request was handled in self-service (counts for resolution/deflection).
    - ``expecting``: what the reply asked for ("order_number", "choice", "yes_no"); the engine
      then continues this skill (with ``state``) when the next message answers it, and routes
      afresh on a topic change. When None the engine infers "choice" from a ``QuickReplies``
      block (or "yes_no" when its options are a yes and a no).
    """

    reply: Reply
    state: dict[str, Any] | None = None
    needs: Need | None = None
    handoff: HandoffRequest | None = None
    next_skill: str | None = None
    events: tuple[tuple[str, dict[str, Any]], ...] = ()
    resolved: bool = False
    expecting: Expecting | None = None


class Skill(Protocol):
    """A registered skill's behaviour (``skills.handlers.SKILL_HANDLERS``).

    A skill may also set ``answers_when_unavailable = True``: while it is Unavailable for a
    missing prerequisite (other than the agent switch) the engine still calls it, with
    ``SkillContext.unavailable`` set, so a policy question the content answers is answered
    and a request gets the policy before the soft handoff (``answers_when_unavailable``)."""

    id: str

    def handle(self, context: SkillContext) -> SkillResult: ...


def answers_when_unavailable(skill: object) -> bool:
    """Whether ``skill`` can answer from content while Unavailable (see ``Skill``)."""
    return getattr(skill, "answers_when_unavailable", False) is True


def unavailable_handoff_reason(context: SkillContext) -> str:
    """The soft handoff's reason while the skill is Unavailable: its first missing
    prerequisite, as the engine names it (``prerequisite_missing:<code>``)."""
    missing = context.unavailable
    return f"prerequisite_missing:{missing[0]}" if missing else "prerequisite_missing"
