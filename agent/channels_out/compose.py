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

# Lower is kept first. Segments up to P_QUOTE are required: cut to fit rather than dropped
# (see ``fit`` for which are cut first); the others go whole or not at all.
P_LINK = 0
P_ESSENTIAL = 1  # sign-in request, handoff notice
P_MAIN = 2  # the skill's own texts: the answer, the decision and its reasons
P_CARD = 3  # an order card's summary line
P_QUOTE = 4  # a quoted (cited) passage of the merchant's content
P_LINE = 5  # the item lines of a card with several items
P_QUICK = 6
P_SOURCE = 7
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
    for index, block in enumerate(blocks):
        for segment in _block_segments(block, index, style):
            if segment.link:
                url = segment.options[-1]
                if url in seen or (style.links == "primary" and url != allowed):
                    continue
                seen.add(url)
            out.append(segment)
    return out


def _block_segments(block: Block, index: int, style: TextStyle) -> Iterator[Segment]:
    if isinstance(block, TextBlock):
        if text := neutralise(block.text):
            # A cited text quotes the merchant's content; the others are the skill's own words.
            yield Segment((text,), P_QUOTE if block.citation else P_MAIN, index)
        if block.citation and style.citations:
            yield Segment((wording.citation_text(block.citation),), P_SOURCE, index)
    elif isinstance(block, SignInRequest):
        prompt = wording.sign_in_prompt(block, typed_here=style.typed_here)
        yield Segment((prompt,), P_ESSENTIAL, index)
    elif isinstance(block, HandoffNotice):
        yield Segment((wording.handoff_text(block),), P_ESSENTIAL, index)
    elif isinstance(block, OrderCard):
        head, *lines = wording.card_summary(block, bold=style.bold)
        yield Segment((head,), P_CARD, index, heading=bool(lines))
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

    Required segments (priority up to P_QUOTE) all go in whole when they fit. When they do not,
    they give way in this order until they fit:

    1. quoted passages, the longest cut first (on a word boundary, all down to one length),
       left out when cut shorter than MIN_CUT;
    2. order card summary lines (the skill's texts say what they say), cut then left out;
    3. the skill's own texts, the earlier ones cut first (a reply's later texts carry the
       specifics: the reason after "Nothing in order #1015 can be returned.", what returns
       found after order editing handed over); before each cut, link labels go when the bare
       URL lets the texts left go whole (a label matters more than a few words of a text that
       is cut anyway);
    4. bare URLs for the links, then the sign-in request or handoff notice cut; a link that
       still does not fit is left out, never cut.

    Then the rest by priority (item lines, quick replies, sources), each whole (its longest
    option that fits) or not at all.
    """
    full = {
        i: _alone_option(part, limit, compact)
        for i, part in enumerate(parts)
        if part.priority <= P_QUOTE
    }
    chosen = {i: text for i, text in full.items() if text is not None}

    def over() -> bool:
        return len(join(parts, chosen, compact=compact)) > limit

    def of(*priorities: int) -> list[int]:
        return [i for i in sorted(chosen) if parts[i].priority in priorities and not parts[i].link]

    if over():
        _level(parts, chosen, of(P_QUOTE), limit=limit, compact=compact)
    if over():
        _shrink(parts, chosen, of(P_CARD), limit=limit, compact=compact)
    links = [i for i in sorted(chosen) if parts[i].link]
    for i in of(P_MAIN):
        if not over():
            break
        bare = {**chosen, **{k: parts[k].options[-1] for k in links}}
        if len(join(parts, bare, compact=compact)) <= limit:
            chosen.update(bare)  # every text left goes whole with the bare URL
            break
        _shrink(parts, chosen, [i], limit=limit, compact=compact)
    if over():
        chosen.update({i: parts[i].options[-1] for i in links})
    if over():
        _shrink(parts, chosen, of(P_ESSENTIAL), limit=limit, compact=compact)
    for i in links:
        if over():
            del chosen[i]

    for i in sorted(range(len(parts)), key=lambda i: (parts[i].priority, i)):
        if parts[i].priority <= P_QUOTE:
            continue
        for option in parts[i].options:
            if len(join(parts, {**chosen, i: option}, compact=compact)) <= limit:
                chosen[i] = option
                break
    return join(parts, chosen, compact=compact)


def _alone_option(part: Segment, limit: int, compact: bool) -> str | None:
    """A required segment's longest option that fits alone (a link's, else its bare URL); a
    text is taken whole here and cut later if need be; None for a link that never fits."""
    if not part.link:
        return part.options[0]
    return next((o for o in part.options if len(o) <= limit), None)


def _cut(text: str, room: int) -> str | None:
    cut = truncate_words(text, room)
    return cut if len(cut) >= MIN_CUT else None


def _shrink(
    parts: Sequence[Segment],
    chosen: dict[int, str],
    indexes: list[int],
    *,
    limit: int,
    compact: bool,
) -> None:
    """Cut the texts at ``indexes`` in turn, each as much as still needed (left out when that
    leaves less than MIN_CUT), until the whole fits."""
    for i in indexes:
        rest = {k: v for k, v in chosen.items() if k != i}
        length = len(join(parts, chosen, compact=compact))
        if length <= limit:
            return
        room = limit - len(join(parts, {**rest, i: ""}, compact=compact))
        text = _cut(chosen[i], room)
        if text is None:
            del chosen[i]
        else:
            chosen[i] = text


def _level(
    parts: Sequence[Segment],
    chosen: dict[int, str],
    indexes: list[int],
    *,
    limit: int,
    compact: bool,
) -> None:
    """Cut the texts at ``indexes`` to one length, the longest first: the longest length at
    which the whole fits (texts cut shorter than MIN_CUT left out); all left out when none."""
    if not indexes:
        return
    original = {i: chosen[i] for i in indexes}

    def at(length: int) -> dict[int, str]:
        out = {k: v for k, v in chosen.items() if k not in original}
        for i, text in original.items():
            cut = text if len(text) <= length else _cut(text, length)
            if cut is not None:
                out[i] = cut
        return out

    low, high = 0, max(len(t) for t in original.values())
    while low < high:  # the longest length that fits
        middle = (low + high + 1) // 2
        if len(join(parts, at(middle), compact=compact)) <= limit:
            low = middle
        else:
            high = middle - 1
    kept = at(low)
    chosen.clear()
    chosen.update(kept)
