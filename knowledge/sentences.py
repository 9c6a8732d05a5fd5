"""Sentence splitting for passages (answers quote the sentences that matter, verbatim).

Markdown-aware and deliberately simple: every list item, table row and line after a line
break in a list/table stands alone; inside running text a sentence ends at ``.``, ``!`` or
``?`` followed by white space and a capital, digit, quote or Markdown marker — not after a
known abbreviation ("e.g.", "bijv.") or a single letter ("J. Smith"). Returns spans into the
original text, so callers can quote exactly.
"""

from __future__ import annotations

import re

from knowledge.lexicon import word_set

_ABBREVIATIONS = word_set(
    """
    e.g i.e etc incl excl approx ca vs nr no st mr mrs ms dr bijv bv o.a m.b.t t.a.v d.w.z z.s.m
    i.p.v enz resp evt max min
    """
)
_END = re.compile(r"[.!?]+[\"')\]*_]*(?=\s+[\"'(\[*_]*[A-Z0-9À-ÖØ-Þ])")
_BLOCK_LINE = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\||#{1,6}\s|>)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, in order, surrounding white space excluded."""
    spans: list[tuple[int, int]] = []
    for start, end in _block_spans(text):
        spans.extend(_split_running(text, start, end))
    return spans


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def _block_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs, with each list item and table row as its own block."""
    blocks: list[tuple[int, int]] = []
    start: int | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        line_start, offset = offset, offset + len(line)
        if not stripped:
            if start is not None:
                blocks.append((start, line_start))
                start = None
            continue
        if _BLOCK_LINE.match(line) and start is not None:
            blocks.append((start, line_start))
            start = None
        if start is None:
            start = line_start
    if start is not None:
        blocks.append((start, len(text)))
    return blocks


def _split_running(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    cursor = start
    for match in _END.finditer(text, start, end):
        if _is_abbreviation(text, cursor, match.start()):
            continue
        spans.append((cursor, match.end()))
        cursor = match.end()
    spans.append((cursor, end))
    return [_trimmed(text, s, e) for s, e in spans if text[s:e].strip()]


def _is_abbreviation(text: str, sentence_start: int, dot: int) -> bool:
    word = text[sentence_start:dot].split()[-1:] or [""]
    last = word[0].lower().lstrip("(\"'*_")
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
