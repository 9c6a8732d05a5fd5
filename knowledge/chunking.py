"""Markdown -> passages ("chunks") by headings, each with its heading path and position.

Rules, so that every answer can cite "Returns and exchanges › Sale items":

- Headings ``#``, ``##``, ``###`` (and Setext ``===``/``---`` underlines under a one-line
  paragraph) open a section; deeper headings and headings inside fenced code stay text.
- A section's heading path is the titles of its open headings, outermost first.
- A short lead (text before the first heading, or under the ``#`` title; under
  ``SHORT_INTRO_CHARS``) directly followed by a sub-section is put in front of that
  sub-section's text rather than standing alone ("Not quite right? You can return most items
  within 30 days." goes with "## Return window"). Deeper sections always stand alone, so a
  passage is never cited under a heading it does not belong to.
- A section longer than ``MAX_CHUNK_CHARS`` is cut at paragraph boundaries (then lines, then
  sentences, then words for a paragraph that is still too long) and every piece keeps the
  heading path.
- No text is dropped: apart from heading lines (kept in the paths) and blank-line runs, every
  character of the document is in exactly one chunk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.sentences import sentence_spans

MAX_CHUNK_CHARS = 1200
SHORT_INTRO_CHARS = 200

_ATX = re.compile(r"^ {0,3}(#{1,3})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
_HEADING_MARKUP = re.compile(r"[*_`]+")


@dataclass(frozen=True)
class ChunkDraft:
    position: int
    heading_path: tuple[str, ...]
    text: str


@dataclass
class _Section:
    level: int
    path: tuple[str, ...]
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


def chunk_markdown(markdown: str) -> list[ChunkDraft]:
    """The chunks of a Markdown document, in document order, positions from 0."""
    sections = _sections(markdown.replace("\r\n", "\n").replace("\r", "\n"))
    merged = _merge_short_intros(sections)
    chunks: list[ChunkDraft] = []
    for path, text in merged:
        for piece in _split_long(text):
            chunks.append(ChunkDraft(position=len(chunks), heading_path=path, text=piece))
    return chunks


def _sections(markdown: str) -> list[_Section]:
    sections = [_Section(level=0, path=(), lines=[])]
    stack: list[tuple[int, str]] = []
    fence: str | None = None
    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        fence_match = _FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)[0]
            fence = None if fence == marker else (fence or marker)
        heading = None if fence else _heading(lines, i, sections[-1])
        if heading is None:
            sections[-1].lines.append(line)
            continue
        level, title = heading
        if level < 0:  # a Setext underline: the title line was the section's last line
            sections[-1].lines.pop()
            level = -level
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
        sections.append(_Section(level=level, path=tuple(t for _, t in stack), lines=[]))
    return [s for s in sections if s.text]


def _heading(lines: list[str], i: int, current: _Section) -> tuple[int, str] | None:
    """(level, title) for an ATX heading line; (-level, title) for a Setext underline."""
    atx = _ATX.match(lines[i])
    if atx:
        title = _heading_title(atx.group(2))
        return (len(atx.group(1)), title) if title else None
    setext = _SETEXT.match(lines[i])
    if not setext or i == 0 or not current.lines:
        return None
    title_line = lines[i - 1]
    before = lines[i - 2] if i >= 2 else ""
    if not title_line.strip() or before.strip():
        return None
    if title_line.lstrip().startswith(("-", "*", "+", "|", ">")) or title_line.startswith("    "):
        return None
    title = _heading_title(title_line)
    return (-(1 if setext.group(1)[0] == "=" else 2), title) if title else None


def _heading_title(raw: str) -> str:
    return " ".join(_HEADING_MARKUP.sub("", raw).split())


def _merge_short_intros(sections: list[_Section]) -> list[tuple[tuple[str, ...], str]]:
    merged: list[tuple[tuple[str, ...], str]] = []
    carry = ""
    for i, section in enumerate(sections):
        text = f"{carry}\n\n{section.text}" if carry else section.text
        following = sections[i + 1] if i + 1 < len(sections) else None
        is_intro = (
            section.level <= 1
            and following is not None
            and following.path[: len(section.path)] == section.path
            and len(following.path) > len(section.path)
        )
        if is_intro and len(text) < SHORT_INTRO_CHARS:
            carry = text
            continue
        carry = ""
        merged.append((section.path, text))
    return merged


def _split_long(text: str) -> list[str]:
    if len(text) <= MAX_CHUNK_CHARS:
        return [text]
    paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    units: list[str] = []
    for paragraph in paragraphs:
        units.extend(_paragraph_units(paragraph))
    pieces: list[str] = []
    for unit in units:
        if pieces and len(pieces[-1]) + 2 + len(unit) <= MAX_CHUNK_CHARS:
            pieces[-1] = f"{pieces[-1]}\n\n{unit}"
        else:
            pieces.append(unit)
    return pieces


def _paragraph_units(paragraph: str) -> list[str]:
    """A paragraph as one unit, or, when too long, its lines/sentences/word runs."""
    if len(paragraph) <= MAX_CHUNK_CHARS:
        return [paragraph]
    if "\n" in paragraph:
        return _packed(paragraph.split("\n"), separator="\n")
    spans = sentence_spans(paragraph)
    if len(spans) > 1:
        return _packed([paragraph[s:e] for s, e in spans], separator=" ")
    words = paragraph.split()
    if len(words) > 1:
        return _packed(words, separator=" ")
    return [paragraph[i : i + MAX_CHUNK_CHARS] for i in range(0, len(paragraph), MAX_CHUNK_CHARS)]


def _packed(parts: list[str], *, separator: str) -> list[str]:
    pieces: list[str] = []
    for part in parts:
        for unit in _paragraph_units(part):
            if pieces and len(pieces[-1]) + len(separator) + len(unit) <= MAX_CHUNK_CHARS:
                pieces[-1] = f"{pieces[-1]}{separator}{unit}"
            else:
                pieces.append(unit)
    return [p for p in pieces if p.strip()]
