"""Sitemaps (https://www.sitemaps.org/protocol.html): a ``<urlset>`` of page addresses, or a
``<sitemapindex>`` of further sitemaps; either may be gzipped.

Parsed with defusedxml, which refuses the XML tricks a hostile site could send (entity
expansion "billion laughs", external entities reading local files). Gzip is inflated only up
to the import size limit.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.conf import settings
from django.utils.translation import gettext as _

from knowledge.errors import ContentInputError, SitemapEmpty, SitemapInvalid
from knowledge.ingest.fetch import page_fetch

# A sitemap index may point to sitemaps that point to more; read at most this many files.
MAX_SITEMAP_FILES = 20


@dataclass(frozen=True)
class Sitemap:
    pages: list[str]
    sitemaps: list[str]


@dataclass
class SitemapPages:
    """The page addresses found (in sitemap order, no duplicates, at most ``max_pages``) and,
    per child sitemap that could not be read, its address and the error in words."""

    urls: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)


def sitemap_parse(content: bytes) -> Sitemap:
    """The ``<loc>`` addresses of a sitemap or sitemap index. Raises SitemapInvalid."""
    if content[:2] == b"\x1f\x8b":
        content = _gunzip(content)
    try:
        root = fromstring(content)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise SitemapInvalid() from exc
    kind = _local_name(root)
    if kind not in {"urlset", "sitemapindex"}:
        raise SitemapInvalid()
    entry = "url" if kind == "urlset" else "sitemap"
    locations = [
        loc.text.strip()
        for child in root
        if _local_name(child) == entry
        for loc in child
        if _local_name(loc) == "loc" and loc.text and loc.text.strip()
    ]
    web = [url for url in locations if urlsplit(url).scheme in {"http", "https"}]
    return Sitemap(pages=web, sitemaps=[]) if kind == "urlset" else Sitemap(pages=[], sitemaps=web)


def sitemap_pages(*, sitemap_url: str, max_pages: int) -> SitemapPages:
    """Read ``sitemap_url`` (following a sitemap index breadth-first) until ``max_pages`` page
    addresses are found. The first sitemap's failure is raised (the import cannot start: any
    ``knowledge.errors`` import error, SitemapInvalid, or SitemapEmpty when no page is listed);
    a child sitemap's failure is collected and the rest is read."""
    found = SitemapPages()
    seen_pages: set[str] = set()
    queue: list[str] = [sitemap_url]
    seen_files: set[str] = set()
    while queue and len(found.urls) < max_pages and len(seen_files) < MAX_SITEMAP_FILES:
        url = queue.pop(0)
        if url in seen_files:
            continue
        seen_files.add(url)
        try:
            sitemap = sitemap_parse(page_fetch(url=url).content)
        except ContentInputError as exc:
            if url == sitemap_url:
                raise
            found.errors.append((url, str(exc.message)))
            continue
        for page in sitemap.pages:
            if page not in seen_pages and len(found.urls) < max_pages:
                seen_pages.add(page)
                found.urls.append(page)
        queue.extend(sitemap.sitemaps)
    if not found.urls and not found.errors:
        raise SitemapEmpty()
    return found


def _local_name(element: Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def _gunzip(content: bytes) -> bytes:
    limit: int = settings.KNOWLEDGE_IMPORT_MAX_BYTES
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(content)) as archive:
            inflated = archive.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise SitemapInvalid() from exc
    if len(inflated) > limit:
        raise SitemapInvalid(_("The sitemap is too large to read."))
    return inflated
