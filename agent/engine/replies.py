"""Putting a turn's replies together: the blocks of each message, the trace parts gathered from
the skills, and what the engine reads back from a skill's reply (the options it offered, what
it asked for, the order it showed, the links it presented)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agent.engine.state import DialogueState, Option
from agent.nlu import Understanding, entities_extract
from skills.replies import (
    Block,
    EligibilityDecision,
    HandoffNotice,
    LinkBlock,
    OrderCard,
    OrderFact,
    PassageUsed,
    PrerequisiteCheck,
    QuickReplies,
    Reply,
    TextBlock,
    Trace,
)


@dataclass
class Collected:
    """The messages of one turn (each a list of blocks) and the trace parts so far."""

    messages: list[list[Block]] = field(default_factory=lambda: [[]])
    passages: list[PassageUsed] = field(default_factory=list)
    order_facts: list[OrderFact] = field(default_factory=list)
    eligibility: list[EligibilityDecision] = field(default_factory=list)
    prerequisites: list[PrerequisiteCheck] = field(default_factory=list)
    resolved: bool = False

    def add(self, block: Block) -> None:
        self.messages[-1].append(block)

    def text(self, text: str) -> None:
        self.add(TextBlock(text=text))

    def new_message(self) -> None:
        """What follows goes into a message of its own."""
        if self.messages[-1]:
            self.messages.append([])

    def empty(self) -> bool:
        return not any(self.messages)

    def reply(self, reply: Reply, *, skill_id: str) -> list[tuple[str, dict[str, Any]]]:
        """Take a skill's reply in: its blocks and trace. Returns the events it implies when the
        skill did not record them itself (links presented, content answers)."""
        self.messages[-1].extend(reply.blocks)
        trace = reply.trace
        self.passages.extend(trace.passages)
        self.order_facts.extend(trace.order_facts)
        self.eligibility.extend(trace.eligibility)
        known = {p.name for p in self.prerequisites}
        self.prerequisites.extend(p for p in trace.prerequisites if p.name not in known)
        implied: list[tuple[str, dict[str, Any]]] = []
        links = links_presented(reply)
        if links:
            implied.append(("link_presented", {"links": links}))
        if trace.passages:
            implied.append(
                (
                    "knowledge_answer",
                    {
                        "passages": [
                            {"article_id": p.article_id, "article_version": p.article_version}
                            for p in trace.passages
                        ]
                    },
                )
            )
        return implied

    def handoff_notice(self, notice: HandoffNotice) -> None:
        """The store's notice: fills a notice a skill left without a message, else is added."""
        for message in self.messages:
            for i, block in enumerate(message):
                if isinstance(block, HandoffNotice):
                    if not block.message:
                        message[i] = notice
                    return
        self.add(notice)

    def replies(self, *, trace: Trace, handoff: bool) -> tuple[Reply, ...]:
        messages = [m for m in self.messages if m]
        return tuple(
            Reply(
                blocks=tuple(blocks),
                trace=trace,
                handoff=handoff and any(isinstance(b, HandoffNotice) for b in blocks),
                resolved=self.resolved and n == len(messages) - 1,
            )
            for n, blocks in enumerate(messages)
        )


def links_presented(reply: Reply) -> list[dict[str, str]]:
    """Every hub link in a reply: stand-alone links and order card (and line) buttons."""
    links: list[dict[str, str]] = []
    for block in reply.blocks:
        if isinstance(block, LinkBlock):
            links.append({"kind": block.kind.value, "order": ""})
        elif isinstance(block, OrderCard):
            actions = list(block.actions) + [a for line in block.lines for a in line.actions]
            links.extend({"kind": a.kind.value, "order": block.order_name} for a in actions)
    return links


def options_offered(reply: Reply) -> tuple[Option, ...]:
    """The quick replies of the reply's last QuickReplies block."""
    offered = [b for b in reply.blocks if isinstance(b, QuickReplies)]
    if not offered:
        return ()
    return tuple(Option(label=o.label, payload=o.payload) for o in offered[-1].options)


def expecting_inferred(reply: Reply) -> Any:
    """ "yes_no" when the reply offers exactly a yes and a no, "choice" for other quick
    replies, else None."""
    options = options_offered(reply)
    if not options:
        return None
    answers = {entities_extract(o.payload).answer for o in options}
    return "yes_no" if answers == {"yes", "no"} else "choice"


def order_in_focus(reply: Reply, named: tuple[str, ...]) -> int | None:
    """The order the conversation is about now: the one order card shown, else the first
    order number the shopper named."""
    cards = [b for b in reply.blocks if isinstance(b, OrderCard)]
    if len(cards) == 1:
        digits = cards[0].order_name.lstrip("#").strip()
        if digits.isdigit():
            return int(digits)
    for number in named:
        if number.isdigit():
            return int(number)
    return None


def order_handed_over(result_state: Any, reply: Reply) -> int | None:
    """The order a skill was working on when it passed the request on (``next_skill``): its
    state's ``"order_number"``, else the one order card it showed, else the one order whose
    facts it read (``order_find`` records them for the order it picked)."""
    number = result_state.get("order_number") if isinstance(result_state, dict) else None
    if isinstance(number, int) and not isinstance(number, bool):
        return number
    shown = order_in_focus(reply, ())
    if shown is not None:
        return shown
    names = {f.order_name for f in reply.trace.order_facts if f.name != "on_account"}
    if len(names) == 1:
        digits = names.pop().lstrip("#").strip()
        if digits.isdigit():
            return int(digits)
    return None


def turn_trace(
    trace: Trace,
    *,
    understanding: Understanding | None,
    route: str,
    skills: list[str],
    state: DialogueState,
    verified: bool,
) -> dict[str, Any]:
    """The trace shown in Agent Preview and stored with the turn: the ``Trace`` fields plus
    how the engine got there (route, skills in order, entities, what it now expects)."""
    data = trace.to_dict()
    data.update(
        {
            "route": route,
            "skills": list(skills),
            "verified": verified,
            "expecting": state.expecting or (state.sign_in.step if state.sign_in else None),
            "order_in_focus": state.order,
        }
    )
    if understanding is not None:
        data["language_confidence"] = round(understanding.language_confidence, 4)
        data["alternatives"] = [
            {"intent": a.intent, "score": a.score} for a in understanding.alternatives
        ]
        data["entities"] = _entities(understanding)
        data["truncated"] = understanding.truncated
    return data


def _entities(u: Understanding) -> dict[str, Any]:
    e = u.entities
    found: dict[str, Any] = {
        "order_numbers": list(e.order_numbers),
        "emails": ["•••" for _ in e.emails],  # the trace never repeats an address
        "sizes": [s.value for s in e.sizes],
        "colours": [c.value for c in e.colours],
        "quantities": [q.value for q in e.quantities],
        "answer": e.answer,
        "choice": ({"kind": e.choice.kind, "position": e.choice.position} if e.choice else None),
        "items": [{"id": i.id, "title": i.title, "score": i.score} for i in e.items],
        "code": "••••••" if e.verification_code else None,
    }
    return {k: v for k, v in found.items() if v not in (None, [], ())}
