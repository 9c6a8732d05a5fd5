"""Navigation helpers for the dashboard shell: which section is current, where the store
switcher leads."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest
from django.urls import ResolverMatch, reverse
from django.utils.safestring import mark_safe

register = template.Library()

# Each navigation entry: its URL name, and how to tell that a page belongs to it
# (URL namespace, and a prefix of the page's URL name within that namespace).
NAV_SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("skills:list", "skills", ""),
    ("knowledge:list", "knowledge", ""),
    ("integrations:index", "integrations", ""),
    ("agent:channels", "agent", "channel"),
    ("agent:handoff", "agent", "handoff"),
    ("agent:preview", "agent", "preview"),
    ("agent:conversations", "agent", "conversation"),
    ("agent:analytics", "agent", "analytic"),
)
HOME = "skills:list"
# URL arguments that mean the same thing in every store (skill ids come from the registry).
_SHARED_KWARGS = frozenset({"store_slug", "skill_id"})
# Form pages are not carried over to another store, where the role may differ.
_FORM_SUFFIXES = ("create", "edit", "new", "update")


def _match(request: HttpRequest | None) -> ResolverMatch | None:
    return getattr(request, "resolver_match", None) if request is not None else None


def section_of(match: ResolverMatch | None) -> str | None:
    """The navigation entry (URL name) a resolved page belongs to, or None."""
    if match is None:
        return None
    for view_name, namespace, prefix in NAV_SECTIONS:
        if match.namespace == namespace and (match.url_name or "").startswith(prefix):
            return view_name
    return None


@register.simple_tag(takes_context=True)
def nav_current(context: dict[str, Any], view_name: str) -> str:
    """` aria-current="page"` when the current page belongs to this navigation entry."""
    if section_of(_match(context.get("request"))) == view_name:
        return mark_safe(' aria-current="page"')
    return ""


@register.simple_tag(takes_context=True)
def store_switch_url(context: dict[str, Any], store_slug: str) -> str:
    """The same kind of page in another store when it means the same there, else the section's
    first page, else that store's Skills page."""
    request = context.get("request")
    match = _match(request)
    if match is None or "store_slug" not in match.kwargs:
        return reverse(HOME, kwargs={"store_slug": store_slug})
    same_page = (
        set(match.kwargs) <= _SHARED_KWARGS
        and not (match.url_name or "").endswith(_FORM_SUFFIXES)
        and match.view_name
    )
    if same_page:
        return reverse(match.view_name, kwargs={**match.kwargs, "store_slug": store_slug})
    return reverse(section_of(match) or HOME, kwargs={"store_slug": store_slug})
