"""REST endpoints for articles: every role may read them; writing needs EDIT_CONTENT."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.base import StoreAPIView
from core.roles import Action
from knowledge.selectors import article_get, article_list
from knowledge.serializers import (
    ArticleCreateSerializer,
    ArticleListFilterSerializer,
    ArticleSerializer,
    ArticleUpdateSerializer,
)
from knowledge.services import article_create, article_delete, article_update


class ArticleListApi(StoreAPIView):
    required_actions = {"POST": Action.EDIT_CONTENT}

    @extend_schema(parameters=[ArticleListFilterSerializer], responses=ArticleSerializer(many=True))
    def get(self, request: Request) -> Response:
        filters = self.query(ArticleListFilterSerializer)
        return self.paginated(article_list(store=self.store, **filters), ArticleSerializer)

    @extend_schema(request=ArticleCreateSerializer, responses={201: ArticleSerializer})
    def post(self, request: Request) -> Response:
        article = article_create(store=self.store, **self.input(ArticleCreateSerializer))
        return Response(ArticleSerializer(article).data, status=status.HTTP_201_CREATED)


class ArticleDetailApi(StoreAPIView):
    required_actions = {"PATCH": Action.EDIT_CONTENT, "DELETE": Action.EDIT_CONTENT}

    @extend_schema(responses=ArticleSerializer)
    def get(self, request: Request, article_id: int) -> Response:
        return Response(
            ArticleSerializer(article_get(store=self.store, article_id=article_id)).data
        )

    @extend_schema(request=ArticleUpdateSerializer, responses=ArticleSerializer)
    def patch(self, request: Request, article_id: int) -> Response:
        data = self.input(ArticleUpdateSerializer)
        article = article_update(store=self.store, article_id=article_id, **data)
        return Response(ArticleSerializer(article).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, article_id: int) -> Response:
        article_delete(store=self.store, article_id=article_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
