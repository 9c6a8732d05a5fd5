"""HTML (an uploaded file or a fetched web page) to clean Markdown that keeps its headings.

Three proven steps, no hand-written parsing:

1. BeautifulSoup (lxml) finds the main content — ``<main>``, ``role="main"``, a lone
   ``<article>``, else ``<body>`` — and drops the page's chrome (navigation, site header and
   footer, sidebars, forms) and everything that is not text (scripts, styles, iframes, media).
2. nh3, an allow-list sanitiser, keeps only text markup (headings, paragraphs, lists, tables,
   links, emphasis); scripts, iframes, event handlers (``onclick``), ``style`` attributes and
   ``javascript:`` links never survive, whatever step 1 missed.
3. markdownify turns that into Markdown with ``#`` headings, so chunking can cut by heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag
from markdownify import markdownify

# Elements that are never content; removed with everything inside them.
_NEVER_CONTENT = [
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "frame",
    "object",
    "embed",
    "svg",
    "canvas",
    "video",
    "audio",
    "picture",
    "img",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "dialog",
    "nav",
    "aside",
]
# Site chrome, removed when it sits outside the main content.
_CHROME = ["header", "footer"]
_CHROME_ROLES = ["navigation", "banner", "contentinfo", "complementary", "search", "dialog"]
_CHROME_ROLE_SELECTOR = ", ".join(f'[role="{role}"]' for role in _CHROME_ROLES)
_TEXT_TAGS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "blockquote",
    "pre",
    "code",
    "a",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "del",
    "sub",
    "sup",
    "small",
    "mark",
    "abbr",
    "div",
    "span",
    "section",
    "article",
    "header",
    "footer",
    "main",
}
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t\u00a0]+")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class HtmlContent:
    title: str
    markdown: str


def html_to_markdown(
    html: str | bytes, *, base_url: str | None = None, encoding: str | None = None
) -> HtmlContent:
    """The main content of ``html`` as sanitised Markdown, and the page's title (its first
    ``<h1>``, else ``<title>``, else ""). Relative links become absolute against ``base_url``.
    Bytes are decoded with ``encoding`` (the server's charset) or what the page declares.
    """
    if isinstance(html, bytes):
        soup = BeautifulSoup(html, "lxml", from_encoding=encoding)
    else:
        soup = BeautifulSoup(html, "lxml")
    page_title = _text(soup.title) if soup.title else ""
    container = _main_content(soup)
    for tag in container.find_all(_NEVER_CONTENT):
        tag.decompose()
    for tag in container.select(_CHROME_ROLE_SELECTOR):
        tag.decompose()
    for tag in container.find_all(_CHROME):
        if tag.find_parent(["main", "article", "section"]) is None:
            tag.decompose()
    if base_url:
        for link in container.find_all("a", href=True):
            link["href"] = urljoin(base_url, str(link["href"]))
    _whitespace_collapse(container)
    heading = container.find("h1")
    title = _text(heading) if heading else page_title
    cleaned = nh3.clean(
        str(container),
        tags=_TEXT_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel=None,
    )
    markdown = markdownify(cleaned, heading_style="ATX", bullets="-", strip=["span", "div"])
    return HtmlContent(title=title[:300], markdown=markdown_tidy(markdown))


def _main_content(soup: BeautifulSoup) -> Tag:
    for candidate in (soup.find("main"), soup.select_one('[role="main"]')):
        if isinstance(candidate, Tag):
            return candidate
    articles = soup.find_all("article")
    if len(articles) == 1 and isinstance(articles[0], Tag):
        return articles[0]
    body = soup.body
    return body if body is not None else soup


def _whitespace_collapse(container: Tag) -> None:
    """Source line breaks inside a paragraph are not breaks in the text (HTML renders them as
    spaces); keep them out of the Markdown, except in preformatted text."""
    for text in container.find_all(string=True):
        if isinstance(text, NavigableString) and text.find_parent("pre") is None:
            collapsed = _WHITESPACE.sub(" ", str(text))
            if collapsed != text:
                text.replace_with(collapsed)


def _text(tag: Tag) -> str:
    return _SPACES.sub(" ", tag.get_text(" ", strip=True)).strip()


def markdown_tidy(markdown: str) -> str:
    """Trailing spaces off, at most one blank line in a row, no blank start or end."""
    lines = [line.rstrip() for line in markdown.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
