"""Skill status: whether each skill is Live, Unavailable or Turned off in one store, and why.

The one place that decides it (dashboard, API and admin all call ``skill_status_list`` /
``skill_status_get``); nothing stores it, so a status changes the moment a prerequisite does.
Every prerequisite is read from the store's real state: the store's agent switch, the Customer
Hub settings, the Shopify connection and its sync, the returns provider, the published content
and the active channels.

**Content prerequisites** are probed with the knowledge search itself: a few fixed questions
per topic, in English and Dutch, over the published content. A probe counts when a passage
covers the question well enough to answer it (``knowledge.answers.MIN_COVERAGE``) *and* that
passage's article title or section headings name the topic (return/exchange, or
change/cancel, in either language). The heading test keeps a shipping page that mentions
"return" once from passing for a return policy; it is also why the dashboard asks merchants for
clear headings.

**Cost.** Facts are read lazily and at most once per call, each in its own small query: a
skill whose prerequisites do not need a fact never reads it. The whole list reads: the skill
configs (1 query), the hub settings (1), Shopify readiness (1, and the connection when not
ready), the returns provider (1), published content (1), the channels (the reader's query), and
one index-version row per probe search (at most 4; 2 when the English probes find the
content); the search itself runs in memory. (One query joining the integration rows was
measured slower than these: the ORM's cost grows with the columns read, and the joined read
took every column of rows most skills do not need.) Within an agent turn
(``skills.reads.reads_shared``) each fact is read once and shared by every status the turn
asks and by the skills' own hub, provider and settings reads; nothing outlives the turn, so a
status is never older than the turn that uses it.

**Channels** belong to the agent app, which skills may not import. The agent registers a
reader in its ``AppConfig.ready()`` with ``active_channels_reader_register``, or a caller passes
``active_channels``. Without either the channel prerequisite is not met (and says so).
"""

from __future__ import annotations

import enum
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.models import Store
from integrations.customer_hub.models import CustomerHubSettings
from integrations.returns.models import ReturnsProviderConnection
from integrations.shopify.models import ShopifyConnection
from integrations.shopify.selectors import shopify_connection_get
from knowledge.analysis import analyze
from knowledge.answers import MIN_COVERAGE
from knowledge.search import knowledge_search
from knowledge.selectors import search_content_version
from skills.reads import (
    hub_settings_shared,
    published_exists_shared,
    returns_provider_shared,
    setup_get,
    shared,
    shopify_ready_shared,
)
from skills.registry import SkillInfo
from skills.selectors import SkillSetup, skill_setup_list

logger = logging.getLogger(__name__)

Text = str | Promise


class SkillState(enum.StrEnum):
    LIVE = "live"
    UNAVAILABLE = "unavailable"
    TURNED_OFF = "turned_off"


class PrerequisiteCode(enum.StrEnum):
    AGENT_ENABLED = "agent_enabled"
    HUB_ACTIVE = "hub_active"
    SHOPIFY_SYNCED = "shopify_synced"
    RETURNS_PROVIDER_CONNECTED = "returns_provider_connected"
    ORDER_POLICY_CONTENT = "order_policy_content"
    RETURN_POLICY_CONTENT = "return_policy_content"
    PUBLISHED_CONTENT = "published_content"
    CHANNEL_ACTIVE = "channel_active"


Code = PrerequisiteCode

#: Each skill's prerequisites, in the registry's order (a test keeps the labels in step).
SKILL_PREREQUISITES: dict[str, tuple[PrerequisiteCode, ...]] = {
    "order_edit": (
        Code.AGENT_ENABLED,
        Code.HUB_ACTIVE,
        Code.SHOPIFY_SYNCED,
        Code.ORDER_POLICY_CONTENT,
    ),
    "returns": (
        Code.AGENT_ENABLED,
        Code.HUB_ACTIVE,
        Code.RETURNS_PROVIDER_CONNECTED,
        Code.RETURN_POLICY_CONTENT,
        Code.CHANNEL_ACTIVE,
    ),
    "order_status": (Code.AGENT_ENABLED, Code.SHOPIFY_SYNCED),
    "general_qa": (Code.AGENT_ENABLED, Code.PUBLISHED_CONTENT),
    "handoff": (Code.AGENT_ENABLED,),
    "smalltalk": (Code.AGENT_ENABLED,),
}

#: Returns runs in limited mode (policy answers from content, then a soft handoff) when these
#: are all that is missing.
LIMITED_MODE_SKILLS: dict[str, frozenset[PrerequisiteCode]] = {
    "returns": frozenset({Code.HUB_ACTIVE, Code.RETURNS_PROVIDER_CONNECTED}),
}

LABELS: dict[PrerequisiteCode, Text] = {
    Code.AGENT_ENABLED: _("Agent enabled"),
    Code.HUB_ACTIVE: _("Customer Hub active"),
    Code.SHOPIFY_SYNCED: _("Shopify connected with orders synced"),
    Code.RETURNS_PROVIDER_CONNECTED: _("Returns provider connected"),
    Code.ORDER_POLICY_CONTENT: _("Content about changing and cancelling orders"),
    Code.RETURN_POLICY_CONTENT: _("Return-policy content"),
    Code.PUBLISHED_CONTENT: _("Published content"),
    Code.CHANNEL_ACTIVE: _("At least one active channel"),
}

#: Where the merchant fixes each prerequisite: a dashboard URL name (taking ``store_slug``)
#: and a fragment on that page. The agent switch has no dashboard page yet (API and admin).
FIXES: dict[PrerequisiteCode, tuple[str, str] | None] = {
    Code.AGENT_ENABLED: None,
    Code.HUB_ACTIVE: ("integrations:index", "hub-section"),
    Code.SHOPIFY_SYNCED: ("integrations:index", "shopify-section"),
    Code.RETURNS_PROVIDER_CONNECTED: ("integrations:index", "returns-section"),
    Code.ORDER_POLICY_CONTENT: ("knowledge:list", ""),
    Code.RETURN_POLICY_CONTENT: ("knowledge:list", ""),
    Code.PUBLISHED_CONTENT: ("knowledge:list", ""),
    Code.CHANNEL_ACTIVE: ("agent:channels", ""),
}


@dataclass(frozen=True)
class ContentProbe:
    """Fixed questions (language, text) about one topic, and the concepts a passage's title or
    headings must name (``knowledge.analysis`` concept ids, the same in English and Dutch)."""

    questions: tuple[tuple[str, str], ...]
    concepts: frozenset[str]


PROBES: dict[PrerequisiteCode, ContentProbe] = {
    Code.ORDER_POLICY_CONTENT: ContentProbe(
        questions=(
            ("en", "Can I change or cancel my order?"),
            ("nl", "Kan ik mijn bestelling wijzigen of annuleren?"),
        ),
        concepts=frozenset({"~edit", "~cancel"}),
    ),
    Code.RETURN_POLICY_CONTENT: ContentProbe(
        questions=(
            ("en", "How do I return an item?"),
            ("nl", "Hoe kan ik een artikel retourneren of ruilen?"),
        ),
        concepts=frozenset({"~return", "~exchange"}),
    ),
}
PROBE_HITS = 3


@dataclass(frozen=True)
class PrerequisiteCheck:
    """One prerequisite of one skill in one store. ``reason`` says in words what was found
    (met) or what is missing (not met); ``fix_url`` is the dashboard page to fix it (None:
    no dashboard page), resolved from ``fix_url_name``."""

    code: PrerequisiteCode
    label: Text
    met: bool
    reason: Text
    fix_url_name: str | None = None
    fix_url: str | None = None


@dataclass(frozen=True)
class SkillStatus:
    """A skill's computed status in one store.

    ``state``: TURNED_OFF when the merchant switched it off (whatever its prerequisites),
    else LIVE when every prerequisite is met, else UNAVAILABLE. ``limited_mode``: Unavailable,
    but still answering in a reduced way (returns without hub or provider: policy answers from
    content, then a soft handoff).
    """

    setup: SkillSetup
    state: SkillState
    prerequisites: tuple[PrerequisiteCheck, ...]
    limited_mode: bool = False

    @property
    def info(self) -> SkillInfo:
        return self.setup.info

    @property
    def id(self) -> str:
        return self.setup.info.id

    @property
    def enabled(self) -> bool:
        return self.setup.enabled

    @property
    def settings(self) -> dict[str, Any]:
        return self.setup.settings

    @property
    def live(self) -> bool:
        return self.state is SkillState.LIVE

    @property
    def usable(self) -> bool:
        """The agent may route requests to the skill: Live, or Unavailable in limited mode."""
        return self.live or self.limited_mode

    @property
    def missing(self) -> tuple[PrerequisiteCheck, ...]:
        return tuple(p for p in self.prerequisites if not p.met)


class ActiveChannelsReader(Protocol):
    def __call__(self, *, store: Store) -> Collection[str]:
        """The kinds of the store's active channels ("webchat", "sms", ...)."""
        ...


_channel_readers: dict[str, ActiveChannelsReader] = {}


def active_channels_reader_register(*, reader: ActiveChannelsReader | None) -> None:
    """Called from the agent app's ``ready()``: how the status reads the active channels
    (skills may not import agent). None removes it (tests)."""
    if reader is None:
        _channel_readers.pop("channels", None)
    else:
        _channel_readers["channels"] = reader


def active_channels_reader_get() -> ActiveChannelsReader | None:
    return _channel_readers.get("channels")


# --- the selectors -----------------------------------------------------------------------------


def skill_status_list(
    *, store: Store, active_channels: Collection[str] | None = None
) -> list[SkillStatus]:
    """Every registered skill's status in ``store``, in registry order.

    ``active_channels``: the kinds of the store's active channels when the caller has them;
    None reads them through the registered reader. Bounded queries (see the module doc).
    """
    facts = _StoreFacts(store=store, active_channels=active_channels)
    return [_status(setup, facts) for setup in skill_setup_list(store=store)]


def skill_status_get(
    *, store: Store, skill_id: str, active_channels: Collection[str] | None = None
) -> SkillStatus:
    """One skill's status in ``store``; reads only the facts its prerequisites need.
    Raises NotFound for an id that is not in the registry."""
    setup = setup_get(store=store, skill_id=skill_id)
    if active_channels is not None:
        return _status(setup, _StoreFacts(store=store, active_channels=active_channels))
    # Within an agent turn (``skills.reads.reads_shared``) every status asked shares one read
    # of the store's facts; elsewhere this reads afresh.
    facts = shared("status_facts", store, lambda: _StoreFacts(store=store, active_channels=None))
    return _status(setup, facts)


def _status(setup: SkillSetup, facts: _StoreFacts) -> SkillStatus:
    codes = SKILL_PREREQUISITES.get(setup.info.id, ())
    checks = tuple(facts.check(code) for code in codes)
    missing = {c.code for c in checks if not c.met}
    limited = LIMITED_MODE_SKILLS.get(setup.info.id, frozenset())
    if not setup.enabled:
        return SkillStatus(setup=setup, state=SkillState.TURNED_OFF, prerequisites=checks)
    if not missing:
        return SkillStatus(setup=setup, state=SkillState.LIVE, prerequisites=checks)
    return SkillStatus(
        setup=setup,
        state=SkillState.UNAVAILABLE,
        prerequisites=checks,
        limited_mode=missing <= limited,
    )


# --- the facts ---------------------------------------------------------------------------------


@dataclass
class _StoreFacts:
    """The store's state, each fact read on first use and kept for this call only."""

    store: Store
    active_channels: Collection[str] | None
    _checks: dict[PrerequisiteCode, PrerequisiteCheck] = field(default_factory=dict)

    def check(self, code: PrerequisiteCode) -> PrerequisiteCheck:
        if code not in self._checks:
            met, reason = self._readers()[code]()
            fix = FIXES[code]
            self._checks[code] = PrerequisiteCheck(
                code=code,
                label=LABELS[code],
                met=met,
                reason=reason,
                fix_url_name=fix[0] if fix else None,
                fix_url=_fix_url(store=self.store, fix=fix),
            )
        return self._checks[code]

    def _readers(self) -> dict[PrerequisiteCode, Callable[[], tuple[bool, Text]]]:
        return {
            Code.AGENT_ENABLED: self._agent_enabled,
            Code.HUB_ACTIVE: self._hub_active,
            Code.SHOPIFY_SYNCED: self._shopify_synced,
            Code.RETURNS_PROVIDER_CONNECTED: self._returns_provider,
            Code.ORDER_POLICY_CONTENT: lambda: self._content(Code.ORDER_POLICY_CONTENT),
            Code.RETURN_POLICY_CONTENT: lambda: self._content(Code.RETURN_POLICY_CONTENT),
            Code.PUBLISHED_CONTENT: self._published,
            Code.CHANNEL_ACTIVE: self._channels,
        }

    @cached_property
    def published_exists(self) -> bool:
        return published_exists_shared(store=self.store)

    def _agent_enabled(self) -> tuple[bool, Text]:
        if self.store.agent_enabled:
            return True, _("The agent is on.")
        return False, _("The agent is turned off for this store.")

    def _hub_active(self) -> tuple[bool, Text]:
        hub = hub_settings_shared(store=self.store)
        if not hub.active:
            return False, _("Customer Hub is not active.")
        if hub.mode == CustomerHubSettings.Mode.EXTERNAL and not hub.external_url:
            return False, _("Customer Hub has no address.")
        return True, _("Customer Hub is active.")

    def _shopify_synced(self) -> tuple[bool, Text]:
        if shopify_ready_shared(store=self.store):
            return True, _("Shopify is connected and orders are synced.")
        connection = shopify_connection_get(store=self.store)
        status = ShopifyConnection.Status
        if connection is None or connection.status == status.NOT_CONNECTED:
            return False, _("Shopify is not connected.")
        if connection.status != status.CONNECTED or not connection.access_token:
            return False, _("The Shopify connection is broken. Reconnect the store.")
        return False, _("Shopify is connected, but no order sync has finished yet.")

    def _returns_provider(self) -> tuple[bool, Text]:
        provider = returns_provider_shared(store=self.store)
        status = ReturnsProviderConnection.Status
        if provider is None or provider.status == status.NOT_CONNECTED:
            return False, _("No returns provider is connected.")
        if provider.status != status.CONNECTED:
            return False, _("The returns provider reports an error.")
        return True, format_lazy(
            _("{provider} is connected."), provider=provider.get_provider_display()
        )

    def _published(self) -> tuple[bool, Text]:
        if self.published_exists:
            return True, _("Published content found.")
        return False, _("No published content found.")

    def _content(self, code: PrerequisiteCode) -> tuple[bool, Text]:
        missing = {
            Code.ORDER_POLICY_CONTENT: _("No content about changing or cancelling orders found."),
            Code.RETURN_POLICY_CONTENT: _("No return-policy content found."),
        }[code]
        if not self.published_exists:
            return False, missing
        source = _probe(store=self.store, probe=PROBES[code])
        if source is None:
            return False, missing
        return True, format_lazy(_("Found in “{source}”."), source=source)

    def _channels(self) -> tuple[bool, Text]:
        channels = self.active_channels
        if channels is None:
            reader = active_channels_reader_get()
            if reader is None:
                logger.warning("skill status: no active-channels reader registered")
                return False, _("The channel settings could not be read.")
            channels = reader(store=self.store)
        if channels:
            return True, _("At least one channel is active.")
        return False, _("No channel is active.")


# (store id, store created, content version, probe) -> citation or None. A probe's answer only
# changes when the content search reads changes, so each turn's status check reuses it.
_ProbeKey = tuple[int, str, tuple[int, int], frozenset[str]]
_probe_cache: OrderedDict[_ProbeKey, str | None] = OrderedDict()
_probe_lock = threading.Lock()
PROBE_CACHE_SIZE = 512


def _probe(*, store: Store, probe: ContentProbe) -> str | None:
    """``_probe_run``, remembered while the store's searchable content stays the same."""
    key = (
        store.pk,
        store.created_at.isoformat(),
        search_content_version(store=store),
        probe.concepts,
    )
    with _probe_lock:
        if key in _probe_cache:
            _probe_cache.move_to_end(key)
            return _probe_cache[key]
    found = _probe_run(store=store, probe=probe)
    with _probe_lock:
        _probe_cache[key] = found
        while len(_probe_cache) > PROBE_CACHE_SIZE:
            _probe_cache.popitem(last=False)
    return found


def _probe_run(*, store: Store, probe: ContentProbe) -> str | None:
    """The citation of the first passage that answers one of the probe's questions and whose
    title or headings name the topic; None when no question finds one."""
    for language, question in probe.questions:
        for hit in knowledge_search(
            store=store, query=question, language=language, limit=PROBE_HITS
        ):
            if hit.coverage < MIN_COVERAGE:
                continue
            if probe.concepts.intersection(analyze(hit.citation, language=hit.language)):
                return hit.citation
    return None


def _fix_url(*, store: Store, fix: tuple[str, str] | None) -> str | None:
    if fix is None:
        return None
    name, fragment = fix
    url = reverse(name, kwargs={"store_slug": store.slug})
    return f"{url}#{fragment}" if fragment else url
