"""``manage.py agent_classify``: route shopper messages from stdin, one JSON line per message.

Each stdin line is one message (a blank line gives ``"intent": "unknown"`` with
``"empty": true``); each stdout line is ``{"text", "language", "intent", "skill",
"confidence"}`` (plus ``alternatives`` with ``--alternatives``). ``--language`` passes a
conversation language as the prior for short messages. Reads and writes UTF-8 regardless of
the locale.
"""

from __future__ import annotations

import io
import json
import sys
from argparse import ArgumentParser
from typing import Any, cast

from django.core.management.base import BaseCommand

from agent.nlu import Context, Language, Understanding, understand


def understanding_row(understanding: Understanding, *, alternatives: bool) -> dict[str, Any]:
    row: dict[str, Any] = {
        "text": understanding.text,
        "language": understanding.language,
        "intent": understanding.intent,
        "skill": understanding.skill,
        "confidence": round(understanding.confidence, 4),
    }
    if understanding.empty:
        row["empty"] = True
    if alternatives:
        row["alternatives"] = [
            {"intent": a.intent, "skill": a.skill, "score": a.score}
            for a in understanding.alternatives
        ]
    return row


class Command(BaseCommand):
    help = (
        "Classify shopper messages: one message per stdin line -> one JSON line "
        '{"text", "language", "intent", "skill", "confidence"} on stdout.'
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--language",
            choices=["en", "nl"],
            help="The conversation's language so far (a prior for very short messages).",
        )
        parser.add_argument(
            "--alternatives",
            action="store_true",
            help="Also print the top intents with their scores.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        context = Context(language=cast(Language | None, options["language"]))
        stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
        out = self.stdout
        for line in stdin:
            understanding = understand(line.rstrip("\r\n"), context=context)
            row = understanding_row(understanding, alternatives=options["alternatives"])
            out.write(json.dumps(row, ensure_ascii=False))
            out.flush()
