from __future__ import annotations

import factory

from skills.models import SkillConfig
from tests.factories.core import StoreFactory


class SkillConfigFactory(factory.django.DjangoModelFactory[SkillConfig]):
    class Meta:
        model = SkillConfig

    store = factory.SubFactory(StoreFactory)
    skill_id = "order_edit"
    enabled = True
    settings = factory.LazyFunction(dict)
