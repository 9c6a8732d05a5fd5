"""Language detection on short, mixed and content-free messages."""

from __future__ import annotations

import pytest

from agent.nlu import language_detect


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ja", "nl"),
        ("nee", "nl"),
        ("hoi", "nl"),
        ("doei", "nl"),
        ("klopt", "nl"),
        ("merci", "nl"),
        ("thanks", "en"),
        ("yes", "en"),
        ("bye", "en"),
        ("hello", "en"),
        ("kan ik mijn order cancellen?", "nl"),
        ("Mijn order is nog niet delivered", "nl"),
        ("where is my pakketje", "en"),
        ("I want to retour my bestelling", "en"),
        ("GOEDKOPE VOLGERS KOPEN www.cheap-likes.biz", "nl"),
        ("Kan ik de maat van mijn recente bestelling wijzigen?", "nl"),
        ("Can I change the size of my recent order?", "en"),
    ],
)
def test_short_and_mixed_messages(text: str, language: str) -> None:
    assert language_detect(text).language == language


@pytest.mark.parametrize("text", ["ok", "👍", "1043", "", "   ", "🍕🍕"])
def test_the_prior_decides_when_the_text_says_nothing(text: str) -> None:
    assert language_detect(text, prior="nl").language == "nl"
    assert language_detect(text, prior="nl").from_prior is True
    assert language_detect(text).language == "en"


def test_the_prior_does_not_override_a_clear_message() -> None:
    assert language_detect("where is my order?", prior="nl").language == "en"
    assert language_detect("waar is mijn bestelling?", prior="en").language == "nl"


def test_an_unknown_prior_is_ignored() -> None:
    assert language_detect("ok", prior="de").language == "en"


def test_confidence_is_between_a_half_and_one() -> None:
    guess = language_detect("Ik wil mijn bestelling annuleren")
    assert 0.5 < guess.confidence <= 1.0
