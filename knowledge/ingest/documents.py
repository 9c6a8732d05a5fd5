"""An uploaded file to Markdown: checks first (size, type by name *and* by content, empty),
then the format's extractor, then the language.

Allowed: TXT, Markdown, HTML, PDF, DOCX. The extension (or, for a name without one, the
browser's content type) picks the format; the bytes must agree — a PDF starts with ``%PDF-``,
a DOCX is a zip holding ``word/document.xml``, and text is text (no NUL bytes, decodable) — so
an image renamed to ``.pdf`` or a PDF renamed to ``.txt`` is refused, not half-read.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from knowledge.errors import (
    EmptyDocument,
    FileTypeMismatch,
    NotText,
    UnsupportedFileType,
    UploadTooLarge,
)
from knowledge.ingest.html import html_to_markdown, markdown_tidy
from knowledge.ingest.language import language_detect
from knowledge.ingest.pdf import pdf_to_markdown
from knowledge.ingest.word import docx_to_markdown

KIND_BY_EXTENSION = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
KIND_BY_CONTENT_TYPE = {
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
ACCEPT = ",".join(KIND_BY_EXTENSION)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
# Binary formats people may rename to .txt/.md/.html by mistake (magic numbers).
_BINARY_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0")


@dataclass(frozen=True)
class ExtractedDocument:
    """A document as an article: ``title`` (never empty), ``markdown`` (never empty) and
    ``language`` ("en"/"nl", or None when the text is too short or mixed to tell)."""

    title: str
    markdown: str
    language: str | None


def document_extract(
    *, filename: str, content: bytes, content_type: str | None = None
) -> ExtractedDocument:
    """Read an uploaded file. Raises UploadTooLarge, UnsupportedFileType, FileTypeMismatch,
    NotText, EmptyDocument, PdfEncrypted, PdfCorrupt, PdfNoText or DocxCorrupt; each message
    tells the merchant what to do."""
    upload_size_check(size=len(content))
    kind = _kind(filename=filename, content_type=content_type)
    if not content.strip():
        raise EmptyDocument()
    title, markdown = _extract(kind=kind, content=content)
    markdown = markdown_tidy(markdown)
    if not markdown:
        raise EmptyDocument()
    title = title or _first_heading(markdown) or _title_from_filename(filename)
    return ExtractedDocument(
        title=title[:300], markdown=markdown, language=language_detect(text=markdown)
    )


def upload_size_check(*, size: int) -> None:
    """Raise UploadTooLarge when ``size`` bytes exceed KNOWLEDGE_UPLOAD_MAX_BYTES (callers
    check an upload's declared size before reading it into memory)."""
    limit: int = settings.KNOWLEDGE_UPLOAD_MAX_BYTES
    if size > limit:
        raise UploadTooLarge(
            _("This file is %(size)s; files can be at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            detail={"size": size, "limit": limit},
        )


def _kind(*, filename: str, content_type: str | None) -> str:
    extension = PurePath(filename).suffix.lower()
    if extension:
        kind = KIND_BY_EXTENSION.get(extension)
    else:
        kind = KIND_BY_CONTENT_TYPE.get((content_type or "").split(";")[0].strip().lower())
    if kind is None:
        raise UnsupportedFileType(detail={"filename": filename})
    return kind


def _extract(*, kind: str, content: bytes) -> tuple[str, str]:
    if kind == "pdf":
        if b"%PDF-" not in content[:1024]:
            raise FileTypeMismatch(_("This file is named .pdf but is not a PDF."))
        pdf = pdf_to_markdown(content)
        return pdf.title, pdf.markdown
    if kind == "docx":
        if not _is_docx(content):
            raise FileTypeMismatch(_("This file is named .docx but is not a Word document."))
        word = docx_to_markdown(content)
        return word.title, word.markdown
    text = _decode(content)
    if kind == "html":
        page = html_to_markdown(text)
        return page.title, page.markdown
    return "", text


def _is_docx(content: bytes) -> bool:
    if not content.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return True  # a damaged Word file: the DOCX reader says so in its own words


def _decode(content: bytes) -> str:
    if content.startswith(_BINARY_MAGIC) or b"\x00" in content:
        raise NotText()
    # UTF-8 (with or without BOM) first; Windows-1252 is what older Windows editors save.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise NotText()


def _first_heading(markdown: str) -> str:
    match = _MARKDOWN_HEADING.search(markdown)
    return " ".join(match.group(1).split()) if match else ""


def _title_from_filename(filename: str) -> str:
    stem = PurePath(filename).stem.replace("_", " ").replace("-", " ")
    stem = " ".join(stem.split())
    return stem[:1].upper() + stem[1:] if stem else _("Untitled document")
