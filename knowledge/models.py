"""The merchant's content: articles and the heading-aware chunks the agent retrieves."""

from __future__ import annotations

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
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["title"]
        indexes = [models.Index(fields=["store", "status", "language"])]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return self.title


class Chunk(models.Model):
    """One passage of an article under its heading path, e.g. ["Returns", "Sale items"]."""

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="chunks")
    article_version = models.PositiveIntegerField(_("article version"))
    position = models.PositiveIntegerField(_("position"))
    heading_path = models.JSONField(_("heading path"), default=list)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)

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
