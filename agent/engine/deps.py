"""What the engine is given to work with (house style 8): the skills' tools, the skill
handlers, the skill gate (status), the verifier, the handoff notice, the renderer, the
understanding function and the clock. Production wires the real ones
(``agent.engine.production``); tests pass fakes with the same shapes, so preview, tests and
production run one code path."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from agent.channels_out import Rendered
from agent.nlu import Understanding
from agent.nlu import understand as nlu_understand
from core.models import Store
from integrations.customer_hub.verification import CodeChallenge, VerificationResult
from integrations.shopify.facts import CustomerFacts
from skills.base import Skill, SkillTools
from skills.replies import HandoffNotice, PrerequisiteCheck, Reply


@dataclass(frozen=True)
class SkillGate:
    """May the engine route to ``skill`` in this store now? ``usable``: Live, or Unavailable
    in limited mode; ``state``: "live" | "unavailable" | "turned_off" | "unknown" (not in
    the registry); ``prerequisites``: the checklist for the trace."""

    skill: str
    usable: bool
    state: str = "live"
    limited_mode: bool = False
    prerequisites: tuple[PrerequisiteCheck, ...] = ()


class Verifier(Protocol):
    """Shopper verification (``integrations.customer_hub.verification`` in production)."""

    def code_send(
        self,
        *,
        store: Store,
        email: str,
        language: str,
        channel: str,
        reference: str,
        now: datetime,
    ) -> CodeChallenge:
        """Raises ``VerificationSendLimited`` and ``ValidationFailed`` (not an email)."""
        ...

    def code_check(
        self, *, store: Store, challenge_id: int, code: str, now: datetime
    ) -> VerificationResult: ...

    def identify_by_phone(self, *, store: Store, phone: str) -> CustomerFacts | None: ...

    def email_on_profile(self, *, store: Store, email: str) -> bool:
        """Whether a customer profile of ``store`` has ``email`` (where a code would go)."""
        ...

    def customer_get(self, *, store: Store, customer_id: int) -> CustomerFacts | None: ...


class SkillGateReader(Protocol):
    def __call__(self, *, store: Store, skill_id: str) -> SkillGate: ...


class HandoffNoticeBuilder(Protocol):
    def __call__(self, *, store: Store, language: str, now: datetime) -> HandoffNotice:
        """The store's handoff message for ``language`` (out-of-hours one outside hours)."""
        ...


class ReplyRenderer(Protocol):
    def __call__(self, reply: Reply, *, channel: str, language: str) -> Rendered: ...


class LazyHandlers(Mapping[str, Skill]):
    """The skills' handlers, loaded on first use from ``loader`` (a module may not exist yet
    while the skills are written; the engine then treats every skill as missing)."""

    def __init__(self, loader: Callable[[], Mapping[str, Skill]]) -> None:
        self._loader = loader
        self._handlers: Mapping[str, Skill] | None = None

    def _get(self) -> Mapping[str, Skill]:
        if self._handlers is None:
            self._handlers = self._loader()
        return self._handlers

    def __getitem__(self, key: str) -> Skill:
        return self._get()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


@dataclass(frozen=True)
class EngineDeps:
    tools: SkillTools
    handlers: Mapping[str, Skill]
    skill_gate: SkillGateReader
    verifier: Verifier
    handoff_notice: HandoffNoticeBuilder
    renderer: ReplyRenderer
    clock: Callable[[], datetime]
    understand: Callable[..., Understanding] = nlu_understand
    #: Wraps each skill call so a failing one cannot break the turn's transaction
    #: (production: a savepoint).
    savepoint: Callable[[], AbstractContextManager[Any]] = field(default=nullcontext)
    #: Wraps each turn so the store reads its skill status, skills and settings make are
    #: shared within the turn (production: ``skills.reads.reads_shared``).
    turn_reads: Callable[[], AbstractContextManager[Any]] = field(default=nullcontext)
