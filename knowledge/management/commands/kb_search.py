"""``manage.py kb_search --store SLUG "question"``: the passages the agent would find for a
question, best first, and what it would answer (or that it has no answer)."""

from __future__ import annotations

import textwrap
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from core.errors import NotFound
from core.selectors import store_get
from knowledge.analysis import language_guess
from knowledge.answers import Answer, knowledge_answer
from knowledge.search import SearchHit, knowledge_search


class Command(BaseCommand):
    help = (
        "Search a store's published content like the agent does: print the ranked passages "
        "(score, coverage, citation, snippet with [matches]) and the answer or the no-answer."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("question", help="The question, as a shopper would ask it.")
        parser.add_argument("--store", required=True, help="The store's slug.")
        parser.add_argument(
            "--language", choices=["en", "nl"], help="The question's language (default: detect)."
        )
        parser.add_argument("--limit", type=int, default=5, help="How many passages (1-50).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            store = store_get(slug=options["store"])
        except NotFound as exc:
            raise CommandError(f"No store with slug {options['store']!r}.") from exc
        if not 1 <= options["limit"] <= 50:
            raise CommandError("--limit must be between 1 and 50.")
        question = options["question"]
        language = options["language"] or language_guess(question) or store.default_language
        hits = knowledge_search(
            store=store, query=question, language=language, limit=options["limit"]
        )
        answer = knowledge_answer(store=store, question=question, language=language)
        self.stdout.write(f"Question ({language}): {question}")
        if not hits:
            self.stdout.write("No published passage matches.")
        for rank, hit in enumerate(hits, start=1):
            self._hit_write(rank, hit)
        self._answer_write(answer)

    def _hit_write(self, rank: int, hit: SearchHit) -> None:
        snippet = "".join(f"[{p.text}]" if p.match else p.text for p in hit.snippet)
        self.stdout.write(
            f"\n{rank}. {hit.citation}  (score {hit.score:.2f}, coverage {hit.coverage:.2f}, "
            f"{hit.language}, article {hit.article_id} v{hit.article_version}, "
            f"passage {hit.position})"
        )
        self.stdout.write(textwrap.indent(textwrap.fill(snippet, width=96), "   "))

    def _answer_write(self, answer: Answer) -> None:
        if not answer.found:
            self.stdout.write(f"\nAnswer: none ({answer.reason}, coverage {answer.coverage:.2f})")
            return
        self.stdout.write(
            f"\nAnswer from {answer.citation} (article {answer.article_id} "
            f"v{answer.article_version}, passage {answer.chunk_position}):"
        )
        for sentence in answer.sentences:
            self.stdout.write(textwrap.indent(textwrap.fill(" ".join(sentence.split()), 96), "   "))
