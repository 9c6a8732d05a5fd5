"""PDF to Markdown with pypdf.

A PDF has no headings, only text drawn in fonts of some size; word processors export headings
as larger text. So each line's font size is read (pypdf's text visitor) and lines clearly larger
than the body text become Markdown headings, the largest size ``#``, the next ``##`` and so on:
chunking can then cut the document by heading like any other.

A PDF that opens without a password (also one with only an "owner" password restricting
printing or copying, which every PDF reader opens) is read; one that needs a password to open,
a damaged one and one without a text layer (a scan) are refused with their own error.
"""

from __future__ import annotations

import io
import logging
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from knowledge.errors import PdfCorrupt, PdfEncrypted, PdfNoText

logger = logging.getLogger(__name__)

# A line at least this much larger than the body text is a heading.
HEADING_RATIO = 1.15
# Longer "large" lines are display text (a pull quote, a banner), not headings.
HEADING_MAX_CHARS = 120
MAX_HEADING_LEVELS = 3


@dataclass
class _Line:
    text: str = ""
    sizes: list[float] = field(default_factory=list)

    @property
    def size(self) -> float:
        return max(self.sizes, default=0.0)


@dataclass(frozen=True)
class PdfContent:
    title: str
    markdown: str


def pdf_to_markdown(content: bytes) -> PdfContent:
    """The text of every page as Markdown, with headings recovered from font sizes, and the
    document's title from its metadata ("" when it has none). Raises PdfEncrypted, PdfCorrupt
    or PdfNoText."""
    reader = _open(content)
    try:
        lines = [line for page in reader.pages for line in _page_lines(page)]
        title = _metadata_title(reader)
    except PdfEncrypted:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        # pypdf raises plain Python errors, too, on malformed objects deep inside a file.
        logger.info("Unreadable PDF: %s", exc)
        raise PdfCorrupt() from exc
    lines = [line for line in lines if line.text.strip()]
    if not lines:
        raise PdfNoText()
    return PdfContent(title=title, markdown=_markdown(lines))


def _open(content: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfEncrypted()
        # Touch the page tree now, so a broken file fails here and not half-way.
        len(reader.pages)
    except PdfEncrypted:
        raise
    except (PyPdfError, PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        logger.info("Unreadable PDF: %s", exc)
        raise PdfCorrupt() from exc
    except NotImplementedError as exc:  # an encryption scheme pypdf cannot open
        raise PdfEncrypted() from exc
    return reader


def _page_lines(page: Any) -> list[_Line]:
    lines = [_Line()]

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        parts = text.split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append(_Line())
            if part.strip():
                lines[-1].text += part
                lines[-1].sizes.append(_effective_size(size, cm, tm))

    page.extract_text(visitor_text=visit)
    return lines


def _effective_size(size: float, cm: list[float], tm: list[float]) -> float:
    """Font size × the text and page matrices' vertical scale, in points, rounded."""
    scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
    return round(size * (scale or 1.0), 1)


def _markdown(lines: list[_Line]) -> str:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    body_size = weights.most_common(1)[0][0]
    heading_sizes = sorted(
        {
            line.size
            for line in lines
            if line.size >= body_size * HEADING_RATIO
            and len(line.text.strip()) <= HEADING_MAX_CHARS
        },
        reverse=True,
    )
    levels = {size: min(i + 1, MAX_HEADING_LEVELS) for i, size in enumerate(heading_sizes)}
    out: list[str] = []
    for line in lines:
        text = " ".join(line.text.split())
        level = levels.get(line.size) if len(text) <= HEADING_MAX_CHARS else None
        if level:
            out.extend(["", "#" * level + " " + text, ""])
        else:
            out.append(text)
    return "\n".join(out)


def _metadata_title(reader: PdfReader) -> str:
    metadata = reader.metadata
    title = metadata.title if metadata else None
    return " ".join(str(title).split())[:300] if title else ""
