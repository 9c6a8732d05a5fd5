"""Figures of ``bench/webchat_load.py``: CPU use of the server's threads, this process and the
whole machine over a window (from ``/proc``), and the lines printed for each phase."""

from __future__ import annotations

import os
import statistics
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.data.agent.report import cuts
from bench.data.webchat.client import Phase

TICK = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Cpu:
    """A snapshot: the server's CPU seconds per thread, this process's CPU seconds, the
    machine's busy and total jiffies, and the time."""

    threads: dict[int, float]
    client: float
    busy: int
    total: int
    at: float


def cpu_snapshot(server_pid: int) -> Cpu:
    threads: dict[int, float] = {}
    for task in Path(f"/proc/{server_pid}/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the thread ended
            continue
        threads[int(task.name)] = (int(fields[11]) + int(fields[12])) / TICK
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return Cpu(
        threads=threads,
        client=time.process_time(),
        busy=sum(values[:8]) - idle,
        total=sum(values[:8]),
        at=time.perf_counter(),
    )


@dataclass(frozen=True)
class CpuUse:
    """Cores used over a window (1.0 = one core the whole time)."""

    server: float
    loop_thread: float  # the main thread: daphne's event loop, every consumer's async code
    busiest_other: tuple[float, ...]  # the 3 busiest other threads, the first in practice
    # the one that runs database_sync_to_async calls (the others: OpenBLAS, thread pools)
    threads: int
    client: float
    machine: float  # every process on the machine, these two included

    def line(self) -> str:
        others = self.machine - self.server - self.client
        return (
            f"server {self.server:.2f} cores (event loop thread {self.loop_thread:.2f}, "
            f"busiest others {' '.join(f'{v:.2f}' for v in self.busiest_other)} of "
            f"{self.threads} threads); load client {self.client:.2f}; "
            f"machine {self.machine:.2f} of {os.cpu_count()} (other processes {max(0, others):.2f})"
        )


def cpu_use(before: Cpu, after: Cpu, *, server_pid: int) -> CpuUse:
    elapsed = after.at - before.at
    spent = {tid: after.threads[tid] - before.threads.get(tid, 0.0) for tid in after.threads}
    others = [v for tid, v in spent.items() if tid != server_pid]
    total = max(1, after.total - before.total)
    return CpuUse(
        server=sum(spent.values()) / elapsed,
        loop_thread=spent.get(server_pid, 0.0) / elapsed,
        busiest_other=tuple(v / elapsed for v in sorted(others, reverse=True)[:3]),
        threads=len(spent),
        client=(after.client - before.client) / elapsed,
        machine=(after.busy - before.busy) / total * (os.cpu_count() or 1),
    )


# --- lines ---------------------------------------------------------------------------------------


def latency(seconds: Sequence[float]) -> str:
    if not seconds:
        return "no replies"
    cut = cuts(seconds)
    return (
        f"p50 {cut[49]:7.1f}  p95 {cut[94]:7.1f}  p99 {cut[98]:7.1f}  "
        f"max {max(seconds) * 1000:7.1f} ms"
    )


def rate(phase: Phase) -> float:
    return len(phase.in_window()) / phase.window if phase.window else 0.0


def connect_line(phase: Phase) -> str:
    failed = sum(phase.connect_failures.values())
    detail = f" ({_counts(phase.connect_failures)})" if failed else ""
    return (
        f"{len(phase.connect_seconds)} opened, {failed} failed{detail} in "
        f"{phase.ramp_seconds:.1f} s; each {latency(phase.connect_seconds)}"
    )


def replies_line(phase: Phase) -> str:
    replies = phase.in_window()
    errors = sum(phase.errors.values())
    detail = f" ({_counts(phase.errors)})" if errors else ""
    return (
        f"{len(replies)} replies in {phase.window:.0f} s = {rate(phase):7.1f} msg/s; "
        f"round trip {latency([r[1] for r in replies])}\n"
        f"               errors {errors}{detail}; dropped {phase.dropped}; "
        f"held at the end {phase.held}/{phase.shoppers}"
    )


def kinds_line(phase: Phase) -> str:
    by_kind: dict[str, list[float]] = {}
    for _, seconds, kind in phase.in_window():
        by_kind.setdefault(kind, []).append(seconds)
    return "; ".join(
        f"{kind} {len(v)}: p50 {cuts(v)[49]:.0f} p99 {cuts(v)[98]:.0f}"
        for kind, v in sorted(by_kind.items())
    )


def turns_line(stats: dict[str, Any]) -> str:
    """The server's own account of the window: turns run, their time, how busy the thread
    that runs them was (sum of turn wall time / window), connections opened."""
    wall, cpu, closing = stats["wall"], stats["cpu"], stats["housekeeping"]
    if not wall:
        return "no turns"
    busy = (sum(wall) + sum(closing)) / stats["seconds"]
    return (
        f"{len(wall)} turns, wall {latency(wall)}, mean {statistics.fmean(wall) * 1000:.1f}; "
        f"thread CPU p50 {cuts(cpu)[49]:.1f} p99 {cuts(cpu)[98]:.1f} ms, "
        f"mean {statistics.fmean(cpu) * 1000:.1f}\n"
        f"               close_old_connections {len(closing)} calls, mean "
        f"{statistics.fmean(closing or [0]) * 1000:.2f} ms, max {max(closing or [0]) * 1000:.1f} ms"
        f"; DB connections opened {stats['connections_opened']}; failed turns {stats['failed']}\n"
        f"               turn thread busy {busy:.0%} of the window in turns and "
        f"close_old_connections (threads: {', '.join(stats['threads'])})"
    )


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in counter.most_common())
