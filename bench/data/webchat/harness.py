"""What ``bench/webchat_load.py`` runs a phase with: the server's port and readiness, one
phase (open N shoppers, run the window, read the server's turn log and everyone's CPU, check
that every socket still answers), and the targets."""

from __future__ import annotations

import argparse
import asyncio
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.data.webchat.client import (
    Opener,
    Phase,
    Target,
    Turn,
    shoppers_hold_check,
    shoppers_open,
    shoppers_run,
)
from bench.data.webchat.messages import Mix
from bench.data.webchat.report import (
    CpuUse,
    connect_line,
    cpu_snapshot,
    cpu_use,
    kinds_line,
    rate,
    replies_line,
    turns_line,
)

STATS_PATH = "/__bench__/stats"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(
    url: str, server: subprocess.Popen[bytes], *, log: Path, seconds: float = 60
) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer on {url}:\n{log.read_text()[-3000:]}")


@dataclass
class Measured:
    phase: Phase
    stats: dict[str, Any]
    cpu: CpuUse

    def print(self, name: str) -> None:
        print(f"    {name:<10} connect  {connect_line(self.phase)}")
        print(f"               {replies_line(self.phase)}")
        if self.phase.route == "webchat":
            print(f"               by kind (ms): {kinds_line(self.phase)}")
            print(f"               server turns: {turns_line(self.stats)}")
        print(f"               CPU: {self.cpu.line()}")
        replies = len(self.phase.in_window())
        if replies:
            each = self.cpu.server * self.phase.window / replies
            print(
                f"               server CPU per reply {each * 1000:.2f} ms "
                f"(= {1 / each:,.0f} msg/s on one free core)"
            )


async def _stats(target: Target) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=target.http, timeout=30) as client:
        response = await client.get(STATS_PATH)
        response.raise_for_status()
        stats: dict[str, Any] = response.json()
        return stats


async def phase_run(
    opener: Opener,
    turn: Turn,
    *,
    route: str,
    shoppers: int,
    args: argparse.Namespace,
    window: float,
    think: float,
    target: Target,
    mix: Mix,
    server_pid: int,
) -> Measured:
    phase = Phase(route=route, shoppers=shoppers)
    opened = await shoppers_open(
        opener, target, count=shoppers, concurrency=args.connect_concurrency, phase=phase
    )
    await _stats(target)  # a new count starts with the window

    async def at_window_end() -> tuple[dict[str, Any], CpuUse]:
        before = cpu_snapshot(server_pid)
        await asyncio.sleep(window)
        stats = await _stats(target)
        return stats, cpu_use(before, cpu_snapshot(server_pid), server_pid=server_pid)

    reading = asyncio.create_task(at_window_end())
    await shoppers_run(
        opened, turn, mix=mix, think=think, window=window, timeout=args.timeout, phase=phase
    )
    stats, cpu = await reading
    phase.held = await shoppers_hold_check(opened, route=route, timeout=args.timeout)
    return Measured(phase=phase, stats=stats, cpu=cpu)


@dataclass
class Results:
    agent: dict[int, Phase] = field(default_factory=dict)
    echo: dict[int, Phase] = field(default_factory=dict)

    def ratio(self, n: int) -> float:
        echo = rate(self.echo[n]) if n in self.echo else 0.0
        return rate(self.agent[n]) / echo if echo else 0.0


def targets_print(
    results: Results, *, shoppers: int, p99_ms: float, ratio: float, held: int
) -> None:
    from bench.data.agent.report import cuts

    print("\n  Targets (issue 6)")
    phase = results.agent.get(shoppers)
    if phase is None or not phase.in_window():
        print(f"    {shoppers} shoppers, p99 < {p99_ms:.0f} ms: NOT MEASURED (no N = {shoppers})")
    else:
        p99 = cuts([r[1] for r in phase.in_window()])[98]
        verdict = "MET" if p99 < p99_ms else "NOT MET"
        print(f"    {shoppers} shoppers, p99 < {p99_ms:.0f} ms: {verdict} (p99 {p99:.0f} ms)")
    if shoppers in results.echo and phase is not None:
        got = results.ratio(shoppers)
        verdict = "MET" if got >= ratio else "NOT MET"
        print(
            f"    {shoppers} shoppers, >= {ratio}x the echo ceiling's msg/s: {verdict} "
            f"({rate(phase):.1f} / {rate(results.echo[shoppers]):.1f} = {got:.3f}x)"
        )
    else:
        print(f"    {shoppers} shoppers, >= {ratio}x echo: NOT MEASURED")
    phase = results.agent.get(held)
    if phase is None:
        print(f"    {held:,} connections held without errors: NOT MEASURED (no N = {held})")
        return
    failures = sum(phase.connect_failures.values())
    errors = sum(phase.errors.values())
    ok = failures == 0 and errors == 0 and phase.dropped == 0 and phase.held == held
    print(
        f"    {held:,} connections held without errors: {'MET' if ok else 'NOT MET'} "
        f"(open failures {failures}, errors {errors}, dropped {phase.dropped}, "
        f"answering at the end {phase.held}/{held})"
    )
