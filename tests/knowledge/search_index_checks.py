"""Comparing a store's search indexes: an updated one against a fresh full build."""

from __future__ import annotations

from knowledge.search import query_analysis
from knowledge.search_index import StoreIndex

# Questions touching the words of the generated content: English and Dutch, a compound
# ("annuleringskosten"), a typo ("refnud", "bestellnig"), a word no content has.
QUESTIONS = [
    ("en", "How long do I have to return an item?"),
    ("en", "refnud for a damaged parcel"),
    ("en", "free shipping on gift cards"),
    ("nl", "wat zijn de annuleringskosten van mijn bestellnig"),
    ("nl", "pakket retourneren binnen 14 dagen"),
    (None, "exchange size"),
    ("en", "wifi in the store"),
]


def index_fingerprint(index: StoreIndex) -> dict[str, object]:
    """Everything an index answers from, as plain values (arrays as lists)."""
    postings = index.postings
    words = index.words
    typo_index = words.vocabulary._deletes
    return {
        "chunks": list(index.chunks),
        "languages": index.languages.tolist(),
        "chunk_ids": index.chunk_ids.tolist(),
        "keys": postings.keys.tolist(),
        "rows": list(postings.rows),
        "lengths": postings.lengths.tolist(),
        "total_length": postings.total_length,
        "text": {t: (k.tolist(), f.tolist()) for t, (k, f) in postings.text.items()},
        "headings": {t: k.tolist() for t, k in postings.headings.items()},
        "titles": {t: k.tolist() for t, k in postings.titles.items()},
        "document_frequency": dict(postings.document_frequency),
        "articles": dict(index.articles),
        "words": dict(words.vocabulary.words),
        "word_counts": dict(words.counts),
        "stems": set(words.vocabulary.stems),
        "typo_index": (
            None if typo_index is None else {k: sorted(v) for k, v in typo_index.items()}
        ),
    }


def scores_of(index: StoreIndex) -> list[tuple[object, ...]]:
    """The query analysis and full score arrays of ``QUESTIONS`` on ``index``."""
    out: list[tuple[object, ...]] = []
    for language, question in QUESTIONS:
        analysis = query_analysis(index=index, query=question, language=language)
        scores = index.score(analysis)
        out.append(
            (
                analysis,
                scores.bm25.tolist(),
                scores.coverage.tolist(),
                scores.matched_terms,
                scores.group_importance,
                scores.group_known,
            )
        )
    return out


def assert_same_index(updated: StoreIndex, fresh: StoreIndex) -> None:
    """``updated`` holds and scores exactly what ``fresh`` does (scores compared exactly:
    equal floats, not within a tolerance)."""
    if fresh.words.vocabulary._deletes is None and updated.words.vocabulary._deletes is not None:
        fresh.vocabulary.correct("zzzzzzzzq")  # builds the fresh one's typo index
    ours, theirs = index_fingerprint(updated), index_fingerprint(fresh)
    if ours["typo_index"] is None:
        theirs["typo_index"] = None
    for name, value in theirs.items():
        assert ours[name] == value, name
    assert ours["chunk_ids"] == [c.chunk_id for c in updated.chunks]
    assert scores_of(updated) == scores_of(fresh)
