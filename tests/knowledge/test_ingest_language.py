"""Language detection picks English or Dutch, and says "don't know" rather than guess."""

from __future__ import annotations

import pytest

from knowledge.ingest.language import language_detect


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("You can return unworn items within 30 days of delivery.", "en"),
        ("Orders can be cancelled free of charge within one hour.", "en"),
        ("Shipping costs", "en"),
        ("Je kunt ongedragen artikelen binnen 30 dagen na levering retourneren.", "nl"),
        ("Bestellingen kun je binnen een uur kosteloos annuleren.", "nl"),
        ("Verzendkosten", "nl"),
        ("Hoe lang duurt de levering van mijn bestelling?", "nl"),
        ("# Retourbeleid\n\n## Sale-artikelen\n\nSale-artikelen kun je alleen ruilen.", "nl"),
    ],
)
def test_english_and_dutch_are_told_apart(text: str, language: str) -> None:
    assert language_detect(text=text) == language


@pytest.mark.parametrize("text", ["", "   ", "12345", "test", "SKU-4411"])
def test_text_that_says_too_little_has_no_language(text: str) -> None:
    assert language_detect(text=text) is None
