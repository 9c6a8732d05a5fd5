"""Dashboard forms for the agent's pages. Forms only parse and validate; services write."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agent.dashboard_selectors import ANALYTICS_PERIODS
from agent.models import Channel, Conversation, HandoffSettings
from agent.services import MAX_MESSAGE_CHARS
from agent.validation import (
    colour_validate,
    opening_hours_validate,
    origins_normalize,
    phone_number_validate,
)
from integrations.shopify.models import Customer
from skills.registry import SKILLS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

WEEKDAYS: tuple[tuple[int, str | Promise], ...] = (
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (7, _("Sunday")),
)


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
            "https://shop.example.com or https://your-store.myshopify.com. Only https:// (or "
            "http://) and the host, with a port if it has one: no path, no wildcards. If your "
            "store answers with and without www, add both."
        ),
    )
    accent_color = forms.CharField(
        label=_("Accent colour"),
        max_length=7,
        widget=forms.TextInput(attrs={"type": "color"}),
        help_text=_(
            "The colour of the chat button, the chat header, the shopper's messages and buttons."
        ),
    )
    greeting_en = forms.CharField(
        label=_("Greeting (English)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The chat's first message to shoppers who write in English."),
    )
    greeting_nl = forms.CharField(
        label=_("Greeting (Dutch)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The chat's first message to shoppers who write in Dutch."),
    )

    def clean_allowed_origins(self) -> list[str]:
        lines = self.cleaned_data["allowed_origins"].splitlines()
        return origins_normalize(line for line in lines if line.strip())

    def clean_accent_color(self) -> str:
        colour: str = self.cleaned_data["accent_color"].strip()
        colour_validate(colour)
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
        if number:
            phone_number_validate(number)
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


#: As the API's serializer allows.
HANDOFF_MESSAGE_MAX = 2000


def _handoff_message_field(label: StrOrPromise, help_text: StrOrPromise) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=HANDOFF_MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=help_text,
    )


class HandoffSettingsForm(forms.Form):
    message_en = _handoff_message_field(
        _("Handoff message (English)"),
        _("Sent to shoppers writing in English when they are handed off during business hours."),
    )
    message_nl = _handoff_message_field(
        _("Handoff message (Dutch)"),
        _("Sent to shoppers writing in Dutch when they are handed off during business hours."),
    )
    out_of_hours_message_en = _handoff_message_field(
        _("Out-of-hours message (English)"),
        _("Sent instead, in English, when shoppers are handed off outside business hours."),
    )
    out_of_hours_message_nl = _handoff_message_field(
        _("Out-of-hours message (Dutch)"),
        _("Sent instead, in Dutch, when shoppers are handed off outside business hours."),
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
            opens, closes = start.strftime("%H:%M"), end.strftime("%H:%M")
            try:
                opening_hours_validate(opens=opens, closes=closes)
            except ValidationError as exc:
                self.add_error(f"day_{day}_end", exc)
                continue
            hours[str(day)] = [[opens, closes]]
        cleaned["business_hours"] = hours
        return cleaned


class ConversationFilterForm(forms.Form):
    """The conversation list's filters, all optional and combined; they live in the query
    string. Agent Preview conversations are left out unless asked for."""

    PREVIEW_CHOICES = (
        ("", _("Shoppers only")),
        ("yes", _("Agent Preview only")),
        ("all", _("Shoppers and Agent Preview")),
    )
    HANDOFF_CHOICES = (("", _("All")), ("yes", _("Handed off")), ("no", _("Not handed off")))

    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All")), *Channel.choices]
    )
    skill = forms.ChoiceField(
        label=_("Skill"),
        required=False,
        choices=[("", _("All")), *((s.id, s.name) for s in SKILLS)],
    )
    handoff = forms.ChoiceField(label=_("Handoff"), required=False, choices=HANDOFF_CHOICES)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *Conversation.Status.choices],
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    preview = forms.ChoiceField(label=_("Show"), required=False, choices=PREVIEW_CHOICES)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for conversation_page_list (empty when the form is not valid)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "channel": data["channel"],
            "status": data["status"],
            "skill": data["skill"],
            "handoff": {"yes": True, "no": False}.get(data["handoff"]),
            "preview": {"": False, "yes": True}.get(data["preview"]),
            "date_from": data["date_from"],
            "date_to": data["date_to"],
        }

    def active(self) -> bool:
        """Whether any filter narrows the list (the default hides Agent Preview only)."""
        return self.is_bound and any(
            self.data.get(name) for name in self.fields if name != "preview"
        )


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


PREVIEW_CHANNEL_NOTES: dict[str, str | Promise] = {
    Channel.WEBCHAT: _("What the chat widget shows: cards, buttons and the sign-in form."),
    Channel.SMS: _("Exactly the text sent: at most 320 characters, one link."),
    Channel.WHATSAPP: _("Exactly the text sent on WhatsApp."),
    Channel.EMAIL: _("The subject and the text of the email."),
}


class PreviewSetupForm(forms.Form):
    """Agent Preview's test setup: the channel, the test shopper (one of the store's
    customers, or anonymous) and whether they start signed in."""

    channel = forms.ChoiceField(
        label=_("Channel"), choices=Channel.choices, widget=forms.RadioSelect, initial="webchat"
    )
    customer = CustomerChoiceField(
        label=_("Test shopper"),
        queryset=Customer.objects.none(),
        required=False,
        empty_label=_("Anonymous shopper (no customer)"),
        help_text=_("A customer of your store, with their real orders from Shopify."),
    )
    verified = forms.BooleanField(
        label=_("Signed in"),
        required=False,
        help_text=_(
            "Start signed in as this customer. Leave it off to see the agent ask the shopper "
            "to sign in before it shows any order."
        ),
    )

    def __init__(self, *args: Any, customers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["customer"]
        assert isinstance(field, CustomerChoiceField)
        field.queryset = customers

    def channel_options(self) -> list[tuple[Any, str | Promise]]:
        """Each channel's radio button with what the preview shows for it."""
        return [
            (radio, PREVIEW_CHANNEL_NOTES.get(radio.data["value"], "")) for radio in self["channel"]
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("verified")
            and cleaned.get("customer") is None
            and "customer" not in self.errors
        ):
            self.add_error("customer", _("Choose the customer to sign in as."))
        return cleaned


class PreviewMessageForm(forms.Form):
    """The test shopper's message. ``client_id`` makes a form sent twice one message."""

    text = forms.CharField(
        label=_("Message"),
        max_length=MAX_MESSAGE_CHARS,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
        error_messages={"required": _("Type a message to send.")},
    )
    client_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
