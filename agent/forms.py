"""Dashboard forms for the agent's pages. Forms only parse and validate; services write."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agent.dashboard_selectors import ANALYTICS_PERIODS
from agent.models import Channel, Conversation, HandoffSettings
from integrations.shopify.models import Customer
from skills.registry import SKILLS

# The API (agent.serializers) accepts the same numbers: + country code, 7 to 15 digits.
E164 = re.compile(r"^\+[1-9]\d{6,14}$")
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")
WEEKDAYS: tuple[tuple[int, str | Promise], ...] = (
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (7, _("Sunday")),
)


def normalise_origin(value: str) -> str:
    """``https://Shop.example.com/`` -> ``https://shop.example.com``; ValidationError when the
    value is not an http(s) origin: scheme, host name and optional port, nothing else."""
    raw = value.strip()
    parts = urlsplit(raw)
    try:
        port = parts.port
        valid = (
            parts.scheme.lower() in ("http", "https")
            and HOST.match(parts.hostname or "") is not None
            and parts.username is None
            and parts.path in ("", "/")
            and not (parts.query or parts.fragment or raw.endswith(("?", "#")))
        )
    except ValueError:
        valid = False
    if not valid:
        raise ValidationError(
            _("“%(origin)s” is not an origin like https://shop.example.com (no path)."),
            params={"origin": raw},
        )
    origin = f"{parts.scheme.lower()}://{parts.hostname}"
    return f"{origin}:{port}" if port is not None else origin


class ChannelForm(forms.Form):
    enabled = forms.BooleanField(label=_("Active"), required=False)

    def settings_data(self) -> dict[str, Any]:
        """The channel's settings as stored in ChannelConfig.settings."""
        return {}


class WebchatChannelForm(ChannelForm):
    allowed_origins = forms.CharField(
        label=_("Allowed origins"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "https://shop.example.com"}),
        help_text=_(
            "One per line: the storefront addresses allowed to open the chat, for example "
            "https://shop.example.com. Scheme and host only, no path."
        ),
    )
    accent_color = forms.CharField(
        label=_("Accent colour"),
        max_length=7,
        widget=forms.TextInput(attrs={"placeholder": "#1f6feb", "size": 8}),
        help_text=_("A hex colour such as #1f6feb."),
    )
    greeting_en = forms.CharField(
        label=_("Greeting (English)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    greeting_nl = forms.CharField(
        label=_("Greeting (Dutch)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_allowed_origins(self) -> list[str]:
        origins: list[str] = []
        errors: list[ValidationError] = []
        for line in self.cleaned_data["allowed_origins"].splitlines():
            if not line.strip():
                continue
            try:
                origin = normalise_origin(line)
            except ValidationError as exc:
                errors.append(exc)
                continue
            if origin not in origins:
                origins.append(origin)
        if errors:
            raise ValidationError(errors)
        return origins

    def clean_accent_color(self) -> str:
        colour: str = self.cleaned_data["accent_color"].strip()
        if not HEX_COLOUR.match(colour):
            raise ValidationError(_("Enter a colour as #rrggbb, for example #1f6feb."))
        return colour.lower()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("enabled") and cleaned.get("allowed_origins") == []:
            self.add_error(
                "allowed_origins", _("Add at least one allowed origin to turn web chat on.")
            )
        return cleaned

    def settings_data(self) -> dict[str, Any]:
        return {
            key: self.cleaned_data[key]
            for key in ("allowed_origins", "accent_color", "greeting_en", "greeting_nl")
        }


class PhoneChannelForm(ChannelForm):
    """SMS and WhatsApp: the number shoppers write to and replies come from."""

    sender = forms.CharField(
        label=_("Sender number"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"placeholder": "+31201234567"}),
        help_text=_("In international E.164 format: + and country code, digits only."),
    )

    def clean_sender(self) -> str:
        number = re.sub(r"[\s().-]", "", self.cleaned_data["sender"])
        if number and not E164.match(number):
            raise ValidationError(_("Enter the number in E.164 format, for example +31201234567."))
        return number

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("enabled") and cleaned.get("sender") == "":
            self.add_error("sender", _("Add a sender number to turn this channel on."))
        return cleaned

    def settings_data(self) -> dict[str, Any]:
        return {"sender": self.cleaned_data["sender"]}


class EmailChannelForm(ChannelForm):
    address = forms.EmailField(
        label=_("Support address"),
        required=False,
        widget=forms.EmailInput(attrs={"placeholder": "support@shop.example.com"}),
        help_text=_("Shoppers write to this address; the agent's replies come from it."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("enabled") and cleaned.get("address") == "":
            self.add_error("address", _("Add a support address to turn email on."))
        return cleaned

    def settings_data(self) -> dict[str, Any]:
        return {"address": self.cleaned_data["address"]}


CHANNEL_FORMS: dict[str, type[ChannelForm]] = {
    Channel.WEBCHAT: WebchatChannelForm,
    Channel.SMS: PhoneChannelForm,
    Channel.WHATSAPP: PhoneChannelForm,
    Channel.EMAIL: EmailChannelForm,
}


def channel_form_initial(*, enabled: bool, settings: dict[str, Any]) -> dict[str, Any]:
    initial = {"enabled": enabled, **settings}
    if isinstance(initial.get("allowed_origins"), list):
        initial["allowed_origins"] = "\n".join(initial["allowed_origins"])
    return initial


class HandoffSettingsForm(forms.Form):
    message_en = forms.CharField(
        label=_("Handoff message (English)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    message_nl = forms.CharField(
        label=_("Handoff message (Dutch)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    out_of_hours_message_en = forms.CharField(
        label=_("Out-of-hours message (English)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    out_of_hours_message_nl = forms.CharField(
        label=_("Out-of-hours message (Dutch)"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for day, name in WEEKDAYS:
            self.fields[f"day_{day}_open"] = forms.BooleanField(
                label=_("%(day)s open") % {"day": name}, required=False
            )
            for edge, label in (("start", _("opens at")), ("end", _("closes at"))):
                self.fields[f"day_{day}_{edge}"] = forms.TimeField(
                    label=f"{name} {label}",
                    required=False,
                    input_formats=["%H:%M"],
                    widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                )

    @staticmethod
    def initial_from(handoff_settings: HandoffSettings) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(handoff_settings, name)
            for name in (
                "message_en",
                "message_nl",
                "out_of_hours_message_en",
                "out_of_hours_message_nl",
            )
        }
        hours = handoff_settings.business_hours or {}
        for day, _name in WEEKDAYS:
            intervals = hours.get(str(day)) or []
            initial[f"day_{day}_open"] = bool(intervals)
            if intervals:
                initial[f"day_{day}_start"] = intervals[0][0]
                initial[f"day_{day}_end"] = intervals[0][1]
        return initial

    def day_rows(self) -> list[tuple[str | Promise, BoundField, BoundField, BoundField]]:
        return [
            (name, self[f"day_{day}_open"], self[f"day_{day}_start"], self[f"day_{day}_end"])
            for day, name in WEEKDAYS
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        hours: dict[str, list[list[str]]] = {}
        for day, _name in WEEKDAYS:
            if not cleaned.get(f"day_{day}_open"):
                continue
            start: dt.time | None = cleaned.get(f"day_{day}_start")
            end: dt.time | None = cleaned.get(f"day_{day}_end")
            if start is None or end is None:
                if f"day_{day}_start" not in self.errors and f"day_{day}_end" not in self.errors:
                    self.add_error(f"day_{day}_end", _("Enter both an opening and closing time."))
                continue
            if end <= start:
                self.add_error(
                    f"day_{day}_end", _("The closing time must be after the opening time.")
                )
                continue
            hours[str(day)] = [[start.strftime("%H:%M"), end.strftime("%H:%M")]]
        cleaned["business_hours"] = hours
        return cleaned


class ConversationFilterForm(forms.Form):
    PREVIEW_CHOICES = (("", _("All")), ("no", _("Shoppers only")), ("yes", _("Preview only")))

    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All")), *Channel.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *Conversation.Status.choices],
    )
    skill = forms.ChoiceField(
        label=_("Skill"),
        required=False,
        choices=[("", _("All")), *((s.id, s.name) for s in SKILLS)],
    )
    preview = forms.ChoiceField(label=_("Preview"), required=False, choices=PREVIEW_CHOICES)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for conversation_list (empty when the form is not valid)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "channel": data["channel"],
            "status": data["status"],
            "skill": data["skill"],
            "preview": {"yes": True, "no": False}.get(data["preview"]),
            "date_from": data["date_from"],
            "date_to": data["date_to"],
        }


class AnalyticsPeriodForm(forms.Form):
    days = forms.TypedChoiceField(
        label=_("Period"),
        coerce=int,
        choices=[(d, _("Last %(days)s days") % {"days": d}) for d in ANALYTICS_PERIODS],
        initial=30,
    )

    def period(self) -> int:
        return self.cleaned_data["days"] if self.is_valid() else 30


class CustomerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Customer) -> str:
        name = obj.full_name or str(obj.shopify_id)
        return f"{name} <{obj.email}>" if obj.email else name


class PreviewSetupForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    customer = CustomerChoiceField(
        label=_("Test shopper"),
        queryset=Customer.objects.none(),
        required=False,
        empty_label=_("Not signed in"),
    )

    def __init__(self, *args: Any, customers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["customer"]
        assert isinstance(field, CustomerChoiceField)
        field.queryset = customers
