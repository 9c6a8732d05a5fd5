"""Which of the shopper's line items a message names."""

from __future__ import annotations

from agent.nlu import ItemCandidate, items_match

ITEMS = (
    ItemCandidate("sneaker-blue", "Canvas Sneakers", ("Blue", "42")),
    ItemCandidate("sneaker-white", "Canvas Sneakers", ("White", "42")),
    ItemCandidate("sweater", "Merino Sweater", ("Grey", "M")),
    ItemCandidate("beanie", "Wool Beanie"),
    ItemCandidate("trousers", "Linnen broek", ("Beige", "38")),
)


def _ids(text: str) -> list[tuple[str, float]]:
    return [(m.id, m.score) for m in items_match(text, ITEMS)]


def test_colour_decides_between_two_of_the_same_product() -> None:
    matches = items_match("the blue sneakers", ITEMS)
    assert [m.id for m in matches] == ["sneaker-blue", "sneaker-white"]
    assert matches[0].score == 1.0
    assert matches[0].matched == ("blue", "sneakers")
    assert matches[1].score < 0.5


def test_dutch_words_match_english_titles() -> None:
    assert _ids("de trui") == [("sweater", 1.0)]
    assert _ids("ik wil de muts terugsturen") == [("beanie", 1.0)]
    assert _ids("de blauwe schoenen")[0] == ("sneaker-blue", 1.0)


def test_english_synonyms_and_dutch_titles() -> None:
    assert _ids("can I return the jumper") == [("sweater", 1.0)]
    assert _ids("the trousers in size 38") == [("trousers", 1.0)]


def test_dutch_compounds_end_in_the_product_word() -> None:
    assert {item for item, _score in _ids("mijn hardloopschoenen")} == {
        "sneaker-blue",
        "sneaker-white",
    }


def test_an_ambiguous_mention_ties() -> None:
    assert _ids("the sneakers") == [("sneaker-blue", 1.0), ("sneaker-white", 1.0)]


def test_a_product_no_candidate_has_lowers_the_score() -> None:
    (match,) = items_match("the blue jacket", ITEMS)
    assert match.id == "sneaker-blue"
    assert match.score == 0.5


def test_no_item_words_no_match() -> None:
    assert items_match("cancel my order please", ITEMS) == ()
    assert items_match("the blue sneakers", ()) == ()
