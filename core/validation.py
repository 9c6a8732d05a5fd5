"""Model validation for services: Django's ValidationError becomes our ValidationFailed, so
every interface translates it the same way (API: 400 with field errors in ``detail``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models

from core.errors import ValidationFailed


def full_clean_or_fail(
    instance: models.Model, *, exclude: Iterable[str] | None = None, unique: bool = True
) -> None:
    """Run ``instance.full_clean()``; raise ValidationFailed with ``{field: [messages]}``."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=unique)
    except ValidationError as exc:
        raise ValidationFailed(detail=exc.message_dict) from exc
