from __future__ import annotations

from django import forms


class SkillEnabledForm(forms.Form):
    """Turn a skill on or off: the page's button posts ``enabled=true`` or ``enabled=false``."""

    enabled = forms.BooleanField(required=False)
