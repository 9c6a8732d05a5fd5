"""Dashboard forms for skills: the on/off switch and each configurable skill's settings.

The settings forms check their values with the same strict parsers the agent's settings come
from (``skills.settings``), so the page cannot save what the agent would ignore.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self

from django import forms
from django.utils.translation import gettext_lazy as _

from core.errors import ValidationFailed
from skills.settings import (
    MAX_RETURN_WINDOW_DAYS,
    OrderEditSettings,
    ReturnsSettings,
    order_edit_settings_parse,
    returns_settings_parse,
)


class SkillEnabledForm(forms.Form):
    """Turn a skill on or off: the page's button posts ``enabled=true`` or ``enabled=false``."""

    enabled = forms.BooleanField(required=False)


def _rules_field(label: Any, help_text: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.TextInput(attrs={"class": "input-mono"}),
    )


def _joined(values: tuple[str, ...]) -> str:
    return ", ".join(values)


class SkillSettingsForm(forms.Form):
    """Base: ``parse`` is the skill's strict parser; the cleaned data become the settings JSON
    (tags and product types as lists)."""

    RULE_FIELDS: ClassVar[tuple[str, ...]] = ()

    def parse(self, data: Mapping[str, Any]) -> Any:
        """The skill's strict parser (raises ValidationFailed with field errors)."""
        raise NotImplementedError

    @classmethod
    def for_settings(cls, settings: Any) -> Self:
        """An unbound form showing ``settings`` (the skill's typed settings)."""
        return cls(initial=cls.initial_for(settings))

    @staticmethod
    def initial_for(settings: Any) -> dict[str, Any]:
        raise NotImplementedError

    def settings_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in self.RULE_FIELDS:
            data[name] = [p.strip() for p in (data.get(name) or "").split(",") if p.strip()]
        return data

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        try:
            self.parse(self.settings_data())
        except ValidationFailed as exc:
            for field, messages in (exc.detail or {}).items():
                self.add_error(field if field in self.fields else None, messages)
        return cleaned


class OrderEditSettingsForm(SkillSettingsForm):
    """The order-editing skill's own settings. Its edit and cancel windows and the changes
    allowed are the Customer Hub's (Integrations page)."""

    RULE_FIELDS = (
        "excluded_product_tags",
        "excluded_product_types",
        "cancel_excluded_product_tags",
    )

    def parse(self, data: Mapping[str, Any]) -> OrderEditSettings:
        return order_edit_settings_parse(data)

    excluded_product_tags = _rules_field(
        _("Product tags that cannot be changed"),
        _("Comma-separated, for example: pre-order, personalised."),
    )
    excluded_product_types = _rules_field(
        _("Product types that cannot be changed"), _("Comma-separated; leave empty for none.")
    )
    cancel_excluded_product_tags = _rules_field(
        _("Product tags that stop an order from being cancelled"),
        _("Comma-separated, for example: personalised."),
    )

    @staticmethod
    def initial_for(settings: OrderEditSettings) -> dict[str, Any]:
        return {
            "excluded_product_tags": _joined(settings.excluded.tags),
            "excluded_product_types": _joined(settings.excluded.product_types),
            "cancel_excluded_product_tags": _joined(settings.cancel_excluded.tags),
        }


class ReturnsSettingsForm(SkillSettingsForm):
    RULE_FIELDS = ("excluded_product_tags", "excluded_product_types")

    def parse(self, data: Mapping[str, Any]) -> ReturnsSettings:
        return returns_settings_parse(data)

    return_window_days = forms.IntegerField(
        label=_("Return window (days)"),
        min_value=0,
        max_value=MAX_RETURN_WINDOW_DAYS,
        help_text=_("Days after delivery an item may still be returned."),
    )
    excluded_product_tags = _rules_field(
        _("Product tags that cannot be returned"),
        _("Comma-separated, for example: final-sale, personalised, hygiene."),
    )
    excluded_product_types = _rules_field(
        _("Product types that cannot be returned"), _("Comma-separated, for example: Gift Card.")
    )
    exchange_allowed = forms.BooleanField(
        label=_("Offer exchanges"),
        required=False,
        help_text=_("Shoppers can exchange an item instead of returning it."),
    )

    @staticmethod
    def initial_for(settings: ReturnsSettings) -> dict[str, Any]:
        return {
            "return_window_days": settings.return_window_days,
            "excluded_product_tags": _joined(settings.excluded.tags),
            "excluded_product_types": _joined(settings.excluded.product_types),
            "exchange_allowed": settings.exchange_allowed,
        }


#: The skills that have settings of their own, by id.
SETTINGS_FORMS: dict[str, type[SkillSettingsForm]] = {
    "order_edit": OrderEditSettingsForm,
    "returns": ReturnsSettingsForm,
}
