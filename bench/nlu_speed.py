"""Benchmark: how fast ``agent.nlu`` understands messages, next to trivial baselines.

    .venv/bin/python bench/nlu_speed.py [--messages 5000]

Runs over the routing test set's messages (``bench/data/nlu/``), cycled to ``--messages``,
one message per call, on one core, after one warm-up pass (the classifier is trained on
first use; that time is printed separately). Prints messages/s for:

- baseline: ``str.lower().split()`` (the floor: touching every message once);
- baseline: the keyword rules of ``bench/data/nlu/dataset.py``;
- the classifier alone, one message per call (``Classifier.predict``: the path
  ``understand`` uses), the same with its per-word caches emptied before every message (the
  cold path: no word seen before), and scikit-learn's own batch path over all messages at once;
- language detection alone, entity extraction alone;
- ``understand()`` (language + intent + entities), without and with six line items to match;

and for ``understand()`` the p50/p99 latency per message. Target: classifier >= 2,000/s.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agent.nlu import (
    Context,
    ItemCandidate,
    entities_extract,
    language_detect,
    understand,
)
from agent.nlu.classifier import classifier_get
from bench.data.nlu.dataset import examples_load, keyword_baseline, machine_line

ITEMS = (
    ItemCandidate("1", "Canvas Sneakers", ("Blue", "42")),
    ItemCandidate("2", "Canvas Sneakers", ("White", "42")),
    ItemCandidate("3", "Merino Trui", ("Grijs", "M")),
    ItemCandidate("4", "Linen Shirt", ("Olive", "L")),
    ItemCandidate("5", "Wool Beanie", ()),
    ItemCandidate("6", "Slim Jeans", ("Dark blue", "32")),
)


def _rate(label: str, call: Callable[[str], Any], messages: Sequence[str]) -> list[float]:
    timings = []
    started = time.perf_counter()
    for message in messages:
        before = time.perf_counter()
        call(message)
        timings.append(time.perf_counter() - before)
    elapsed = time.perf_counter() - started
    print(f"{label:<46} {len(messages) / elapsed:>10,.0f} msg/s")
    return timings


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="agent.nlu speed")
    parser.add_argument("--messages", type=int, default=5000)
    args = parser.parse_args(argv)
    texts = [e.text for part in ("dev", "heldout") for e in examples_load(part)]
    messages = list(itertools.islice(itertools.cycle(texts), args.messages))
    print(f"machine: {machine_line()}")
    started = time.perf_counter()
    classifier = classifier_get()
    print(f"classifier training (first use): {time.perf_counter() - started:.2f} s")
    print(f"{len(messages)} messages ({len(texts)} distinct, cycled), one per call\n")
    for message in texts:  # warm-up: caches (stems, folds), branch predictors, allocator
        understand(message)
    _rate("baseline: str.lower().split()", lambda m: m.lower().split(), messages)
    _rate("baseline: keyword rules", keyword_baseline, messages)
    _rate("classifier alone (Classifier.predict)", classifier.predict, messages)

    def cold(message: str) -> None:
        classifier.caches_clear()
        classifier.predict(message)

    _rate("classifier alone, per-word caches cleared", cold, messages)
    started = time.perf_counter()
    classifier.predict_sklearn(messages)
    batch = len(messages) / (time.perf_counter() - started)
    print(f"{'classifier, scikit-learn batch (all at once)':<46} {batch:>10,.0f} msg/s")
    _rate("language_detect alone", language_detect, messages)
    _rate("entities_extract alone", entities_extract, messages)
    plain = _rate("understand()", understand, messages)
    context = Context(item_candidates=ITEMS)
    _rate("understand() with 6 line items", lambda m: understand(m, context=context), messages)
    quantiles = statistics.quantiles(plain, n=100)
    print(
        f"\nunderstand() latency per message: p50 {quantiles[49] * 1000:.2f} ms, "
        f"p99 {quantiles[98] * 1000:.2f} ms, max {max(plain) * 1000:.2f} ms"
    )


if __name__ == "__main__":
    main()
