"""Word (DOCX) to Markdown with python-docx.

Paragraph styles carry the structure: "Title" and "Heading 1…6" (Dutch Word names them
"Titel" and "Kop 1…6"; a paragraph's outline level says the same) become ``#`` headings, list
styles become list items, and tables become Markdown tables, in document order.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from knowledge.errors import DocxCorrupt

logger = logging.getLogger(__name__)

# A DOCX is a zip of XML parts; refuse one that would inflate past this (a "zip bomb").
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024

_HEADING_STYLE = re.compile(r"^(?:heading|kop)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title", "titel"}
_BULLET_STYLE = re.compile(r"^(?:list bullet|lijstopsommingsteken)", re.IGNORECASE)
_NUMBER_STYLE = re.compile(r"^(?:list number|lijstnummering)", re.IGNORECASE)


@dataclass(frozen=True)
class WordContent:
    title: str
    markdown: str


def docx_to_markdown(content: bytes) -> WordContent:
    """The document's paragraphs and tables as Markdown with its headings, and its title (the
    document property, else the first "Title"-style paragraph, else ""). Raises DocxCorrupt."""
    document = _open(content)
    title = " ".join((document.core_properties.title or "").split())
    out: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            line, is_title = _paragraph(block)
            if is_title and not title:
                title = " ".join(block.text.split())
            out.append(line)
        elif isinstance(block, Table):
            out.extend(["", *_table(block), ""])
    return WordContent(title=title[:300], markdown="\n".join(out))


def _open(content: bytes) -> Document:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                raise DocxCorrupt()
        return docx.Document(io.BytesIO(content))
    except DocxCorrupt:
        raise
    except Exception as exc:
        # python-docx and lxml raise many kinds of error (KeyError for a missing part,
        # XMLSyntaxError, BadZipFile, ValueError ...) for a damaged file; all mean the same.
        logger.info("Unreadable DOCX: %s", exc)
        raise DocxCorrupt() from exc


def _paragraph(paragraph: Paragraph) -> tuple[str, bool]:
    """(Markdown line, whether it is the document's title paragraph)."""
    text = " ".join(paragraph.text.split())
    if not text:
        return "", False
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    level = _heading_level(paragraph, style)
    if style.strip().lower() in _TITLE_STYLES:
        return f"\n# {text}\n", True
    if level:
        return "\n" + "#" * level + f" {text}\n", False
    if _BULLET_STYLE.match(style):
        return f"- {text}", False
    if _NUMBER_STYLE.match(style):
        return f"1. {text}", False
    return f"{text}\n", False


def _heading_level(paragraph: Paragraph, style: str) -> int | None:
    match = _HEADING_STYLE.match(style.strip())
    if match:
        return min(max(int(match.group(1)), 1), 6)
    # An outline level set on the paragraph itself (0 = level 1); body text has none.
    outline = paragraph._p.xpath("./w:pPr/w:outlineLvl/@w:val")
    if outline and str(outline[0]).isdigit() and int(outline[0]) < 6:
        return int(outline[0]) + 1
    return None


def _table(table: Table) -> list[str]:
    rows = [
        [" ".join(cell.text.split()).replace("|", "\\|") for cell in row.cells]
        for row in table.rows
    ]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines.extend("| " + " | ".join(row) + " |" for row in rows[1:])
    return lines
