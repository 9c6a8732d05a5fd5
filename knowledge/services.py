"""Writes about the store's content: articles, their version history and publishing.

**Versions.** Every save that changes an article's title, body or language writes a new
:class:`ArticleVersion` (who, when, the full text). History is append-only: restoring an old
version writes a new version with the old text. The ``Article`` row holds the latest text.

**Publishing.** ``Article.published_version`` names the version the agent uses, and
``status`` is "published" exactly when there is one; ``published_at`` is when that version
went live. Saving with status "published" publishes the saved version. Saving with status
"draft" keeps the new text as a draft: an article that is live *stays live with its last
published version* and shows "unpublished changes" until the merchant publishes — so a policy
can be reworked without the agent quoting half-finished text. Taking an article offline is
its own action, :func:`article_unpublish`.

**Search index.** After any change to what the agent uses (publish, unpublish, deleting a live
article) the article is re-indexed after commit by the ``knowledge_article_reindex`` task.

Content arriving from a source (upload, web page, sitemap, Shopify policy) goes through
:func:`article_source_upsert`, keyed by the store and ``source_ref``, so importing the same
file or page again updates its article (a new version) instead of duplicating it.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.db import transaction
from django.utils import timezone

from core.errors import NotFound
from core.models import Store
from core.validation import full_clean_or_fail
from knowledge.ingest.language import language_detect
from knowledge.models import Article, ArticleVersion
from knowledge.selectors import article_version_get

# Who did it: the signed-in member, or None for the system (imports run by tasks, the demo).
User = AuthUser | AnonymousUser | None


@transaction.atomic
def article_create(
    *,
    store: Store,
    title: str,
    body: str,
    language: str | None = None,
    status: str = Article.Status.DRAFT,
    user: User = None,
) -> Article:
    """Create a hand-written article (source: manual) as version 1, published when ``status``
    is "published". ``language`` None: detected from the text (the store's default when it
    cannot be told); a given language counts as set by hand."""
    return _article_new(
        store=store,
        title=title,
        body=body,
        language=language or _language_guess(store=store, title=title, body=body),
        language_overridden=language is not None,
        source=Article.Source.MANUAL,
        source_ref="",
        user=user,
        publish=status == Article.Status.PUBLISHED,
    )


@transaction.atomic
def article_update(
    *,
    store: Store,
    article_id: int,
    title: str | None = None,
    body: str | None = None,
    language: str | None = None,
    status: str | None = None,
    user: User = None,
) -> Article:
    """Change the given fields (None = keep) of one of the store's articles.

    A change to title, body or language writes version ``version + 1``; an edit that changes
    nothing writes nothing. ``status``: "published" publishes the (new) latest version;
    "draft" saves without publishing (a live article keeps its published version live);
    None keeps the article's state — an article whose live version is its latest stays up to
    date (the new version is published), anything else gets a draft. Changing the language
    marks it as set by hand. Raises NotFound for an id that is not the store's.
    """
    article = _article_lock(store=store, article_id=article_id)
    if status is None:
        up_to_date = article.published_version == article.version
        status = Article.Status.PUBLISHED if up_to_date else Article.Status.DRAFT
    if language is not None and language != article.language:
        article.language_overridden = True
    _content_save(
        article=article,
        title=title if title is not None else article.title,
        body=body if body is not None else article.body,
        language=language if language is not None else article.language,
        user=user,
    )
    if status == Article.Status.PUBLISHED:
        _publish(article=article, user=user)
    return article


@transaction.atomic
def article_publish(*, store: Store, article_id: int, user: User = None) -> Article:
    """Make the article's latest version the one the agent uses. Publishing what is already
    live changes nothing. Raises NotFound for another store's article."""
    article = _article_lock(store=store, article_id=article_id)
    _publish(article=article, user=user)
    return article


@transaction.atomic
def article_unpublish(*, store: Store, article_id: int, user: User = None) -> Article:
    """Take the article offline: the agent stops using it (its text and history stay).
    Unpublishing a draft changes nothing. Raises NotFound for another store's article."""
    article = _article_lock(store=store, article_id=article_id)
    if article.published_version is None and article.status == Article.Status.DRAFT:
        return article
    article.status = Article.Status.DRAFT
    article.published_version = None
    article.published_at = None
    article.save(update_fields=["status", "published_version", "published_at", "updated_at"])
    _reindex_on_commit(article)
    return article


@transaction.atomic
def article_version_restore(
    *, store: Store, article_id: int, version: int, user: User = None, publish: bool = False
) -> Article:
    """Bring back the text of an earlier version as a new version (history is never
    rewritten): a draft, or published right away with ``publish``. Raises NotFound for a
    version the article does not have, or another store's article."""
    old = article_version_get(store=store, article_id=article_id, version=version)
    return article_update(
        store=store,
        article_id=article_id,
        title=old.title,
        body=old.body,
        language=old.language,
        status=Article.Status.PUBLISHED if publish else Article.Status.DRAFT,
        user=user,
    )


@transaction.atomic
def article_delete(*, store: Store, article_id: int) -> None:
    """Delete one of the store's articles with its history and chunks. Raises NotFound for
    another store's."""
    article = _article_lock(store=store, article_id=article_id)
    was_live = article.published_version is not None
    article.delete()
    if was_live:
        store_id = store.pk
        transaction.on_commit(lambda: _reindex_queue(store_id, article_id))


@transaction.atomic
def article_source_upsert(
    *,
    store: Store,
    source: str,
    source_ref: str,
    title: str,
    markdown: str,
    language: str | None,
    user: User = None,
    publish: bool = False,
    language_known: bool = False,
) -> tuple[Article, bool]:
    """Create or update the store's article that came from ``source_ref`` (a file name, a
    URL, "shopify:refund_policy" ...). Returns (article, whether its text changed).

    New text becomes a new version: a draft for the merchant to review, or published with
    ``publish``; the same text again changes nothing (re-running an import is harmless).
    ``language`` is the detected language (None: unknown, so the store's default); a
    language the merchant set by hand is kept. ``language_known``: the source states the
    language (a shop locale, the demo), so it counts as set by hand.
    """
    article = Article.objects.select_for_update().filter(store=store, source_ref=source_ref).first()
    if article is None:
        article = _article_new(
            store=store,
            title=title,
            body=markdown,
            language=language or store.default_language,
            language_overridden=language_known and language is not None,
            source=source,
            source_ref=source_ref,
            user=user,
            publish=publish,
        )
        return article, True
    if language_known and language is not None:
        article.language_overridden = True
    elif article.language_overridden or language is None:
        language = article.language
    changed = _content_save(
        article=article, title=title, body=markdown, language=language, user=user
    )
    if publish:
        _publish(article=article, user=user)
    return article, changed


# --- internals ---------------------------------------------------------------------------------


def _article_new(
    *,
    store: Store,
    title: str,
    body: str,
    language: str,
    language_overridden: bool,
    source: str,
    source_ref: str,
    user: User,
    publish: bool,
) -> Article:
    article = Article(
        store=store,
        title=title,
        body=body,
        language=language,
        language_overridden=language_overridden,
        source=source,
        source_ref=source_ref,
        status=Article.Status.DRAFT,
        version=1,
    )
    full_clean_or_fail(article)
    article.save()
    _version_write(article=article, user=user)
    if publish:
        _publish(article=article, user=user)
    return article


def _article_lock(*, store: Store, article_id: int) -> Article:
    """The store's article, locked until the transaction ends (two saves never both write
    version N+1). Raises NotFound."""
    article = Article.objects.select_for_update().filter(store=store, id=article_id).first()
    if article is None:
        raise NotFound()
    return article


def _content_save(*, article: Article, title: str, body: str, language: str, user: User) -> bool:
    """Write a new version when title, body or language differ. Returns whether it did."""
    if (article.title, article.body, article.language) == (title, body, language):
        return False
    article.title, article.body, article.language = title, body, language
    article.version += 1
    full_clean_or_fail(article)
    article.save()
    _version_write(article=article, user=user)
    return True


def _version_write(*, article: Article, user: User) -> ArticleVersion:
    return ArticleVersion.objects.create(
        store_id=article.store_id,
        article=article,
        version=article.version,
        title=article.title,
        body=article.body,
        language=article.language,
        status=Article.Status.DRAFT,
        created_by=user_or_none(user),
    )


def _publish(*, article: Article, user: User) -> None:
    if article.published_version == article.version and article.status == (
        Article.Status.PUBLISHED
    ):
        return
    row = ArticleVersion.objects.filter(article=article, version=article.version).first()
    if row is None:
        # An article saved before versions existed: its current text becomes this version.
        row = _version_write(article=article, user=user)
    if row.status != Article.Status.PUBLISHED:
        row.status = Article.Status.PUBLISHED
        row.save(update_fields=["status"])
    article.status = Article.Status.PUBLISHED
    article.published_version = article.version
    article.published_at = timezone.now()
    article.save(update_fields=["status", "published_version", "published_at", "updated_at"])
    _reindex_on_commit(article)


def _language_guess(*, store: Store, title: str, body: str) -> str:
    return language_detect(text=f"{title}\n\n{body}") or store.default_language


def user_or_none(user: User) -> AuthUser | None:
    """The signed-in user to record as author, or None (anonymous, system, demo)."""
    return user if isinstance(user, AuthUser) else None


def _reindex_on_commit(article: Article) -> None:
    store_id, article_id = article.store_id, article.pk
    transaction.on_commit(lambda: _reindex_queue(store_id, article_id))


def _reindex_queue(store_id: int, article_id: int) -> None:
    # Imported here: the search side's tasks import this module's neighbours.
    from knowledge.tasks_embed import knowledge_store_embed
    from knowledge.tasks_search import knowledge_article_reindex

    # Embedding follows the re-index (it reads the new chunks); a chain keeps that order
    # whichever worker picks the tasks up.
    (
        knowledge_article_reindex.si(store_id, article_id) | knowledge_store_embed.si(store_id)
    ).delay()
