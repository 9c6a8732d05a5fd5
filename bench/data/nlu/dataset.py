"""Loading the routing test set, and the trivial baseline the benchmarks measure next to ours.

The baseline is what a first afternoon would give: keyword rules (English and Dutch), first
match wins, "?" -> general question, else unknown.
"""

from __future__ import annotations

import json
import os
import platform
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

DATA_DIR: Final = Path(__file__).resolve().parent
PARTS: Final = {"dev": DATA_DIR / "dev.jsonl", "heldout": DATA_DIR / "heldout.jsonl"}


@dataclass(frozen=True)
class Example:
    text: str
    language: str
    intent: str
    skill: str


def examples_load(part: str) -> tuple[Example, ...]:
    """The labelled messages of ``part`` ("dev" or "heldout"), in file order."""
    rows = []
    for line in PARTS[part].read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            data = json.loads(line)
            rows.append(Example(data["text"], data["language"], data["intent"], data["skill"]))
    return tuple(rows)


_KEYWORD_RULES: Final = (
    ("human", r"human|person|agent|someone|medewerker|mens|iemand|bellen|call"),
    ("refund_status", r"refund|terugbetal|money back|geld terug"),
    ("order_cancel", r"cancel|annul"),
    ("exchange", r"exchange|swap|ruil"),
    ("return_policy", r"return policy|retourbeleid|returns? (?:free|window)"),
    ("return_start", r"return|retour|send (?:it |them )?back|terugstur"),
    ("order_add_items", r"\badd\b|toevoeg|erbij"),
    ("order_change", r"change|modify|edit|wijzig|aanpass|verander"),
    ("order_status", r"where|waar|track|arrive|deliver|bezorg|verzonden|shipped|levering"),
    ("thanks_goodbye", r"thank|thx|bedankt|dank|bye|doei|merci|cheers"),
    ("greeting", r"^\W*(?:hi|hello|hey|hoi|hallo|good (?:morning|evening)|goede?morgen)\b"),
)
_COMPILED: Final = tuple((intent, re.compile(pattern, re.I)) for intent, pattern in _KEYWORD_RULES)


def keyword_baseline(text: str) -> str:
    """The baseline's intent for ``text``."""
    for intent, regex in _COMPILED:
        if regex.search(text):
            return intent
    return "general_question" if "?" in text else "unknown"


def machine_line() -> str:
    return (
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )
