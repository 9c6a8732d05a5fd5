from __future__ import annotations

import pytest

from core.models import Store
from knowledge.conflicts import content_conflict_list
from knowledge.indexing import article_reindex
from knowledge.services import article_unpublish
from tests.knowledge.search_content import article_publish_indexed, demo_content_load

pytestmark = pytest.mark.django_db


def test_the_demo_content_has_no_conflicts(store: Store) -> None:
    demo_content_load(store=store)

    assert content_conflict_list(store=store) == []


def test_a_return_window_of_30_days_against_14_dagen_is_a_conflict(store: Store) -> None:
    # given
    english = article_publish_indexed(
        store=store,
        title="Returns",
        body="# Returns\n\n## Return window\n\nYou can return items within 30 days of delivery.",
        language="en",
    )
    dutch = article_publish_indexed(
        store=store,
        title="Retourneren",
        body="# Retourneren\n\nJe kunt artikelen binnen 14 dagen na ontvangst terugsturen.",
        language="nl",
    )

    # when
    [conflict] = content_conflict_list(store=store)

    # then both passages are shown with the values they give
    assert (conflict.topic, str(conflict.topic_label), conflict.scope) == (
        "return_window",
        "Return window",
        (),
    )
    sides = [conflict.first, conflict.second]
    assert [(s.article_id, s.citation, s.value_text, s.language) for s in sides] == [
        (english.id, "Returns › Return window", "30 days", "en"),
        (dutch.id, "Retourneren", "14 dagen", "nl"),
    ]
    assert conflict.first.sentence == "You can return items within 30 days of delivery."
    assert conflict.second.passage == "Je kunt artikelen binnen 14 dagen na ontvangst terugsturen."


def test_fees_conflict_and_equal_values_in_other_units_do_not(store: Store) -> None:
    article_publish_indexed(
        store=store,
        title="Cancelling",
        body="Cancel within 1 hour for free. After that we charge a cancellation fee of EUR 5.",
        language="en",
    )
    article_publish_indexed(
        store=store,
        title="Annuleren",
        body="Annuleren kan binnen 60 minuten. Daarna rekenen we €7,50 annuleringskosten.",
        language="nl",
    )

    conflicts = content_conflict_list(store=store)

    assert [(c.topic, c.first.value_text, c.second.value_text) for c in conflicts] == [
        ("cancellation_fee", "EUR 5", "€7,50")
    ]


def test_different_scopes_and_clock_times_are_not_conflicts(store: Store) -> None:
    article_publish_indexed(
        store=store,
        title="Delivery",
        body=(
            "## Delivery times\n\n"
            "Delivery in the Netherlands takes 1–2 business days.\n\n"
            "Delivery to the United Kingdom takes 2–4 business days.\n\n"
            "Order before 16:00 and we ship the same day."
        ),
        language="en",
    )
    article_publish_indexed(
        store=store,
        title="Bezorging",
        body="## Levertijd\n\nBezorging in Nederland duurt 1–2 werkdagen. Bestel vóór 17.00 uur.",
        language="nl",
    )

    assert content_conflict_list(store=store) == []


def test_unpublished_content_is_not_compared(store: Store) -> None:
    article_publish_indexed(
        store=store, title="Returns", body="Return within 30 days.", language="en"
    )
    old = article_publish_indexed(
        store=store, title="Old returns", body="Return within 14 days.", language="en"
    )
    assert len(content_conflict_list(store=store)) == 1

    # when the old article is taken offline (re-indexed right away here)
    article_unpublish(store=store, article_id=old.id)
    article_reindex(store=store, article_id=old.id)

    # then
    assert content_conflict_list(store=store) == []
