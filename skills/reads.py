"""Reads shared within one agent turn.

An agent turn asks the same things of the store several times: the skill status of the skill
it routes to (and of the handoff and fallback skills), then the skill itself checks the
Customer Hub and the returns provider and reads its settings, and an order card reads them
again. Inside ``reads_shared()`` (the engine opens it around each turn:
``EngineDeps.turn_reads``) each of those reads is made once per store and reused until the
block ends; outside one, every call reads afresh, as before.

Nothing is kept beyond the block, so a status or setting is never older than the turn that
uses it: a merchant's change (hub switched off, provider disconnected, a skill turned off,
content published) counts from the next turn on. The turn itself never writes any of these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from core.errors import NotFound
from core.models import Store
from integrations.customer_hub.models import CustomerHubSettings
from integrations.selectors import IntegrationOverview, hub_settings_get, integration_overview_get
from skills.registry import skill_info
from skills.selectors import SkillSetup, skill_setup_get, skill_setup_list

T = TypeVar("T")

_memo: ContextVar[dict[tuple[str, int], Any] | None] = ContextVar("skills_reads", default=None)


@contextmanager
def reads_shared() -> Iterator[None]:
    """Share the reads below within the block (one agent turn); nested blocks share the
    outer one's."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def shared(kind: str, store: Store, read: Callable[[], T]) -> T:
    """``read()`` once per (kind, store) inside a ``reads_shared`` block; outside, every time."""
    memo = _memo.get()
    if memo is None:
        return read()
    key = (kind, store.pk)
    if key not in memo:
        memo[key] = read()
    value: T = memo[key]
    return value


def overview_get(*, store: Store) -> IntegrationOverview:
    """``integrations.selectors.integration_overview_get`` (Shopify, hub and returns provider:
    three queries), shared within the turn. A reader that needs only the hub settings takes
    ``hub_settings_shared`` (one)."""
    return shared("overview", store, lambda: integration_overview_get(store=store))


def hub_settings_shared(*, store: Store) -> CustomerHubSettings:
    """The store's Customer Hub settings (``integrations.selectors.hub_settings_get``, one
    query), shared within the turn; taken from the overview when the turn read that already."""
    memo = _memo.get()
    if memo is not None and ("overview", store.pk) in memo:
        return overview_get(store=store).customer_hub
    return shared("hub", store, lambda: hub_settings_get(store=store))


def setup_get(*, store: Store, skill_id: str) -> SkillSetup:
    """``skills.selectors.skill_setup_get``, shared within the turn (every skill's setup read
    in one query the first time). Raises NotFound for an id that is not in the registry."""
    if _memo.get() is None:
        return skill_setup_get(store=store, skill_id=skill_id)
    try:
        skill_info(skill_id)
    except KeyError as exc:
        raise NotFound() from exc
    setups = shared("setups", store, lambda: {s.info.id: s for s in skill_setup_list(store=store)})
    return setups[skill_id]
