"""API shapes for the knowledge base."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.models import LANGUAGE_CHOICES
from knowledge.models import Article


class ArticleSerializer(serializers.ModelSerializer[Article]):
    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "body",
            "language",
            "status",
            "source",
            "source_ref",
            "version",
            "published_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ArticleListFilterSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, required=False)
    status = serializers.ChoiceField(choices=Article.Status.choices, required=False)


class ArticleCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    body = serializers.CharField(help_text=_("Markdown."))
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES)
    status = serializers.ChoiceField(choices=Article.Status.choices, default=Article.Status.DRAFT)


class ArticleUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300, required=False)
    body = serializers.CharField(required=False, help_text=_("Markdown."))
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, required=False)
    status = serializers.ChoiceField(choices=Article.Status.choices, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs:
            raise serializers.ValidationError(_("Send at least one field to change."))
        return attrs
