"""``{{ text|markdown }}``: a quoted passage with its Markdown emphasis rendered and any HTML
shown as text (see knowledge.markdown_html.quoted_markdown_to_safe_html)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from knowledge.markdown_html import quoted_markdown_to_safe_html

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return quoted_markdown_to_safe_html(str(text))
