"""A Reply as plain text for the text channels (SMS, WhatsApp, email's text part, the web
chat's fallback): segments with priorities, and fitting them into a length limit."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from agent.channels_out import wording
from agent.channels_out.text import neutralise, one_line, safe_url, truncate_words
from skills.replies import (
    Action,
    Block,
    HandoffNotice,
    LinkBlock,
    OrderCard,
    QuickReplies,
    SignInRequest,
    TextBlock,
)

# Lower is kept first. Segments up to P_MAIN are required: cut to fit rather than dropped.
P_LINK = 0
P_ESSENTIAL = 1  # sign-in request, handoff notice
P_MAIN = 2  # the first text, an order card's summary line
P_TEXT = 3
P_LINE = 4  # the item lines of a card with several items
P_QUICK = 5
P_SOURCE = 6
# A required text cut shorter than this says nothing; it is left out instead.
MIN_CUT = 16


@dataclass(frozen=True)
class TextStyle:
    links: Literal["primary", "all"]
    quick_replies: Literal["inline", "numbered", "list"]
    typed_here: bool = False  # the sign-in code is typed into a field (web chat)
    bold: bool = False  # WhatsApp's *bold* for order names
    citations: bool = True
    compact: bool = False  # one newline between blocks instead of a blank line (SMS)


@dataclass(frozen=True)
class Segment:
    """One piece of text: ``options`` from preferred to shortest acceptable."""

    options: tuple[str, ...]
    priority: int
    block: int
    link: bool = False
    heading: bool = False  # ends with ":" before the lines that follow it


def primary_action(blocks: Sequence[Block]) -> Action | None:
    """The first link block with a safe URL, else the first order card's first action (card
    actions before item actions)."""
    for block in blocks:
        if isinstance(block, LinkBlock) and safe_url(block.url):
            return block.action
    for block in blocks:
        if isinstance(block, OrderCard):
            actions = [*block.actions, *(a for line in block.lines for a in line.actions)]
            for action in actions:
                if safe_url(action.url):
                    return action
    return None


def segments(blocks: Sequence[Block], *, style: TextStyle) -> list[Segment]:
    primary = primary_action(blocks) if style.links == "primary" else None
    allowed = safe_url(primary.url) if primary else ""
    seen: set[str] = set()
    out: list[Segment] = []
    first_text = True
    for index, block in enumerate(blocks):
        for segment in _block_segments(block, index, style, first_text=first_text):
            if segment.link:
                url = segment.options[-1]
                if url in seen or (style.links == "primary" and url != allowed):
                    continue
                seen.add(url)
            out.append(segment)
        first_text = first_text and not (isinstance(block, TextBlock) and neutralise(block.text))
    return out


def _block_segments(
    block: Block, index: int, style: TextStyle, *, first_text: bool
) -> Iterator[Segment]:
    if isinstance(block, TextBlock):
        if text := neutralise(block.text):
            yield Segment((text,), P_MAIN if first_text else P_TEXT, index)
        if block.citation and style.citations:
            yield Segment((wording.citation_text(block.citation),), P_SOURCE, index)
    elif isinstance(block, SignInRequest):
        prompt = wording.sign_in_prompt(block, typed_here=style.typed_here)
        yield Segment((prompt,), P_ESSENTIAL, index)
    elif isinstance(block, HandoffNotice):
        yield Segment((wording.handoff_text(block),), P_ESSENTIAL, index)
    elif isinstance(block, OrderCard):
        head, *lines = wording.card_summary(block, bold=style.bold)
        yield Segment((head,), P_MAIN, index, heading=bool(lines))
        yield from (Segment((line,), P_LINE, index) for line in lines)
        # The card's own links; without any, its items' links.
        card_links = [link for a in block.actions if (link := _link(a, index))]
        item_actions = [a for line in block.lines for a in line.actions]
        yield from card_links or [link for a in item_actions if (link := _link(a, index))]
    elif isinstance(block, LinkBlock):
        if link := _link(block.action, index):
            yield link
    elif isinstance(block, QuickReplies) and (quick := _quick_replies(block, index, style)):
        yield quick


def _link(action: Action, index: int) -> Segment | None:
    url = safe_url(action.url)
    if not url:
        return None
    return Segment((f"{wording.action_label(action)}: {url}", url), P_LINK, index, link=True)


def _quick_replies(block: QuickReplies, index: int, style: TextStyle) -> Segment | None:
    labels = [label for label in (one_line(o.label) for o in block.options) if label]
    if not labels:
        return None
    if style.quick_replies == "inline":
        # As many options as there is room for, the first ones first.
        options = tuple(wording.quick_replies_inline(labels[:n]) for n in range(len(labels), 0, -1))
        return Segment(options, P_QUICK, index)
    if style.quick_replies == "numbered":
        lines = [f"{n}. {label}" for n, label in enumerate(labels, start=1)]
        intro = wording.quick_replies_numbered_intro()
    else:
        lines = [f"- {label}" for label in labels]
        intro = wording.quick_replies_list_intro()
    return Segment(("\n".join([intro, *lines]),), P_QUICK, index)


def join(parts: Sequence[Segment], chosen: dict[int, str], *, compact: bool) -> str:
    """The chosen texts (by segment index) in reply order: a newline inside a block, a blank
    line between blocks (a newline only when ``compact``)."""
    pieces: list[str] = []
    indexes = sorted(chosen)
    for n, i in enumerate(indexes):
        if n:
            same = compact or parts[i].block == parts[indexes[n - 1]].block
            pieces.append("\n" if same else "\n\n")
        piece = chosen[i]
        # A card heading ("Order #1043 (12 May):") whose item lines were all left out.
        if parts[i].heading and not _line_follows(parts, indexes[n + 1 : n + 2], i):
            piece = piece.removesuffix(":")
        pieces.append(piece)
    return "".join(pieces)


def _line_follows(parts: Sequence[Segment], following: list[int], i: int) -> bool:
    return any(parts[j].priority == P_LINE and parts[j].block == parts[i].block for j in following)


def join_all(parts: Sequence[Segment], *, compact: bool = False) -> str:
    return join(parts, {i: s.options[0] for i, s in enumerate(parts)}, compact=compact)


def fit(parts: Sequence[Segment], *, limit: int, compact: bool) -> str:
    """The most important segments that fit in ``limit`` characters, in reply order.

    Required segments (priority up to P_MAIN) go first: links with their label when it fits
    (what a link is for matters more than a few words of a text that is cut anyway), else the
    bare URL; texts cut on a word boundary when they do not fit whole. Then the rest by
    priority, each whole (its longest option that fits) or not at all. A URL is never cut: a
    link that does not fit is left out.
    """
    chosen: dict[int, str] = {}

    def fits(i: int, text: str) -> bool:
        return len(join(parts, {**chosen, i: text}, compact=compact)) <= limit

    for i in sorted(range(len(parts)), key=lambda i: (parts[i].priority, i)):
        part = parts[i]
        option = next((o for o in part.options if fits(i, o)), None)
        if option is None and part.priority <= P_MAIN and not part.link:
            room = limit - len(join(parts, {**chosen, i: ""}, compact=compact))
            option = truncate_words(part.options[0], room)
            option = option if len(option) >= MIN_CUT else None
        if option is not None:
            chosen[i] = option
    return join(parts, chosen, compact=compact)
