"""Typed per-store settings of the order skills, read from ``SkillConfig.settings`` (JSON) and,
for order editing, from the store's Customer Hub settings, with defaults for anything unset.

``returns``  (SkillConfig.settings keys):
    ``return_window_days``      days after delivery an item may be returned (default 30)
    ``excluded_product_tags``   product tags that are never returnable (final sale, ...)
    ``excluded_product_types``  product types that are never returnable (gift cards)
    ``exchange_allowed``        exchanges offered next to returns (default true)

``order_edit`` (SkillConfig.settings keys; windows and allowed changes are the hub's):
    ``excluded_product_tags``         tags of items that cannot be changed (pre-order, ...)
    ``excluded_product_types``        product types of items that cannot be changed
    ``cancel_excluded_product_tags``  tags of items whose order cannot be cancelled

Tags and product types match case-insensitively and ignoring separators, so a merchant's
"Final Sale", "final_sale" and "final-sale" are one rule. A list may be given as a JSON list
or as one comma-separated string.

Parsing is strict in :func:`returns_settings_parse` / :func:`order_edit_settings_parse`
(ValidationFailed with field errors: for whoever saves settings) and lenient in the
selectors (an invalid stored value falls back to its default, with a warning in the log):
a bad setting must not take the agent down mid-conversation.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.errors import ValidationFailed
from core.models import Store
from skills.reads import hub_settings_shared, setup_get

logger = logging.getLogger(__name__)

MAX_RETURN_WINDOW_DAYS = 365
MAX_RULES = 100
MAX_RULE_LENGTH = 100

DEFAULT_RETURN_WINDOW_DAYS = 30
DEFAULT_RETURN_EXCLUDED_TAGS = (
    "final-sale",
    "personalised",
    "personalized",
    "hygiene",
    "gift-card",
    "non-returnable",
)
DEFAULT_RETURN_EXCLUDED_TYPES = ("Gift Card", "Gift Cards")
DEFAULT_EDIT_EXCLUDED_TAGS = ("pre-order", "personalised", "personalized")
DEFAULT_EDIT_EXCLUDED_TYPES: tuple[str, ...] = ()
DEFAULT_CANCEL_EXCLUDED_TAGS = ("personalised", "personalized")

T = TypeVar("T")


def rule_key(value: str) -> str:
    """The form tags and product types are compared in: "Final Sale" -> "finalsale"."""
    return "".join(ch for ch in value.casefold() if ch.isalnum())


class ExclusionKind(enum.StrEnum):
    TAG = "tag"
    PRODUCT_TYPE = "product_type"


@dataclass(frozen=True)
class Exclusion:
    """Why an item is excluded: its tag or product type ``value`` (as on the product) matched
    the configured ``rule`` (as the merchant wrote it)."""

    kind: ExclusionKind
    value: str
    rule: str

    @property
    def key(self) -> str:
        """The rule in comparable form ("finalsale", "personalised", "giftcard"): what a
        skill picks the shopper-facing wording by."""
        return rule_key(self.rule)


@dataclass(frozen=True)
class ExclusionRules:
    tags: tuple[str, ...] = ()
    product_types: tuple[str, ...] = ()

    def match(self, *, tags: Iterable[str], product_type: str) -> Exclusion | None:
        """The first rule an item's tags (in the item's order), then its product type, match."""
        tag_rules = {rule_key(r): r for r in self.tags if rule_key(r)}
        for tag in tags:
            rule = tag_rules.get(rule_key(tag))
            if rule is not None:
                return Exclusion(kind=ExclusionKind.TAG, value=tag, rule=rule)
        type_rules = {rule_key(r): r for r in self.product_types if rule_key(r)}
        rule = type_rules.get(rule_key(product_type)) if product_type else None
        if rule is not None:
            return Exclusion(kind=ExclusionKind.PRODUCT_TYPE, value=product_type, rule=rule)
        return None


@dataclass(frozen=True)
class ReturnsSettings:
    return_window_days: int = DEFAULT_RETURN_WINDOW_DAYS
    excluded: ExclusionRules = ExclusionRules(
        tags=DEFAULT_RETURN_EXCLUDED_TAGS, product_types=DEFAULT_RETURN_EXCLUDED_TYPES
    )
    exchange_allowed: bool = True
    timezone: str = "UTC"
    """The store's time zone (IANA name): return windows end at the end of a local day."""


@dataclass(frozen=True)
class OrderEditSettings:
    edit_window_minutes: int = 60
    cancel_window_minutes: int = 60
    allow_variant_change: bool = True
    allow_quantity_change: bool = True
    allow_address_change: bool = True
    allow_cancel: bool = True
    excluded: ExclusionRules = ExclusionRules(tags=DEFAULT_EDIT_EXCLUDED_TAGS)
    cancel_excluded: ExclusionRules = ExclusionRules(tags=DEFAULT_CANCEL_EXCLUDED_TAGS)


# --- selectors ------------------------------------------------------------------------------


def returns_settings_get(*, store: Store) -> ReturnsSettings:
    """The store's returns settings; stored values that do not validate fall back to defaults."""
    data = setup_get(store=store, skill_id="returns").settings
    return _returns_settings(data, timezone=store.timezone, strict=False)


def order_edit_settings_get(*, store: Store) -> OrderEditSettings:
    """Windows and allowed changes from the store's Customer Hub settings (their defaults when
    the hub was never set up), item exclusions from the order_edit skill's settings."""
    hub = hub_settings_shared(store=store)
    data = setup_get(store=store, skill_id="order_edit").settings
    rules = _edit_rules(data, strict=False)
    return OrderEditSettings(
        edit_window_minutes=hub.edit_window_minutes,
        cancel_window_minutes=hub.cancel_window_minutes,
        allow_variant_change=hub.allow_variant_change,
        allow_quantity_change=hub.allow_quantity_change,
        allow_address_change=hub.allow_address_change,
        allow_cancel=hub.allow_cancel,
        excluded=rules[0],
        cancel_excluded=rules[1],
    )


# --- parsing --------------------------------------------------------------------------------


def returns_settings_parse(data: Mapping[str, Any], *, timezone: str = "UTC") -> ReturnsSettings:
    """The returns skill's settings from JSON. Raises ValidationFailed with field errors."""
    return _returns_settings(data, timezone=timezone, strict=True)


def order_edit_settings_parse(data: Mapping[str, Any]) -> OrderEditSettings:
    """The order_edit skill's own settings (item exclusions) from JSON, with the hub's default
    windows. Raises ValidationFailed with field errors."""
    excluded, cancel_excluded = _edit_rules(data, strict=True)
    return OrderEditSettings(excluded=excluded, cancel_excluded=cancel_excluded)


def _returns_settings(data: Mapping[str, Any], *, timezone: str, strict: bool) -> ReturnsSettings:
    fields = _Fields(data, strict=strict)
    settings = ReturnsSettings(
        return_window_days=fields.get("return_window_days", _days, DEFAULT_RETURN_WINDOW_DAYS),
        excluded=ExclusionRules(
            tags=fields.get("excluded_product_tags", _rules, DEFAULT_RETURN_EXCLUDED_TAGS),
            product_types=fields.get(
                "excluded_product_types", _rules, DEFAULT_RETURN_EXCLUDED_TYPES
            ),
        ),
        exchange_allowed=fields.get("exchange_allowed", _flag, True),
        timezone=timezone,
    )
    fields.done()
    return settings


def _edit_rules(data: Mapping[str, Any], *, strict: bool) -> tuple[ExclusionRules, ExclusionRules]:
    fields = _Fields(data, strict=strict)
    excluded = ExclusionRules(
        tags=fields.get("excluded_product_tags", _rules, DEFAULT_EDIT_EXCLUDED_TAGS),
        product_types=fields.get("excluded_product_types", _rules, DEFAULT_EDIT_EXCLUDED_TYPES),
    )
    cancel_excluded = ExclusionRules(
        tags=fields.get("cancel_excluded_product_tags", _rules, DEFAULT_CANCEL_EXCLUDED_TAGS)
    )
    fields.done()
    return excluded, cancel_excluded


class _Fields:
    """Reads keys one by one, collecting errors (strict) or logging them (lenient)."""

    def __init__(self, data: Mapping[str, Any], *, strict: bool) -> None:
        self.data = data if isinstance(data, Mapping) else {}
        self.strict = strict
        self.errors: dict[str, list[str]] = {}

    def get(self, key: str, parse: Callable[[Any], T], default: T) -> T:
        if key not in self.data or self.data[key] is None:
            return default
        try:
            return parse(self.data[key])
        except ValidationError as exc:
            self.errors[key] = [str(m) for m in exc.messages]
            if not self.strict:
                logger.warning("Skill setting %s is invalid (%s); using the default", key, exc)
            return default

    def done(self) -> None:
        if self.strict and self.errors:
            raise ValidationFailed(detail=self.errors)


def _days(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValidationError(_("Enter a whole number of days."), code="invalid")
    try:
        days = int(value)
    except ValueError as exc:
        raise ValidationError(_("Enter a whole number of days."), code="invalid") from exc
    if not 0 <= days <= MAX_RETURN_WINDOW_DAYS:
        raise ValidationError(
            _("Enter a number of days from 0 to %(max)d."),
            code="range",
            params={"max": MAX_RETURN_WINDOW_DAYS},
        )
    return days


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(_("Enter true or false."), code="invalid")
    return value


def _rules(value: Any) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise ValidationError(
            _("Enter a list of tags or product types, or one comma-separated text."),
            code="invalid",
        )
    rules: list[str] = []
    for item in items:
        rule = " ".join(item.split())
        if len(rule) > MAX_RULE_LENGTH:
            raise ValidationError(
                _("Each entry can be at most %(max)d characters."),
                code="too_long",
                params={"max": MAX_RULE_LENGTH},
            )
        if rule_key(rule) and rule_key(rule) not in {rule_key(r) for r in rules}:
            rules.append(rule)
    if len(rules) > MAX_RULES:
        raise ValidationError(
            _("Enter at most %(max)d entries."), code="too_many", params={"max": MAX_RULES}
        )
    return tuple(rules)
