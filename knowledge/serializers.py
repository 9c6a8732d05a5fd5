"""API shapes for the knowledge base."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.models import LANGUAGE_CHOICES
from knowledge.models import Article, ArticleVersion, ImportJob


class ArticleSerializer(serializers.ModelSerializer[Article]):
    has_unpublished_changes = serializers.SerializerMethodField(
        help_text=_(
            "Saved changes the agent does not use yet: the latest version is newer "
            "than the published one."
        )
    )

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "body",
            "language",
            "language_overridden",
            "status",
            "source",
            "source_ref",
            "version",
            "published_version",
            "has_unpublished_changes",
            "published_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "title": {"help_text": _("Of the latest version (which may be a draft).")},
            "body": {"help_text": _("Markdown, of the latest version (which may be a draft).")},
            "status": {"help_text": _("published: the agent uses published_version.")},
            "version": {"help_text": _("The latest version's number.")},
            "published_version": {"help_text": _("The version the agent uses, or null.")},
            "published_at": {"help_text": _("When the published version went live.")},
        }

    def get_has_unpublished_changes(self, article: Article) -> bool:
        return article.published_version is not None and article.published_version != (
            article.version
        )


class ArticleVersionSerializer(serializers.ModelSerializer[ArticleVersion]):
    created_by = serializers.CharField(
        source="created_by.username",
        allow_null=True,
        read_only=True,
        help_text=_("Who saved it (null: an import or the system)."),
    )

    class Meta:
        model = ArticleVersion
        fields = ["version", "title", "body", "language", "status", "created_by", "created_at"]
        read_only_fields = fields
        extra_kwargs = {
            "status": {"help_text": _("published once this version has gone live.")},
        }


class ArticleListFilterSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, required=False)
    status = serializers.ChoiceField(choices=Article.Status.choices, required=False)


_STATUS_HELP = _(
    "published: this version goes live. draft: saved without going live; an article that is "
    "live keeps its published version live (POST .../unpublish takes it offline)."
)


class ArticleCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    body = serializers.CharField(help_text=_("Markdown."))
    language = serializers.ChoiceField(
        choices=LANGUAGE_CHOICES,
        required=False,
        help_text=_("Leave out to detect it from the text."),
    )
    status = serializers.ChoiceField(
        choices=Article.Status.choices, default=Article.Status.DRAFT, help_text=_STATUS_HELP
    )


class ArticleUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300, required=False)
    body = serializers.CharField(required=False, help_text=_("Markdown."))
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, required=False)
    status = serializers.ChoiceField(
        choices=Article.Status.choices,
        required=False,
        help_text=_STATUS_HELP
        + " "
        + _("Left out: a live, up-to-date article stays up to date; otherwise a draft."),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs:
            raise serializers.ValidationError(_("Send at least one field to change."))
        return attrs


class ArticleRestoreSerializer(serializers.Serializer):
    publish = serializers.BooleanField(
        default=False, help_text=_("Publish the restored text at once (default: a draft).")
    )


class ImportJobSerializer(serializers.ModelSerializer[ImportJob]):
    class Meta:
        model = ImportJob
        fields = [
            "id",
            "kind",
            "source",
            "status",
            "done",
            "total",
            "error",
            "article_ids",
            "created_at",
            "updated_at",
            "finished_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "done": {"help_text": _("Pages or files handled so far (imported or failed).")},
            "total": {"help_text": _("How many there are; null until known.")},
            "error": {
                "help_text": _(
                    'What went wrong, in words: one line per failed page ("address: error").'
                )
            },
        }


class ImportStartSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[(ImportJob.Kind.URL, _("Web page")), (ImportJob.Kind.SITEMAP, _("Site import"))],
        help_text=_("url: one web page. sitemap: the pages a sitemap lists."),
    )
    url = serializers.CharField(
        max_length=1000, help_text=_("The page's address, or the sitemap's (kind sitemap).")
    )
    max_pages = serializers.IntegerField(
        required=False, min_value=1, help_text=_("Site imports: at most this many pages.")
    )
    publish = serializers.BooleanField(
        default=False,
        help_text=_("Publish what is imported at once (default: drafts to review)."),
    )


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text=_("A TXT, Markdown, HTML, PDF or DOCX file."), allow_empty_file=True
    )
    publish = serializers.BooleanField(
        default=False, help_text=_("Publish at once (default: a draft to review).")
    )
