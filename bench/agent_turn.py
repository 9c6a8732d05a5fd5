"""Benchmark: a full agent turn (``agent.services.message_receive``) on a store with 10,000
orders and 500 articles, next to a trivial baseline turn, and where the time goes.

    .venv/bin/python bench/agent_turn.py [--orders 10000] [--articles 500] [--turns 2000]
        [--database-url URL] [--no-embeddings] [--embeddings-cache FILE] [--profile N]
        [--analyze] [--blas-threads N]

What it does:

1. A throwaway database (a new SQLite file in a temporary folder, or ``--database-url``: that
   PostgreSQL database, migrated; the store is deleted at the end).
2. One store, everything live: ``--articles`` articles of the generated help centre
   (``bench/data/kb/``, EN/NL) published, indexed (``store_reindex``) and embedded
   (``store_embeddings_refresh``; ``--embeddings-cache FILE`` reuses vectors between runs, as
   in ``bench/kb_eval.py``; ``--no-embeddings``: word ranking only); the Customer Hub active,
   the built-in returns provider connected, Shopify connected and synced, every channel
   active; ``--orders`` generated orders over a few thousand customers written straight into
   the Shopify mirror with ``bulk_create`` (``bench/data/agent/orders.py``: open, partly
   shipped, in transit, delivered, cancelled, returned and refunded orders, 1-4 line items).
   The skill status of every skill is printed (all should be live). PostgreSQL gets ANALYZE
   after the load (as autovacuum would); SQLite only with ``--analyze`` (the product never
   runs it, and the planner's choices on these tables depend on it).
3. ``--turns`` turns of scripted conversations (``bench/data/agent/scripts.py``), English and
   Dutch, on web chat, email, WhatsApp and SMS: greetings, knowledge-base and policy
   questions, order status / change / cancel / return / refund status by a verified shopper
   naming their order, "which order?" answered with "the second one", out-of-scope messages,
   thanks, and order questions from shoppers who are not signed in. Each turn is a full
   ``message_receive`` (production engine, DB writes, rendering for the channel) on its
   conversation: fresh conversations for first turns, 16 conversations open at once, turns
   interleaved. After every turn the baseline turn (``echo_receive``: the same transaction,
   lock, messages, conversation update and turn event, no understanding, knowledge or order
   facts) runs on a twin conversation with the same text, so both meet the same noise.
   A warm-up (its own conversations) runs first: the first call trains the classifier, loads
   the embedding model and builds the search index; that first turn is printed separately.
4. The attribution pass: the same scripts on new conversations (the questions' cached
   vectors forgotten and the warm-up run again first) through the production
   engine with its collaborators wrapped in timers (``bench/data/agent/harness.py``): per
   turn, the time (exclusive of nested calls) and queries of understanding, skill status,
   knowledge, order facts, verification, hub links, the handoff notice, rendering, the
   skills' own logic, the engine's own logic and ``message_receive``'s own storing.
5. The parts alone, over the same messages: classifier messages/s next to
   ``str.lower().split()``; ``understand()``; ``knowledge_answer`` with embeddings (each
   question new to the process, and again cached) and without; order facts
   (``customer_orders_list``, ``customer_order_get``); skill status (``skill_gate`` per
   skill); rendering per channel (the main pass's replies).
6. ``--profile N``: cProfile over N more turns, the top functions by cumulative and own time.
   ``--blas-threads N`` sets ``OPENBLAS_NUM_THREADS`` for the run (the dense search's matrix
   product; OpenBLAS otherwise uses one thread per core).

How to read it: wall-clock p50/p95/p99/max (and mean) in milliseconds per turn kind, first and
later turns, channel and overall, then this process's CPU time p50/p99 for the same calls
(``time.process_time``: what the turn costs when it has a core to itself; it leaves out waiting
for a core, and the PostgreSQL server's own work), queries per turn (p50/max) and what the agent
did (skill, "+handoff"). Turns/s are on one core (1 / mean). Targets (issue 5): a full turn
p99 < 50 ms; the classifier >= 2,000 messages/s. The machine is shared: the load average before
and after is printed; compare a turn with the baseline measured in the same run, and look at
the CPU columns, rather than comparing wall clocks across runs. Query time is what
``execute()`` took (on SQLite the rows are stepped through later, so it undercounts there).
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.data.kb.harness import (
    articles_load,
    bench_store_create,
    django_start,
    machine_line,
    stores_delete,
)

if TYPE_CHECKING:
    from agent.models import Conversation
    from agent.services import TurnResult
    from bench.data.agent.harness import Ledger
    from bench.data.agent.orders import Mirror
    from bench.data.agent.scripts import Script
    from core.models import Store

TARGET_P99_MS = 50.0
TARGET_CLASSIFIER = 2000.0
OPEN_CONVERSATIONS = 16
WARM_UP_TURNS = 150
SEED = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--turns", type=int, default=2000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--no-embeddings", action="store_true", help="word ranking only")
    parser.add_argument("--embeddings-cache", default="", help=".npz file of passage vectors")
    parser.add_argument("--profile", type=int, default=0, help="cProfile this many more turns")
    parser.add_argument(
        "--analyze", action="store_true", help="SQLite: run ANALYZE after loading the store"
    )
    parser.add_argument(
        "--blas-threads", type=int, default=0, help="OPENBLAS_NUM_THREADS (default: its own)"
    )
    args = parser.parse_args()
    if args.no_embeddings:
        os.environ["KNOWLEDGE_EMBEDDINGS"] = "false"
    if args.blas_threads:
        # Read by OpenBLAS when numpy loads it, which has not happened yet.
        assert "numpy" not in sys.modules
        os.environ["OPENBLAS_NUM_THREADS"] = str(args.blas_threads)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="shopagent-agent-turn-") as var_dir:
        database = django_start(database_url=args.database_url, var_dir=var_dir)
        print(f"Agent turn benchmark: {args.orders} orders, {args.articles} articles, ", end="")
        print(f"{args.turns} turns")
        print(f"  machine      {machine_line()}")
        print(f"  code         {_code_version()}")
        print(f"  blas         {_blas()}")
        print(f"  database     {database}")
        print(f"  load         before: {_load(load_before)}")
        run(args, keep=not args.database_url)
    print(f"  load         before: {_load(load_before)}; after: {_load(os.getloadavg())}")


def _code_version() -> str:
    """The commit measured, and whether the working tree had uncommitted changes."""
    import subprocess

    root = Path(__file__).resolve().parents[1]
    try:
        described = subprocess.run(  # noqa: S603 - a fixed git command
            ["git", "-C", str(root), "describe", "--always", "--dirty"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git)"
    return described.replace("-dirty", " + uncommitted changes in the working tree")


def _blas() -> str:
    """numpy's BLAS and its threads (the dense search's matrix product runs on it)."""
    import numpy  # noqa: F401 - loads the BLAS library threadpoolctl reports
    from threadpoolctl import threadpool_info  # type: ignore[import-untyped]

    return ", ".join(
        f"{i.get('internal_api')} {i.get('version')} with {i.get('num_threads')} threads"
        for i in threadpool_info()
        if i.get("user_api") == "blas"
    )


def _load(values: Sequence[float]) -> str:
    return " ".join(f"{v:.2f}" for v in values) + " (1, 5, 15 min)"


# --- figures --------------------------------------------------------------------------------


def _cuts(seconds: Sequence[float]) -> list[float]:
    if len(seconds) < 2:
        return [seconds[0] * 1000 if seconds else 0.0] * 99
    return statistics.quantiles([s * 1000 for s in seconds], n=100, method="inclusive")


def _p(timings: Sequence[Timing], *, mean: bool = False) -> str:
    """Wall-clock p50/p95/p99/max (and mean), then this process's CPU time p50/p99."""
    walls = [wall for wall, _ in timings]
    cut, cpu = _cuts(walls), _cuts([c for _, c in timings])
    text = (
        f"p50 {cut[49]:6.2f}  p95 {cut[94]:6.2f}  p99 {cut[98]:6.2f}  "
        f"max {max(walls) * 1000:7.2f} ms"
    )
    text += f"  mean {statistics.fmean(walls) * 1000:6.2f}" if mean else ""
    return text + f" | cpu p50 {cpu[49]:6.2f}  p99 {cpu[98]:6.2f}"


def _p99(seconds: Sequence[float]) -> float:
    return _cuts(seconds)[98]


#: (wall-clock seconds, CPU seconds of this process) of one call.
Timing = tuple[float, float]


def _timed(call: Callable[[], object]) -> Timing:
    started, cpu = time.perf_counter(), time.process_time()
    call()
    return time.perf_counter() - started, time.process_time() - cpu


# --- the store -------------------------------------------------------------------------------


def store_build(args: argparse.Namespace) -> tuple[Store, Mirror, list[tuple[str, str]]]:
    from django.conf import settings
    from django.utils import timezone

    from bench.data.agent.harness import corpus_articles, embeddings_load, store_settings_create
    from bench.data.agent.orders import mirror_write, orders_generate
    from bench.data.kb.dataset import DEV_PATH, HELDOUT_PATH, questions_load
    from knowledge.indexing import store_reindex

    now = timezone.now()
    store = bench_store_create(label="agent")
    store_settings_create(store=store, now=now)
    sources = corpus_articles(args.articles)
    started = time.perf_counter()
    articles_load(store=store, articles=sources)
    chunks = store_reindex(store=store)
    print(
        f"  content      {len(sources)} published articles (en "
        f"{sum(s.language == 'en' for s in sources)}, nl {sum(s.language == 'nl' for s in sources)}"
        f"), {chunks} chunks: created and indexed in {time.perf_counter() - started:.1f} s"
    )
    if settings.KNOWLEDGE_EMBEDDINGS:
        embedded, spent = embeddings_load(store=store, cache=args.embeddings_cache)
        print(f"  embeddings   on: {embedded} passages embedded now in {spent:.1f} s", end="")
        print(f" (cache: {args.embeddings_cache or 'none'})")
    else:
        print("  embeddings   off (word ranking only)")
    started = time.perf_counter()
    mirror = orders_generate(count=args.orders, now=now, seed=SEED)
    counts = mirror_write(store=store, mirror=mirror)
    states = Counter(o.state for o in mirror.orders)
    print(
        "  mirror       "
        + ", ".join(f"{n:,} {table}" for table, n in counts.items())
        + f" (bulk_create, {time.perf_counter() - started:.1f} s)"
    )
    print("               orders by state: " + ", ".join(f"{k} {v}" for k, v in states.items()))
    _statistics(analyze=args.analyze)
    questions = [
        (q.text, q.language)
        for q in questions_load(DEV_PATH) + questions_load(HELDOUT_PATH)
        if q.store == "corpus"
    ]
    _status_print(store)
    return store, mirror, questions


def _statistics(*, analyze: bool) -> None:
    """PostgreSQL: fresh planner statistics, as autovacuum gathers after a bulk load. SQLite:
    nothing in the product runs ANALYZE, so a store's tables have no statistics unless
    ``--analyze`` asks for them (to measure what they change)."""
    from django.db import connection

    if connection.vendor == "postgresql" or analyze:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"  statistics   ANALYZE run after the load ({time.perf_counter() - started:.1f} s)")
    else:
        print("  statistics   none (SQLite as the product leaves it; --analyze runs ANALYZE)")


def _status_print(store: Store) -> None:
    from skills.status import skill_status_list

    statuses = skill_status_list(store=store)
    print(
        "  skills       "
        + ", ".join(
            f"{s.id} {s.state.value}"
            + (f" (missing {[p.code.value for p in s.missing]})" if s.missing else "")
            for s in statuses
        )
    )


# --- running turns ---------------------------------------------------------------------------


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


@dataclass
class _Open:
    script: Script
    conversation: Conversation
    twin: Conversation | None
    next: int = 0


class Runner:
    """Runs scripts as interleaved conversations and keeps a ``Sample`` per turn."""

    def __init__(
        self, *, store: Store, mirror: Mirror, baseline: bool, ledger: Ledger | None
    ) -> None:
        from bench.data.agent.harness import QueryCount, attributed_engine

        self.store = store
        self.mirror = mirror
        self.baseline = baseline
        self.ledger = ledger
        self.engine = attributed_engine(ledger) if ledger is not None else None
        self.queries = QueryCount()
        self.samples: list[Sample] = []
        self.starts: list[Timing] = []
        self.replies: list[tuple[Any, str, str]] = []

    def run(self, scripts: Sequence[Script], *, seed: int) -> list[Sample]:
        from django.db import connection

        rng = random.Random(seed)
        pending = list(reversed(scripts))
        live: list[_Open] = []
        with ExitStack() as stack:
            stack.enter_context(connection.execute_wrapper(self.queries))
            if self.ledger is not None:
                stack.enter_context(connection.execute_wrapper(self.ledger.query))
            while pending or live:
                while pending and len(live) < OPEN_CONVERSATIONS:
                    live.append(self._open(pending.pop()))
                current = rng.choice(live)
                self._turn(current)
                current.next += 1
                if current.next >= len(current.script.turns):
                    live.remove(current)
        return self.samples

    def _open(self, script: Script) -> _Open:
        from agent.services import conversation_start
        from integrations.shopify.models import Customer

        customer = None
        if script.verify == "given" and script.customer is not None:
            customer = Customer.objects.get(pk=self.mirror.customer_pk[script.customer])

        def start() -> Conversation:
            return conversation_start(
                store=self.store,
                channel=script.channel,
                contact=script.contact,
                customer=customer,
                verified=customer is not None,
                language=script.language,
            )

        started, cpu = time.perf_counter(), time.process_time()
        conversation = start()
        self.starts.append((time.perf_counter() - started, time.process_time() - cpu))
        return _Open(
            script=script, conversation=conversation, twin=start() if self.baseline else None
        )

    def _turn(self, current: _Open) -> None:
        from django.utils import timezone

        from agent.services import message_receive
        from bench.data.agent.harness import echo_receive
        from knowledge.embeddings import _query_vector

        turn = current.script.turns[current.next]
        if self.ledger is not None:
            self.ledger.turn_reset()
        misses, queries = _query_vector.cache_info().misses, self.queries.count
        started, cpu = time.perf_counter(), time.process_time()
        result = message_receive(
            store=self.store, conversation=current.conversation, text=turn.text, engine=self.engine
        )
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        sample = Sample(
            kind=turn.kind,
            first=current.next == 0,
            channel=current.script.channel,
            seconds=seconds,
            cpu=cpu,
            queries=self.queries.count - queries,
            outcome=_outcome(result),
            embedded=_query_vector.cache_info().misses - misses,
        )
        if self.ledger is not None:
            sample.parts = dict(self.ledger.turn_seconds)
            sample.part_cpu = dict(self.ledger.turn_cpu)
            sample.part_calls = dict(self.ledger.turn_calls)
            sample.part_queries = dict(self.ledger.turn_queries)
            sample.part_query_seconds = dict(self.ledger.turn_query_seconds)
        if current.twin is not None:
            queries = self.queries.count
            echo = partial(
                echo_receive,
                store=self.store,
                conversation=current.twin,
                text=turn.text,
                now=timezone.now(),
            )
            sample.base = _timed(echo)
            sample.base_queries = self.queries.count - queries
        for reply in result.replies:
            self.replies.append((reply, current.script.channel, result.language))
        self.samples.append(sample)


def _outcome(result: TurnResult) -> str:
    route = str(result.trace.get("route", ""))
    said = result.skill or ("sign-in" if "sign_in" in route or "email" in route else route or "-")
    return said + (" +handoff" if result.handed_off else "")


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
        f"  {'baseline':<14}{len(base):>5}  {_p(base, mean=True)}  "
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
        f"               full turn / baseline: p50 {_cuts(turns)[49] / _cuts(walls)[49]:.1f}x, "
        f"p99 {_p99(turns) / _p99(walls):.1f}x; pass wall time {elapsed:.1f} s"
    )
    if embedding:
        count = sum(s.embedded for s in embedding)
        print(
            f"               {len(embedding)} turns embedded a question new to the process "
            f"({count / len(embedding):.2f} embeddings per such turn)"
        )
    verdict = "meets" if _p99(turns) < TARGET_P99_MS else "misses"
    print(
        f"               target p99 < {TARGET_P99_MS:.0f} ms per full turn: {verdict} it "
        f"(wall p99 {_p99(turns):.1f} ms; CPU-time p99 {_p99(cpus):.1f} ms)"
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
        f"  {label:<14}{len(rows):>5}  {_p([(s.seconds, s.cpu) for s in rows], mean=True)}  "
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
    cuts = f"p50 {_cuts(using)[49]:6.2f}  p99 {_p99(using):6.2f}" if len(using) > 1 else ""
    print(
        f"  {name:<38}{100 * spent / total:>5.1f}%{spent / n * 1000:>9.2f}{cpu / n * 1000:>8.2f}"
        f"{calls / n:>7.2f}{queries / n:>9.2f}{query_ms / n:>9.2f}   {cuts}"
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
    times = [_timed(partial(understand, m)) for m in cycled]
    print(f"  {'understand()':<38}{_p(times)}")


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
                _timed(partial(knowledge_answer, store=store, question=text, language=language))
            )
        return out

    if settings.KNOWLEDGE_EMBEDDINGS:
        print(
            f"  {'knowledge_answer, embeddings, new q.':<38}{_p(ask(True))}  (n={len(questions)})"
        )
        ask(False)  # every question's vector in the cache (the pass above kept only the last)
        print(f"  {'knowledge_answer, embeddings, cached':<38}{_p(ask(False))}")
    with override_settings(KNOWLEDGE_EMBEDDINGS=False):
        print(f"  {'knowledge_answer, no embeddings':<38}{_p(ask(False))}")


def facts_print(store: Store, mirror: Mirror, scripts: Sequence[Script]) -> None:
    from bench.data.agent.harness import QueryCount
    from integrations.shopify.facts import customer_order_get, customer_orders_list

    pairs = [
        (mirror.customer_pk[o.customer], o.number)
        for o in random.Random(SEED).sample(mirror.orders, min(1000, len(mirror.orders)))
    ]
    counter = QueryCount()
    with counter.counting():
        lists = [
            _timed(partial(customer_orders_list, store=store, customer_id=c, limit=10))
            for c, _ in pairs
        ]
        listed = counter.count
        gets = [
            _timed(partial(customer_order_get, store=store, customer_id=c, number=n))
            for c, n in pairs
        ]
    each = len(pairs)
    print(
        f"  {'order facts: customer_orders_list(10)':<38}{_p(lists)}  {listed / each:.1f} queries"
    )
    got = (counter.count - listed) / each
    print(f"  {'order facts: customer_order_get':<38}{_p(gets)}  {got:.1f} queries")


def status_print(store: Store) -> None:
    from agent.engine.production import skill_gate
    from bench.data.agent.harness import QueryCount
    from skills.registry import SKILLS

    for skill in SKILLS:
        counter = QueryCount()
        with counter.counting():
            gate = partial(skill_gate, store=store, skill_id=skill.id)
            times = [_timed(gate) for _ in range(200)]
        label = f"skill status: {skill.id}"
        print(f"  {label:<38}{_p(times)}  {counter.count / 200:.1f} queries")


def render_print(replies: Sequence[tuple[Any, str, str]]) -> None:
    from agent.channels_out import render_reply

    by_channel: dict[str, list[Timing]] = defaultdict(list)
    for reply, channel, language in replies:
        by_channel[channel].append(
            _timed(partial(render_reply, reply, channel=channel, language=language))
        )
    for channel, times in by_channel.items():
        print(f"  {'render: ' + channel:<38}{_p(times)}  (n={len(times)})")


def profile_print(store: Store, mirror: Mirror, scripts: Sequence[Script]) -> None:
    import cProfile
    import pstats

    runner = Runner(store=store, mirror=mirror, baseline=False, ledger=None)
    profiler = cProfile.Profile()
    profiler.enable()
    runner.run(scripts, seed=SEED + 3)
    profiler.disable()
    turns = len(runner.samples)
    print(f"\n  Profile of {turns} more turns (cProfile; its overhead inflates the times)")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(35)
    stats.sort_stats("tottime").print_stats(25)


# --- the run ------------------------------------------------------------------------------------


def run(args: argparse.Namespace, *, keep: bool) -> None:
    from bench.data.agent.harness import Ledger
    from bench.data.agent.scripts import scripts_build
    from knowledge.embeddings import _query_vector

    store, mirror, questions = store_build(args)
    try:
        scripts = scripts_build(mirror=mirror, questions=questions, turns=args.turns, seed=SEED)
        names = Counter(s.name for s in scripts)
        print(
            f"  script       {len(scripts)} conversations: "
            + ", ".join(f"{k} {v}" for k, v in names.items())
        )
        warm = scripts_build(mirror=mirror, questions=questions, turns=WARM_UP_TURNS, seed=SEED + 1)
        warm_runner = Runner(store=store, mirror=mirror, baseline=True, ledger=None)
        warm_runner.run(warm, seed=SEED + 1)
        first = warm_runner.samples[0]
        print(
            f"  warm-up      {len(warm_runner.samples)} turns; the first ({first.kind}) took "
            f"{first.seconds * 1000:.0f} ms (classifier training, embedding model, search index)"
        )
        runner = Runner(store=store, mirror=mirror, baseline=True, ledger=None)
        started = time.perf_counter()
        samples = runner.run(scripts, seed=SEED)
        turns_print(samples, elapsed=time.perf_counter() - started)
        print(
            f"  {'conversation_start':<14}{len(runner.starts):>5}  {_p(runner.starts, mean=True)}"
        )
        # The same scripts again: forget the questions' vectors (else none is new), warm up again.
        _query_vector.cache_clear()
        Runner(store=store, mirror=mirror, baseline=False, ledger=None).run(warm, seed=SEED + 1)
        ledger = Ledger()
        attributed = Runner(store=store, mirror=mirror, baseline=False, ledger=ledger)
        attributed_samples = attributed.run(scripts, seed=SEED + 2)
        attribution_print(attributed_samples)
        timings = [(s.seconds, s.cpu) for s in attributed_samples]
        print(f"  (attribution pass: full turn {_p(timings)})")
        messages = [t.text for s in scripts for t in s.turns]
        classifier_print(messages)
        asked = [
            (t.text, s.language)
            for s in scripts
            for t in s.turns
            if t.kind in ("kb_question", "policy")
        ]
        knowledge_print(store, asked)
        facts_print(store, mirror, scripts)
        status_print(store)
        render_print(runner.replies)
        if args.profile:
            more = scripts_build(
                mirror=mirror, questions=questions, turns=args.profile, seed=SEED + 3
            )
            profile_print(store, mirror, more)
    finally:
        if not keep:
            started = time.perf_counter()
            stores_delete(store)
            print(f"  cleanup      store deleted in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
