"""Turns the hand-written topics (payment methods, general help) into articles."""

from __future__ import annotations

from bench.data.kb.corpus import CorpusArticle, article
from bench.data.kb.corpus_payment import PAYMENT_TOPICS, Topic
from bench.data.kb.corpus_topics import GENERAL_TOPICS


def _articles(topics: tuple[Topic, ...]) -> list[CorpusArticle]:
    out: list[CorpusArticle] = []
    for slug, languages, titles, intros, sections in topics:
        for language in languages:
            i = 0 if language == "en" else 1
            out.append(
                article(
                    slug=slug,
                    language=language,
                    title=titles[i],
                    intro=intros[i],
                    sections=[(s[i], s[2 + i]) for s in sections],
                )
            )
    return out


def payment_articles(*, seed: int) -> list[CorpusArticle]:
    """The payment-method articles (hand-written: ``seed`` changes nothing in them)."""
    return _articles(PAYMENT_TOPICS)


def general_articles(*, seed: int) -> list[CorpusArticle]:
    """The general help topics (hand-written: ``seed`` changes nothing in them)."""
    return _articles(GENERAL_TOPICS)
