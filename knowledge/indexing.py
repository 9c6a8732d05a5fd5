"""Cutting published articles into search chunks (services: they write Chunk rows).

An article's chunks are always cut from its *published* version (``Article.published_version``
-> ``ArticleVersion``), so the agent quotes exactly what is live and every answer can name the
version it came from. An article that is not published (or is gone) has no chunks.

``Chunk.terms`` holds the chunk's search terms (``knowledge.analysis.analyze``), then the unique
terms of its section headings written ``^term`` and of its article title written ``@term``
(a first heading equal to the title counts as the title); the search index counts both as
text and boosts them, section headings more than the title.

Each rewrite bumps the store's ``SearchIndexState.version`` in the same transaction, so every
process's in-memory index (``knowledge.search_index``) sees the change on its next search and
reads again only the articles that changed: those with chunk ids above the highest it saw,
and those whose published version moved. The bump comes *before* the chunks are written: the
update takes the state row's lock, so a store's re-indexes take turns from that point and
chunk ids grow in the order the re-indexes commit (on PostgreSQL a sequence hands out ids
when rows are inserted, not when they commit). Idempotent: re-indexing an unchanged article
writes the same rows again (under new ids).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from core.models import Store
from knowledge.analysis import Vocabulary, analyze
from knowledge.chunking import chunk_markdown
from knowledge.models import Article, ArticleVersion, Chunk, SearchIndexState

HEADING_PREFIX = "^"
TITLE_PREFIX = "@"


def chunk_terms(
    *, text: str, title: str, heading_path: tuple[str, ...], language: str, vocabulary: Vocabulary
) -> list[str]:
    """A chunk's stored terms: its text's, then its section headings' ("^") and title's ("@")."""
    terms = analyze(text, language=language, vocabulary=vocabulary)
    sections = list(heading_path)
    if sections and sections[0].casefold() == title.casefold():
        sections = sections[1:]
    heading = analyze("\n".join(sections), language=language, vocabulary=vocabulary)
    titled = analyze(title, language=language, vocabulary=vocabulary)
    return [
        *terms,
        *(HEADING_PREFIX + t for t in dict.fromkeys(heading)),
        *(TITLE_PREFIX + t for t in dict.fromkeys(titled)),
    ]


@transaction.atomic
def article_reindex(*, store: Store, article_id: int) -> int:
    """Re-cut one of the store's articles into chunks from its published version, or delete
    its chunks when it is unpublished or deleted. Returns the number of chunks written."""
    article = Article.objects.select_for_update().filter(store=store, id=article_id).first()
    version = None
    if article is not None and article.published_version is not None:
        version = ArticleVersion.objects.filter(
            store=store, article=article, version=article.published_version
        ).first()
    rows = (
        [] if article is None or version is None else _chunks_cut(article=article, version=version)
    )
    # Bumped before the chunks are written: the state row's lock makes the store's chunk
    # writers take turns, so new chunk ids grow in commit order (see the module docstring).
    search_index_bump(store=store)
    Chunk.objects.filter(store=store, article_id=article_id).delete()
    Chunk.objects.bulk_create(rows)
    return len(rows)


def _chunks_cut(*, article: Article, version: ArticleVersion) -> list[Chunk]:
    vocabulary = Vocabulary.from_text(f"{version.title}\n{version.body}")
    return [
        Chunk(
            store_id=article.store_id,
            article=article,
            article_version=version.version,
            position=draft.position,
            heading_path=list(draft.heading_path),
            text=draft.text,
            language=version.language,
            terms=chunk_terms(
                text=draft.text,
                title=version.title,
                heading_path=draft.heading_path,
                language=version.language,
                vocabulary=vocabulary,
            ),
        )
        for draft in chunk_markdown(version.body)
    ]


def store_reindex(*, store: Store) -> int:
    """Re-index every article of the store (e.g. after the analysis changed, or for content
    loaded without the services). Returns the number of chunks written."""
    article_ids = list(
        Article.objects.filter(store=store).order_by("id").values_list("id", flat=True)
    )
    orphaned = (
        Chunk.objects.filter(store=store)
        .exclude(article_id__in=article_ids)
        .values_list("article_id", flat=True)
        .distinct()
    )
    return sum(
        article_reindex(store=store, article_id=article_id)
        for article_id in sorted({*article_ids, *orphaned})
    )


def search_index_bump(*, store: Store) -> None:
    """Mark the store's indexed content as changed (call inside the transaction that writes,
    before it writes chunks: the row lock taken here orders the store's chunk writers)."""
    if SearchIndexState.objects.filter(store=store).update(version=F("version") + 1):
        return
    _, created = SearchIndexState.objects.get_or_create(store=store, defaults={"version": 1})
    if not created:
        SearchIndexState.objects.filter(store=store).update(version=F("version") + 1)
