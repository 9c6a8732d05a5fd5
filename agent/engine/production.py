"""The engine's real collaborators: knowledge, order facts and hub links for the skills, the
skill status, shopper verification, the store's handoff message, the channel renderers and the
clock. ``engine_default(now=...)`` is what every channel and Agent Preview run."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from agent.channels_out import render_reply
from agent.engine.deps import EngineDeps, LazyHandlers, SkillGate
from agent.engine.turn import Engine
from agent.selectors import handoff_settings_get
from core.errors import NotFound
from core.models import Store
from integrations.customer_hub.links import hub_link_build
from integrations.customer_hub.verification import (
    CodeChallenge,
    VerificationResult,
    customer_email_exists,
    customer_identify_by_phone,
    verification_code_check,
    verification_code_send,
)
from integrations.shopify.facts import (
    CustomerFacts,
    customer_get,
    customer_order_get,
    customer_orders_list,
)
from knowledge.answers import knowledge_answer
from knowledge.search import knowledge_search
from skills.base import Skill, SkillTools
from skills.reads import reads_shared
from skills.replies import HandoffNotice, PrerequisiteCheck
from skills.status import skill_status_get

logger = logging.getLogger(__name__)


def skill_handlers() -> Mapping[str, Skill]:
    """The registry's handlers (``skills.handlers.SKILL_HANDLERS``); none while that module
    is not there yet (every skill is then unavailable)."""
    try:
        from skills.handlers import SKILL_HANDLERS
    except ImportError:
        logger.warning("skills.handlers is missing: no skill can answer")
        return {}
    return SKILL_HANDLERS


def skill_gate(*, store: Store, skill_id: str) -> SkillGate:
    """The skill's computed status as the engine needs it. A skill the registry does not list
    (no prerequisites known) is usable when it has a handler."""
    try:
        status = skill_status_get(store=store, skill_id=skill_id)
    except NotFound:
        return SkillGate(skill=skill_id, usable=True, state="unknown")
    return SkillGate(
        skill=skill_id,
        usable=status.usable,
        state=status.state.value,
        limited_mode=status.limited_mode,
        prerequisites=tuple(
            PrerequisiteCheck(name=p.code.value, met=p.met, detail=str(p.reason))
            for p in status.prerequisites
        ),
    )


class CustomerHubVerifier:
    """``integrations.customer_hub.verification`` behind the engine's ``Verifier``."""

    def code_send(
        self,
        *,
        store: Store,
        email: str,
        language: str,
        channel: str,
        reference: str,
        now: dt.datetime,
    ) -> CodeChallenge:
        return verification_code_send(
            store=store,
            email=email,
            language=language,
            channel=channel,
            reference=reference,
            now=now,
        )

    def code_check(
        self, *, store: Store, challenge_id: int, code: str, now: dt.datetime
    ) -> VerificationResult:
        return verification_code_check(store=store, code=code, challenge_id=challenge_id, now=now)

    def identify_by_phone(self, *, store: Store, phone: str) -> CustomerFacts | None:
        return customer_identify_by_phone(store=store, phone=phone)

    def email_on_profile(self, *, store: Store, email: str) -> bool:
        return customer_email_exists(store=store, email=email)

    def customer_get(self, *, store: Store, customer_id: int) -> CustomerFacts | None:
        return customer_get(store=store, customer_id=customer_id)


def in_business_hours(*, hours: object, at: dt.datetime, zone: str) -> bool:
    """Whether ``at`` falls in one of the day's ranges of ``hours`` ({"1".."7": [["09:00",
    "17:00"], ...]}, ISO weekdays, in the time zone ``zone``; start inclusive, end exclusive).
    Unreadable hours count as open: the shopper then gets the normal message."""
    if not isinstance(hours, dict):
        return True
    local = at.astimezone(ZoneInfo(zone))
    now = local.strftime("%H:%M")
    ranges = hours.get(str(local.isoweekday()), [])
    try:
        return any(start <= now < end for start, end in ranges)
    except (TypeError, ValueError):
        return True


def handoff_notice(*, store: Store, language: str, now: dt.datetime) -> HandoffNotice:
    """The store's handoff message in ``language``; outside business hours the out-of-hours
    message."""
    settings = handoff_settings_get(store=store)
    open_now = in_business_hours(hours=settings.business_hours, at=now, zone=store.timezone)
    if open_now:
        message = settings.message_for(language)
    elif language == "nl":
        message = settings.out_of_hours_message_nl
    else:
        message = settings.out_of_hours_message_en
    return HandoffNotice(message=message, in_business_hours=open_now)


def engine_deps(*, now: dt.datetime | None = None) -> EngineDeps:
    """Production collaborators; ``now`` fixes the clock for the turn (tests, replays)."""

    def clock() -> dt.datetime:
        return now if now is not None else timezone.now()

    tools = SkillTools(
        knowledge_answer=knowledge_answer,
        knowledge_search=knowledge_search,
        orders_list=customer_orders_list,
        order_get=customer_order_get,
        hub_link=hub_link_build,
        now=clock,
    )
    return EngineDeps(
        tools=tools,
        handlers=LazyHandlers(skill_handlers),
        skill_gate=skill_gate,
        verifier=CustomerHubVerifier(),
        handoff_notice=handoff_notice,
        renderer=render_reply,
        clock=clock,
        savepoint=transaction.atomic,
        turn_reads=reads_shared,
    )


def engine_default(*, now: dt.datetime | None = None) -> Engine:
    """The engine every channel and Agent Preview run: the production collaborators, or what
    the factory named by the ``AGENT_ENGINE`` setting (a dotted path to a callable taking
    ``now=``) builds — how API and command tests run fake skills through the real path."""
    factory = getattr(settings, "AGENT_ENGINE", "")
    if factory:
        engine: Engine = import_string(factory)(now=now)
        return engine
    return Engine(engine_deps(now=now))
