"""GET /api/v1/knowledge/search: what the agent would use for a question (every role)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.base import StoreAPIView
from core.models import LANGUAGE_CHOICES
from knowledge.analysis import language_guess
from knowledge.answers import Answer, knowledge_answer
from knowledge.forms_search import MAX_QUESTION_CHARS
from knowledge.search import SearchHit, knowledge_search


class SearchQuerySerializer(serializers.Serializer[Any]):
    q = serializers.CharField(
        allow_blank=True,
        trim_whitespace=True,
        max_length=MAX_QUESTION_CHARS,
        help_text="The question, as a shopper would ask it. Longer than 1,000 characters: "
        "only the start is used.",
    )
    language = serializers.ChoiceField(
        choices=LANGUAGE_CHOICES,
        required=False,
        help_text="The question's language; passages in it rank higher. Omitted: detected.",
    )
    limit = serializers.IntegerField(min_value=1, max_value=20, default=5)


class SnippetPartSerializer(serializers.Serializer[Any]):
    text = serializers.CharField()
    match = serializers.BooleanField()


class SearchHitSerializer(serializers.Serializer[SearchHit]):
    chunk_id = serializers.IntegerField()
    article_id = serializers.IntegerField()
    article_title = serializers.CharField()
    article_version = serializers.IntegerField()
    position = serializers.IntegerField(help_text="The passage's position in that version.")
    heading_path = serializers.ListField(child=serializers.CharField())
    citation = serializers.CharField(help_text='"Article title › Heading › Sub".')
    language = serializers.CharField()
    score = serializers.FloatField()
    coverage = serializers.FloatField(
        help_text="Share of the question's words (weighted by rarity) in the passage, 0..1."
    )
    snippet = SnippetPartSerializer(many=True, help_text="Plain text; matched words flagged.")
    text = serializers.CharField(help_text="The passage (Markdown), verbatim.")


class AnswerSerializer(serializers.Serializer[Answer]):
    found = serializers.BooleanField()
    reason = serializers.ChoiceField(
        choices=["answered", "empty_question", "no_match", "not_relevant_enough", "topic_unknown"]
    )
    passage = serializers.CharField()
    sentences = serializers.ListField(child=serializers.CharField())
    citation = serializers.CharField()
    article_id = serializers.IntegerField(allow_null=True)
    article_version = serializers.IntegerField(allow_null=True)
    chunk_id = serializers.IntegerField(allow_null=True)
    chunk_position = serializers.IntegerField(allow_null=True)
    coverage = serializers.FloatField()


class SearchResultSerializer(serializers.Serializer[Any]):
    language = serializers.CharField(help_text="The language the question was taken to be in.")
    results = SearchHitSerializer(many=True)
    answer = AnswerSerializer()


class KnowledgeSearchApi(StoreAPIView):
    @extend_schema(parameters=[SearchQuerySerializer], responses=SearchResultSerializer)
    def get(self, request: Request) -> Response:
        params = self.query(SearchQuerySerializer)
        question = params["q"]
        language = params.get("language") or language_guess(question) or self.store.default_language
        hits = knowledge_search(
            store=self.store, query=question, language=language, limit=params["limit"]
        )
        answer = knowledge_answer(store=self.store, question=question, language=language)
        return Response(
            SearchResultSerializer({"language": language, "results": hits, "answer": answer}).data
        )
