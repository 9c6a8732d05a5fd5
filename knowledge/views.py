"""Dashboard pages for content: every role reads; owners, admins and managers write."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from core.dashboard import StoreRequest, store_view
from core.roles import Action
from knowledge.forms import ArticleFilterForm, ArticleForm
from knowledge.markdown_html import markdown_to_safe_html
from knowledge.selectors import article_get, article_list
from knowledge.services import article_create, article_update


@store_view(Action.VIEW)
@require_GET
@vary_on_headers("HX-Request")
def article_list_page(request: StoreRequest) -> HttpResponse:
    filter_form = ArticleFilterForm(request.GET)
    filters = filter_form.filters()
    articles = article_list(store=request.store, **filters)
    context = {"articles": articles, "filter_form": filter_form, "filtered": any(filters.values())}
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        return render(request, "knowledge/includes/article_table.html", context)
    return render(request, "knowledge/list.html", context)


@store_view(Action.VIEW)
@require_GET
def article_detail_page(request: StoreRequest, article_id: int) -> HttpResponse:
    article = article_get(store=request.store, article_id=article_id)
    body_html = markdown_to_safe_html(article.body)
    return render(request, "knowledge/detail.html", {"article": article, "body_html": body_html})


@store_view(Action.EDIT_CONTENT)
@require_http_methods(["GET", "POST"])
def article_create_page(request: StoreRequest) -> HttpResponse:
    if request.method != "POST":
        form = ArticleForm(initial={"language": request.store.default_language, "status": "draft"})
        return render(request, "knowledge/form.html", {"form": form, "article": None})
    form = ArticleForm(request.POST)
    if not form.is_valid():
        return render(request, "knowledge/form.html", {"form": form, "article": None})
    article = article_create(store=request.store, **form.cleaned_data)
    messages.success(request, _("Article created."))
    return redirect("knowledge:detail", store_slug=request.store.slug, article_id=article.id)


@store_view(Action.EDIT_CONTENT)
@require_http_methods(["GET", "POST"])
def article_edit_page(request: StoreRequest, article_id: int) -> HttpResponse:
    article = article_get(store=request.store, article_id=article_id)
    if request.method != "POST":
        form = ArticleForm.for_article(article)
        return render(request, "knowledge/form.html", {"form": form, "article": article})
    form = ArticleForm(request.POST)
    if not form.is_valid():
        return render(request, "knowledge/form.html", {"form": form, "article": article})
    article_update(store=request.store, article_id=article.id, **form.cleaned_data)
    messages.success(request, _("Article saved."))
    return redirect("knowledge:detail", store_slug=request.store.slug, article_id=article.id)
