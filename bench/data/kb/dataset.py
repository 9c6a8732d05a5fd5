"""The knowledge-base evaluation set: labelled shopper questions and the content they are about.

Two stores' worth of content:

- ``demo``: the demo store's help-centre articles (``core.demo``), English and Dutch;
- ``corpus``: the generated help centre of ``corpus.py`` (≥ 500 articles).

Each question names its store, its language and the passages that answer it, by stable keys
rather than database ids: the article key ("slug/language", e.g. "returns/nl" or
"returns-austria/en") and the section's heading path below the article's title (e.g.
["Sale-artikelen"]). Several acceptable passages may be listed when the content really says the
same thing in two places. A question with no passages is one the content cannot answer.

Files: ``questions.jsonl`` (development) and ``heldout_questions.jsonl`` (held out: nobody tunes
on it), half English and half Dutch together; ``questions_nl_extra.jsonl`` (more development
questions, Dutch only). One JSON object per line; lines starting with ``#`` are comments.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.data.kb.corpus import CORPUS_SEED, corpus_generate

DATA_DIR = Path(__file__).resolve().parent
DEV_PATH = DATA_DIR / "questions.jsonl"
HELDOUT_PATH = DATA_DIR / "heldout_questions.jsonl"
#: More development questions, Dutch only (kept apart so the set above stays half and half).
DEV_EXTRA_PATH = DATA_DIR / "questions_nl_extra.jsonl"
STORES = ("demo", "corpus")
LANGUAGES = ("en", "nl")


@dataclass(frozen=True)
class Passage:
    """A labelled answer: an article (by key) and a section's heading path below its title."""

    article: str
    section: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    id: str
    store: str
    language: str
    text: str
    answers: tuple[Passage, ...]
    tags: tuple[str, ...]

    @property
    def answerable(self) -> bool:
        return bool(self.answers)


@dataclass(frozen=True)
class SourceArticle:
    """An article as the eval loads it: key, language, title, Markdown body, heading paths."""

    key: str
    language: str
    title: str
    body: str

    @property
    def sections(self) -> frozenset[tuple[str, ...]]:
        return section_paths(self.body)


_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


def section_paths(body: str) -> frozenset[tuple[str, ...]]:
    """Every heading path in a Markdown body, below the H1 title: ("Returns",) for an H2,
    ("Returns", "Sale") for an H3 under it. Headings inside fenced code do not count."""
    paths: set[tuple[str, ...]] = set()
    stack: list[tuple[int, str]] = []
    fenced = False
    for line in body.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.match(line)
        if not match:
            continue
        level, text = len(match.group(1)), match.group(2).strip()
        if level == 1:
            stack = []
            continue
        stack = [(lvl, t) for lvl, t in stack if lvl < level] + [(level, text)]
        paths.add(tuple(t for _, t in stack))
    return frozenset(paths)


def store_articles(store: str, *, seed: int = CORPUS_SEED) -> list[SourceArticle]:
    """The articles of one of the eval's stores, in a stable order."""
    if store == "demo":
        from core.demo import ARTICLES_EN, ARTICLES_NL

        return [
            SourceArticle(
                key=f"{a.key}/{a.language}", language=a.language, title=a.title, body=a.body
            )
            for a in (*ARTICLES_EN, *ARTICLES_NL)
        ]
    if store == "corpus":
        return [
            SourceArticle(key=a.key, language=a.language, title=a.title, body=a.body)
            for a in corpus_generate(seed=seed)
        ]
    raise ValueError(f"unknown store {store!r}")


def questions_load(path: Path) -> list[Question]:
    """Read a questions file (JSON lines; ``#`` lines and blank lines are skipped)."""
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            row = json.loads(line)
            questions.append(
                Question(
                    id=row["id"],
                    store=row["store"],
                    language=row["language"],
                    text=row["question"],
                    answers=tuple(
                        Passage(article=a["article"], section=tuple(a["section"]))
                        for a in row["answers"]
                    ),
                    tags=tuple(row.get("tags", ())),
                )
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"{path.name}:{number}: {error}") from error
    return questions


def question_dump(question: Question) -> str:
    """One question as its JSON line (the inverse of ``questions_load``)."""
    row = {
        "id": question.id,
        "store": question.store,
        "language": question.language,
        "question": question.text,
        "answers": [{"article": a.article, "section": list(a.section)} for a in question.answers],
        "tags": list(question.tags),
    }
    return json.dumps(row, ensure_ascii=False)


def heading_path_normalise(heading_path: Sequence[str], *, title: str) -> tuple[str, ...]:
    """A chunk's heading path below the article's title: chunkers differ in whether they keep
    the H1 as the first element, and the labels never include it."""
    path = tuple(h.strip() for h in heading_path)
    if path and path[0] == title.strip():
        return path[1:]
    return path


def passage_matches(
    answers: Iterable[Passage], *, article_key: str, title: str, heading_path: Sequence[str]
) -> bool:
    """Whether a retrieved chunk (its article's key and title, its heading path) is one of the
    labelled answers."""
    path = heading_path_normalise(heading_path, title=title)
    return any(a.article == article_key and a.section == path for a in answers)
