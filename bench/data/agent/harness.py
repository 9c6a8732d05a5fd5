"""What ``bench/agent_turn.py`` builds and measures with: the store (content, settings, mirror),
the trivial baseline turn, the per-turn query counter and the attribution of a turn's time to
the engine's collaborators.

Import after ``bench.data.kb.harness.django_start``.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, TypeVar, cast

from django.db import connection, transaction

from agent.engine import Engine, EngineDeps, TurnInput, TurnOutcome
from agent.engine.production import CustomerHubVerifier, engine_deps, skill_handlers
from agent.models import ChannelConfig, Conversation, ConversationEvent, HandoffSettings, Message
from agent.services.turn_records import message_add
from bench.data.kb.dataset import SourceArticle
from core.models import Store
from integrations.customer_hub.models import CustomerHubSettings
from integrations.returns.models import ReturnsProviderConnection
from integrations.shopify.models import ShopifyConnection
from skills.base import Skill
from skills.models import SkillConfig
from skills.registry import SKILLS

F = TypeVar("F", bound=Callable[..., Any])

EDIT_WINDOW_MINUTES = 60
CHANNEL_KINDS = ("webchat", "sms", "whatsapp", "email")


def corpus_articles(count: int) -> list[SourceArticle]:
    """``count`` articles of the generated help centre (``bench/data/kb/corpus.py``): the
    general topics (ordering, changing and cancelling, returns, payment) always, then the
    per-country, shop, care, size, warranty and brand pages, then generated brand pages."""
    from bench.data.kb.corpus import corpus_generate

    base = corpus_generate()
    extra = max(0, -(-(count - len(base)) // 2))
    every = corpus_generate(extra_brands=extra) if extra else base
    general = {"pay", "gift", "club", "cancel", "change", "missing", "wrong", "late", "delivery"}
    first = [a for a in every if a.key.split("-")[0] in general or "/" not in a.key]
    rest = [a for a in every if a not in first]
    return [
        SourceArticle(key=a.key, language=a.language, title=a.title, body=a.body)
        for a in (first + rest)[:count]
    ]


def store_settings_create(*, store: Store, now: datetime) -> None:
    """Customer Hub active (built-in, 60-minute edit and cancel windows), the built-in returns
    provider connected, Shopify connected and synced, the store's handoff settings, every
    channel active, every skill on."""
    CustomerHubSettings.objects.create(
        store=store,
        active=True,
        mode=CustomerHubSettings.Mode.BUILTIN,
        edit_window_minutes=EDIT_WINDOW_MINUTES,
        cancel_window_minutes=EDIT_WINDOW_MINUTES,
    )
    ReturnsProviderConnection.objects.create(
        store=store,
        provider=ReturnsProviderConnection.Provider.BUILTIN,
        status=ReturnsProviderConnection.Status.CONNECTED,
        connected_at=now,
    )
    ShopifyConnection.objects.create(
        store=store,
        shop_domain=f"{store.slug}.myshopify.com",
        access_token="shpat_bench_token",  # noqa: S106 - never sent anywhere
        status=ShopifyConnection.Status.CONNECTED,
        connected_at=now,
        last_sync_at=now,
        synced_until=now,
    )
    HandoffSettings.objects.create(store=store)
    for kind in CHANNEL_KINDS:
        ChannelConfig.objects.create(store=store, kind=kind, enabled=True)
    SkillConfig.objects.bulk_create(
        [SkillConfig(store=store, skill_id=s.id, enabled=True) for s in SKILLS]
    )


# --- the baseline turn ------------------------------------------------------------------------


def echo_receive(*, store: Store, conversation: Conversation, text: str, now: datetime) -> str:
    """A ``message_receive``-shaped turn with no understanding, knowledge or order facts: the
    same transaction, conversation lock, first-message check, two messages (the shopper's and
    an echo reply with one text block), conversation update and turn event."""
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk, store=store)
        first = not locked.messages.filter(role=Message.Role.SHOPPER).exists()
        message_add(locked, role=Message.Role.SHOPPER, text=text)
        reply = message_add(
            locked, role=Message.Role.AGENT, text=text, blocks=[{"type": "text", "text": text}]
        )
        locked.last_message_at = now
        locked.save(update_fields=["last_message_at", "next_seq", "updated_at"])
        ConversationEvent.objects.bulk_create(
            [
                ConversationEvent(
                    store_id=store.pk,
                    conversation=locked,
                    message=reply,
                    kind=ConversationEvent.Kind.TURN,
                    data={"echo": True, "first": first},
                )
            ]
        )
    return reply.text


# --- queries and attribution ------------------------------------------------------------------

OWN = "message_receive (own queries)"


@dataclass
class Ledger:
    """Time and queries by collaborator, exclusive of nested collaborators. Queries run while
    no collaborator is active count as ``OWN`` (message_receive's reads and writes)."""

    stack: list[list[Any]] = field(default_factory=list)
    turn_calls: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    turn_seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    turn_cpu: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    turn_queries: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    turn_query_seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def turn_reset(self) -> None:
        self.turn_calls.clear()
        self.turn_seconds.clear()
        self.turn_cpu.clear()
        self.turn_queries.clear()
        self.turn_query_seconds.clear()

    def wrap(self, label: str, function: F) -> F:
        def timed(*args: Any, **kwargs: Any) -> Any:
            # label, wall and CPU time spent in nested collaborators
            frame: list[Any] = [label, 0.0, 0.0]
            self.stack.append(frame)
            started, cpu = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent, spent_cpu = time.perf_counter() - started, time.process_time() - cpu
                self.stack.pop()
                self.turn_calls[label] += 1
                self.turn_seconds[label] += spent - frame[1]
                self.turn_cpu[label] += spent_cpu - frame[2]
                if self.stack:
                    self.stack[-1][1] += spent
                    self.stack[-1][2] += spent_cpu

        return timed  # type: ignore[return-value]

    def query(self, execute: Callable[..., Any], *args: Any) -> Any:
        """An ``execute_wrapper``: (execute, sql, params, many, context)."""
        label = self.stack[-1][0] if self.stack else OWN
        started = time.perf_counter()
        try:
            return execute(*args)
        finally:
            self.turn_queries[label] += 1
            self.turn_query_seconds[label] += time.perf_counter() - started


class QueryCount:
    """Counts the queries run inside ``counting()``."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Callable[..., Any], *args: Any) -> Any:
        self.count += 1
        return execute(*args)

    @contextmanager
    def counting(self) -> Iterator[None]:
        with connection.execute_wrapper(self):
            yield


class _TimedVerifier(CustomerHubVerifier):
    def __init__(self, ledger: Ledger) -> None:
        self.identify_by_phone = ledger.wrap("verification", super().identify_by_phone)  # type: ignore[method-assign]
        self.customer_get = ledger.wrap("verification", super().customer_get)  # type: ignore[method-assign]


class _TimedSkill:
    def __init__(self, skill: Skill, ledger: Ledger) -> None:
        self.handle = ledger.wrap("skills (own logic and reads)", skill.handle)


class _TimedEngine(Engine):
    def __init__(self, deps: EngineDeps, ledger: Ledger) -> None:
        super().__init__(deps)
        self._turn = ledger.wrap("engine (routing, state, own reads)", super().turn)

    def turn(self, turn: TurnInput) -> TurnOutcome:
        outcome: TurnOutcome = self._turn(turn)
        return outcome


def attributed_engine(ledger: Ledger) -> Engine:
    """The production engine (``engine_deps``) with the turn, each skill and each collaborator
    timed into ``ledger``."""
    deps = engine_deps()
    handlers = {k: cast(Skill, _TimedSkill(h, ledger)) for k, h in skill_handlers().items()}
    tools = replace(
        deps.tools,
        knowledge_answer=ledger.wrap("knowledge", deps.tools.knowledge_answer),
        knowledge_search=ledger.wrap("knowledge", deps.tools.knowledge_search),
        orders_list=ledger.wrap("order facts", deps.tools.orders_list),
        order_get=ledger.wrap("order facts", deps.tools.order_get),
        hub_link=ledger.wrap("hub links", deps.tools.hub_link),
    )
    return _TimedEngine(
        replace(
            deps,
            tools=tools,
            handlers=handlers,
            understand=ledger.wrap("understand", deps.understand),
            skill_gate=ledger.wrap("skill status", deps.skill_gate),
            handoff_notice=ledger.wrap("handoff notice", deps.handoff_notice),
            renderer=ledger.wrap("render", deps.renderer),
            verifier=_TimedVerifier(ledger),
        ),
        ledger,
    )


COMPONENTS: Sequence[str] = (
    "engine (routing, state, own reads)",
    "skills (own logic and reads)",
    "understand",
    "skill status",
    "knowledge",
    "order facts",
    "verification",
    "hub links",
    "handoff notice",
    "render",
)
