"""REST endpoints for articles, their versions, uploads and web imports: every role may read;
writing needs EDIT_CONTENT. Publishing rules: see knowledge/services.py."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.base import StoreAPIView
from core.roles import Action
from knowledge.imports import import_sitemap_start, import_upload, import_url_start
from knowledge.ingest.documents import upload_size_check
from knowledge.models import ImportJob
from knowledge.selectors import (
    article_get,
    article_list,
    article_version_get,
    article_version_list,
    import_job_get,
    import_job_list,
)
from knowledge.serializers import (
    ArticleCreateSerializer,
    ArticleListFilterSerializer,
    ArticleRestoreSerializer,
    ArticleSerializer,
    ArticleUpdateSerializer,
    ArticleVersionSerializer,
    ImportJobSerializer,
    ImportStartSerializer,
    UploadSerializer,
)
from knowledge.services import (
    article_create,
    article_delete,
    article_publish,
    article_unpublish,
    article_update,
    article_version_restore,
)


class ArticleListApi(StoreAPIView):
    required_actions = {"POST": Action.EDIT_CONTENT}

    @extend_schema(parameters=[ArticleListFilterSerializer], responses=ArticleSerializer(many=True))
    def get(self, request: Request) -> Response:
        filters = self.query(ArticleListFilterSerializer)
        return self.paginated(article_list(store=self.store, **filters), ArticleSerializer)

    @extend_schema(request=ArticleCreateSerializer, responses={201: ArticleSerializer})
    def post(self, request: Request) -> Response:
        data = self.input(ArticleCreateSerializer)
        article = article_create(store=self.store, user=request.user, **data)
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
        article = article_update(store=self.store, article_id=article_id, user=request.user, **data)
        return Response(ArticleSerializer(article).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, article_id: int) -> Response:
        article_delete(store=self.store, article_id=article_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ArticlePublishApi(StoreAPIView):
    required_actions = {"POST": Action.EDIT_CONTENT}

    @extend_schema(request=None, responses=ArticleSerializer)
    def post(self, request: Request, article_id: int) -> Response:
        """Make the latest version the one the agent uses (no change when it already is)."""
        article = article_publish(store=self.store, article_id=article_id, user=request.user)
        return Response(ArticleSerializer(article).data)


class ArticleUnpublishApi(StoreAPIView):
    required_actions = {"POST": Action.EDIT_CONTENT}

    @extend_schema(request=None, responses=ArticleSerializer)
    def post(self, request: Request, article_id: int) -> Response:
        """Take the article offline: the agent stops using it; text and history stay."""
        article = article_unpublish(store=self.store, article_id=article_id, user=request.user)
        return Response(ArticleSerializer(article).data)


class ArticleVersionListApi(StoreAPIView):
    @extend_schema(responses=ArticleVersionSerializer(many=True))
    def get(self, request: Request, article_id: int) -> Response:
        """The article's saved versions, newest first."""
        versions = article_version_list(store=self.store, article_id=article_id)
        return self.paginated(versions, ArticleVersionSerializer)


class ArticleVersionDetailApi(StoreAPIView):
    @extend_schema(responses=ArticleVersionSerializer)
    def get(self, request: Request, article_id: int, version: int) -> Response:
        found = article_version_get(store=self.store, article_id=article_id, version=version)
        return Response(ArticleVersionSerializer(found).data)


class ArticleVersionRestoreApi(StoreAPIView):
    required_actions = {"POST": Action.EDIT_CONTENT}

    @extend_schema(request=ArticleRestoreSerializer, responses=ArticleSerializer)
    def post(self, request: Request, article_id: int, version: int) -> Response:
        """Save this version's text as a new version: a draft, or published with publish."""
        article = article_version_restore(
            store=self.store,
            article_id=article_id,
            version=version,
            user=request.user,
            **self.input(ArticleRestoreSerializer),
        )
        return Response(ArticleSerializer(article).data)


class UploadApi(StoreAPIView):
    required_actions = {"POST": Action.EDIT_CONTENT}
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request=UploadSerializer, responses={201: ArticleSerializer})
    def post(self, request: Request) -> Response:
        """Import one file (TXT, Markdown, HTML, PDF, DOCX) as an article, keyed by its file
        name. All or nothing: an unreadable file saves nothing and answers its error code."""
        data = self.input(UploadSerializer)
        upload = data["file"]
        upload_size_check(size=upload.size)
        article = import_upload(
            store=self.store,
            filename=upload.name or "",
            content=upload.read(),
            content_type=upload.content_type,
            user=request.user,
            publish=data["publish"],
        )
        return Response(ArticleSerializer(article).data, status=status.HTTP_201_CREATED)


class ImportListApi(StoreAPIView):
    required_actions = {"POST": Action.EDIT_CONTENT}

    @extend_schema(responses=ImportJobSerializer(many=True))
    def get(self, request: Request) -> Response:
        return self.paginated(import_job_list(store=self.store), ImportJobSerializer)

    @extend_schema(request=ImportStartSerializer, responses={202: ImportJobSerializer})
    def post(self, request: Request) -> Response:
        """Start a web page or site import in the background; follow it with
        GET /knowledge/imports/{id}."""
        data = self.input(ImportStartSerializer)
        if data["kind"] == ImportJob.Kind.SITEMAP:
            job = import_sitemap_start(
                store=self.store,
                sitemap_url=data["url"],
                max_pages=data.get("max_pages"),
                user=request.user,
                publish=data["publish"],
            )
        else:
            job = import_url_start(
                store=self.store, url=data["url"], user=request.user, publish=data["publish"]
            )
        return Response(ImportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class ImportDetailApi(StoreAPIView):
    @extend_schema(responses=ImportJobSerializer)
    def get(self, request: Request, job_id: int) -> Response:
        """An import's progress (done of total), its articles and errors."""
        job = import_job_get(store=self.store, job_id=job_id)
        return Response(ImportJobSerializer(job).data)
