"""The merchant's content: articles and the heading-aware chunks the agent retrieves."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import LANGUAGE_CHOICES, Store, TimeStamped


class Article(TimeStamped):
    class Source(models.TextChoices):
        MANUAL = "manual", _("Written in the dashboard")
        UPLOAD = "upload", _("Uploaded file")
        URL = "url", _("Web page")
        SITEMAP = "sitemap", _("Site import")
        SHOPIFY_POLICY = "shopify_policy", _("Shopify policy")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="articles")
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("body (Markdown)"))
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.MANUAL
    )
    source_ref = models.CharField(
        _("source reference"),
        max_length=1000,
        blank=True,
        default="",
        help_text=_("File name or URL the article came from."),
    )
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)
    language_overridden = models.BooleanField(_("language set by hand"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    # The version the agent uses (None: never published, or unpublished since).
    published_version = models.PositiveIntegerField(_("published version"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["title"]
        indexes = [models.Index(fields=["store", "status", "language"])]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return self.title


class ArticleVersion(models.Model):
    """A snapshot of an article as it was saved: the history, and what answers cite.

    Every change to an article writes a new version. ``Article.published_version`` names the
    version the agent uses; an answer's trace records (article, version, chunk position), so
    the exact words it quoted can always be shown again.
    """

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("body (Markdown)"))
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)
    status = models.CharField(_("status"), max_length=20, choices=Article.Status.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        ordering = ["article", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "version"], name="articleversion_unique_version"
            )
        ]
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class ImportJob(TimeStamped):
    """A background content import (file upload, web page, sitemap, Shopify policies) with its
    progress, so the dashboard can show it live and nothing is half-saved on failure."""

    class Kind(models.TextChoices):
        UPLOAD = "upload", _("File upload")
        URL = "url", _("Web page")
        SITEMAP = "sitemap", _("Site import")
        SHOPIFY_POLICIES = "shopify_policies", _("Shopify policies")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="import_jobs")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    source = models.CharField(_("source"), max_length=1000, blank=True, default="")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True, default="")
    article_ids = models.JSONField(_("articles created or updated"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.source}".strip()


class Chunk(models.Model):
    """One passage of an article under its heading path, e.g. ["Returns", "Sale items"]."""

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="chunks")
    article_version = models.PositiveIntegerField(_("article version"))
    position = models.PositiveIntegerField(_("position"))
    heading_path = models.JSONField(_("heading path"), default=list)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)
    # The chunk's normalised search terms (stemmed, compounds split), computed once when the
    # chunk is cut, so building a store's index never re-analyses text.
    terms = models.JSONField(_("search terms"), default=list, blank=True)

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "article_version", "position"], name="chunk_unique_position"
            )
        ]
        verbose_name = _("chunk")
        verbose_name_plural = _("chunks")

    def __str__(self) -> str:
        return " › ".join([self.article.title, *self.heading_path])


class SearchIndexState(models.Model):
    """Bumped in the same transaction as every rewrite of a store's chunks, so each process's
    in-memory search index knows, with one primary-key read, when to rebuild."""

    store = models.OneToOneField(
        Store, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    version = models.PositiveBigIntegerField(_("index version"), default=0)
    # Bumped whenever passage embeddings are added or dropped, so each process's dense matrix
    # (``knowledge.dense``) knows when to load the new vectors.
    embeddings_version = models.PositiveBigIntegerField(_("embeddings version"), default=0)

    class Meta:
        verbose_name = _("search index state")
        verbose_name_plural = _("search index states")

    def __str__(self) -> str:
        return f"{self.store_id}: v{self.version}"


class PassageEmbedding(models.Model):
    """A passage's multilingual embedding (``knowledge.embeddings``), keyed by a hash of the
    embedded text and the model, so re-cutting an unchanged article reuses its vectors."""

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("key"), max_length=64)
    # float32 little-endian, ``knowledge.embeddings.DIMENSIONS`` values, unit length.
    vector = models.BinaryField(_("vector"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["store", "key"], name="passageembedding_unique_key")
        ]
        verbose_name = _("passage embedding")
        verbose_name_plural = _("passage embeddings")

    def __str__(self) -> str:
        return f"{self.store_id}: {self.key[:12]}"
