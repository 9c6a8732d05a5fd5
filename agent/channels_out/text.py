"""Plain-text safety for every channel: neutralise markup, accept only safe URLs, and cut text
on a word boundary without ever breaking a URL."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

ELLIPSIS = "…"
# What browsers treat as the start of markup: "<" followed by a letter, "/", "!" or "?". A tag
# runs to the next ">" (or the end of the text when it is never closed).
_TAG = re.compile(r"<[A-Za-z/!?][^>]*(?:>|\Z)")
# Elements whose content is code, never words for a shopper: dropped with their content.
_CODE_ELEMENT = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL)
# Control characters (tab and newline stay) and the bidi overrides that can disguise text.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n{3,}")
URL = re.compile(r"https?://\S+", re.IGNORECASE)


def neutralise(text: str) -> str:
    """``text`` as plain text no channel can read as markup: script/style elements dropped with
    their content, any other tag dropped (its words kept), control and bidi-override characters
    removed, spaces collapsed, at most one blank line in a row. Entities stay as typed
    ("&lt;" remains those four characters), so escaping it later shows what was written."""
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    previous = None
    while previous != text:  # "<scr<script>ipt>" must not become "<script>"
        previous = text
        text = _TAG.sub("", _CODE_ELEMENT.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def one_line(text: str) -> str:
    """``neutralise`` for labels, titles and subjects: newlines become spaces."""
    return " ".join(neutralise(text).split())


def safe_url(url: str) -> str:
    """``url`` when it is an absolute http(s) URL or a site path ("/hub/..."), else "".

    Anything else (``javascript:``, ``data:``, "//host", backslashes, spaces, quotes) is refused,
    so a URL can go into an href or an SMS as it is."""
    url = url.strip()
    if not url or any(c.isspace() or c in "<>\"'`\\" or ord(c) < 32 for c in url):
        return ""
    parts = urlsplit(url)
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url
    if not parts.scheme and url.startswith("/") and not url.startswith("//"):
        return url
    return ""


def truncate_words(text: str, limit: int) -> str:
    """``text`` when it fits in ``limit`` characters; else cut at the last word boundary with
    "…" (a single word longer than the room is cut inside, a URL never: it goes whole).
    "" when nothing fits."""
    if len(text) <= limit:
        return text
    if limit < 2:
        return ""
    room = limit - 1  # the ellipsis
    cut = max(text.rfind(" ", 0, room + 1), text.rfind("\n", 0, room + 1))
    if cut <= 0:
        cut = room
    for match in URL.finditer(text):
        if match.start() < cut < match.end():
            cut = match.start()
    head = text[:cut]
    while True:
        urls = list(URL.finditer(head))
        end = urls[-1].end() if urls else 0
        # Trailing punctuation goes, but never a URL's own last characters.
        head = head[:end] + head[end:].rstrip(" \n,;:—-")
        if not urls or end != len(head):
            return head + ELLIPSIS if head else ""
        # "…" right after a URL would read as part of it: keep a space between, or drop the URL.
        if len(head) + 2 <= limit:
            return f"{head} {ELLIPSIS}"
        head = head[: urls[-1].start()]
