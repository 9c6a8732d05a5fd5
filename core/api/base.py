"""The base of every store-scoped API view.

``StoreAPIView`` authenticates (token or session), binds the request to one store
(``request.store``, ``request.membership``) and checks the role rule declared per method in
``required_actions``. Subclasses only parse input, call one service or selector, and shape output.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, cast

from django.db.models import QuerySet
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from core.api.permissions import StoreRolePermission
from core.api.tenancy import StoreRequest
from core.models import Membership, Store
from core.roles import Action


class StoreAPIView(GenericAPIView):
    permission_classes = [IsAuthenticated, StoreRolePermission]
    required_actions: ClassVar[Mapping[str, Action]] = {}
    store_scoped: ClassVar[bool] = True

    @property
    def store(self) -> Store:
        return cast(StoreRequest, self.request).store

    @property
    def membership(self) -> Membership:
        return cast(StoreRequest, self.request).membership

    def paginated(
        self, items: QuerySet[Any] | Sequence[Any], serializer_class: type[BaseSerializer[Any]]
    ) -> Response:
        """A LimitOffset page of ``items`` (a queryset or a list), serialized."""
        page: Sequence[Any] | None = self.paginate_queryset(items)  # type: ignore[arg-type]
        serializer = serializer_class(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)

    def input(self, serializer_class: type[BaseSerializer[Any]], **kwargs: Any) -> dict[str, Any]:
        """The request body validated by ``serializer_class`` (ValidationError -> 400)."""
        serializer = serializer_class(
            data=self.request.data, context=self.get_serializer_context(), **kwargs
        )
        serializer.is_valid(raise_exception=True)
        return cast(dict[str, Any], serializer.validated_data)

    def query(self, serializer_class: type[BaseSerializer[Any]]) -> dict[str, Any]:
        """The query string validated by ``serializer_class`` (ValidationError -> 400)."""
        serializer = serializer_class(
            data=self.request.query_params, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        return cast(dict[str, Any], serializer.validated_data)
