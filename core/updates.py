"""Partial updates for services: ``None`` means "keep what is stored"."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import models


def fields_set(*, instance: models.Model, values: Mapping[str, object]) -> list[str]:
    """Set each field whose value is not None on ``instance`` (unsaved); return their names in
    the order given. The caller validates and saves."""
    changed = [field for field, value in values.items() if value is not None]
    for field in changed:
        setattr(instance, field, values[field])
    return changed
