"""The handoff page's reply form. It only parses and validates; ``handoff_reply`` writes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agent.services.handoff_reply import MAX_REPLY_CHARS


class HandoffReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your reply to the shopper"),
        max_length=MAX_REPLY_CHARS,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
        error_messages={
            "required": _("Write a reply first."),
            "max_length": _(
                "The reply is too long: at most %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
    )
