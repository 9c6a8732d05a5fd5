"""The conflict finder: published passages that state different numbers for the same thing
("return within 30 days" in one article, "14 dagen" in another).

How a fact is read (built for precision — a missed conflict is better than a false alarm):

1. **Quantities**: time spans ("30 days", "3 to 5 werkdagen", "1 hour (60 minutes)"; clock
   times like "16:00" are not spans), money ("EUR 5", "€4,95") and percentages. Time spans are
   normalised (hours -> minutes, weeks -> days; business days stay business days).
2. **Topic**: from the concept ids (``knowledge.analysis``) of the clause around the number —
   a "from/after/of delivery" anchor after the number removed, since it says when the span
   starts, not what it is about — then of the sentence, then of the section headings, each
   level tried against ``TOPICS`` in order. A number with no topic is left out.
3. **Scope**: country, express, sale, personalised, hygiene and pre-order concepts in the
   sentence or section headings; facts only compare within the same topic *and* scope, so
   "1–2 days (Netherlands)" and "2–4 days (UK)" do not conflict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.models import Store
from knowledge.analysis import analyze, tokenize
from knowledge.lexicon import CONCEPTS
from knowledge.search import citation_text
from knowledge.search_index import IndexedChunk, store_index_get
from knowledge.sentences import sentence_spans

_UNITS = {
    "minute": ("minute", 1),
    "minutes": ("minute", 1),
    "minuut": ("minute", 1),
    "minuten": ("minute", 1),
    "hour": ("minute", 60),
    "hours": ("minute", 60),
    "uur": ("minute", 60),
    "uren": ("minute", 60),
    "day": ("day", 1),
    "days": ("day", 1),
    "dag": ("day", 1),
    "dagen": ("day", 1),
    "week": ("day", 7),
    "weeks": ("day", 7),
    "weken": ("day", 7),
    "werkdag": ("business_day", 1),
    "werkdagen": ("business_day", 1),
    "month": ("month", 1),
    "months": ("month", 1),
    "maand": ("month", 1),
    "maanden": ("month", 1),
    "year": ("year", 1),
    "years": ("year", 1),
    "jaar": ("year", 1),
    "jaren": ("year", 1),
}
_NUMBER = r"(?<![\d.:,])(\d+(?:[.,]\d{1,2})?)(?![.:,]?\d)"
_SPAN = re.compile(
    r"(?<![\d.:,])(\d+)(?![.:,]\d)(?:\s*(?:–|-|to|tot)\s*(\d+)(?![.:,]\d))?\s+"
    r"(?:(business|working|werk)\s*)?(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_MONEY = re.compile(
    r"(?:(?:€|\beur\b|\beuro\b)\s*"
    + _NUMBER
    + r")|(?:"
    + _NUMBER
    + r"\s*(?:€|\beuros?\b|\beur\b))",
    re.IGNORECASE,
)
_PERCENT = re.compile(_NUMBER + r"\s*(?:%|\bpercent\b|\bprocent\b)", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:|]")
_ANCHORS = frozenset({"of", "after", "from", "since", "following", "na", "vanaf", "nadat", "sinds"})
_ANCHOR_CONCEPTS = frozenset({"delivery", "order", "date", "parcel"})
_THRESHOLD_MARKERS = frozenset({"from", "over", "above", "vanaf", "boven"})
SCOPE_CONCEPTS = frozenset(
    {
        *(c for c in CONCEPTS if c.startswith("country_")),
        "international",
        "express",
        "sale",
        "personalised",
        "hygiene",
        "preorder",
    }
)


@dataclass(frozen=True)
class _Topic:
    id: str
    label: str | Promise
    kind: str  # "time" | "money" | "percent"
    needs: frozenset[str]  # any of these concepts
    levels: tuple[str, ...]  # where they may be found: "clause", "sentence", "heading"
    also: frozenset[str] = frozenset()  # and one of these (or a business-day span), if set


def _t(id: str, label: str | Promise, kind: str, needs: str, levels: str, also: str = "") -> _Topic:
    return _Topic(
        id, label, kind, frozenset(needs.split()), tuple(levels.split()), frozenset(also.split())
    )


# Order matters: at each level the first topic that fits wins.
TOPICS: tuple[_Topic, ...] = (
    _t(
        "tracking_wait",
        _("Waiting time before a parcel counts as lost"),
        "time",
        "tracking",
        "clause",
    ),
    _t("bank_processing_time", _("Bank processing time"), "time", "bank", "clause"),
    _t("paylater_term", _("Pay-later term"), "time", "paylater", "clause sentence"),
    _t("giftcard_validity", _("Gift card validity"), "time", "giftcard", "clause sentence heading"),
    _t(
        "pickup_hold_time",
        _("Time a parcel waits at a pickup point"),
        "time",
        "pickup_point",
        "clause",
    ),
    _t("cancellation_window", _("Cancellation window"), "time", "cancel", "clause"),
    _t("edit_window", _("Order change window"), "time", "edit", "clause"),
    _t("refund_time", _("Refund time"), "time", "refund", "clause"),
    _t("return_window", _("Return window"), "time", "return exchange", "clause"),
    _t(
        "faulty_report_window",
        _("Time to report a faulty item"),
        "time",
        "damaged wrong",
        "clause heading",
    ),
    _t("delivery_time", _("Delivery time"), "time", "delivery", "clause heading", "time period"),
    _t("return_window", _("Return window"), "time", "return", "heading", "period"),
    _t("free_shipping_threshold", _("Free shipping threshold"), "money", "free", "clause"),
    _t("cancellation_fee", _("Cancellation fee"), "money", "cancel", "clause"),
    _t(
        "return_shipping_cost",
        _("Return shipping cost"),
        "money",
        "return",
        "clause",
        "cost delivery",
    ),
    _t("shipping_cost", _("Shipping cost"), "money", "delivery", "clause heading", "cost"),
    _t("restocking_fee", _("Return fee"), "percent", "return", "clause", "cost"),
    _t("sale_discount", _("Sale discount"), "percent", "sale", "clause heading"),
)
TOPIC_LABELS = {t.id: t.label for t in TOPICS}


@dataclass(frozen=True)
class Fact:
    topic: str
    scope: tuple[str, ...]
    kind: str
    value: tuple[str, ...]  # normalised, comparable
    value_text: str  # as written
    sentence: str
    chunk: IndexedChunk


@dataclass(frozen=True)
class ConflictSide:
    chunk_id: int
    article_id: int
    article_title: str
    article_version: int
    heading_path: tuple[str, ...]
    citation: str
    language: str
    passage: str
    sentence: str
    value_text: str


@dataclass(frozen=True)
class Conflict:
    topic: str
    topic_label: str
    scope: tuple[str, ...]
    first: ConflictSide
    second: ConflictSide


def content_conflict_list(*, store: Store) -> list[Conflict]:
    """Pairs of the store's published passages that give different values for the same topic
    and scope; one pair per two differing values, in content order."""
    facts: dict[tuple[str, tuple[str, ...], str], list[Fact]] = {}
    for chunk in store_index_get(store=store).chunks:
        for fact in chunk_facts(chunk):
            facts.setdefault((fact.topic, fact.scope, fact.kind), []).append(fact)
    conflicts: list[Conflict] = []
    for (topic, scope, _kind), group in facts.items():
        by_value: dict[tuple[str, ...], Fact] = {}
        for fact in group:
            by_value.setdefault(fact.value, fact)
        for a, b in combinations(by_value.values(), 2):
            if a.chunk.chunk_id != b.chunk.chunk_id:
                conflicts.append(
                    Conflict(topic, str(TOPIC_LABELS[topic]), scope, _side(a), _side(b))
                )
    return conflicts


def _side(fact: Fact) -> ConflictSide:
    chunk = fact.chunk
    return ConflictSide(
        chunk_id=chunk.chunk_id,
        article_id=chunk.article_id,
        article_title=chunk.article_title,
        article_version=chunk.article_version,
        heading_path=chunk.heading_path,
        citation=citation_text(title=chunk.article_title, heading_path=chunk.heading_path),
        language=chunk.language,
        passage=chunk.text,
        sentence=fact.sentence,
        value_text=fact.value_text,
    )


def chunk_facts(chunk: IndexedChunk) -> list[Fact]:
    """The quantity facts of one passage whose topic can be told."""
    sections = list(chunk.heading_path)
    if sections and sections[0].casefold() == chunk.article_title.casefold():
        sections = sections[1:]
    heading = _concepts(" ".join(sections), chunk.language)
    facts = []
    for start, end in sentence_spans(chunk.text):
        sentence = chunk.text[start:end]
        sentence_concepts = _concepts(sentence, chunk.language)
        scope = tuple(sorted((sentence_concepts | heading) & SCOPE_CONCEPTS))
        for kind, match, value in _quantities(sentence):
            clause = _clause_around(sentence, match.start(), match.end())
            levels = {
                "clause": _concepts(clause, chunk.language),
                "sentence": sentence_concepts,
                "heading": heading,
            }
            topic = _topic(
                kind=kind, levels=levels, value=value, sentence=sentence, at=match.start()
            )
            if topic:
                facts.append(
                    Fact(
                        topic, scope, kind, value, " ".join(match.group().split()), sentence, chunk
                    )
                )
    return facts


def _concepts(text: str, language: str) -> frozenset[str]:
    return frozenset(t[1:] for t in analyze(text, language=language) if t.startswith("~"))


def _quantities(sentence: str) -> list[tuple[str, re.Match[str], tuple[str, ...]]]:
    found: list[tuple[str, re.Match[str], tuple[str, ...]]] = []
    for match in _SPAN.finditer(sentence):
        low, high, business, unit_word = match.groups()
        unit, factor = _UNITS[unit_word.lower()]
        if business and unit == "day":
            unit = "business_day"
        value = (str(int(low) * factor), str(int(high or low) * factor), unit)
        found.append(("time", match, value))
    for match in _MONEY.finditer(sentence):
        number = match.group(1) or match.group(2)
        found.append(("money", match, (str(Decimal(number.replace(",", "."))), "EUR")))
    for match in _PERCENT.finditer(sentence):
        found.append(("percent", match, (str(Decimal(match.group(1).replace(",", "."))), "%")))
    return found


def _clause_around(sentence: str, start: int, end: int) -> str:
    """The clause holding the quantity, without an anchor ("of delivery") right after it."""
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)), default=0)
    right_break = _CLAUSE_BREAK.search(sentence, end)
    right = right_break.start() if right_break else len(sentence)
    after = sentence[end:right]
    tokens = tokenize(after)
    if tokens and tokens[0].text in _ANCHORS:
        for token in tokens[1:5]:
            if (
                _concepts(token.text, "en") & _ANCHOR_CONCEPTS
                or _concepts(token.text, "nl") & _ANCHOR_CONCEPTS
            ):
                after = after[token.end :]
                break
    return sentence[left:start] + " " + after


def _topic(
    *, kind: str, levels: dict[str, frozenset[str]], value: tuple[str, ...], sentence: str, at: int
) -> str | None:
    for level in ("clause", "sentence", "heading"):
        concepts = levels[level]
        for topic in TOPICS:
            if topic.kind != kind or level not in topic.levels or not topic.needs & concepts:
                continue
            if topic.also and not _also_met(topic, levels, value):
                continue
            if topic.id == "free_shipping_threshold" and not _threshold_marked(sentence, at):
                continue
            return topic.id
    return None


def _also_met(topic: _Topic, levels: dict[str, frozenset[str]], value: tuple[str, ...]) -> bool:
    if value[-1:] == ("business_day",):
        return True
    return any(topic.also & levels[level] for level in topic.levels)


def _threshold_marked(sentence: str, at: int) -> bool:
    """ "free from EUR 75" / "vanaf EUR 75": the amount is a threshold, not a price."""
    before = tokenize(sentence[:at])[-2:]
    return any(t.text in _THRESHOLD_MARKERS for t in before)
