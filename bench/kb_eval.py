"""Benchmark: knowledge-base retrieval quality on our evaluation set, next to plain BM25.

    .venv/bin/python bench/kb_eval.py [--database-url URL] [--failures N]
        [--no-embeddings] [--embeddings-cache FILE]

What it does:

1. A throwaway database: with no ``--database-url`` a new SQLite file in a temporary folder;
   with one, that PostgreSQL database (migrated; new stores per run, deleted at the end).
2. Two stores, loaded through ``knowledge.services`` as published articles, indexed with
   ``knowledge.indexing.store_reindex`` and embedded with
   ``knowledge.embeddings.store_embeddings_refresh`` (unless ``--no-embeddings``: word ranking
   only; ``--embeddings-cache FILE`` keeps vectors between runs in an .npz file, since
   embedding the corpus takes a minute or two): "demo" (the demo store's 12 English and Dutch
   articles) and "corpus" (the generated Lindeboom help centre, ≥ 500 articles).
3. Every question of ``bench/data/kb/questions.jsonl`` and ``questions_nl_extra.jsonl``
   (development) and
   ``heldout_questions.jsonl`` (held out, never tuned on) is asked in its store, in its
   language, through ``knowledge_search(limit=5)`` and ``knowledge_answer``.
4. The baseline, in the same run: rank-bm25's BM25Okapi over the same chunk rows (title,
   heading path and text; lowercase whitespace tokens, edge punctuation stripped).

How to read it:

- top-1: share of answerable questions whose first hit is a labelled passage (the article and
  the section's heading path; see ``bench/data/kb/dataset.py``);
- MRR@5: mean of 1/rank of the first labelled passage in the top 5 (0 when absent);
- no-answer P/R: over all questions, precision and recall of "no answer" (``knowledge_answer``
  found nothing) against the questions the content cannot answer. The baseline has no notion
  of relevance; its "no answer" is a top score of 0 (no query word in any chunk);
- answer ok: share of answerable questions where ``knowledge_answer`` returned a labelled
  passage.

Failures are listed for the development questions only: the held-out ones are for measuring,
not for looking at.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.data.kb.dataset import (
    DEV_EXTRA_PATH,
    DEV_PATH,
    HELDOUT_PATH,
    STORES,
    Question,
    SourceArticle,
    heading_path_normalise,
    passage_matches,
    questions_load,
    store_articles,
)
from bench.data.kb.harness import (
    Baseline,
    articles_load,
    bench_store_create,
    django_start,
    embeddings_load,
    machine_line,
    stores_delete,
)

if TYPE_CHECKING:
    from core.models import Store

LIMIT = 5


@dataclass
class Loaded:
    store: Store
    articles: dict[int, SourceArticle]
    chunks: int
    baseline: Baseline


@dataclass(frozen=True)
class Outcome:
    question: Question
    part: str
    rank: int | None
    base_rank: int | None
    top: str
    answered: bool
    answer_ok: bool
    answer_top: str
    base_answered: bool


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--failures", type=int, default=100, help="list at most this many failed dev questions"
    )
    parser.add_argument("--no-embeddings", action="store_true", help="word ranking only")
    parser.add_argument("--embeddings-cache", default="", help=".npz file of passage vectors")
    args = parser.parse_args()
    if args.no_embeddings:
        os.environ["KNOWLEDGE_EMBEDDINGS"] = "false"
    with tempfile.TemporaryDirectory(prefix="shopagent-kb-eval-") as var_dir:
        database = django_start(database_url=args.database_url, var_dir=var_dir)
        run(database=database, failures=args.failures, cache=args.embeddings_cache)


def run(*, database: str, failures: int, cache: str = "") -> None:
    dev = questions_load(DEV_PATH) + questions_load(DEV_EXTRA_PATH)
    held = questions_load(HELDOUT_PATH)
    print("Knowledge-base evaluation: our questions over the demo store and a generated corpus")
    print(f"  machine    {machine_line()}")
    print(f"  database   {database}")
    from django.conf import settings

    engine = f"on, engine {settings.KNOWLEDGE_EMBEDDINGS_ENGINE}"
    print(f"  embeddings {engine if settings.KNOWLEDGE_EMBEDDINGS else 'off (word ranking only)'}")
    loaded = {name: _load(name, cache=cache) for name in STORES}
    try:
        outcomes = [_ask(q, "dev", loaded[q.store]) for q in dev]
        outcomes += [_ask(q, "held-out", loaded[q.store]) for q in held]
    finally:
        stores_delete(*(x.store for x in loaded.values()))
    _questions_line(dev, "dev")
    _questions_line(held, "held-out")
    print()
    _table(outcomes)
    print()
    _tags(outcomes)
    print()
    _failures([o for o in outcomes if o.part == "dev"], limit=failures)


def _load(name: str, *, cache: str) -> Loaded:
    from knowledge.indexing import store_reindex

    store = bench_store_create(label=f"eval-{name}")
    sources = store_articles(name)
    started = time.perf_counter()
    articles = articles_load(store=store, articles=sources)
    loaded_in = time.perf_counter() - started
    started = time.perf_counter()
    chunks = store_reindex(store=store)
    indexed_in = time.perf_counter() - started
    embedded, embedded_in = _embed(store, cache=cache)
    baseline = Baseline(store=store)
    print(
        f"  store      {name}: {len(articles)} articles, {chunks} chunks "
        f"(created in {loaded_in:.1f} s, store_reindex {indexed_in:.1f} s, "
        f"{embedded} passages embedded in {embedded_in:.1f} s)"
    )
    return Loaded(store=store, articles=articles, chunks=chunks, baseline=baseline)


def _embed(store: Store, *, cache: str) -> tuple[int, float]:
    """Embed the store's passages (reusing the vectors in ``cache`` and saving new ones)."""
    from django.conf import settings

    if not settings.KNOWLEDGE_EMBEDDINGS:
        return 0, 0.0
    return embeddings_load(store=store, cache=cache)


def _questions_line(questions: Sequence[Question], part: str) -> None:
    by_lang = {lang: sum(q.language == lang for q in questions) for lang in ("en", "nl")}
    unanswerable = sum(not q.answerable for q in questions)
    print(
        f"  questions  {part}: {len(questions)} (en {by_lang['en']}, nl {by_lang['nl']}; "
        f"{unanswerable} the content cannot answer)"
    )


def _describe(loaded: Loaded, article_id: int | None, heading_path: Iterable[str]) -> str:
    source = loaded.articles.get(article_id or -1)
    if source is None:
        return "(nothing)"
    path = heading_path_normalise(tuple(heading_path), title=source.title)
    return " › ".join([source.key, *path])


def _rank(
    question: Question, loaded: Loaded, hits: Sequence[tuple[int, Sequence[str]]]
) -> int | None:
    for rank, (article_id, heading_path) in enumerate(hits[:LIMIT], start=1):
        source = loaded.articles.get(article_id)
        if source is not None and passage_matches(
            question.answers, article_key=source.key, title=source.title, heading_path=heading_path
        ):
            return rank
    return None


def _ask(question: Question, part: str, loaded: Loaded) -> Outcome:
    from knowledge.answers import knowledge_answer
    from knowledge.search import knowledge_search

    hits = knowledge_search(
        store=loaded.store, query=question.text, language=question.language, limit=LIMIT
    )
    pairs = [(h.article_id, h.heading_path) for h in hits]
    base_hits = loaded.baseline.search(question.text, limit=LIMIT)
    base_pairs = [(h.article_id, h.heading_path) for h in base_hits]
    answer = knowledge_answer(
        store=loaded.store, question=question.text, language=question.language
    )
    hit = answer.hit if answer.found else None
    answer_pair = [(hit.article_id, hit.heading_path)] if hit is not None else []
    return Outcome(
        question=question,
        part=part,
        rank=_rank(question, loaded, pairs),
        base_rank=_rank(question, loaded, base_pairs),
        top=_describe(loaded, *pairs[0]) if pairs else "(nothing)",
        answered=answer.found,
        answer_ok=bool(answer_pair) and _rank(question, loaded, answer_pair) == 1,
        answer_top=_describe(loaded, *answer_pair[0]) if answer_pair else "(no answer)",
        base_answered=bool(base_hits) and base_hits[0].score > 0,
    )


# --- figures ---------------------------------------------------------------------------------


def _share(values: Sequence[bool]) -> str:
    return f"{sum(values) / len(values):.3f}" if values else "  -  "


def _mean(values: Sequence[float]) -> str:
    return f"{sum(values) / len(values):.3f}" if values else "  -  "


def _precision_recall(outcomes: Sequence[Outcome], said_none: Callable[[Outcome], bool]) -> str:
    predicted = [o for o in outcomes if said_none(o)]
    truly = [o for o in outcomes if not o.question.answerable]
    hits = sum(not o.question.answerable for o in predicted)
    precision = f"{hits / len(predicted):.2f}" if predicted else "  - "
    recall = f"{hits / len(truly):.2f}" if truly else "  - "
    return f"{precision}/{recall}"


def _row(label: str, outcomes: Sequence[Outcome]) -> str:
    answerable = [o for o in outcomes if o.question.answerable]
    top1 = _share([o.rank == 1 for o in answerable])
    base_top1 = _share([o.base_rank == 1 for o in answerable])
    mrr = _mean([1 / o.rank if o.rank else 0.0 for o in answerable])
    base_mrr = _mean([1 / o.base_rank if o.base_rank else 0.0 for o in answerable])
    none_pr = _precision_recall(outcomes, lambda o: not o.answered)
    base_none_pr = _precision_recall(outcomes, lambda o: not o.base_answered)
    answer_ok = _share([o.answer_ok for o in answerable])
    unanswerable = len(outcomes) - len(answerable)
    return _line(
        label,
        len(answerable),
        unanswerable,
        top1,
        base_top1,
        mrr,
        base_mrr,
        none_pr,
        base_none_pr,
        answer_ok,
    )


def _line(*cells: object) -> str:
    label, answerable, unanswerable, *figures = (str(c) for c in cells)
    a, b, c, d, e, f, g = figures
    return (
        f"  {label:<26} {answerable:>4} {unanswerable:>4}   {a:<6} {b:<6}   {c:<6} {d:<6}   "
        f"{e:>10}  {f:>10}   {g}"
    ).rstrip()


def _table(outcomes: Sequence[Outcome]) -> None:
    print("  system = knowledge_search / knowledge_answer; bm25 = the rank-bm25 baseline")
    print(_line("", "", "", "top-1", "", "MRR@5", "", "no-answer P/R", "", ""))
    print(_line("part / slice", "ans", "n/a", *("system", "bm25") * 3, "answer ok"))
    for part in ("dev", "held-out"):
        rows = [o for o in outcomes if o.part == part]
        slices: list[tuple[str, list[Outcome]]] = [
            ("English", [o for o in rows if o.question.language == "en"]),
            ("Dutch", [o for o in rows if o.question.language == "nl"]),
            ("demo store", [o for o in rows if o.question.store == "demo"]),
            ("generated corpus", [o for o in rows if o.question.store == "corpus"]),
            ("all", rows),
        ]
        for name, chosen in slices:
            print(_row(f"{part} {name}", chosen))
        print()
    print(_row("dev + held-out", list(outcomes)))


def _tags(outcomes: Sequence[Outcome]) -> None:
    print("  top-1 by kind of question (dev + held-out, answerable): system vs bm25")
    tags = sorted({t for o in outcomes for t in o.question.tags} - {"no-answer"})
    for tag in tags:
        chosen = [o for o in outcomes if tag in o.question.tags and o.question.answerable]
        print(
            f"    {tag:<15} n={len(chosen):>3}   {_share([o.rank == 1 for o in chosen])}"
            f"   {_share([o.base_rank == 1 for o in chosen])}"
        )


def _failures(outcomes: Sequence[Outcome], *, limit: int) -> None:
    failed = [
        o
        for o in outcomes
        if (o.question.answerable and (o.rank != 1 or not o.answer_ok))
        or (not o.question.answerable and o.answered)
    ]
    print(f"  failed development questions: {len(failed)} (showing up to {limit})")
    for o in failed[:limit]:
        q = o.question
        print(f"    {q.id} [{q.language}] {q.text!r}")
        if q.answerable:
            wanted = "; ".join(" › ".join([a.article, *a.section]) for a in q.answers)
            print(f"        expected  {wanted}")
            print(f"        search    rank {o.rank or '-'}; top-1 {o.top}")
            print(f"        answer    {'ok' if o.answer_ok else o.answer_top}")
        else:
            print(f"        expected  no answer; answered with {o.answer_top}")


if __name__ == "__main__":
    main()
