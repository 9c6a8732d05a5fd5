"""Quoting the merchant's content to a shopper: ``quote_build`` turns the sentences that matter
of a passage (``knowledge.answers.Answer.sentences``, Markdown, verbatim) into plain text.

The words stay the merchant's: only Markdown markup goes (``**``, ``__``, backticks, single
``*``/``_`` emphasis, heading ``#``, ``>``; ``[text](url)`` becomes "text (url)") and line
wrapping becomes spaces. What a bare sentence would lose is put back from the same passage,
never written by us:

- a list item gets the line that introduces its list ("You can pay with: PayPal"); a list
  that opens its section (first in the passage or right under a heading) is quoted whole: the
  heading is never quoted, so one of its items alone would read as the section's answer;
- an introduction ("You can pay with:") gets its list, and a numbered step gets all the steps
  of its list ("How do I start a return?" quotes steps 1 to 4, not step 2 alone);
- a table row is read with its header ("Destination: Belgium and Germany; Carrier: PostNL;
  ..."), and a header row alone brings its rows;
- headings are never quoted (the citation names them).

At most ``MAX_LIST_LINES`` lines of one list or table are added. Pure functions, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.sentences import sentence_spans

MAX_LIST_LINES = 10

_HEADING = re.compile(r"#{1,6}\s")
_TABLE_SEPARATOR = re.compile(r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_ORDERED = re.compile(r"\d+[.)]\s")
_NUMBER_ONLY = re.compile(r"\d{1,3}[.)]")
_BULLET = re.compile(r"[-*+]\s+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(\s*([^)\s]+)\s*\)")
_STRONG = re.compile(r"\*\*|__|`")
_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"
)
_LINE_MARKER = re.compile(r"^\s*(?:#{1,6}\s+|>\s?)", re.MULTILINE)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class _Piece:
    """One sentence of the passage: its span, its kind and the run (list/table) it is in."""

    start: int
    end: int
    kind: str  # "heading" | "table" | "separator" | "ordered" | "bullet" | "text"
    run: int  # pieces of one list or table share a run id; other pieces have their own
    #: Where the sentence proper starts: after a list number the splitter cut off ("2.").
    body: int


def plain_text(markdown: str) -> str:
    """``markdown`` as one line of plain text: markup removed, white space collapsed."""
    text = _IMAGE.sub(r"\1", markdown)
    text = _LINK.sub(r"\1 (\2)", text)
    text = _LINE_MARKER.sub("", text)
    text = _STRONG.sub("", text)
    text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    return _SPACE.sub(" ", text).strip()


def quote_build(*, passage: str, sentences: tuple[str, ...]) -> str:
    """The plain-text quote of ``sentences`` (verbatim slices of ``passage``, in order), with
    the context the module doc lists; "" only for a passage of nothing but headings."""
    pieces = _pieces(passage)
    chosen = _locate(passage, pieces, sentences)
    if not chosen and sentences:
        # Not slices of this passage (a caller's mistake): quote them as they are.
        return "\n".join(filter(None, (plain_text(s) for s in sentences)))
    selected = _expand(passage, pieces, chosen)
    if not selected:
        # Only headings were chosen: the first sentence under them stands for the passage.
        first = next((i for i, p in enumerate(pieces) if p.kind != "heading"), None)
        selected = _expand(passage, pieces, {first}) if first is not None else set()
    return _render(passage, pieces, sorted(selected))


def _spans(passage: str) -> list[tuple[int, int, int]]:
    """(start, body, end) of each sentence; a bare list number the sentence splitter cut off
    ("2." before "Open the order…") is joined to the sentence after it on its line."""
    spans: list[tuple[int, int, int]] = []
    number: tuple[int, int] | None = None
    for start, end in sentence_spans(passage):
        if number is not None:
            if "\n" not in passage[number[0] : start]:
                spans.append((number[0], start, end))
                number = None
                continue
            spans.append((number[0], number[0], number[1]))
            number = None
        if _NUMBER_ONLY.fullmatch(passage, start, end):
            number = (start, end)
        else:
            spans.append((start, start, end))
    if number is not None:
        spans.append((number[0], number[0], number[1]))
    return spans


def _pieces(passage: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    run = 0
    for start, body, end in _spans(passage):
        text = passage[start:end]
        kind = _kind(text)
        previous = pieces[-1] if pieces else None
        same_run = (
            previous is not None
            and _family(previous.kind) == _family(kind) != "text"
            and not passage[previous.end : start].strip()
        )
        if not same_run:
            run += 1
        pieces.append(_Piece(start=start, end=end, kind=kind, run=run, body=body))
    return pieces


def _kind(text: str) -> str:
    if _HEADING.match(text):
        return "heading"
    if text.startswith("|"):
        return "separator" if _TABLE_SEPARATOR.match(text) else "table"
    if _ORDERED.match(text):
        return "ordered"
    if _BULLET.match(text):
        return "bullet"
    return "text"


def _family(kind: str) -> str:
    return {"separator": "table", "heading": "text"}.get(kind, kind)


def _locate(passage: str, pieces: list[_Piece], sentences: tuple[str, ...]) -> set[int]:
    chosen: set[int] = set()
    cursor = 0
    for sentence in sentences:
        for index in range(cursor, len(pieces)):
            piece = pieces[index]
            if sentence in (passage[piece.start : piece.end], passage[piece.body : piece.end]):
                chosen.add(index)
                cursor = index + 1
                break
    return chosen


def _run_members(pieces: list[_Piece], run: int) -> list[int]:
    return [i for i, p in enumerate(pieces) if p.run == run]


def _expand(passage: str, pieces: list[_Piece], chosen: set[int]) -> set[int]:
    selected: set[int] = set()
    for index in sorted(chosen):
        piece = pieces[index]
        members = _run_members(pieces, piece.run)
        if piece.kind in ("ordered", "bullet"):
            intro = members[0] - 1
            introduced = intro >= 0 and _introduces(passage, pieces[intro])
            headed = intro < 0 or pieces[intro].kind == "heading"
            # A list opening its section (a passage's text starts under its heading) is the
            # section's answer: one item of it alone would read as the whole answer.
            whole = piece.kind == "ordered" or (headed and not introduced)
            selected.update(members[:MAX_LIST_LINES] if whole else [index])
            if introduced:
                selected.add(intro)
        elif piece.kind in ("table", "separator"):
            selected.update(_table_rows(pieces, members, index, chosen))
        elif piece.kind == "text":
            selected.add(index)
            following = pieces[index + 1] if index + 1 < len(pieces) else None
            if (
                _introduces(passage, piece)
                and following is not None
                and following.kind in ("ordered", "bullet")
            ):
                selected.update(_run_members(pieces, following.run)[:MAX_LIST_LINES])
    return selected


def _table_rows(
    pieces: list[_Piece], members: list[int], index: int, chosen: set[int]
) -> list[int]:
    """The rows to quote for a chosen table line: a data row itself; a header row (or its
    separator) only when no data row of its table was chosen, then all its rows."""
    rows = [i for i in members if pieces[i].kind == "table"]
    header = rows[0] if len(rows) > 1 and pieces[rows[0] + 1].kind == "separator" else None
    if pieces[index].kind == "table" and index != header:
        return [index]
    if header is None or chosen.intersection(rows[1:]):
        return []
    return rows[1 : 1 + MAX_LIST_LINES]


def _introduces(passage: str, piece: _Piece) -> bool:
    return piece.kind == "text" and passage[piece.start : piece.end].rstrip().endswith(":")


def _render(passage: str, pieces: list[_Piece], selected: list[int]) -> str:
    out = ""
    for position, index in enumerate(selected):
        piece = pieces[index]
        inline = _inline_item(passage, pieces, selected, index)
        text = _piece_text(passage, pieces, piece, marker=not _alone(pieces, selected, index))
        if position:
            out += (
                " "
                if inline or _same_paragraph(passage, pieces[selected[position - 1]], piece)
                else "\n"
            )
        out += text
    return out


def _same_paragraph(passage: str, before: _Piece, piece: _Piece) -> bool:
    gap = passage[before.end : piece.start]
    return before.kind == piece.kind == "text" and not gap.strip() and "\n\n" not in gap


def _alone(pieces: list[_Piece], selected: list[int], index: int) -> bool:
    """A bullet quoted without the other items of its list (it loses its marker)."""
    piece = pieces[index]
    return piece.kind == "bullet" and [i for i in selected if pieces[i].run == piece.run] == [index]


def _inline_item(passage: str, pieces: list[_Piece], selected: list[int], index: int) -> bool:
    """A list item quoted alone right after its introduction reads as one sentence with it
    ("You can pay with: PayPal")."""
    intro = _run_members(pieces, pieces[index].run)[0] - 1
    return (
        _alone(pieces, selected, index)
        and intro in selected
        and _introduces(passage, pieces[intro])
    )


def _piece_text(passage: str, pieces: list[_Piece], piece: _Piece, *, marker: bool) -> str:
    text = passage[piece.start : piece.end]
    if piece.kind == "table":
        return _table_row(passage, pieces, piece)
    if piece.kind == "bullet":
        body = plain_text(_BULLET.sub("", text, count=1))
        return f"- {body}" if marker else body
    return plain_text(text)


def _cells(row: str) -> list[str]:
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") else row
    return [plain_text(cell) for cell in row.split("|")]


def _table_row(passage: str, pieces: list[_Piece], piece: _Piece) -> str:
    cells = _cells(passage[piece.start : piece.end])
    members = _run_members(pieces, piece.run)
    first = pieces[members[0]]
    header: list[str] = []
    if len(members) > 1 and pieces[members[1]].kind == "separator" and first is not piece:
        header = _cells(passage[first.start : first.end])
    if len(header) == len(cells):
        return "; ".join(f"{h}: {c}" if h else c for h, c in zip(header, cells, strict=True) if c)
    return "; ".join(c for c in cells if c)
