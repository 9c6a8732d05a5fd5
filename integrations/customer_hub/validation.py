"""Rules for the Customer Hub settings, shared by the dashboard form, the API serializer and the
service that saves them. Each raises django.core.exceptions.ValidationError."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from integrations.customer_hub.models import CustomerHubSettings


def hub_external_url_validate(*, mode: str, external_url: str) -> None:
    """An external hub needs its address, and that address must be https://."""
    if mode != CustomerHubSettings.Mode.EXTERNAL:
        return
    if not external_url:
        raise ValidationError(_("Enter the address of your external hub."), code="required")
    if not external_url.startswith("https://"):
        raise ValidationError(_("An external hub needs its https:// address."), code="https")
