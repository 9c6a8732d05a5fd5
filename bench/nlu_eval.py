"""Benchmark: routing quality of ``agent.nlu.understand`` on our labelled test set.

    .venv/bin/python bench/nlu_eval.py [--failures N]

What it does: classifies every message of ``bench/data/nlu/dev.jsonl`` (development) and
``heldout.jsonl`` (held out: scored, never tuned on) with ``understand()``, and with two
trivial baselines in the same run: keyword rules (``bench/data/nlu/dataset.py``) and the
majority class of the training data.

How to read it, per part and language:
- skill: share of messages routed to the right skill (what the engine acts on; target >= 95%);
- intent: share with the exact intent (finer: order_change vs order_cancel, return_start vs
  exchange...);
- language: share whose detected language is the labelled one;
- clarify: share of messages under the clarification threshold (the engine asks instead of
  acting), and the skill accuracy of the rest;
- confusions: skill pairs (labelled -> predicted) with counts. Failing messages are listed
  for the development part only.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agent.nlu import CLARIFY_THRESHOLD, Understanding, intent_skill, understand
from agent.nlu.classifier import classifier_get
from agent.nlu.data import utterances_load
from bench.data.nlu.dataset import (
    Example,
    examples_load,
    keyword_baseline,
    machine_line,
)


def _share(hits: int, total: int) -> str:
    return f"{100 * hits / total:5.1f}% ({hits}/{total})" if total else "   n/a"


def _accuracy(examples: Sequence[Example], intents: Sequence[str]) -> tuple[int, int]:
    skill = sum(intent_skill(i) == e.skill for e, i in zip(examples, intents, strict=True))
    intent = sum(i == e.intent for e, i in zip(examples, intents, strict=True))
    return skill, intent


def _report_part(part: str, examples: Sequence[Example], majority: str, failures: int) -> None:
    results: list[Understanding] = [understand(e.text) for e in examples]
    baseline = [keyword_baseline(e.text) for e in examples]
    print(f"\n== {part}: {len(examples)} messages ==")
    print(
        f"{'lang':<5} {'n':>4}  {'skill':>16}  {'intent':>16}  {'language':>16}  "
        f"{'keyword skill':>16}  {'keyword intent':>16}  {'majority skill':>16}"
    )
    for language in ("en", "nl", "all"):
        pick = [i for i, e in enumerate(examples) if language in ("all", e.language)]
        subset = [examples[i] for i in pick]
        ours = _accuracy(subset, [results[i].intent for i in pick])
        keyword = _accuracy(subset, [baseline[i] for i in pick])
        major = _accuracy(subset, [majority] * len(subset))
        lang_ok = sum(results[i].language == examples[i].language for i in pick)
        print(
            f"{language:<5} {len(pick):>4}  {_share(ours[0], len(pick)):>16}  "
            f"{_share(ours[1], len(pick)):>16}  {_share(lang_ok, len(pick)):>16}  "
            f"{_share(keyword[0], len(pick)):>16}  {_share(keyword[1], len(pick)):>16}  "
            f"{_share(major[0], len(pick)):>16}"
        )
    _report_clarify(examples, results)
    _report_confusions(examples, results)
    if part == "dev" and failures:
        _report_failures(examples, results, failures)


def _report_clarify(examples: Sequence[Example], results: Sequence[Understanding]) -> None:
    sure = [(e, r) for e, r in zip(examples, results, strict=True) if not r.needs_clarification]
    unsure = len(examples) - len(sure)
    right = sum(r.skill == e.skill for e, r in sure)
    print(
        f"clarify (confidence < {CLARIFY_THRESHOLD}): {_share(unsure, len(examples)).strip()}"
        f" of messages; skill accuracy of the rest {_share(right, len(sure)).strip()}"
    )


def _report_confusions(examples: Sequence[Example], results: Sequence[Understanding]) -> None:
    skills = Counter((e.skill, r.skill) for e, r in zip(examples, results, strict=True))
    wrong = sorted(((n, pair) for pair, n in skills.items() if pair[0] != pair[1]), reverse=True)
    text = ", ".join(f"{a}->{b} {n}" for n, (a, b) in wrong) or "none"
    print(f"skill confusions (labelled->predicted): {text}")
    intents = Counter((e.intent, r.intent) for e, r in zip(examples, results, strict=True))
    wrong_i = sorted(((n, p) for p, n in intents.items() if p[0] != p[1]), reverse=True)
    text = ", ".join(f"{a}->{b} {n}" for n, (a, b) in wrong_i[:12]) or "none"
    print(f"intent confusions (top 12): {text}")


def _report_failures(
    examples: Sequence[Example], results: Sequence[Understanding], limit: int
) -> None:
    print("development failures (intent wrong; * = skill wrong too):")
    shown = 0
    for example, result in zip(examples, results, strict=True):
        if result.intent != example.intent and shown < limit:
            mark = "*" if result.skill != example.skill else " "
            print(
                f" {mark} [{example.language}] {example.intent} -> {result.intent} "
                f"({result.confidence:.2f}): {example.text}"
            )
            shown += 1


def main(
    argv: Sequence[str] | None = None, *, clock: Callable[[], float] = time.perf_counter
) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--failures", type=int, default=40, help="dev failures to list")
    args = parser.parse_args(argv)
    print(f"machine: {machine_line()}")
    started = clock()
    training = utterances_load()
    classifier_get()
    print(
        f"classifier trained on {len(training)} utterances in {clock() - started:.2f} s "
        f"(first use, imports excluded); clarification threshold {CLARIFY_THRESHOLD}"
    )
    majority = Counter(u.intent for u in training).most_common(1)[0][0]
    print(f"baselines: keyword rules (bench/data/nlu/dataset.py); majority class '{majority}'")
    for part in ("dev", "heldout"):
        _report_part(part, examples_load(part), majority, args.failures)


if __name__ == "__main__":
    main()
