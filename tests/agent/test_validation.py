"""The settings rules the dashboard forms and the API serializers share (no database)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from agent.validation import business_hours_validate, origin_normalize, origins_normalize


@pytest.mark.parametrize(
    ("value", "origin"),
    [
        ("https://Shop.Example.com/", "https://shop.example.com"),
        (" http://localhost:8000 ", "http://localhost:8000"),
        # Browsers leave the scheme's default port out of the Origin header.
        ("HTTPS://shop.example.com:0443", "https://shop.example.com"),
        ("http://shop.example.com:80", "http://shop.example.com"),
        ("https://shop.example.com:80", "https://shop.example.com:80"),
    ],
)
def test_origin_is_normalised(value: str, origin: str) -> None:
    assert origin_normalize(value) == origin


@pytest.mark.parametrize(
    "value",
    [
        "https://shop.example.com:0",
        "https://shop.example.com:70000",
        "https://user@shop.example.com",
        "https://shop_example.com",
        "https://shop.example.com?",
        "https://shop.example.com#",
        "https://",
        "https://[::1",
        "https://*.example.com",
    ],
)
def test_what_is_not_an_origin_is_refused(value: str) -> None:
    with pytest.raises(ValidationError):
        origin_normalize(value)


def test_origins_are_deduplicated_and_every_bad_one_is_named() -> None:
    assert origins_normalize(["https://a.example", "https://A.example/"]) == ["https://a.example"]
    with pytest.raises(ValidationError) as caught:
        origins_normalize(["ftp://a.example", "https://a.example", "b.example"])
    assert len(caught.value.messages) == 2


@pytest.mark.parametrize(
    "hours",
    [{"1": [["09:00", "09:00"]]}, {"1": [["9:00", "17:00"]]}, {"0": []}, {"1": "09:00-17:00"}],
    ids=["empty-range", "not-hh-mm", "weekday-0", "not-a-list"],
)
def test_bad_business_hours_are_refused(hours: object) -> None:
    with pytest.raises(ValidationError):
        business_hours_validate(hours)


def test_business_hours_as_stored_are_accepted() -> None:
    business_hours_validate({"1": [["09:00", "12:00"], ["13:00", "17:30"]], "7": []})
