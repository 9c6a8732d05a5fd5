"""Writes about the Customer Hub: the store's hub settings."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from core.errors import ValidationFailed
from core.models import Store
from core.updates import fields_set
from core.validation import full_clean_or_fail
from integrations.customer_hub.models import CustomerHubSettings
from integrations.customer_hub.validation import hub_external_url_validate


@transaction.atomic
def hub_settings_update(
    *,
    store: Store,
    active: bool | None = None,
    mode: str | None = None,
    external_url: str | None = None,
    edit_window_minutes: int | None = None,
    cancel_window_minutes: int | None = None,
    allow_variant_change: bool | None = None,
    allow_quantity_change: bool | None = None,
    allow_address_change: bool | None = None,
    allow_cancel: bool | None = None,
) -> CustomerHubSettings:
    """Save the given fields (None = keep), creating the row with defaults on first save.

    Windows are minutes after ordering (0 to 30 days). An external hub needs an https URL.
    Raises ValidationFailed with field errors.
    """
    settings, _created = CustomerHubSettings.objects.select_for_update().get_or_create(store=store)
    changes = {
        "active": active,
        "mode": mode,
        "external_url": external_url,
        "edit_window_minutes": edit_window_minutes,
        "cancel_window_minutes": cancel_window_minutes,
        "allow_variant_change": allow_variant_change,
        "allow_quantity_change": allow_quantity_change,
        "allow_address_change": allow_address_change,
        "allow_cancel": allow_cancel,
    }
    fields_set(instance=settings, values=changes)
    full_clean_or_fail(settings)
    try:
        hub_external_url_validate(mode=settings.mode, external_url=settings.external_url)
    except ValidationError as exc:
        raise ValidationFailed(detail={"external_url": exc.messages}) from exc
    settings.save()
    return settings
