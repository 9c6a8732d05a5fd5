"""Dashboard pages that show what the agent would use: the search tester and the conflict
finder. Every role may use them (VIEW)."""

from __future__ import annotations

import re

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from core.dashboard import StoreRequest, store_view
from core.roles import Action
from knowledge.analysis import language_guess
from knowledge.answers import knowledge_answer
from knowledge.conflicts import ConflictSide, content_conflict_list
from knowledge.forms_search import SearchTesterForm
from knowledge.search import knowledge_search

TESTER_LIMIT = 5
_MARKUP = re.compile(r"\*\*|__|`")


@store_view(Action.VIEW)
@require_GET
@vary_on_headers("HX-Request")
def search_tester_page(request: StoreRequest) -> HttpResponse:
    form = SearchTesterForm(request.GET or None)
    context: dict[str, object] = {"form": form, "asked": False}
    if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
        question = form.cleaned_data["q"]
        language = (
            form.cleaned_data["language"]
            or language_guess(question)
            or request.store.default_language
        )
        context.update(
            asked=True,
            language=language,
            hits=knowledge_search(
                store=request.store, query=question, language=language, limit=TESTER_LIMIT
            ),
            answer=knowledge_answer(store=request.store, question=question, language=language),
        )
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        return render(request, "knowledge/search_results.html", context)
    return render(request, "knowledge/search_tester.html", context)


@store_view(Action.VIEW)
@require_GET
def conflict_list_page(request: StoreRequest) -> HttpResponse:
    conflicts = content_conflict_list(store=request.store)
    rows = [
        {"conflict": c, "sides": [_side_view(c.first), _side_view(c.second)]} for c in conflicts
    ]
    return render(request, "knowledge/conflicts.html", {"rows": rows})


def _side_view(side: ConflictSide) -> dict[str, object]:
    """The side with its sentence cut around the value, so the page can mark it (escaped)."""
    flat = " ".join(_MARKUP.sub("", side.sentence).split())
    at = flat.find(side.value_text)
    if at < 0:
        parts = (flat, "", "")
    else:
        parts = (flat[:at], side.value_text, flat[at + len(side.value_text) :])
    return {"side": side, "before": parts[0], "value": parts[1], "after": parts[2]}
