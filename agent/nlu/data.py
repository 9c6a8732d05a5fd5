"""The training utterances: ``agent/nlu/data/<language>/<intent>.txt``.

One utterance per line, written by us; blank lines and lines starting with ``#`` are ignored.
Files are read in sorted order so training sees the same rows in the same order every time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

from agent.nlu.intents import INTENTS, LANGUAGES

DATA_DIR: Final = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Utterance:
    text: str
    intent: str
    language: str


def utterances_load(*, data_dir: Path = DATA_DIR) -> tuple[Utterance, ...]:
    """Every training utterance, by language then intent then line order.

    Raises ``ValueError`` for a file named after an intent we do not know, so a typo in a file
    name cannot silently drop training data."""
    rows: list[Utterance] = []
    for language in LANGUAGES:
        for path in sorted((data_dir / language).glob("*.txt")):
            if path.stem not in INTENTS:
                raise ValueError(f"{path}: not an intent id")
            for line in path.read_text(encoding="utf-8").splitlines():
                text = line.strip()
                if text and not text.startswith("#"):
                    rows.append(Utterance(text=text, intent=path.stem, language=language))
    return tuple(rows)
