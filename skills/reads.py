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
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Exists

from core.errors import NotFound
from core.models import Store
from integrations.customer_hub.models import CustomerHubSettings
from integrations.selectors import IntegrationOverview, hub_settings_get
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


@dataclass(frozen=True)
class StoreState:
    """What the skill status and the skills ask of the store's integrations and content:
    the Shopify connection, Customer Hub settings and returns provider (``overview``, as
    ``integrations.selectors.integration_overview_get`` gives them) and whether any article
    is published (``knowledge.selectors.article_list``)."""

    overview: IntegrationOverview
    published: bool


def store_state_get(*, store: Store) -> StoreState:
    """The store's ``StoreState`` in one query (the store row joined with its one-to-one
    integration rows, and an EXISTS over its published articles), shared within the turn."""
    return shared("state", store, lambda: _store_state_read(store))


def _store_state_read(store: Store) -> StoreState:
    published = Exists(article_list(store=store, status=Article.Status.PUBLISHED))
    rows = list(
        Store.objects.filter(pk=store.pk)
        .order_by()
        .select_related("shopify", "hub_settings", "returns_provider")
        .annotate(published=published)
    )
    row = rows[0] if rows else None
    # A missing one-to-one row raises RelatedObjectDoesNotExist (an AttributeError) without a
    # query: select_related read it as absent.
    hub = getattr(row, "hub_settings", None)
    return StoreState(
        overview=IntegrationOverview(
            shopify=getattr(row, "shopify", None),
            # the defaults, unsaved and inactive, when never saved (as ``hub_settings_get``)
            customer_hub=hub if hub is not None else CustomerHubSettings(store=store),
            returns_provider=getattr(row, "returns_provider", None),
        ),
        published=bool(row is not None and row.published),
    )


def overview_get(*, store: Store) -> IntegrationOverview:
    """The store's Shopify connection, hub settings and returns provider (``StoreState``: one
    query), shared within the turn."""
    return store_state_get(store=store).overview


def hub_settings_shared(*, store: Store) -> CustomerHubSettings:
    """The store's Customer Hub settings: within a turn from the shared ``StoreState`` (read
    once for the turn); outside one ``integrations.selectors.hub_settings_get`` (one query)."""
    if _memo.get() is None:
        return hub_settings_get(store=store)
    return store_state_get(store=store).overview.customer_hub


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
