"""Typed skill settings: defaults, the store's own values, validation, tolerant matching."""

from __future__ import annotations

import logging

import pytest
from django.utils import translation

from core.errors import ValidationFailed
from core.models import Store
from skills.settings import (
    DEFAULT_CANCEL_EXCLUDED_TAGS,
    DEFAULT_EDIT_EXCLUDED_TAGS,
    DEFAULT_RETURN_EXCLUDED_TAGS,
    DEFAULT_RETURN_EXCLUDED_TYPES,
    Exclusion,
    ExclusionKind,
    ExclusionRules,
    OrderEditSettings,
    ReturnsSettings,
    order_edit_settings_get,
    order_edit_settings_parse,
    returns_settings_get,
    returns_settings_parse,
    rule_key,
)
from tests.factories.core import StoreFactory
from tests.factories.integrations import CustomerHubSettingsFactory
from tests.factories.skills import SkillConfigFactory

# --- selectors --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_returns_defaults_without_any_configuration(store: Store) -> None:
    s = returns_settings_get(store=store)
    assert s == ReturnsSettings(timezone="Europe/Amsterdam")
    assert s.return_window_days == 30
    assert s.exchange_allowed is True
    assert s.excluded.tags == DEFAULT_RETURN_EXCLUDED_TAGS
    assert s.excluded.product_types == DEFAULT_RETURN_EXCLUDED_TYPES
    assert {"final-sale", "personalised", "personalized", "hygiene", "gift-card"} <= set(
        s.excluded.tags
    )


@pytest.mark.django_db
def test_returns_settings_come_from_the_store_s_skill_config(store: Store) -> None:
    # given this store's settings, and different ones in another store
    SkillConfigFactory.create(
        store=store,
        skill_id="returns",
        settings={
            "return_window_days": 14,
            "excluded_product_tags": ["Final Sale", "clearance"],
            "excluded_product_types": "Gift Card, Voucher",
            "exchange_allowed": False,
            "unrelated": "kept for someone else",
        },
    )
    SkillConfigFactory.create(
        store=StoreFactory.create(), skill_id="returns", settings={"return_window_days": 99}
    )
    # when
    s = returns_settings_get(store=store)
    # then
    assert s == ReturnsSettings(
        return_window_days=14,
        excluded=ExclusionRules(
            tags=("Final Sale", "clearance"), product_types=("Gift Card", "Voucher")
        ),
        exchange_allowed=False,
        timezone="Europe/Amsterdam",
    )


@pytest.mark.django_db
def test_an_empty_list_means_nothing_is_excluded(store: Store) -> None:
    SkillConfigFactory.create(
        store=store,
        skill_id="returns",
        settings={"excluded_product_tags": [], "excluded_product_types": ""},
    )
    assert returns_settings_get(store=store).excluded == ExclusionRules()


@pytest.mark.django_db
def test_invalid_stored_values_fall_back_to_defaults_with_a_warning(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    SkillConfigFactory.create(
        store=store,
        skill_id="returns",
        settings={
            "return_window_days": -3,
            "excluded_product_tags": {"not": "a list"},
            "exchange_allowed": "maybe",
            "excluded_product_types": ["Voucher"],
        },
    )
    with caplog.at_level(logging.WARNING, logger="skills.settings"):
        s = returns_settings_get(store=store)
    assert s.return_window_days == 30
    assert s.excluded.tags == DEFAULT_RETURN_EXCLUDED_TAGS
    assert s.exchange_allowed is True
    assert s.excluded.product_types == ("Voucher",)  # the valid one is kept
    assert sorted(str(r.args[0]) for r in caplog.records if isinstance(r.args, tuple)) == [
        "exchange_allowed",
        "excluded_product_tags",
        "return_window_days",
    ]


@pytest.mark.django_db
def test_order_edit_defaults_without_a_hub(store: Store) -> None:
    assert order_edit_settings_get(store=store) == OrderEditSettings()
    s = OrderEditSettings()
    assert (s.edit_window_minutes, s.cancel_window_minutes) == (60, 60)
    assert s.excluded.tags == DEFAULT_EDIT_EXCLUDED_TAGS
    assert s.cancel_excluded.tags == DEFAULT_CANCEL_EXCLUDED_TAGS


@pytest.mark.django_db
def test_order_edit_windows_and_changes_come_from_the_hub(store: Store) -> None:
    CustomerHubSettingsFactory.create(
        store=store,
        edit_window_minutes=15,
        cancel_window_minutes=0,
        allow_variant_change=False,
        allow_quantity_change=True,
        allow_address_change=False,
        allow_cancel=False,
    )
    CustomerHubSettingsFactory.create(store=StoreFactory.create(), edit_window_minutes=999)
    SkillConfigFactory.create(
        store=store,
        skill_id="order_edit",
        settings={
            "excluded_product_tags": ["made-to-order"],
            "excluded_product_types": ["Engraving"],
            "cancel_excluded_product_tags": [],
        },
    )
    assert order_edit_settings_get(store=store) == OrderEditSettings(
        edit_window_minutes=15,
        cancel_window_minutes=0,
        allow_variant_change=False,
        allow_quantity_change=True,
        allow_address_change=False,
        allow_cancel=False,
        excluded=ExclusionRules(tags=("made-to-order",), product_types=("Engraving",)),
        cancel_excluded=ExclusionRules(),
    )


# --- strict parsing ---------------------------------------------------------------------------


def test_parse_reports_every_invalid_field() -> None:
    with pytest.raises(ValidationFailed) as caught:
        returns_settings_parse(
            {
                "return_window_days": 400,
                "excluded_product_tags": ["ok", 3],
                "exchange_allowed": "yes",
            }
        )
    assert caught.value.detail == {
        "return_window_days": ["Enter a number of days from 0 to 365."],
        "excluded_product_tags": [
            "Enter a list of tags or product types, or one comma-separated text."
        ],
        "exchange_allowed": ["Enter true or false."],
    }


@pytest.mark.parametrize(("value", "days"), [(0, 0), (30, 30), ("45", 45), (365, 365), (None, 30)])
def test_parse_return_window_days(value: object, days: int) -> None:
    assert returns_settings_parse({"return_window_days": value}).return_window_days == days


@pytest.mark.parametrize("value", [-1, 366, "thirty", 2.5, True, [30]])
def test_parse_refuses_bad_return_window_days(value: object) -> None:
    with pytest.raises(ValidationFailed) as caught:
        returns_settings_parse({"return_window_days": value})
    assert list(caught.value.detail) == ["return_window_days"]


def test_parse_cleans_lists_whitespace_and_duplicates() -> None:
    s = returns_settings_parse(
        {"excluded_product_tags": " final  sale , Final-Sale,, hygiene ", "exchange_allowed": True}
    )
    assert s.excluded.tags == ("final sale", "hygiene")


def test_parse_refuses_long_entries_and_too_many() -> None:
    with pytest.raises(ValidationFailed) as caught:
        returns_settings_parse({"excluded_product_tags": ["x" * 101]})
    assert caught.value.detail == {
        "excluded_product_tags": ["Each entry can be at most 100 characters."]
    }
    with pytest.raises(ValidationFailed) as caught:
        returns_settings_parse({"excluded_product_tags": [f"t{n}" for n in range(101)]})
    assert caught.value.detail == {"excluded_product_tags": ["Enter at most 100 entries."]}


def test_parse_order_edit_settings() -> None:
    s = order_edit_settings_parse({"excluded_product_tags": "pre-order, made to order"})
    assert s.excluded == ExclusionRules(tags=("pre-order", "made to order"))
    assert s.cancel_excluded.tags == DEFAULT_CANCEL_EXCLUDED_TAGS
    with pytest.raises(ValidationFailed) as caught:
        order_edit_settings_parse({"cancel_excluded_product_tags": 5})
    assert list(caught.value.detail) == ["cancel_excluded_product_tags"]


def test_parse_ignores_a_non_mapping() -> None:
    assert returns_settings_parse([]) == ReturnsSettings()  # type: ignore[arg-type]


# --- matching ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("Final Sale", "finalsale"),
        ("final_sale", "finalsale"),
        ("final-sale", "finalsale"),
        (" FINAL  SALE ", "finalsale"),
        ("Pre-Order", "preorder"),
        ("Größe", "grösse"),
        ("---", ""),
    ],
)
def test_rule_key(value: str, key: str) -> None:
    assert rule_key(value) == key


def test_match_reports_the_item_s_value_and_the_configured_rule() -> None:
    rules = ExclusionRules(tags=("final-sale",), product_types=("Gift Card",))
    assert rules.match(tags=("sale", "Final Sale"), product_type="Dresses") == Exclusion(
        kind=ExclusionKind.TAG, value="Final Sale", rule="final-sale"
    )
    assert rules.match(tags=("sale",), product_type="gift_card") == Exclusion(
        kind=ExclusionKind.PRODUCT_TYPE, value="gift_card", rule="Gift Card"
    )
    assert rules.match(tags=("sale", "finals"), product_type="") is None
    assert rules.match(tags=("sale",), product_type="Gift Cards Deluxe") is None


def test_a_tag_wins_over_the_product_type_and_empty_rules_match_nothing() -> None:
    rules = ExclusionRules(tags=("hygiene", ""), product_types=("Underwear", " "))
    hit = rules.match(tags=("hygiene",), product_type="Underwear")
    assert hit is not None and hit.kind is ExclusionKind.TAG
    assert rules.match(tags=("",), product_type="") is None


def test_errors_are_translated() -> None:
    with translation.override("nl"), pytest.raises(ValidationFailed) as caught:
        returns_settings_parse({"return_window_days": 400, "exchange_allowed": 1})
    assert caught.value.detail == {
        "return_window_days": ["Vul een aantal dagen in van 0 tot en met 365."],
        "exchange_allowed": ["Vul true of false in."],
    }
