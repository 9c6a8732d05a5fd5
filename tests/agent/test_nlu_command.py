"""manage.py agent_classify: one JSON line per stdin line."""

from __future__ import annotations

import io
import json
import sys

import pytest
from django.core.management import call_command


def _run(monkeypatch: pytest.MonkeyPatch, lines: str, *args: str) -> list[dict[str, object]]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode("utf-8"))))
    out = io.StringIO()
    call_command("agent_classify", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_json_line_per_message(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _run(monkeypatch, "I need to cancel my order\nIk wil iets retourneren 📦\n\n")
    assert [(r["text"], r["language"], r["intent"], r["skill"]) for r in rows] == [
        ("I need to cancel my order", "en", "order_cancel", "order_edit"),
        ("Ik wil iets retourneren 📦", "nl", "return_start", "returns"),
        ("", "en", "unknown", "unknown"),
    ]
    assert set(rows[0]) == {"text", "language", "intent", "skill", "confidence"}
    assert 0.0 <= float(rows[0]["confidence"]) <= 1.0  # type: ignore[arg-type]


def test_language_prior_and_alternatives(monkeypatch: pytest.MonkeyPatch) -> None:
    (row,) = _run(monkeypatch, "ok\n", "--language", "nl", "--alternatives")
    assert row["language"] == "nl"
    assert len(row["alternatives"]) == 3  # type: ignore[arg-type]
