from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from integrations.customer_hub.models import MAX_WINDOW_MINUTES, CustomerHubSettings
from integrations.customer_hub.validation import hub_external_url_validate
from integrations.returns.models import ReturnsProviderConnection


class HubActiveForm(forms.Form):
    """The hub's one on/off switch: its button posts ``active=true`` or ``active=false``."""

    active = forms.BooleanField(required=False)


class HubSettingsForm(forms.Form):
    """How the hub works. Whether it is active is its own switch (``HubActiveForm``), so
    saving these never turns the hub on or off."""

    mode = forms.ChoiceField(
        label=_("Hub"), choices=CustomerHubSettings.Mode.choices, widget=forms.RadioSelect
    )
    external_url = forms.URLField(
        label=_("External hub URL"),
        required=False,
        assume_scheme="https",
        help_text=_("Required when you use an external hub."),
    )
    edit_window_minutes = forms.IntegerField(
        label=_("Edit window (minutes)"),
        min_value=0,
        max_value=MAX_WINDOW_MINUTES,
        help_text=_("How long after ordering a shopper may still change an unfulfilled order."),
    )
    cancel_window_minutes = forms.IntegerField(
        label=_("Cancel window (minutes)"),
        min_value=0,
        max_value=MAX_WINDOW_MINUTES,
        help_text=_("How long after ordering a shopper may still cancel an unfulfilled order."),
    )
    allow_variant_change = forms.BooleanField(label=_("Size or colour"), required=False)
    allow_quantity_change = forms.BooleanField(label=_("Quantity"), required=False)
    allow_address_change = forms.BooleanField(label=_("Shipping address"), required=False)
    allow_cancel = forms.BooleanField(label=_("Cancel the order"), required=False)

    ALLOWED_CHANGE_FIELDS = (
        "allow_variant_change",
        "allow_quantity_change",
        "allow_address_change",
        "allow_cancel",
    )

    @classmethod
    def for_settings(cls, hub: CustomerHubSettings | None) -> HubSettingsForm:
        """An unbound form showing the stored settings, or the model's defaults when none."""
        current = hub or CustomerHubSettings()
        fields = ("mode", "external_url", "edit_window_minutes", "cancel_window_minutes")
        names = fields + cls.ALLOWED_CHANGE_FIELDS
        return cls(initial={name: getattr(current, name) for name in names})

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("mode") == CustomerHubSettings.Mode.BUILTIN:
            # The built-in hub has no outside address; a stale URL would only confuse.
            cleaned["external_url"] = ""
        if "mode" in cleaned:
            try:
                hub_external_url_validate(
                    mode=cleaned["mode"], external_url=cleaned.get("external_url") or ""
                )
            except ValidationError as exc:
                self.add_error("external_url", exc)
        return cleaned


class ReturnsProviderForm(forms.Form):
    provider = forms.ChoiceField(
        label=_("Returns provider"),
        choices=ReturnsProviderConnection.Provider.choices,
        widget=forms.RadioSelect,
    )
    portal_url = forms.URLField(
        label=_("Returns portal URL"),
        required=False,
        assume_scheme="https",
        help_text=_("Where shoppers start a return, if your provider gives you one."),
    )
    api_key = forms.CharField(
        label=_("API key"),
        required=False,
        strip=True,
        # Write-only: a stored key is never sent back to the browser.
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )
    clear_api_key = forms.BooleanField(label=_("Remove the stored key"), required=False)

    def __init__(self, *args: Any, key_stored: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_stored = key_stored
        self.fields["api_key"].help_text = (
            _("A key is stored. Leave this empty to keep it.")
            if key_stored
            else _("Needed for Loop and AfterShip.")
        )
        if not key_stored:
            del self.fields["clear_api_key"]

    @classmethod
    def for_connection(cls, conn: ReturnsProviderConnection | None) -> ReturnsProviderForm:
        initial = {
            "provider": conn.provider if conn else ReturnsProviderConnection.Provider.BUILTIN,
            "portal_url": conn.portal_url if conn else "",
        }
        return cls(initial=initial, key_stored=bool(conn and conn.api_key))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        needs_key = cleaned.get("provider") in (
            ReturnsProviderConnection.Provider.LOOP,
            ReturnsProviderConnection.Provider.AFTERSHIP,
        )
        keeps_key = self.key_stored and not cleaned.get("clear_api_key")
        if needs_key and not cleaned.get("api_key") and not keeps_key:
            self.add_error("api_key", _("Enter the API key from your provider's settings."))
        cleaned.setdefault("clear_api_key", False)
        return cleaned


class ShopifyConnectForm(forms.Form):
    """A custom app's Admin API access token, entered by the merchant."""

    shop_domain = forms.CharField(
        label=_("Shop domain"),
        max_length=255,
        strip=True,
        help_text=_("Your shop's myshopify.com address, for example noord.myshopify.com."),
        widget=forms.TextInput(attrs={"placeholder": "my-shop.myshopify.com"}),
    )
    access_token = forms.CharField(
        label=_("Admin API access token"),
        max_length=255,
        strip=True,
        help_text=_("Starts with shpat_. It is checked with Shopify and stored encrypted."),
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )


class ShopifyInstallForm(forms.Form):
    """The shop to install the app on through Shopify's OAuth flow."""

    shop_domain = forms.CharField(
        label=_("Shop domain"),
        max_length=255,
        strip=True,
        widget=forms.TextInput(attrs={"placeholder": "my-shop.myshopify.com"}),
    )
