"""REST endpoints for integrations: an overview for every role; configuring the Customer Hub
needs CONFIGURE_INTEGRATIONS."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.base import StoreAPIView
from core.roles import Action
from integrations.customer_hub.services import hub_settings_update
from integrations.selectors import integration_overview_get
from integrations.serializers import (
    CustomerHubSettingsSerializer,
    CustomerHubSettingsUpdateSerializer,
    IntegrationOverviewSerializer,
)


class IntegrationOverviewApi(StoreAPIView):
    @extend_schema(responses=IntegrationOverviewSerializer)
    def get(self, request: Request) -> Response:
        overview = integration_overview_get(store=self.store)
        return Response(IntegrationOverviewSerializer(overview).data)


class CustomerHubSettingsApi(StoreAPIView):
    required_actions = {"PATCH": Action.CONFIGURE_INTEGRATIONS}

    @extend_schema(
        request=CustomerHubSettingsUpdateSerializer, responses=CustomerHubSettingsSerializer
    )
    def patch(self, request: Request) -> Response:
        data = self.input(CustomerHubSettingsUpdateSerializer)
        settings = hub_settings_update(store=self.store, **data)
        return Response(CustomerHubSettingsSerializer(settings).data)
