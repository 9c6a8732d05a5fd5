"""REST endpoints for skills: every role may view them; configuring needs CONFIGURE_SKILLS.

Every answer carries the status computed from the store's state at that moment."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.base import StoreAPIView
from core.roles import Action
from skills.serializers import SkillSerializer, SkillUpdateSerializer
from skills.services import skill_config_update
from skills.status import skill_status_get, skill_status_list


class SkillListApi(StoreAPIView):
    @extend_schema(responses=SkillSerializer(many=True))
    def get(self, request: Request) -> Response:
        return self.paginated(skill_status_list(store=self.store), SkillSerializer)


class SkillDetailApi(StoreAPIView):
    required_actions = {"PATCH": Action.CONFIGURE_SKILLS}

    @extend_schema(responses=SkillSerializer)
    def get(self, request: Request, skill_id: str) -> Response:
        return Response(SkillSerializer(skill_status_get(store=self.store, skill_id=skill_id)).data)

    @extend_schema(request=SkillUpdateSerializer, responses=SkillSerializer)
    def patch(self, request: Request, skill_id: str) -> Response:
        data = self.input(SkillUpdateSerializer)
        skill_config_update(
            store=self.store,
            skill_id=skill_id,
            enabled=data.get("enabled"),
            settings=data.get("settings"),
        )
        return Response(SkillSerializer(skill_status_get(store=self.store, skill_id=skill_id)).data)
