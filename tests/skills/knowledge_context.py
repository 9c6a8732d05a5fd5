"""A ``SkillContext`` for the conversation skills' tests (general_qa, handoff, smalltalk): the
real knowledge tools over the test database; the order tools are never called by these skills,
so they fail loudly if one is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from core.models import Store
from knowledge.answers import knowledge_answer
from knowledge.search import knowledge_search
from skills.base import Shopper, SkillContext, SkillRequest, SkillTools

NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def _no_orders(**kwargs: Any) -> Any:
    raise AssertionError(f"this skill must not read orders ({kwargs})")


def conversation_tools() -> SkillTools:
    return SkillTools(
        knowledge_answer=knowledge_answer,
        knowledge_search=knowledge_search,
        orders_list=_no_orders,
        order_get=_no_orders,
        hub_link=_no_orders,
        now=lambda: NOW,
    )


def conversation_context(
    *,
    store: Store,
    text: str,
    intent: str,
    language: str = "en",
    confidence: float = 0.93,
    state: Mapping[str, Any] | None = None,
    answer: str | None = None,
    shopper: Shopper | None = None,
) -> SkillContext:
    return SkillContext(
        store=store,
        channel="webchat",
        request=SkillRequest(
            text=text, language=language, intent=intent, confidence=confidence, answer=answer
        ),
        shopper=shopper or Shopper(),
        tools=conversation_tools(),
        state=dict(state or {}),
    )
