"""``knowledge_answer``: the passage of the merchant's own content that answers a question, the
sentences in it that matter and where it came from — or an explicit "no answer".

It never writes policy text: ``passage`` is a chunk's text verbatim and every sentence is a
verbatim slice of it.

**When there is no answer.** The best passage must cover enough of the question:
``coverage`` is the share of the question's words (each word weighted by its idf in the store's
content, so "return" counts more than "order"; a word the content never uses weighs
``UNKNOWN_WORD_WEIGHT`` times the highest idf) that the passage contains, through its stem, a
shared concept (across languages), a compound part or a typo fix. A passage that covers less
than ``MIN_COVERAGE`` is not relevant enough: "Do you sell bicycles?" matches nothing (no
answer), "Can I return my sweater?" covers "return" but not "sweater", a word the policies
never use (0.37: still an answer, the return policy), while a question with two such words and
one common known word stays below. Calibrated on our own development questions over the demo
content (answerable ones cover >= 0.37, off-topic ones 0 once filler words are stopwords); the
evaluation helper measures no-answer precision on held-out questions.

**Unknown topic.** Also no answer when the question's weightiest word is one the store's content
never uses ("Is there free wifi in your stores?": "free" and "stores" are covered, "wifi" is the
topic and unknown). Everyday product names map to the "item" concept, so "Can I return my
sweater?" still gets the return policy.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.models import Store
from knowledge.analysis import match_spans
from knowledge.search import SearchHit, search_rank
from knowledge.sentences import sentence_spans

MIN_COVERAGE = 0.34
MAX_SENTENCES = 3
# A sentence matters when it holds at least this share of the best sentence's match weight.
SENTENCE_SHARE = 0.5


@dataclass(frozen=True)
class Answer:
    question: str
    language: str
    #: False: the content has no answer (``reason`` says why); nothing else is set then.
    found: bool
    # "answered" | "empty_question" | "no_match" | "not_relevant_enough" | "topic_unknown"
    reason: str
    passage: str = ""
    sentences: tuple[str, ...] = ()
    citation: str = ""
    article_id: int | None = None
    article_version: int | None = None
    chunk_id: int | None = None
    chunk_position: int | None = None
    coverage: float = 0.0
    hit: SearchHit | None = None


def knowledge_answer(*, store: Store, question: str, language: str) -> Answer:
    """The best passage of the store's published content for ``question`` with the sentences
    that matter and its citation (article, version, chunk position), or an explicit no-answer.
    """
    ranking = search_rank(store=store, query=question, language=language, limit=1)
    if not ranking.query.groups:
        return Answer(question=question, language=language, found=False, reason="empty_question")
    if not ranking.hits:
        return Answer(question=question, language=language, found=False, reason="no_match")
    hit = ranking.hits[0]
    if ranking.topic_unknown:
        return Answer(
            question=question,
            language=language,
            found=False,
            reason="topic_unknown",
            coverage=hit.coverage,
            hit=hit,
        )
    if hit.coverage < MIN_COVERAGE:
        return Answer(
            question=question,
            language=language,
            found=False,
            reason="not_relevant_enough",
            coverage=hit.coverage,
            hit=hit,
        )
    return Answer(
        question=question,
        language=language,
        found=True,
        reason="answered",
        passage=hit.text,
        sentences=sentences_that_matter(
            text=hit.text,
            language=hit.language,
            groups=[frozenset(t for t, _ in group.terms) for group in ranking.query.groups],
            importance=ranking.group_importance,
            matched_terms=ranking.matched_terms,
        ),
        citation=hit.citation,
        article_id=hit.article_id,
        article_version=hit.article_version,
        chunk_id=hit.chunk_id,
        chunk_position=hit.position,
        coverage=hit.coverage,
        hit=hit,
    )


def sentences_that_matter(
    *,
    text: str,
    language: str,
    groups: list[frozenset[str]],
    importance: tuple[float, ...],
    matched_terms: frozenset[str],
) -> tuple[str, ...]:
    """The passage's sentences that hold the question's words, verbatim, in passage order.

    Each sentence scores the importance of the question groups it matches; those with at least
    ``SENTENCE_SHARE`` of the best score are kept (at most ``MAX_SENTENCES``, best first when
    cut). A passage matched only through its headings gives its first sentence.
    """
    spans = sentence_spans(text)
    if not spans:
        return ()
    matches = match_spans(text, language=language, terms=matched_terms)
    scored: list[tuple[float, int]] = []
    for index, (start, end) in enumerate(spans):
        terms = frozenset().union(*(m[2] for m in matches if start <= m[0] and m[1] <= end))
        score = sum(
            weight for group, weight in zip(groups, importance, strict=False) if group & terms
        )
        scored.append((score, index))
    best = max(score for score, _ in scored)
    if best <= 0:
        return (text[spans[0][0] : spans[0][1]],)
    kept = sorted(scored, key=lambda s: (-s[0], s[1]))
    chosen = sorted(i for score, i in kept[:MAX_SENTENCES] if score >= SENTENCE_SHARE * best)
    return tuple(text[spans[i][0] : spans[i][1]] for i in chosen)
