"""The pure parts of an index update: postings with some articles' rows replaced equal the
postings built from the resulting rows; a vocabulary changed by some passages equals the one
built from the resulting passages (and ``Vocabulary.from_words``)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.analysis import Vocabulary, words_fast
from knowledge.search_postings import PIECEWISE_MAX, ChunkTerms, Postings, Splice, row_key
from knowledge.search_vocabulary import Words

TERMS = ["return", "refund", "~return", "ship", "dag", "14", "gift", "kost"]
STORED = st.sampled_from([*TERMS, *(f"^{t}" for t in TERMS), *(f"@{t}" for t in TERMS)])
ARTICLE = st.lists(st.lists(STORED, max_size=10).map(ChunkTerms.from_stored), max_size=4)
ARTICLE_ID = st.integers(1, 3 * PIECEWISE_MAX)

Articles = dict[int, list[ChunkTerms]]


def _rows(articles: Articles) -> list[tuple[int, ChunkTerms]]:
    return sorted(
        (row_key(article_id, position), terms)
        for article_id, chunks in articles.items()
        for position, terms in enumerate(chunks)
    )


def _plain(postings: Postings) -> dict[str, object]:
    return {
        "keys": postings.keys.tolist(),
        "rows": list(postings.rows),
        "lengths": postings.lengths.tolist(),
        "total_length": postings.total_length,
        "text": {t: (k.tolist(), f.tolist()) for t, (k, f) in postings.text.items()},
        "headings": {t: k.tolist() for t, k in postings.headings.items()},
        "titles": {t: k.tolist() for t, k in postings.titles.items()},
        "document_frequency": postings.document_frequency,
        "norm": postings.norm().tolist(),
    }


@settings(max_examples=200, deadline=None)
@given(
    before=st.dictionaries(ARTICLE_ID, ARTICLE, max_size=3 * PIECEWISE_MAX),
    changes=st.dictionaries(ARTICLE_ID, ARTICLE, max_size=2 * PIECEWISE_MAX),
)
def test_replacing_articles_gives_the_postings_a_build_gives(
    before: Articles, changes: Articles
) -> None:
    # given postings of some articles' chunks
    postings = Postings.build(_rows(before))
    kept = {t: (k.copy(), f.copy()) for t, (k, f) in postings.text.items()}

    # when some articles (new, changed or emptied; few or more than PIECEWISE_MAX) are
    # replaced by their new chunks
    order = sorted(changes)
    replaced = postings.replace(
        splice=Splice.of(postings.keys, order),
        articles=order,
        blocks=[[(row_key(a, p), t) for p, t in enumerate(changes[a])] for a in order],
    )

    # then they equal a build of the result, exactly, and the old postings are untouched
    assert _plain(replaced) == _plain(Postings.build(_rows({**before, **changes})))
    for term, (keys, frequencies) in postings.text.items():
        assert np.array_equal(keys, kept[term][0])
        assert np.array_equal(frequencies, kept[term][1])


WORDS = [
    "return",
    "refund",
    "returns",
    "refunds",
    "retour",
    "retourneren",
    "retourzending",
    "annuleringskosten",
    "annulering",
    "kosten",
    "bezorging",
    "pakket",
    "pakketten",
    "14",
    "30",
    "dagen",
    "days",
    "zebra",
    "zebras",
    "cadeaubon",
]
INDEX_TERMS = ["~return", "retour", "kost", "zebra"]
TEXT = st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join)


def _vocabulary_plain(vocabulary: Vocabulary) -> tuple[object, ...]:
    typo_index = vocabulary._deletes
    return (
        dict(vocabulary.words),
        set(vocabulary.stems),
        None if typo_index is None else {k: sorted(v) for k, v in typo_index.items()},
    )


@settings(max_examples=150, deadline=None)
@given(
    kept=st.lists(TEXT, max_size=4),
    removed=st.lists(TEXT, max_size=4),
    added=st.lists(TEXT, max_size=4),
    terms_before=st.sets(st.sampled_from(INDEX_TERMS)),
    terms=st.sets(st.sampled_from(INDEX_TERMS)),
)
def test_a_changed_vocabulary_equals_a_built_one(
    kept: list[str], removed: list[str], added: list[str], terms_before: set[str], terms: set[str]
) -> None:
    # given the words of some passages and index terms, with the typo index built
    words = Words.build([*kept, *removed], terms=terms_before)
    words.vocabulary.correct("qqqqqqq")
    assert words.vocabulary._deletes is not None

    # when some passages leave and others come, and index terms come and go
    changed = words.changed(removed=removed, added=added, terms=terms, touched_terms=INDEX_TERMS)

    # then it is what a build of the passages now gives, and what Vocabulary.from_words gives
    built = Words.build([*kept, *added], terms=terms)
    built.vocabulary.correct("qqqqqqq")
    assert changed.counts == built.counts
    assert changed.stem_sources == built.stem_sources
    assert _vocabulary_plain(changed.vocabulary) == _vocabulary_plain(built.vocabulary)
    reference = Vocabulary.from_words(
        [w for text in (*kept, *added) for w in words_fast(text)], extra_stems=terms
    )
    reference.correct("qqqqqqq")
    assert _vocabulary_plain(changed.vocabulary) == _vocabulary_plain(reference)
