"""Load test: N concurrent web chat shoppers over real websockets on loopback, each message a
full agent turn, next to a plain echo consumer on the same server (the ceiling).

    .venv/bin/python bench/webchat_load.py [--shoppers 100,500,1000] [--think 0.1]
        [--echo-think 0] [--window 30] [--orders 10000] [--articles 500]
        [--database-url URL] [--redis-url URL] [--no-embeddings] [--embeddings-cache FILE]
        [--profile] [--blas-threads N] [--conn-max-age SECONDS|none]

What it does:

1. A throwaway database (a new SQLite file in a temporary folder, or ``--database-url``,
   migrated; the store is deleted at the end) with one store built as in
   ``bench/agent_turn.py``: ``--articles`` help-centre articles published, indexed and
   embedded, ``--orders`` generated orders bulk-inserted into the Shopify mirror, the Customer
   Hub, returns provider and every channel live; the web chat's allowed origins list the
   bench's storefront (``ORIGIN``).
2. daphne (the server of the Procfile), one process, serving
   ``bench/data/webchat/asgi.py``: the product's ``config.asgi.application`` plus an echo
   route ``/ws/echo/``, the web chat's rate limits lifted (every shopper here comes from
   127.0.0.1 and types far faster than a person) and each turn timed. Embedded defaults
   (in-memory channel layer and cache, SQLite) unless ``--redis-url`` / ``--database-url``
   (or ``REDIS_URL`` / ``DATABASE_URL``) are given.
3. A warm-up (a few shoppers; the first turn trains the intent model and loads the embedding
   model), then for each N of ``--shoppers``: N shoppers open a session (``POST
   /api/v1/webchat/sessions`` with the Origin), a websocket and a resume, at most
   ``--connect-concurrency`` at once; for ``--window`` seconds each sends a message (a mix of
   greetings, help-centre and policy questions, order questions that get a sign-in request,
   handoff requests and thanks, EN and NL: ``bench/data/webchat/messages.py``), waits for the
   reply, thinks ``--think`` seconds (+-50 %) and sends the next; then every socket must
   still answer a ping. Then the echo ceiling: N shoppers send the same messages to
   ``/ws/echo/`` with ``--echo-think`` (default 0: flat out, what the server can echo).
4. ``--profile``: cProfile around every turn in the server, its top functions printed.
   What-if experiments (the header says when one ran): ``--conn-max-age`` sets the server's
   ``CONN_MAX_AGE`` (the product leaves SQLite at 0, a new connection per turn);
   ``--blas-threads`` its ``OPENBLAS_NUM_THREADS``.

How to read it: msg/s are replies received within the window per second; round trips are
from sending a message to the agent's reply (or the echo), over the replies received within
the window. The shoppers form a closed loop (each waits for its reply), so at a load the
server cannot keep up with the round trip grows to about N / throughput - think: read the
round trips together with the server's line, where "turn thread busy" near 100 % means the
one thread that runs every database call (``database_sync_to_async``) was never idle. CPU
lines show the server's cores (its event-loop thread and that thread), the load client's
(this process: it shares the machine) and other processes'; "server CPU per reply" is the
figure least moved by other processes on a shared machine. Targets (issue 6): 500 shoppers
with p99 < 250 ms and >= 0.3x the echo ceiling's msg/s; 1,000 connections held without
errors. The machine is shared: the load average is printed before and after each N.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.data.kb.harness import django_start, machine_line
from bench.data.webchat.messages import Mix

if TYPE_CHECKING:
    from bench.data.webchat.client import Target
    from core.models import Store

ROOT = Path(__file__).resolve().parents[1]
ORIGIN = "https://shop.webchat-bench.example"
SEED = 6
WARM_UP_SHOPPERS = 4
TARGET_SHOPPERS = 500
TARGET_P99_MS = 250.0
TARGET_RATIO = 0.3
TARGET_HELD = 1000


def main() -> None:
    args = _arguments()
    _open_files_raise(max(args.shoppers) * 2 + 256)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="shopagent-webchat-load-") as var_dir:
        database = django_start(database_url=args.database_url, var_dir=var_dir)
        _header(args, database, load_before)
        store = None
        try:
            store, public_key, questions, numbers = store_build(args)
            server = Server(args=args, var_dir=var_dir)
            try:
                target = server.start(public_key)
                mix = Mix(questions=questions, order_numbers=numbers, seed=SEED)
                asyncio.run(run(args, target=target, mix=mix, server_pid=server.pid))
            finally:
                server.stop()
        finally:
            if store is not None and args.database_url:
                store.delete()
                print("  cleanup      store deleted")
    print(f"  load         before: {_load(load_before)}; after: {_load(os.getloadavg())}")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shoppers", default="100,500,1000", help="comma-separated N")
    parser.add_argument("--think", type=float, default=0.1, help="seconds between messages")
    parser.add_argument(
        "--echo-think",
        type=float,
        default=0.0,
        help="seconds between echo messages (default 0: the echo runs flat out, its ceiling)",
    )
    parser.add_argument("--window", type=float, default=30.0, help="seconds measured per N")
    parser.add_argument("--warm-up", type=float, default=15.0, help="seconds of warm-up")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per reply")
    parser.add_argument("--connect-concurrency", type=int, default=50)
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    parser.add_argument("--no-embeddings", action="store_true", help="word ranking only")
    parser.add_argument("--embeddings-cache", default="", help=".npz file of passage vectors")
    parser.add_argument("--no-echo", action="store_true", help="skip the echo phases")
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the server's turns (slower)"
    )
    parser.add_argument(
        "--blas-threads", type=int, default=0, help="the server's OPENBLAS_NUM_THREADS"
    )
    parser.add_argument(
        "--conn-max-age",
        default="",
        help="what-if: the server's CONN_MAX_AGE (seconds or 'none'; default: the product's)",
    )
    args = parser.parse_args()
    args.shoppers = [int(n) for n in args.shoppers.split(",") if n.strip()]
    if args.no_embeddings:
        os.environ["KNOWLEDGE_EMBEDDINGS"] = "false"
    return args


def _open_files_raise(wanted: int) -> None:
    """Every socket is a file on both ends (this process and the server, which inherits it)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    goal = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < goal:
        resource.setrlimit(resource.RLIMIT_NOFILE, (goal, hard))


def _header(args: argparse.Namespace, database: str, load: Sequence[float]) -> None:
    import daphne
    import websockets

    from agent.realtime.rate import WebchatLimits

    limits = WebchatLimits()
    redis = args.redis_url.rsplit("@", 1)[-1] if args.redis_url else ""
    print(f"Web chat load test: {args.shoppers} shoppers, think {args.think} s (+-50 %), ", end="")
    print(f"{args.window:.0f} s per N; echo ceiling: the same N, think {args.echo_think} s")
    print(f"  machine      {machine_line()}")
    print(f"  load         before: {_load(load)}")
    print(f"  open files   {resource.getrlimit(resource.RLIMIT_NOFILE)[0]} (soft limit)")
    print(f"  database     {database}")
    print(f"  layer/cache  {'Redis (' + redis + ')' if redis else 'in-memory (one process)'}")
    print(f"  server       daphne {daphne.__version__}, one process (as the Procfile), serving ")
    print("               bench/data/webchat/asgi.py: config.asgi.application + /ws/echo/")
    print(
        "  settings     web chat rate limits LIFTED in the bench server only (product: "
        f"{limits.messages_per_session}/min per conversation, {limits.messages_per_ip}/min "
        f"per IP,\n               {limits.frames_per_connection} frames/10 s per socket, "
        f"{limits.sessions_per_ip} sessions and {limits.conversations_per_ip} new "
        "conversations/min per IP); DEBUG off"
    )
    from django.conf import settings

    age = settings.DATABASES["default"].get("CONN_MAX_AGE", 0)
    what_if = f"{args.conn_max_age} (WHAT-IF, not the product's)" if args.conn_max_age else ""
    print(f"  connections  CONN_MAX_AGE {what_if or f'{age} (the product setting)'}")
    blas = args.blas_threads or os.environ.get("OPENBLAS_NUM_THREADS") or "OpenBLAS's default"
    print(f"  blas threads {blas} (the server's dense search)")
    print(f"  client       websockets {websockets.__version__} + httpx, this process (asyncio)")


def _load(values: Sequence[float]) -> str:
    return " ".join(f"{v:.2f}" for v in values) + " (1, 5, 15 min)"


# --- the store -------------------------------------------------------------------------------


def store_build(args: argparse.Namespace) -> tuple[Store, str, list[tuple[str, str]], list[int]]:
    """The store (as ``bench/agent_turn.py`` builds it), its web chat key, the help-centre
    questions (text, language) and the order numbers shoppers ask about."""
    from django.conf import settings
    from django.db import connections
    from django.utils import timezone

    from agent.models import Channel, ChannelConfig
    from bench.data.agent.harness import corpus_articles, store_settings_create
    from bench.data.agent.orders import mirror_write, orders_generate
    from bench.data.kb.dataset import DEV_PATH, HELDOUT_PATH, questions_load
    from bench.data.kb.harness import articles_load, bench_store_create, embeddings_load
    from knowledge.indexing import store_reindex

    now = timezone.now()
    started = time.perf_counter()
    store = bench_store_create(label="webchat")
    store_settings_create(store=store, now=now)
    config = ChannelConfig.objects.get(store=store, kind=Channel.WEBCHAT)
    config.settings = {**config.settings, "allowed_origins": [ORIGIN]}
    config.save(update_fields=["settings"])
    sources = corpus_articles(args.articles)
    articles_load(store=store, articles=sources)
    chunks = store_reindex(store=store)
    if settings.KNOWLEDGE_EMBEDDINGS:
        embedded, spent = embeddings_load(store=store, cache=args.embeddings_cache)
        vectors = f"embeddings on ({embedded} passages embedded now in {spent:.0f} s)"
    else:
        vectors = "embeddings off (word ranking only)"
    mirror = orders_generate(count=args.orders, now=now, seed=SEED)
    counts = mirror_write(store=store, mirror=mirror)
    if connections["default"].vendor == "postgresql":
        with connections["default"].cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"  store        {len(sources)} articles ({chunks} chunks, {vectors}), "
        f"{counts.get('orders', args.orders):,} orders; built in "
        f"{time.perf_counter() - started:.0f} s"
    )
    print(f"  storefront   {ORIGIN} (the web chat's only allowed origin)")
    questions = [
        (q.text, q.language)
        for q in questions_load(DEV_PATH) + questions_load(HELDOUT_PATH)
        if q.store == "corpus"
    ]
    connections.close_all()
    return store, config.public_key, questions, [o.number for o in mirror.orders]


# --- the server ------------------------------------------------------------------------------


@dataclass
class Server:
    args: argparse.Namespace
    var_dir: str
    process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self, public_key: str) -> Target:
        from bench.data.webchat.client import Target
        from bench.data.webchat.harness import free_port, wait_until_up

        port = free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.data.webchat.settings",
            "SHOPAGENT_VAR_DIR": self.var_dir,
            "DJANGO_DEBUG": "0",
            "LOG_LEVEL": "WARNING",
            "APP_BASE_URL": f"http://127.0.0.1:{port}",
            "BENCH_PROFILE": "1" if self.args.profile else "0",
            "BENCH_CONN_MAX_AGE": self.args.conn_max_age,
        }
        if self.args.blas_threads:
            env["OPENBLAS_NUM_THREADS"] = str(self.args.blas_threads)
        for name, value in (
            ("DATABASE_URL", self.args.database_url),
            ("REDIS_URL", self.args.redis_url),
        ):
            env.pop(name, None)
            if value:
                env[name] = value
        log = Path(self.var_dir) / "daphne.log"
        daphne = str(Path(sys.executable).with_name("daphne"))
        # The venv's daphne serving our own module: no outside input.
        self.process = subprocess.Popen(  # noqa: S603
            [daphne, "-b", "127.0.0.1", "-p", str(port), "bench.data.webchat.asgi:application"],
            env=env,
            cwd=ROOT,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        wait_until_up(f"http://127.0.0.1:{port}/healthz", self.process, log=log)
        return Target(
            http=f"http://127.0.0.1:{port}",
            public_key=public_key,
            origin=ORIGIN,
            timeout=self.args.timeout,
        )

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# --- the run ---------------------------------------------------------------------------------


async def run(args: argparse.Namespace, *, target: Target, mix: Mix, server_pid: int) -> None:
    from bench.data.webchat.client import (
        echo_open,
        echo_turn,
        webchat_open,
        webchat_turn,
    )
    from bench.data.webchat.harness import Results, phase_run, targets_print

    warm = await phase_run(
        webchat_open,
        webchat_turn,
        route="webchat",
        shoppers=WARM_UP_SHOPPERS,
        args=args,
        window=args.warm_up,
        think=0.0,
        target=target,
        mix=mix,
        server_pid=server_pid,
    )
    first = max((r[1] for r in warm.phase.replies), default=0.0)
    print(
        f"  warm-up      {WARM_UP_SHOPPERS} shoppers, {len(warm.phase.replies)} replies in "
        f"{args.warm_up:.0f} s; the slowest {first * 1000:.0f} ms (classifier training, "
        "embedding model, search index)"
    )
    results = Results()
    for n in args.shoppers:
        print(f"\n  N = {n} shoppers (load average {_load(os.getloadavg())})")
        agent = await phase_run(
            webchat_open,
            webchat_turn,
            route="webchat",
            shoppers=n,
            args=args,
            window=args.window,
            think=args.think,
            target=target,
            mix=mix,
            server_pid=server_pid,
        )
        agent.print("web chat")
        results.agent[n] = agent.phase
        if args.profile and agent.stats.get("profile"):
            print(agent.stats["profile"])
        if args.no_echo:
            continue
        echo = await phase_run(
            echo_open,
            echo_turn,
            route="echo",
            shoppers=n,
            args=args,
            window=args.window,
            think=args.echo_think,
            target=target,
            mix=mix,
            server_pid=server_pid,
        )
        echo.print("echo")
        results.echo[n] = echo.phase
        print(f"    ratio      web chat / echo msg/s = {results.ratio(n):.3f}")
    targets_print(
        results,
        shoppers=TARGET_SHOPPERS,
        p99_ms=TARGET_P99_MS,
        ratio=TARGET_RATIO,
        held=TARGET_HELD,
    )


if __name__ == "__main__":
    main()
