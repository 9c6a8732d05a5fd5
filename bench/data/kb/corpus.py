"""A generated help centre for the knowledge-base benchmarks.

The content belongs to "Lindeboom", a fictional Dutch department store (fashion, shoes, home,
beauty, electronics) with shops in the Netherlands and Belgium that ships to 30 countries. Its
help centre has the overlapping policy and FAQ articles a real one has: shipping and returns per
country, returns per department, care guides per material, size guides, warranty per product
type, payment methods, a page per shop, brand pages and general topics, in English and Dutch
(a few only in one of the two). Many articles talk about returns, delivery and days; usually
only one section answers a given question, which is what makes retrieval over it hard.

Deterministic: the same seed gives the same articles, byte for byte. Facts (numbers, carriers,
hours) are drawn per article from ``seed`` and the slug, so an article's English and Dutch
versions agree; phrasing (which of several wordings, which heading variant) is drawn per
article and language. ``corpus_generate(extra_brands=N)`` adds N generated brand pages in both
languages for the latency benchmark's bigger store.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

CORPUS_SEED = 20260415
STORE_NAME = "Lindeboom"


@dataclass(frozen=True)
class CorpusSection:
    heading: str
    text: str


@dataclass(frozen=True)
class CorpusArticle:
    """One help-centre article. ``key`` ("slug/language") identifies it across runs."""

    slug: str
    language: str
    title: str
    intro: str
    sections: tuple[CorpusSection, ...]

    @property
    def key(self) -> str:
        return f"{self.slug}/{self.language}"

    @property
    def body(self) -> str:
        """The article as Markdown: the title as H1, an intro, one H2 per section."""
        parts = [f"# {self.title}", ""]
        if self.intro:
            parts += [self.intro, ""]
        for section in self.sections:
            parts += [f"## {section.heading}", "", section.text, ""]
        return "\n".join(parts)

    def section(self, heading: str) -> CorpusSection | None:
        return next((s for s in self.sections if s.heading == heading), None)


def facts_rng(*, seed: int, slug: str) -> random.Random:
    """The generator for an article's facts: the same for its English and Dutch versions."""
    return random.Random(f"{seed}/{slug}")


def words_rng(*, seed: int, slug: str, language: str) -> random.Random:
    """The generator for an article's wording in one language."""
    return random.Random(f"{seed}/{slug}/{language}")


def eur(amount: float, language: str) -> str:
    """€7.95 in English, € 7,95 in Dutch; whole amounts without cents (€75, € 75)."""
    text = f"{amount:.0f}" if float(amount).is_integer() else f"{amount:.2f}"
    return f"€{text}" if language == "en" else f"€ {text.replace('.', ',')}"


def article(
    *,
    slug: str,
    language: str,
    title: str,
    intro: str,
    sections: Iterable[tuple[str, str]],
) -> CorpusArticle:
    return CorpusArticle(
        slug=slug,
        language=language,
        title=title,
        intro=intro,
        sections=tuple(CorpusSection(heading=h, text=t.strip()) for h, t in sections),
    )


def corpus_generate(*, seed: int = CORPUS_SEED, extra_brands: int = 0) -> tuple[CorpusArticle, ...]:
    """Every article of the generated help centre, in a stable order.

    ``extra_brands`` adds that many generated brand pages (two articles each: English and
    Dutch) after the base set, for benchmarks that need a bigger store.
    """
    from bench.data.kb import corpus_general, corpus_places, corpus_products

    articles: list[CorpusArticle] = []
    articles += corpus_places.shipping_articles(seed=seed)
    articles += corpus_places.country_returns_articles(seed=seed)
    articles += corpus_places.shop_articles(seed=seed)
    articles += corpus_products.department_returns_articles(seed=seed)
    articles += corpus_products.care_articles(seed=seed)
    articles += corpus_products.size_guide_articles(seed=seed)
    articles += corpus_products.warranty_articles(seed=seed)
    articles += corpus_products.brand_articles(seed=seed)
    articles += corpus_general.payment_articles(seed=seed)
    articles += corpus_general.general_articles(seed=seed)
    if extra_brands:
        articles += corpus_products.generated_brand_articles(seed=seed, count=extra_brands)
    return tuple(articles)
