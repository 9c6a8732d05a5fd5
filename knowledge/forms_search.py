"""The search tester's question form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import LANGUAGE_CHOICES

MAX_QUESTION_CHARS = 20_000


class SearchTesterForm(forms.Form):
    q = forms.CharField(
        label=_("Question"),
        required=False,
        max_length=MAX_QUESTION_CHARS,
        widget=forms.TextInput(
            attrs={"placeholder": _("e.g. How long do I have to return an item?"), "size": 60}
        ),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Detect")), *LANGUAGE_CHOICES],
    )
