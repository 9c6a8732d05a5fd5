"""Merchant Markdown to HTML that is safe to put in a dashboard page.

Markdown passes raw HTML through, so the result is always cleaned with nh3 (an allow-list
sanitiser): scripts, styles, event handlers and ``javascript:`` links never survive.
"""

from __future__ import annotations

import markdown
import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def markdown_to_safe_html(text: str) -> SafeString:
    html = markdown.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    cleaned = nh3.clean(html, url_schemes=_URL_SCHEMES, link_rel="noopener noreferrer nofollow")
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 on the line above


_QUOTE_TAGS = {"p", "strong", "em", "code", "br", "ul", "ol", "li"}


def quoted_markdown_to_safe_html(text: str) -> SafeString:
    """A quoted passage: its Markdown emphasis and lists are rendered, but any HTML in it is
    shown as text (escaped), never as markup — this is what the agent would quote."""
    html = markdown.markdown(escape(text), extensions=["sane_lists"], output_format="html")
    return mark_safe(nh3.clean(html, tags=_QUOTE_TAGS, attributes={}))  # noqa: S308 - nh3
