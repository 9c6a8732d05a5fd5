"""Errors of the knowledge base's content intake: uploads, web imports and version history.

Each has a stable machine ``code`` (API clients and tests match on it) and a message a merchant
can act on. Messages that name a file, host or limit are formatted where they are raised, in
the language active there (a request's, or the one an import task was started in).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.errors import ApplicationError


class ContentInputError(ApplicationError):
    """Base: a document or page could not become an article. Nothing was saved."""

    code = "content_input_error"
    http_status = 400
    default_message = _("This content could not be read.")


# --- uploads -----------------------------------------------------------------------------------


class UploadTooLarge(ContentInputError):
    code = "upload_too_large"
    http_status = 413
    default_message = _("This file is too large.")


class UnsupportedFileType(ContentInputError):
    code = "unsupported_file_type"
    http_status = 415
    default_message = _(
        "This type of file cannot be imported. Upload a TXT, Markdown, HTML, PDF or Word "
        "(DOCX) file."
    )


class FileTypeMismatch(ContentInputError):
    """The name says one type, the bytes are another (e.g. an image renamed to .pdf)."""

    code = "file_type_mismatch"
    http_status = 415
    default_message = _("The file's contents do not match its type.")


class NotText(ContentInputError):
    code = "not_text"
    default_message = _(
        "This file is not readable text. Save it as UTF-8 text, or upload it as PDF or DOCX."
    )


class EmptyDocument(ContentInputError):
    code = "empty_document"
    default_message = _("This document has no text to import.")


class PdfEncrypted(ContentInputError):
    code = "pdf_encrypted"
    default_message = _(
        "This PDF is protected with a password. Save a copy without a password and upload that."
    )


class PdfCorrupt(ContentInputError):
    code = "pdf_corrupt"
    default_message = _("This PDF is damaged and could not be read.")


class PdfNoText(ContentInputError):
    code = "pdf_no_text"
    default_message = _(
        "This PDF has no text layer (is it a scan?). Upload a PDF with selectable text, or "
        "paste the text into a new article."
    )


class DocxCorrupt(ContentInputError):
    code = "docx_corrupt"
    default_message = _("This Word document is damaged and could not be read.")


# --- web imports -------------------------------------------------------------------------------


class ImportUrlInvalid(ContentInputError):
    code = "import_url_invalid"
    default_message = _("Enter a full web address starting with http:// or https://.")


class ImportAddressBlocked(ContentInputError):
    """The host resolves to a private, loopback or link-local address (see
    KNOWLEDGE_IMPORT_ALLOW_PRIVATE_HOSTS: a server must not fetch its own network for anyone)."""

    code = "import_address_blocked"
    default_message = _("This address points into a private network and cannot be imported.")


class ImportUnreachable(ContentInputError):
    code = "import_unreachable"
    default_message = _("The website could not be reached.")


class ImportTimeout(ContentInputError):
    code = "import_timeout"
    default_message = _("The website took too long to answer.")


class ImportHttpError(ContentInputError):
    code = "import_http_error"
    default_message = _("The website answered with an error.")


class ImportTooLarge(ContentInputError):
    code = "import_too_large"
    default_message = _("The page is too large to import.")


class ImportTooManyRedirects(ContentInputError):
    code = "import_too_many_redirects"
    default_message = _("The page redirects too many times (a redirect loop?).")


class ImportNotHtml(ContentInputError):
    code = "import_not_html"
    default_message = _("This address is not a web page.")


class SitemapInvalid(ContentInputError):
    code = "sitemap_invalid"
    default_message = _("This is not a sitemap (an XML file listing the site's pages).")


class SitemapEmpty(ContentInputError):
    code = "sitemap_empty"
    default_message = _("The sitemap lists no pages.")
