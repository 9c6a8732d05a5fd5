"""Search over a store's published content: ``knowledge_search`` (a selector: it only reads).

Ranking: BM25 (k1 1.2, b 0.75) over each chunk's precomputed terms — stems, Dutch compound
parts and cross-language concept ids (see ``knowledge.analysis``) — plus a boost for words in
the article title or heading path (``knowledge.search_index``). The score is then multiplied
by ``(1 - COVERAGE_WEIGHT) + COVERAGE_WEIGHT * coverage`` (the share of the question's words,
weighted by rarity, that the chunk contains), so a passage that answers the whole question
beats one that repeats a single word, and by ``LANGUAGE_BOOST`` for chunks in the question's
language, so an English question prefers the English article when both exist but still finds
the Dutch one alone.

Then, unless the word ranking is sure of its first passage alone (``lexical_sure``: it
holds nearly all of the question's words and leads the runner-up clearly), and when the
store's passages have embeddings (``knowledge.embeddings``), the lexical score
is fused with the question's cosine similarity to each passage:
``(1 - DENSE_WEIGHT) * lexical / best lexical + DENSE_WEIGHT * dense``, where ``dense`` is the
similarity rescaled so the ``DENSE_DEPTH``-th best passage is 0 and the best is 1 (cosines of
this model bunch in 0.75–0.96, so only their order near the top carries meaning). This finds
passages in words neither the content nor our lexicon share with the question ("Do you accept
plastic?") and the only article on a topic when it is in the other language. ``coverage`` stays
lexical, so "no answer" (``knowledge.answers``) still needs the question's words.

Last, a question that names a place (a country, or a city and with it its country) is about
it: when some passages name that place, the others keep ``PLACE_MISS`` of their score (one
matching it only partly, e.g. through a compound part, keeps proportionally more).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from core.models import Store
from knowledge.analysis import QueryAnalysis, Vocabulary, match_spans, query_analyze
from knowledge.dense import dense_scores
from knowledge.search_index import (
    IndexedChunk,
    Scores,
    StoreIndex,
    search_versions_read,
    store_index_get,
)

MAX_QUERY_CHARS = 1000
MAX_QUERY_GROUPS = 32
MAX_LIMIT = 50
LANGUAGE_BOOST = 1.25
COVERAGE_WEIGHT = 0.9
DENSE_WEIGHT = 0.5
DENSE_DEPTH = 50
#: ``lexical_sure``: the word ranking's first passage holds this share of the question's
#: words and the runner-up scores at most ``SURE_MARGIN`` of it. On our development questions
#: (``bench/kb_eval.py``) about 37% are sure, and fusing would change none of their first
#: passages; the rest are where the embedding earns its cost.
#: A question that names a country ("retourneren vanuit Noorwegen") is about that country:
#: when some passages name it (in their text, heading or article title), every other passage's
#: score is multiplied by this. The embedding hardly tells one country's return costs from
#: another's, and would otherwise lift a same-language article about the wrong country over
#: the right one in the other language.
PLACE_MISS = 0.5
SURE_COVERAGE = 0.9
SURE_MARGIN = 0.7
SNIPPET_CHARS = 240
_MARKUP = re.compile(r"\*\*|__|`|^#{1,6}\s+", re.MULTILINE)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SnippetPart:
    """A piece of a snippet: plain text, and whether it matched the question."""

    text: str
    match: bool


@dataclass(frozen=True)
class SearchHit:
    chunk_id: int
    article_id: int
    article_title: str
    article_version: int
    position: int
    heading_path: tuple[str, ...]
    language: str
    score: float
    #: Share of the question's words (weighted by rarity) found in the passage, 0..1.
    coverage: float
    snippet: tuple[SnippetPart, ...]
    #: The passage (Markdown), verbatim.
    text: str

    @property
    def citation(self) -> str:
        """ "Article title › Heading › Sub" (a leading heading equal to the title is skipped)."""
        return citation_text(title=self.article_title, heading_path=self.heading_path)

    @property
    def snippet_html(self) -> str:
        """The snippet as HTML: every piece escaped, matches in <mark>."""
        return "".join(
            f"<mark>{html.escape(p.text)}</mark>" if p.match else html.escape(p.text)
            for p in self.snippet
        )


def citation_text(*, title: str, heading_path: tuple[str, ...]) -> str:
    path = list(heading_path)
    if path and path[0].casefold() == title.casefold():
        path = path[1:]
    return " › ".join([title, *path])


@dataclass(frozen=True)
class Ranking:
    """A search with what answers need besides the hits: the analysed question and, per hit,
    the terms it matched and how much each question group weighs."""

    query: QueryAnalysis
    hits: list[SearchHit]
    matched_terms: frozenset[str]
    group_importance: tuple[float, ...]
    #: Whether the question's weightiest word is one the store's content never uses ("wifi" in
    #: "free wifi in your stores?"): no passage can be about the question's topic then.
    topic_unknown: bool = False
    #: Whether the question's embedding took part (False: embeddings off, none stored yet, or
    #: the word ranking was sure alone — ``lexical_sure``).
    dense_used: bool = False


def knowledge_search(
    *, store: Store, query: str, language: str | None = None, limit: int = 5
) -> list[SearchHit]:
    """The best passages of the store's published content for ``query``, best first.

    ``language`` ("en"/"nl", None: guessed) only boosts passages in that language; content
    in the other language is still found. An empty question gives []; a very long one is cut
    to its first ``MAX_QUERY_CHARS`` characters.
    """
    return search_rank(store=store, query=query, language=language, limit=limit).hits


def search_rank(*, store: Store, query: str, language: str | None, limit: int) -> Ranking:
    limit = max(0, min(limit, MAX_LIMIT))
    version, embeddings_version = search_versions_read(store=store)
    index = store_index_get(store=store, version=version)
    analysis = query_analysis(index=index, query=query, language=language)
    if not analysis.groups or not index.size or not limit:
        return Ranking(query=analysis, hits=[], matched_terms=frozenset(), group_importance=())
    scores = index.score(analysis)
    final = scores.bm25 * ((1 - COVERAGE_WEIGHT) + COVERAGE_WEIGHT * scores.coverage)
    if analysis.language:
        final = np.where(index.languages == analysis.language, final * LANGUAGE_BOOST, final)
    dense = None
    if not lexical_sure(final=final, coverage=scores.coverage):
        dense = dense_scores(
            store=store,
            index=index,
            query=query_text_clip(query),
            embeddings_version=embeddings_version,
        )
    if dense is not None:
        final = fuse(lexical=final, dense=dense)
    if scores.place_credit is not None and scores.place_credit.max() > 0:
        # The question names a place that some passages are about: the others are not (and a
        # passage matching the place only partly, e.g. through a compound part, partly is).
        credit = scores.place_credit / scores.place_credit.max()
        final = final * (PLACE_MISS + (1 - PLACE_MISS) * credit)
    rows = _top_rows(final, limit)
    hits = [_hit(index, scores, row, float(final[row])) for row in rows]
    return Ranking(
        query=analysis,
        hits=hits,
        matched_terms=scores.matched_terms,
        group_importance=scores.group_importance,
        topic_unknown=_topic_unknown(scores),
        dense_used=dense is not None,
    )


def lexical_sure(*, final: np.ndarray, coverage: np.ndarray) -> bool:
    """Whether the word ranking alone is sure of its first passage: it holds at least
    ``SURE_COVERAGE`` of the question's words and the runner-up scores at most
    ``SURE_MARGIN`` of it. Search then skips the question's embedding (~6 ms of CPU for a
    16-token question, ~0.4 ms per token)."""
    if final.size < 2:
        return final.size == 1 and float(coverage[0]) >= SURE_COVERAGE
    second, best = np.partition(final, final.size - 2)[-2:]
    if best <= 0:
        return False
    top = int(np.argmax(final))
    return float(coverage[top]) >= SURE_COVERAGE and float(second) <= SURE_MARGIN * float(best)


def fuse(*, lexical: np.ndarray, dense: np.ndarray) -> np.ndarray:
    """Lexical scores scaled to the best one, plus dense similarities rescaled to 0..1 over
    the ``DENSE_DEPTH`` most similar passages (0 below), weighted by ``DENSE_WEIGHT``.

    A passage without a vector (NaN: not embedded yet) keeps its scaled lexical score alone,
    neither helped nor held back by the missing similarity."""
    best = float(lexical.max()) if lexical.size else 0.0
    lexical_part = lexical / best if best > 0 else np.zeros_like(lexical)
    present = ~np.isnan(dense)
    known = dense[present]
    if not known.size:
        return lexical_part
    depth = min(DENSE_DEPTH, known.size)
    floor = float(np.partition(known, known.size - depth)[known.size - depth])
    span = float(known.max()) - floor
    filled = np.nan_to_num(dense, nan=floor)
    # One passage (or all equally similar): each is the most similar there is.
    scaled = np.clip((filled - floor) / span, 0.0, 1.0) if span > 0 else present * 1.0
    fused: np.ndarray = np.where(
        present, (1 - DENSE_WEIGHT) * lexical_part + DENSE_WEIGHT * scaled, lexical_part
    )
    return fused


def _topic_unknown(scores: Scores) -> bool:
    """True when the question's weightiest group is a word the content never uses (unknown
    words weigh ``UNKNOWN_WORD_WEIGHT`` times the highest idf: more than common policy words,
    less than rare ones), or when it names a country no passage names ("Versturen jullie ook
    naar Japan?" against content about the Netherlands and the EU: what the content says about
    other places does not answer it)."""
    if scores.place_credit is not None and not scores.place_credit.any():
        return True
    top = max(scores.group_importance, default=0.0)
    return any(
        importance == top and not known
        for importance, known in zip(scores.group_importance, scores.group_known, strict=True)
    )


def query_analysis(*, index: StoreIndex, query: str, language: str | None) -> QueryAnalysis:
    text = query_text_clip(query)
    analysis = query_analyze(
        text, language=language, vocabulary=_LazyVocabulary(index), index_terms=index.terms
    )
    return QueryAnalysis(language=analysis.language, groups=analysis.groups[:MAX_QUERY_GROUPS])


def query_text_clip(query: str) -> str:
    """The question, cut at a word boundary to at most ``MAX_QUERY_CHARS`` characters."""
    text = query.strip()
    if len(text) <= MAX_QUERY_CHARS:
        return text
    cut = text[:MAX_QUERY_CHARS]
    space = cut.rfind(" ")
    return cut[:space] if space > MAX_QUERY_CHARS // 2 else cut


class _LazyVocabulary:
    """The index's vocabulary, built only when a word needs a compound split or a typo fix."""

    def __init__(self, index: StoreIndex) -> None:
        self._index = index

    def knows(self, word: str) -> bool:
        return self._index.vocabulary.knows(word)

    def correct(self, word: str) -> str | None:
        return self._index.vocabulary.correct(word)


def _top_rows(final: np.ndarray, limit: int) -> list[int]:
    candidates = np.flatnonzero(final > 0)
    if candidates.size > limit:
        # Keep every row tied with the limit-th score, so ties break the same way always.
        threshold = np.partition(final[candidates], candidates.size - limit)[
            candidates.size - limit
        ]
        candidates = candidates[final[candidates] >= threshold]
    order = np.lexsort((candidates, -final[candidates]))
    return [int(row) for row in candidates[order][:limit]]


def _hit(index: StoreIndex, scores: Scores, row: int, score: float) -> SearchHit:
    chunk = index.chunks[row]
    return SearchHit(
        chunk_id=chunk.chunk_id,
        article_id=chunk.article_id,
        article_title=chunk.article_title,
        article_version=chunk.article_version,
        position=chunk.position,
        heading_path=chunk.heading_path,
        language=chunk.language,
        score=round(score, 4),
        coverage=round(float(scores.coverage[row]), 4),
        snippet=snippet_build(chunk=chunk, terms=scores.matched_terms),
        text=chunk.text,
    )


def snippet_build(*, chunk: IndexedChunk, terms: frozenset[str]) -> tuple[SnippetPart, ...]:
    """Up to ``SNIPPET_CHARS`` of the passage around its densest matches, as plain-text parts
    (Markdown markers removed, white space collapsed), matches flagged."""
    text = chunk.text
    spans = match_spans(
        text, language=chunk.language, terms=terms, vocabulary=_chunk_vocabulary(text)
    )
    start = _window_start(text, spans)
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    parts: list[SnippetPart] = []
    if start > 0:
        parts.append(SnippetPart("…", False))
    cursor = start
    for span_start, span_end, _ in spans:
        if span_start < start or span_end > end:
            continue
        parts.append(SnippetPart(_plain(text[cursor:span_start]), False))
        parts.append(SnippetPart(_plain(text[span_start:span_end]), True))
        cursor = span_end
    parts.append(SnippetPart(_plain(text[cursor:end]), False))
    if end < len(text):
        parts.append(SnippetPart("…", False))
    return tuple(p for p in parts if p.text)


@lru_cache(maxsize=4096)
def _chunk_vocabulary(text: str) -> Vocabulary:
    """A passage's own vocabulary (for compound matches in its snippet), built once per text:
    ~1 ms each, and the same passages come back search after search."""
    return Vocabulary.from_text(text)


def _window_start(text: str, spans: list[tuple[int, int, frozenset[str]]]) -> int:
    """Where the window with the most distinct matched terms starts (at a word start)."""
    best_start, best_count = 0, -1
    for span_start, _, _ in spans:
        inside = [s for s in spans if span_start <= s[0] and s[1] <= span_start + SNIPPET_CHARS]
        count = len(frozenset().union(*(s[2] for s in inside)))
        if count > best_count:
            best_start, best_count = span_start, count
    if best_start <= SNIPPET_CHARS // 4:
        return 0
    # Start a little before the first match, at a word boundary, for context.
    back = text.rfind(" ", 0, best_start - 30)
    return back + 1 if back >= 0 else 0


def _plain(text: str) -> str:
    return _SPACE.sub(" ", _MARKUP.sub("", text))
