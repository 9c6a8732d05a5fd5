"""Uploaded files to Markdown: headings kept, scripts gone, and every bad input refused with its
own error code (see tests/fixtures/knowledge/make_fixtures.py for how the samples were made)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from knowledge.errors import (
    DocxCorrupt,
    EmptyDocument,
    FileTypeMismatch,
    NotText,
    PdfCorrupt,
    PdfEncrypted,
    PdfNoText,
    UnsupportedFileType,
    UploadTooLarge,
)
from knowledge.ingest.documents import ExtractedDocument, document_extract

FIXTURES = Path(__file__).parent.parent / "fixtures" / "knowledge"


def _fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_pdf_headings_come_from_font_sizes() -> None:
    # when
    document = document_extract(filename="returns.pdf", content=_fixture("returns.pdf"))

    # then
    assert document == ExtractedDocument(
        title="Returns policy",
        markdown=(
            "# Returns policy\n\n"
            "You can return unworn items within 30 days of delivery.\n"
            "Refunds are paid to the original payment method.\n\n"
            "## Sale items\n\n"
            "Sale items can be exchanged, not refunded.\n\n"
            "## Damaged goods\n\n"
            "Send us a photo within 48 hours and we replace the item."
        ),
        language="en",
    )


def test_pdf_with_only_an_owner_password_opens_like_in_any_reader() -> None:
    # when
    document = document_extract(filename="locked.pdf", content=_fixture("owner_only_encrypted.pdf"))

    # then
    assert document.title == "Returns policy"
    assert document.markdown.startswith("# Returns policy\n\nYou can return unworn items")


def test_docx_headings_lists_and_tables_become_markdown() -> None:
    # when
    document = document_extract(
        filename="verzending.docx", content=_fixture("shipping_nl.docx"), content_type=None
    )

    # then
    assert document == ExtractedDocument(
        title="Verzendbeleid",
        markdown=(
            "# Verzendbeleid\n\n"
            "Wij verzenden binnen Nederland en België met PostNL.\n\n"
            "## Levertijd\n\n"
            "Bestellingen die vóór 22:00 uur binnen zijn, bezorgen we morgen.\n\n"
            "## Verzendkosten\n\n"
            "- Gratis vanaf 50 euro\n"
            "- Anders 4,95 euro\n\n"
            "| Land | Kosten |\n"
            "| --- | --- |\n"
            "| België | 6,95 euro |"
        ),
        language="nl",
    )


def test_html_is_sanitised_and_keeps_its_headings() -> None:
    # when
    document = document_extract(filename="shipping.html", content=_fixture("shipping.html"))

    # then: the main content only, no script, iframe, handler, style or javascript: link
    assert document == ExtractedDocument(
        title="Shipping policy",
        markdown=(
            "# Shipping policy\n\n"
            "We ship within **2 working days**.\n\n"
            "## International orders\n\n"
            "Orders outside the EU pay import duties on delivery."
        ),
        language="en",
    )


def test_markdown_and_text_keep_their_text_and_take_a_title() -> None:
    # when
    markdown = document_extract(
        filename="faq.md",
        content=b"# Veelgestelde vragen\n\n## Retour\n\nJe kunt binnen 30 dagen retourneren.\n",
    )
    text = document_extract(
        filename="opening_hours.txt",
        content=b"\xef\xbb\xbfWe are open Monday to Friday from 9:00 to 17:00.",
    )
    windows = document_extract(
        filename="oud.txt", content="Bezorging vóór 12 uur.".encode("cp1252")
    )

    # then
    assert (markdown.title, markdown.language) == ("Veelgestelde vragen", "nl")
    assert markdown.markdown == (
        "# Veelgestelde vragen\n\n## Retour\n\nJe kunt binnen 30 dagen retourneren."
    )
    assert text == ExtractedDocument(
        title="Opening hours",
        markdown="We are open Monday to Friday from 9:00 to 17:00.",
        language="en",
    )
    assert windows.markdown == "Bezorging vóór 12 uur."


def test_content_type_names_the_format_when_the_name_has_no_extension() -> None:
    document = document_extract(
        filename="policy",
        content=b"<h1>Returns</h1><p>Within 30 days.</p>",
        content_type="text/html",
    )
    assert document.markdown == "# Returns\n\nWithin 30 days."


@pytest.mark.parametrize(
    ("filename", "content", "error", "code"),
    [
        ("encrypted.pdf", _fixture("encrypted.pdf"), PdfEncrypted, "pdf_encrypted"),
        ("corrupt.pdf", _fixture("corrupt.pdf"), PdfCorrupt, "pdf_corrupt"),
        ("scan.pdf", _fixture("scanned.pdf"), PdfNoText, "pdf_no_text"),
        ("image.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, FileTypeMismatch, "file_type_mismatch"),
        ("notes.docx", b"just some text", FileTypeMismatch, "file_type_mismatch"),
        ("broken.docx", b"PK\x03\x04" + b"\x00" * 64, DocxCorrupt, "docx_corrupt"),
        ("old.doc", b"\xd0\xcf\x11\xe0 word 97", UnsupportedFileType, "unsupported_file_type"),
        ("photo.jpg", b"\xff\xd8\xff\xe0", UnsupportedFileType, "unsupported_file_type"),
        ("noextension", b"text", UnsupportedFileType, "unsupported_file_type"),
        ("returns.txt", _fixture("returns.pdf"), NotText, "not_text"),
        ("binary.md", b"abc\x00def", NotText, "not_text"),
        ("empty.txt", b"", EmptyDocument, "empty_document"),
        ("blank.md", b" \n\t\n ", EmptyDocument, "empty_document"),
        ("chrome.html", b"<html><body><nav>Home</nav><script>x()</script></body></html>",
         EmptyDocument, "empty_document"),
    ],
)  # fmt: skip
def test_bad_documents_are_refused_with_their_code(
    filename: str, content: bytes, error: type[Exception], code: str
) -> None:
    with pytest.raises(error) as raised:
        document_extract(filename=filename, content=content)
    assert raised.value.code == code  # type: ignore[attr-defined]


def test_a_file_over_the_limit_is_refused_before_reading(settings: Any) -> None:
    # given
    settings.KNOWLEDGE_UPLOAD_MAX_BYTES = 1000

    # when
    with pytest.raises(UploadTooLarge) as raised:
        document_extract(filename="big.txt", content=b"a" * 1001)

    # then
    assert raised.value.code == "upload_too_large"
    assert raised.value.detail == {"size": 1001, "limit": 1000}
    assert (
        str(raised.value.message)
        == "This file is 1001\xa0bytes; files can be at most 1000\xa0bytes."
    )


def test_a_docx_that_would_inflate_past_the_limit_is_refused() -> None:
    # given a 100 kB zip that unpacks to 101 MB (a "zip bomb" named .docx)
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w") as part,
    ):
        for _ in range(101):
            part.write(b" " * (1 << 20))

    # then it is refused before anything is parsed
    with pytest.raises(DocxCorrupt) as raised:
        document_extract(filename="bomb.docx", content=buffer.getvalue())
    assert raised.value.code == "docx_corrupt"
