"""Figures and tables of ``bench/agent_turn.py``: percentiles of (wall, CPU) timings, the
per-turn ``Sample``, the turn tables, the attribution of a turn's time, and the parts measured
alone (classifier, ``understand``, knowledge, order facts, skill status, rendering).

Django and the project are imported inside the functions: import this module before
``django_start`` if you like.
"""

from __future__ import annotations

import itertools
import random
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.data.agent.orders import Mirror
    from core.models import Store

TARGET_P99_MS = 50.0
TARGET_CLASSIFIER = 2000.0
SAMPLE_SEED = 5


# --- figures --------------------------------------------------------------------------------


def cuts(seconds: Sequence[float]) -> list[float]:
    if len(seconds) < 2:
        return [seconds[0] * 1000 if seconds else 0.0] * 99
    return statistics.quantiles([s * 1000 for s in seconds], n=100, method="inclusive")


def percentiles(timings: Sequence[Timing], *, mean: bool = False) -> str:
    """Wall-clock p50/p95/p99/max (and mean), then this process's CPU time p50/p99."""
    walls = [wall for wall, _ in timings]
    cut, cpu = cuts(walls), cuts([c for _, c in timings])
    text = (
        f"p50 {cut[49]:6.2f}  p95 {cut[94]:6.2f}  p99 {cut[98]:6.2f}  "
        f"max {max(walls) * 1000:7.2f} ms"
    )
    text += f"  mean {statistics.fmean(walls) * 1000:6.2f}" if mean else ""
    return text + f" | cpu p50 {cpu[49]:6.2f}  p99 {cpu[98]:6.2f}"


def p99(seconds: Sequence[float]) -> float:
    return cuts(seconds)[98]


#: (wall-clock seconds, CPU seconds of this process) of one call.
Timing = tuple[float, float]


def timed(call: Callable[[], object]) -> Timing:
    started, cpu = time.perf_counter(), time.process_time()
    call()
    return time.perf_counter() - started, time.process_time() - cpu


@dataclass
class Sample:
    kind: str
    first: bool
    channel: str
    seconds: float
    cpu: float
    queries: int
    outcome: str
    embedded: int
    base: Timing | None = None
    base_queries: int = 0
    parts: dict[str, float] = field(default_factory=dict)
    part_cpu: dict[str, float] = field(default_factory=dict)
    part_calls: dict[str, int] = field(default_factory=dict)
    part_queries: dict[str, int] = field(default_factory=dict)
    part_query_seconds: dict[str, float] = field(default_factory=dict)


# --- printing ---------------------------------------------------------------------------------


KINDS = (
    "greeting",
    "kb_question",
    "policy",
    "order_status",
    "order_change",
    "order_cancel",
    "return",
    "refund_status",
    "which_order",
    "continuation",
    "out_of_scope",
    "thanks",
    "sign_in_ask",
)


def turns_print(samples: Sequence[Sample], *, elapsed: float) -> None:
    print("\n  Full turns (message_receive, production engine), ms")
    print(
        f"  {'kind':<14}{'n':>5}  {'wall clock':<65}{'this process CPU':<26}"
        f"{'queries':>9}  what the agent did"
    )
    for kind in KINDS:
        _row(kind, [s for s in samples if s.kind == kind])
    print()
    _row("first turns", [s for s in samples if s.first])
    _row("later turns", [s for s in samples if not s.first])
    for channel in ("webchat", "email", "whatsapp", "sms"):
        _row(channel, [s for s in samples if s.channel == channel])
    embedding = [s for s in samples if s.embedded]
    _row("embedded a q.", embedding)
    _row("ALL", samples, outcomes=False)
    base = [s.base for s in samples if s.base is not None]
    base_queries = sorted(s.base_queries for s in samples)
    print(
        f"  {'baseline':<14}{len(base):>5}  {percentiles(base, mean=True)}  "
        f"{statistics.median(base_queries):>4.0f}/{base_queries[-1]:<3}  echo_receive on a twin "
        "conversation"
    )
    turns = [s.seconds for s in samples]
    cpus = [s.cpu for s in samples]
    walls = [wall for wall, _ in base]
    print(
        f"\n  throughput   {1 / statistics.fmean(turns):,.1f} turns/s on one core (1 / mean wall), "
        f"{1 / statistics.fmean(cpus):,.1f} by CPU time; baseline "
        f"{1 / statistics.fmean(walls):,.0f} turns/s"
    )
    print(
        f"               full turn / baseline: p50 {cuts(turns)[49] / cuts(walls)[49]:.1f}x, "
        f"p99 {p99(turns) / p99(walls):.1f}x; pass wall time {elapsed:.1f} s"
    )
    if embedding:
        count = sum(s.embedded for s in embedding)
        print(
            f"               {len(embedding)} turns embedded a question new to the process "
            f"({count / len(embedding):.2f} embeddings per such turn)"
        )
    verdict = "meets" if p99(turns) < TARGET_P99_MS else "misses"
    print(
        f"               target p99 < {TARGET_P99_MS:.0f} ms per full turn: {verdict} it "
        f"(wall p99 {p99(turns):.1f} ms; CPU-time p99 {p99(cpus):.1f} ms)"
    )


def _row(label: str, rows: Sequence[Sample], *, outcomes: bool = True) -> None:
    if not rows:
        return
    queries = sorted(s.queries for s in rows)
    did = ""
    if outcomes:
        top = Counter(s.outcome for s in rows).most_common(3)
        did = ", ".join(f"{name} {100 * n / len(rows):.0f}%" for name, n in top)
    print(
        f"  {label:<14}{len(rows):>5}  "
        f"{percentiles([(s.seconds, s.cpu) for s in rows], mean=True)}  "
        f"{statistics.median(queries):>4.0f}/{queries[-1]:<3}  {did}"
    )


def attribution_print(samples: Sequence[Sample]) -> None:
    from bench.data.agent.harness import COMPONENTS, OWN

    total = sum(s.seconds for s in samples)
    n = len(samples)
    print("\n  Where a turn's time goes (attribution pass)")
    print(
        f"  {'part':<38}{'share':>6}{'ms/turn':>9}{'cpu ms':>8}{'calls':>7}{'queries':>9}"
        f"{'query ms':>9}   in the turns that call it: wall ms"
    )
    for label in COMPONENTS:
        if any(label in s.parts for s in samples):
            _attribution_row(label, total, samples, label)
    _attribution_row("message_receive (store, events, other)", total, samples, OWN)
    cpu = sum(s.cpu for s in samples)
    print(f"  {'whole turn':<38}{100:>5}%{total / n * 1000:>9.2f}{cpu / n * 1000:>8.2f}")
    print(
        "  (ms/turn, cpu ms, calls, queries, query ms: per turn, averaged over all turns; "
        "exclusive: a part's time leaves out the parts it calls)"
    )
    _by_kind(samples)


#: Columns of the per-kind table: (heading, ledger labels).
_KIND_COLUMNS = (
    ("understand", ("understand",)),
    ("status", ("skill status",)),
    ("knowledge", ("knowledge",)),
    ("facts", ("order facts", "verification")),
    ("skills", ("skills (own logic and reads)", "hub links", "handoff notice")),
    ("engine", ("engine (routing, state, own reads)",)),
    ("render", ("render",)),
)


def _by_kind(samples: Sequence[Sample]) -> None:
    print(
        "\n  Mean wall ms per turn by kind and part (attribution pass; "
        "store: message_receive's own)"
    )
    print(
        f"  {'kind':<14}"
        + "".join(f"{h:>11}" for h, _ in _KIND_COLUMNS)
        + f"{'store':>11}{'turn':>11}"
    )
    for kind in KINDS:
        rows = [s for s in samples if s.kind == kind]
        if not rows:
            continue
        cells = [
            statistics.fmean(sum(s.parts.get(label, 0.0) for label in labels) for s in rows)
            for _, labels in _KIND_COLUMNS
        ]
        own = statistics.fmean(s.seconds - sum(s.parts.values()) for s in rows)
        turn = statistics.fmean(s.seconds for s in rows)
        print(f"  {kind:<14}" + "".join(f"{c * 1000:>11.2f}" for c in [*cells, own, turn]))


def _attribution_row(name: str, total: float, samples: Sequence[Sample], label: str) -> None:
    from bench.data.agent.harness import OWN

    n = len(samples)
    if label == OWN:
        spent = sum(s.seconds - sum(s.parts.values()) for s in samples)
        cpu = sum(s.cpu - sum(s.part_cpu.values()) for s in samples)
        using: list[float] = []
    else:
        spent = sum(s.parts.get(label, 0.0) for s in samples)
        cpu = sum(s.part_cpu.get(label, 0.0) for s in samples)
        using = [s.parts[label] for s in samples if label in s.parts]
    calls = sum(s.part_calls.get(label, 0) for s in samples)
    queries = sum(s.part_queries.get(label, 0) for s in samples)
    query_ms = sum(s.part_query_seconds.get(label, 0.0) for s in samples) * 1000
    shown = f"p50 {cuts(using)[49]:6.2f}  p99 {p99(using):6.2f}" if len(using) > 1 else ""
    print(
        f"  {name:<38}{100 * spent / total:>5.1f}%{spent / n * 1000:>9.2f}{cpu / n * 1000:>8.2f}"
        f"{calls / n:>7.2f}{queries / n:>9.2f}{query_ms / n:>9.2f}   {shown}"
    )


# --- the parts alone --------------------------------------------------------------------------


def _lower_split(message: str) -> list[str]:
    return message.lower().split()


def classifier_print(messages: Sequence[str]) -> None:
    from agent.nlu import understand
    from agent.nlu.classifier import classifier_get

    classifier = classifier_get()
    cycled = list(itertools.islice(itertools.cycle(messages), max(5000, len(messages))))
    print(f"\n  Parts alone, over the turns' own messages ({len(set(messages))} distinct)")
    rates = {}
    calls: tuple[tuple[str, Callable[[str], object]], ...] = (
        ("baseline str.lower().split()", _lower_split),
        ("classifier (Classifier.predict)", classifier.predict),
    )
    for label, call in calls:
        started = time.perf_counter()
        for message in cycled:
            call(message)
        rates[label] = len(cycled) / (time.perf_counter() - started)
        print(f"  {label:<38}{rates[label]:>12,.0f} messages/s  (n={len(cycled)})")
    verdict = "meets" if rates["classifier (Classifier.predict)"] >= TARGET_CLASSIFIER else "misses"
    print(f"  {'':<38}target >= {TARGET_CLASSIFIER:,.0f} messages/s: {verdict} it")
    times = [timed(partial(understand, m)) for m in cycled]
    print(f"  {'understand()':<38}{percentiles(times)}")


def knowledge_print(store: Store, questions: Sequence[tuple[str, str]]) -> None:
    from django.conf import settings
    from django.test import override_settings

    from knowledge.answers import knowledge_answer
    from knowledge.embeddings import _query_vector

    def ask(cold: bool) -> list[Timing]:
        out = []
        for text, language in questions:
            if cold:
                _query_vector.cache_clear()
            out.append(
                timed(partial(knowledge_answer, store=store, question=text, language=language))
            )
        return out

    if settings.KNOWLEDGE_EMBEDDINGS:
        print(
            f"  {'knowledge_answer, embeddings, new q.':<38}{percentiles(ask(True))}  "
            f"(n={len(questions)})"
        )
        ask(False)  # every question's vector in the cache (the pass above kept only the last)
        print(f"  {'knowledge_answer, embeddings, cached':<38}{percentiles(ask(False))}")
    with override_settings(KNOWLEDGE_EMBEDDINGS=False):
        print(f"  {'knowledge_answer, no embeddings':<38}{percentiles(ask(False))}")


def facts_print(store: Store, mirror: Mirror) -> None:
    from bench.data.agent.harness import QueryCount
    from integrations.shopify.facts import customer_order_get, customer_orders_list

    pairs = [
        (mirror.customer_pk[o.customer], o.number)
        for o in random.Random(SAMPLE_SEED).sample(mirror.orders, min(1000, len(mirror.orders)))
    ]
    counter = QueryCount()
    with counter.counting():
        lists = [
            timed(partial(customer_orders_list, store=store, customer_id=c, limit=10))
            for c, _ in pairs
        ]
        listed = counter.count
        gets = [
            timed(partial(customer_order_get, store=store, customer_id=c, number=n))
            for c, n in pairs
        ]
    each = len(pairs)
    print(
        f"  {'order facts: customer_orders_list(10)':<38}{percentiles(lists)}  "
        f"{listed / each:.1f} queries"
    )
    got = (counter.count - listed) / each
    print(f"  {'order facts: customer_order_get':<38}{percentiles(gets)}  {got:.1f} queries")


def status_print(store: Store) -> None:
    from agent.engine.production import skill_gate
    from bench.data.agent.harness import QueryCount
    from skills.registry import SKILLS

    for skill in SKILLS:
        counter = QueryCount()
        with counter.counting():
            gate = partial(skill_gate, store=store, skill_id=skill.id)
            times = [timed(gate) for _ in range(200)]
        label = f"skill status: {skill.id}"
        print(f"  {label:<38}{percentiles(times)}  {counter.count / 200:.1f} queries")


def render_print(replies: Sequence[tuple[Any, str, str]]) -> None:
    from agent.channels_out import render_reply

    by_channel: dict[str, list[Timing]] = defaultdict(list)
    for reply, channel, language in replies:
        by_channel[channel].append(
            timed(partial(render_reply, reply, channel=channel, language=language))
        )
    for channel, times in by_channel.items():
        print(f"  {'render: ' + channel:<38}{percentiles(times)}  (n={len(times)})")
