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
from integrations.returns.models import ReturnsProviderConnection
from integrations.selectors import hub_settings_get, returns_provider_get
from integrations.shopify.selectors import shopify_ready
from knowledge.models import Article
from knowledge.selectors import article_list
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


def hub_settings_shared(*, store: Store) -> CustomerHubSettings:
    """The store's Customer Hub settings (``integrations.selectors.hub_settings_get``, one
    query), shared within the turn."""
    return shared("hub", store, lambda: hub_settings_get(store=store))


def returns_provider_shared(*, store: Store) -> ReturnsProviderConnection | None:
    """``integrations.selectors.returns_provider_get`` (one query), shared within the turn."""
    return shared("provider", store, lambda: returns_provider_get(store=store))


def shopify_ready_shared(*, store: Store) -> bool:
    """``integrations.shopify.selectors.shopify_ready`` (one query), shared within the turn."""
    return shared("shopify_ready", store, lambda: shopify_ready(store=store))


def published_exists_shared(*, store: Store) -> bool:
    """Whether the store has published articles (one query), shared within the turn."""
    return shared(
        "published",
        store,
        lambda: article_list(store=store, status=Article.Status.PUBLISHED).exists(),
    )


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
