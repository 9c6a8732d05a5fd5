"""Dashboard pages for content: every role reads; owners, admins and managers write.

Articles (list, page with version history, editor), publishing, restoring a version, file
uploads, web page, site and Shopify policy imports, and the imports list with live progress.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from core.dashboard import StoreRequest, store_view
from core.roles import Action
from integrations.shopify.connection import ShopifyNotConnected
from knowledge.errors import ContentInputError
from knowledge.forms import (
    ArticleFilterForm,
    ArticleForm,
    SitemapImportForm,
    UploadForm,
    UrlImportForm,
)
from knowledge.imports import (
    import_shopify_policies_start,
    import_sitemap_start,
    import_upload,
    import_url_start,
    shopify_policies_unavailable_reason,
)
from knowledge.ingest.documents import upload_size_check
from knowledge.markdown_html import markdown_to_safe_html
from knowledge.models import Article
from knowledge.selectors import (
    article_get,
    article_list,
    article_version_get,
    article_version_list,
    import_job_list,
    import_job_running,
)
from knowledge.services import (
    article_create,
    article_publish,
    article_unpublish,
    article_update,
    article_version_restore,
)

IMPORTS_SHOWN = 50


def _htmx_partial(request: StoreRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx and not htmx.history_restore_request)


@store_view(Action.VIEW)
@require_GET
@vary_on_headers("HX-Request")
def article_list_page(request: StoreRequest) -> HttpResponse:
    filter_form = ArticleFilterForm(request.GET)
    filters = filter_form.filters()
    articles = article_list(store=request.store, **filters)
    context = {"articles": articles, "filter_form": filter_form, "filtered": any(filters.values())}
    if _htmx_partial(request):
        return render(request, "knowledge/includes/article_table.html", context)
    context["shopify_policies_blocked"] = shopify_policies_unavailable_reason(store=request.store)
    return render(request, "knowledge/list.html", context)


@store_view(Action.VIEW)
@require_GET
def article_detail_page(request: StoreRequest, article_id: int) -> HttpResponse:
    article = article_get(store=request.store, article_id=article_id)
    body_html = markdown_to_safe_html(article.body)
    versions = article_version_list(store=request.store, article_id=article.id)
    return render(
        request,
        "knowledge/detail.html",
        {"article": article, "body_html": body_html, "versions": versions},
    )


@store_view(Action.EDIT_CONTENT)
@require_http_methods(["GET", "POST"])
def article_create_page(request: StoreRequest) -> HttpResponse:
    if request.method != "POST":
        form = ArticleForm(initial={"language": request.store.default_language, "status": "draft"})
        return render(request, "knowledge/form.html", {"form": form, "article": None})
    form = ArticleForm(request.POST)
    if not form.is_valid():
        return render(request, "knowledge/form.html", {"form": form, "article": None})
    article = article_create(store=request.store, user=request.user, **form.cleaned_data)
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
    saved = article_update(
        store=request.store, article_id=article.id, user=request.user, **form.cleaned_data
    )
    if saved.published_version is not None and saved.published_version != saved.version:
        messages.success(
            request,
            _("Draft saved. The agent keeps using version %(version)d until you publish.")
            % {"version": saved.published_version},
        )
    else:
        messages.success(request, _("Article saved."))
    return redirect("knowledge:detail", store_slug=request.store.slug, article_id=article.id)


@store_view(Action.EDIT_CONTENT)
@require_POST
def article_publish_action(request: StoreRequest, article_id: int) -> HttpResponse:
    article = article_publish(store=request.store, article_id=article_id, user=request.user)
    messages.success(
        request,
        _("Version %(version)d is published; the agent uses it now.")
        % {"version": article.version},
    )
    return redirect("knowledge:detail", store_slug=request.store.slug, article_id=article.id)


@store_view(Action.EDIT_CONTENT)
@require_POST
def article_unpublish_action(request: StoreRequest, article_id: int) -> HttpResponse:
    article = article_unpublish(store=request.store, article_id=article_id, user=request.user)
    messages.success(request, _("Unpublished. The agent no longer uses this article."))
    return redirect("knowledge:detail", store_slug=request.store.slug, article_id=article.id)


@store_view(Action.VIEW)
@require_GET
def article_version_page(request: StoreRequest, article_id: int, version: int) -> HttpResponse:
    found = article_version_get(store=request.store, article_id=article_id, version=version)
    return render(
        request,
        "knowledge/version.html",
        {
            "article": found.article,
            "version": found,
            "body_html": markdown_to_safe_html(found.body),
        },
    )


@store_view(Action.EDIT_CONTENT)
@require_POST
def article_version_restore_action(
    request: StoreRequest, article_id: int, version: int
) -> HttpResponse:
    publish = request.POST.get("publish") == "1"
    article = article_version_restore(
        store=request.store,
        article_id=article_id,
        version=version,
        user=request.user,
        publish=publish,
    )
    if publish:
        message = _("The text of version %(old)d is back and published (version %(new)d).")
    else:
        message = _("The text of version %(old)d is back as a draft (version %(new)d).")
    messages.success(request, message % {"old": version, "new": article.version})
    return redirect("knowledge:detail", store_slug=request.store.slug, article_id=article.id)


@store_view(Action.EDIT_CONTENT)
@require_http_methods(["GET", "POST"])
def upload_page(request: StoreRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "knowledge/upload.html", {"form": UploadForm(), "results": []})
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "knowledge/upload.html", {"form": form, "results": []})
    results: list[tuple[str, Article | None, str]] = []
    for upload in form.cleaned_data["documents"]:
        name = upload.name or ""
        try:
            upload_size_check(size=upload.size or 0)
            article = import_upload(
                store=request.store,
                filename=name,
                content=upload.read(),
                content_type=upload.content_type,
                user=request.user,
                publish=form.cleaned_data["publish"],
            )
        except ContentInputError as exc:
            results.append((name, None, str(exc.message)))
        else:
            results.append((name, article, ""))
    imported = [article for _name, article, _error in results if article is not None]
    if len(imported) == len(results):
        messages.success(
            request,
            ngettext("%(count)d file imported.", "%(count)d files imported.", len(imported))
            % {"count": len(imported)},
        )
        if len(imported) == 1:
            return redirect(
                "knowledge:detail", store_slug=request.store.slug, article_id=imported[0].id
            )
        return redirect("knowledge:list", store_slug=request.store.slug)
    return render(request, "knowledge/upload.html", {"form": UploadForm(), "results": results})


@store_view(Action.EDIT_CONTENT)
@require_GET
def import_page(request: StoreRequest) -> HttpResponse:
    return _import_page(request, url_form=UrlImportForm(), sitemap_form=SitemapImportForm())


@store_view(Action.EDIT_CONTENT)
@require_POST
def import_url_action(request: StoreRequest) -> HttpResponse:
    form = UrlImportForm(request.POST)
    if form.is_valid():
        try:
            import_url_start(
                store=request.store,
                url=form.cleaned_data["url"],
                user=request.user,
                publish=form.cleaned_data["publish"],
            )
        except ContentInputError as exc:
            form.add_error("url", str(exc.message))
        else:
            messages.success(request, _("Import started. Its progress is shown below."))
            return redirect("knowledge:imports", store_slug=request.store.slug)
    return _import_page(request, url_form=form, sitemap_form=SitemapImportForm())


@store_view(Action.EDIT_CONTENT)
@require_POST
def import_sitemap_action(request: StoreRequest) -> HttpResponse:
    form = SitemapImportForm(request.POST)
    if form.is_valid():
        try:
            import_sitemap_start(
                store=request.store,
                sitemap_url=form.cleaned_data["sitemap_url"],
                max_pages=form.cleaned_data["max_pages"],
                user=request.user,
                publish=form.cleaned_data["publish"],
            )
        except ContentInputError as exc:
            form.add_error("sitemap_url", str(exc.message))
        else:
            messages.success(request, _("Site import started. Its progress is shown below."))
            return redirect("knowledge:imports", store_slug=request.store.slug)
    return _import_page(request, url_form=UrlImportForm(), sitemap_form=form)


@store_view(Action.EDIT_CONTENT)
@require_POST
def import_shopify_policies_action(request: StoreRequest) -> HttpResponse:
    publish = request.POST.get("publish") == "1"
    try:
        import_shopify_policies_start(store=request.store, user=request.user, publish=publish)
    except ShopifyNotConnected as exc:
        messages.error(request, str(exc.message))
        return redirect("knowledge:list", store_slug=request.store.slug)
    if publish:
        messages.success(
            request, _("Shopify policies import started. Its progress is shown below.")
        )
    else:
        messages.success(
            request,
            _(
                "Shopify policies import started. Its progress is shown below; the policies "
                "arrive as drafts for you to review and publish."
            ),
        )
    return redirect("knowledge:imports", store_slug=request.store.slug)


def _import_page(
    request: StoreRequest, *, url_form: UrlImportForm, sitemap_form: SitemapImportForm
) -> HttpResponse:
    return render(
        request,
        "knowledge/import.html",
        {"url_form": url_form, "sitemap_form": sitemap_form},
    )


@store_view(Action.VIEW)
@require_GET
@vary_on_headers("HX-Request")
def import_list_page(request: StoreRequest) -> HttpResponse:
    """The store's imports. While one is queued or running, the table reloads itself every
    2 seconds (htmx) and stops once all are finished."""
    context = {
        "jobs": import_job_list(store=request.store)[:IMPORTS_SHOWN],
        "running": import_job_running(store=request.store),
    }
    if _htmx_partial(request):
        return render(request, "knowledge/includes/import_table.html", context)
    return render(request, "knowledge/imports.html", context)
