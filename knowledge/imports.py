"""Content imports: an uploaded file (at once), a web page, a whole site from its sitemap or
the shop's Shopify policies (in the background, with progress), each becoming articles
through ``article_source_upsert``.

Every import is recorded as an :class:`ImportJob` the dashboard lists: status, ``done`` of
``total`` items, the articles it created or updated, and the errors in words.

**Drafts by default.** Imported text is saved as a draft (a new version of the article when
the file or page was imported before) for the merchant to review and publish: the agent quotes
content word for word, and a page read from a website can carry leftovers (cookie notices, old
prices) nobody meant as policy. ``publish=True`` publishes right away, for merchants who trust
their source.

**Background jobs** run :func:`import_job_run` in a Celery task. It is idempotent and
resumable: articles are keyed by (store, source_ref), so a redelivered task re-saves the same
text as no change; each page's article and the job's progress are saved in one transaction,
and a rerun skips the ``done`` pages. A page that fails is recorded and the import goes on.

**Shopify policies** are read through the store's Shopify connection (all of them, before
anything is saved), then saved in one transaction: a Shopify error or a broken connection
fails the job in words with nothing saved, and a rerun writes a new version only where a
policy's text changed.

Adding a kind: write a runner ``(job, options) -> None`` that calls
:func:`import_item_save` / :func:`import_item_failed` per item, register it in
``IMPORT_RUNNERS``, and start jobs with :func:`import_job_start`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.errors import ValidationFailed
from core.models import Store
from integrations.shopify.connection import ShopifyNotConnected, connection_usable_get
from knowledge.errors import ContentInputError, EmptyDocument, ImportNotHtml
from knowledge.ingest.documents import document_extract
from knowledge.ingest.fetch import FetchedPage, import_url_check, page_fetch
from knowledge.ingest.html import html_to_markdown
from knowledge.ingest.language import language_detect
from knowledge.ingest.shopify_policies import PolicyDocument, shopify_policies_read
from knowledge.ingest.sitemap import sitemap_pages
from knowledge.models import Article, ImportJob
from knowledge.services import User, article_source_upsert, user_or_none

logger = logging.getLogger(__name__)

HTML_TYPES = {"text/html", "application/xhtml+xml"}


@dataclass(frozen=True)
class ImportOptions:
    """What the merchant chose when starting an import (travels with the task)."""

    publish: bool = False
    max_pages: int = 1


# --- starting ----------------------------------------------------------------------------------


def import_upload(
    *,
    store: Store,
    filename: str,
    content: bytes,
    user: User = None,
    content_type: str | None = None,
    publish: bool = False,
) -> Article:
    """Read one uploaded file and save it as an article (a draft unless ``publish``), keyed
    by its file name: uploading the same name again gives that article a new version.

    All or nothing: on any error (a ``knowledge.errors`` upload error, raised to the caller)
    no article or version is saved. Either way the import is listed as an ImportJob.
    """
    name = PurePath(filename.replace("\\", "/")).name[:1000] or "upload"
    job = ImportJob.objects.create(
        store=store,
        kind=ImportJob.Kind.UPLOAD,
        source=name,
        status=ImportJob.Status.RUNNING,
        total=1,
        created_by=user_or_none(user),
    )
    try:
        with transaction.atomic():
            document = document_extract(filename=name, content=content, content_type=content_type)
            article, _changed = article_source_upsert(
                store=store,
                source=Article.Source.UPLOAD,
                source_ref=name,
                title=document.title,
                markdown=document.markdown,
                language=document.language,
                user=user,
                publish=publish,
            )
    except ContentInputError as exc:
        _job_finish(job=job, status=ImportJob.Status.FAILED, error=str(exc.message))
        raise
    job.done = 1
    job.article_ids = [article.pk]
    _job_finish(job=job, status=ImportJob.Status.DONE)
    return article


def import_url_start(
    *, store: Store, url: str, user: User = None, publish: bool = False
) -> ImportJob:
    """Queue the import of one web page. The address is checked now (ImportUrlInvalid,
    ImportAddressBlocked); fetching happens in the background."""
    return import_job_start(
        store=store,
        kind=ImportJob.Kind.URL,
        source=import_url_check(url=url),
        user=user,
        options=ImportOptions(publish=publish, max_pages=1),
    )


def import_sitemap_start(
    *,
    store: Store,
    sitemap_url: str,
    max_pages: int | None = None,
    user: User = None,
    publish: bool = False,
) -> ImportJob:
    """Queue a site import: the pages listed in ``sitemap_url`` (a sitemap or sitemap index),
    at most ``max_pages`` (1 to KNOWLEDGE_IMPORT_MAX_PAGES; default that maximum)."""
    limit: int = settings.KNOWLEDGE_IMPORT_MAX_PAGES
    pages = limit if max_pages is None else max_pages
    if not 1 <= pages <= limit:
        raise ValidationFailed(
            _("A site import reads 1 to %(limit)d pages.") % {"limit": limit},
            detail={"max_pages": [_("Choose a number from 1 to %(limit)d.") % {"limit": limit}]},
        )
    return import_job_start(
        store=store,
        kind=ImportJob.Kind.SITEMAP,
        source=import_url_check(url=sitemap_url),
        user=user,
        options=ImportOptions(publish=publish, max_pages=pages),
    )


def import_shopify_policies_start(
    *, store: Store, user: User = None, publish: bool = False
) -> ImportJob:
    """Queue the import of the shop's legal policies from Shopify: an article per policy and
    language (drafts unless ``publish``). Raises ShopifyNotConnected, with the reason in
    words, when the store has no usable Shopify connection."""
    connection = connection_usable_get(store=store)
    return import_job_start(
        store=store,
        kind=ImportJob.Kind.SHOPIFY_POLICIES,
        source=connection.shop_domain,
        user=user,
        options=ImportOptions(publish=publish),
    )


def shopify_policies_unavailable_reason(*, store: Store) -> str | None:
    """Why the store's Shopify policies cannot be imported now (no usable connection), in
    words; None when they can."""
    try:
        connection_usable_get(store=store)
    except ShopifyNotConnected as exc:
        return str(exc.message)
    return None


def import_job_start(
    *, store: Store, kind: str, source: str, user: User, options: ImportOptions
) -> ImportJob:
    """Record a queued import and run it in the background after commit. Errors are later
    written in the language active now (the merchant's)."""
    job = ImportJob.objects.create(
        store=store,
        kind=kind,
        source=source,
        status=ImportJob.Status.QUEUED,
        created_by=user_or_none(user),
    )
    job_id = job.pk
    language = translation.get_language() or settings.LANGUAGE_CODE
    transaction.on_commit(lambda: _run_queue(job_id, language, options))
    return job


def _run_queue(job_id: int, language: str, options: ImportOptions) -> None:
    # Imported here: the tasks module imports this one.
    from knowledge.tasks import knowledge_import_run

    knowledge_import_run.delay(job_id, language, options.publish, options.max_pages)


# --- running -----------------------------------------------------------------------------------


def import_job_run(*, job_id: int, options: ImportOptions) -> None:
    """Run (or resume) a queued import. A finished job is left alone, so a redelivered task
    does nothing twice. Failures end up in the job, never raised."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or job.status in (ImportJob.Status.DONE, ImportJob.Status.FAILED):
        return
    runner = IMPORT_RUNNERS.get(job.kind)
    if runner is None:
        _job_finish(job=job, status=ImportJob.Status.FAILED, error=_("Unknown kind of import."))
        return
    job.status = ImportJob.Status.RUNNING
    job.save(update_fields=["status", "updated_at"])
    try:
        runner(job, options)
    except ContentInputError as exc:
        _job_finish(job=job, status=ImportJob.Status.FAILED, error=str(exc.message))
        return
    except Exception:
        logger.exception("Import job %s failed", job_id)
        _job_finish(
            job=job,
            status=ImportJob.Status.FAILED,
            error=_("The import stopped because of an error on our side. Please try again."),
        )
        return
    failed_all = not job.article_ids and bool(job.error)
    _job_finish(job=job, status=ImportJob.Status.FAILED if failed_all else ImportJob.Status.DONE)


def _url_run(job: ImportJob, options: ImportOptions) -> None:
    job.total = 1
    job.save(update_fields=["total", "updated_at"])
    with transaction.atomic():
        article = page_import(
            store=job.store,
            url=job.source,
            source=Article.Source.URL,
            user=job.created_by,
            publish=options.publish,
        )
        import_item_save(job=job, article=article)


def _sitemap_run(job: ImportJob, options: ImportOptions) -> None:
    found = sitemap_pages(sitemap_url=job.source, max_pages=options.max_pages)
    if job.total is None:  # first run; a resumed run keeps its errors
        for ref, message in found.errors:
            _error_add(job=job, ref=ref, message=message)
    job.total = len(found.urls)
    job.save(update_fields=["total", "error", "updated_at"])
    for index, url in enumerate(found.urls):
        if index < job.done:
            continue  # done before a redelivery
        try:
            with transaction.atomic():
                article = page_import(
                    store=job.store,
                    url=url,
                    source=Article.Source.SITEMAP,
                    user=job.created_by,
                    publish=options.publish,
                )
                import_item_save(job=job, article=article)
        except ContentInputError as exc:
            import_item_failed(job=job, ref=url, message=str(exc.message))
        except Exception:
            logger.exception("Import job %s: page %s failed", job.pk, url)
            import_item_failed(job=job, ref=url, message=_("This page could not be read."))


def _shopify_policies_run(job: ImportJob, options: ImportOptions) -> None:
    documents = shopify_policies_read(store=job.store)
    # A rerun (a redelivered task) starts over: saving the same text again changes nothing.
    job.done, job.article_ids, job.total = 0, [], len(documents)
    job.save(update_fields=["done", "article_ids", "total", "updated_at"])
    try:
        with transaction.atomic():
            for document in documents:
                import_item_save(job=job, article=_policy_save(job, document, options.publish))
    except BaseException:
        job.done, job.article_ids = 0, []  # rolled back: the job must not name them
        raise


def _policy_save(job: ImportJob, document: PolicyDocument, publish: bool) -> Article:
    _policy_article_follow(store=job.store, source_ref=document.source_ref)
    article, _changed = article_source_upsert(
        store=job.store,
        source=Article.Source.SHOPIFY_POLICY,
        source_ref=document.source_ref,
        title=document.title,
        markdown=document.markdown,
        language=document.language,
        language_known=True,
        user=job.created_by,
        publish=publish,
    )
    return article


def _policy_article_follow(*, store: Store, source_ref: str) -> None:
    """A policy's address follows the shop's primary domain. When the merchant changed the
    domain, the article imported from the old address (same policy page, same locale folder)
    takes the new one, so the import updates it instead of adding a second copy."""
    if Article.objects.filter(store=store, source_ref=source_ref).exists():
        return
    path = urlsplit(source_ref).path
    earlier = Article.objects.filter(store=store, source=Article.Source.SHOPIFY_POLICY)
    for pk, ref in earlier.values_list("pk", "source_ref"):
        if urlsplit(ref).path == path:
            Article.objects.filter(pk=pk).update(source_ref=source_ref)
            return


IMPORT_RUNNERS: dict[str, Callable[[ImportJob, ImportOptions], None]] = {
    ImportJob.Kind.URL: _url_run,
    ImportJob.Kind.SITEMAP: _sitemap_run,
    ImportJob.Kind.SHOPIFY_POLICIES: _shopify_policies_run,
}


def page_import(*, store: Store, url: str, source: str, user: User, publish: bool) -> Article:
    """Fetch one web page and save its main content as the article for ``url``. Raises the
    fetch errors, ImportNotHtml or EmptyDocument."""
    page = page_fetch(url=url)
    if not _is_html(page):
        raise ImportNotHtml(
            _(
                "%(url)s is not a web page (it is %(type)s). To import a document, download "
                "it and upload the file."
            )
            % {"url": url, "type": page.content_type or _("of an unknown type")},
            detail={"content_type": page.content_type},
        )
    content = html_to_markdown(page.content, base_url=page.url, encoding=page.charset)
    if not content.markdown:
        raise EmptyDocument(_("The page %(url)s has no text to import.") % {"url": url})
    article, _changed = article_source_upsert(
        store=store,
        source=source,
        source_ref=url,
        title=content.title or url,
        markdown=content.markdown,
        language=language_detect(text=content.markdown),
        user=user,
        publish=publish,
    )
    return article


def import_item_save(*, job: ImportJob, article: Article) -> None:
    """Count one item done and remember its article (call inside the transaction that saved
    the article, so progress and content never disagree)."""
    if article.pk not in job.article_ids:
        job.article_ids = [*job.article_ids, article.pk]
    job.done += 1
    job.save(update_fields=["article_ids", "done", "updated_at"])


def import_item_failed(*, job: ImportJob, ref: str, message: str) -> None:
    """Count one item done that failed, with its reference and the error in words."""
    _error_add(job=job, ref=ref, message=message)
    job.done += 1
    job.save(update_fields=["error", "done", "updated_at"])


def _error_add(*, job: ImportJob, ref: str, message: str) -> None:
    line = f"{ref}: {message}"
    job.error = f"{job.error}\n{line}" if job.error else line


def _job_finish(*, job: ImportJob, status: str, error: str | None = None) -> None:
    job.status = status
    if error:
        job.error = error
    job.finished_at = timezone.now()
    job.save()


def _is_html(page: FetchedPage) -> bool:
    if page.content_type in HTML_TYPES:
        return True
    if page.content_type:
        return False
    head = page.content[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))
