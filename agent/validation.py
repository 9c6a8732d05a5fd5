"""Rules for the agent's settings, shared by the dashboard forms and the API serializers.

Each function raises django.core.exceptions.ValidationError with a translatable message; Django
forms and DRF serializers both turn that into a field error, so the two interfaces accept the
same values and say the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# + country code, 7 to 15 digits in all.
E164 = re.compile(r"^\+[1-9]\d{6,14}$")
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")
HH_MM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
WEEKDAY_KEYS = frozenset(str(day) for day in range(1, 8))


DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_normalize(value: str) -> str:
    """``https://Shop.example.com/`` -> ``https://shop.example.com``; ValidationError when the
    value is not an http(s) origin: scheme, host name and optional port (1-65535), nothing
    else. The scheme's default port is dropped (``https://shop.example.com:443`` ->
    ``https://shop.example.com``), as browsers leave it out of the Origin header. Wildcards
    are not supported: the web chat compares origins exactly."""
    raw = value.strip()
    try:
        parts = urlsplit(raw)
        port = parts.port
        valid = (
            parts.scheme.lower() in ("http", "https")
            and HOST.match(parts.hostname or "") is not None
            and (port is None or 0 < port < 65536)
            and parts.username is None
            and parts.path in ("", "/")
            and not (parts.query or parts.fragment or raw.endswith(("?", "#")))
        )
    except ValueError:
        valid = False
    if not valid:
        raise _origin_error(raw)
    scheme = parts.scheme.lower()
    origin = f"{scheme}://{parts.hostname}"
    return f"{origin}:{port}" if port is not None and port != DEFAULT_PORTS[scheme] else origin


def _origin_error(raw: str) -> ValidationError:
    """The clearest thing to say about ``raw``, which is not an origin."""
    params = {"origin": raw}
    if "*" in raw:
        return ValidationError(
            _(
                "“%(origin)s”: wildcards are not supported. List each storefront address, "
                "for example https://shop.example.com and https://www.shop.example.com."
            ),
            code="origin_wildcard",
            params=params,
        )
    if "://" not in raw:
        return ValidationError(
            _("“%(origin)s”: start with https:// (or http:// for a local test shop)."),
            code="origin_scheme",
            params=params,
        )
    generic = ValidationError(
        _("“%(origin)s” is not an origin like https://shop.example.com (no path)."),
        code="origin",
        params=params,
    )
    try:
        parts = urlsplit(raw)
    except ValueError:
        return generic
    if parts.scheme.lower() not in ("http", "https"):
        return ValidationError(
            _("“%(origin)s”: only https:// (or http://) addresses can open the chat."),
            code="origin_scheme",
            params=params,
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        return ValidationError(
            _(
                "“%(origin)s”: leave out the path; give only the address of the site, "
                "for example https://shop.example.com."
            ),
            code="origin_path",
            params=params,
        )
    return generic


def origins_normalize(values: Iterable[str]) -> list[str]:
    """Each value through :func:`origin_normalize`, duplicates dropped, order kept; one
    ValidationError naming every value that is not an origin."""
    origins: list[str] = []
    errors: list[ValidationError] = []
    for value in values:
        try:
            origin = origin_normalize(value)
        except ValidationError as exc:
            errors.append(exc)
            continue
        if origin not in origins:
            origins.append(origin)
    if errors:
        raise ValidationError(errors)
    return origins


# Regex validators (callables raising ValidationError) rather than plain functions, so the
# OpenAPI schema keeps showing their pattern.
phone_number_validate = RegexValidator(
    E164, _("Enter the number in E.164 format, for example +31201234567."), code="e164"
)
"""A phone number in E.164 form, such as +31201234567."""

colour_validate = RegexValidator(
    HEX_COLOUR, _("Enter a colour as #rrggbb, for example #1f6feb."), code="colour"
)
"""A colour as #rrggbb (either case)."""


def opening_hours_validate(*, opens: str, closes: str) -> None:
    """One day's opening hours as "HH:MM" strings (24-hour clock): closing after opening."""
    if closes <= opens:  # zero-padded HH:MM strings sort as the times do
        raise ValidationError(
            _("The closing time must be after the opening time."), code="hours_order"
        )


def business_hours_validate(value: Any) -> None:
    """Business hours as stored: ISO weekday "1".."7" -> [["HH:MM", "HH:MM"], ...], each range
    opening before it closes (see :func:`opening_hours_validate`); a day left out is closed."""
    if not isinstance(value, dict):
        raise ValidationError(_("Expected an object keyed by weekday 1-7."), code="hours")
    for day, ranges in value.items():
        if day not in WEEKDAY_KEYS:
            raise ValidationError(
                _("Weekdays are numbered 1 (Monday) to 7 (Sunday); got %(day)s."),
                code="weekday",
                params={"day": day},
            )
        if not isinstance(ranges, list) or not all(_is_opening_hours(r) for r in ranges):
            raise ValidationError(
                _('Day %(day)s: give a list of ["HH:MM", "HH:MM"] ranges, start before end.'),
                code="hours",
                params={"day": day},
            )


def _is_opening_hours(value: Any) -> bool:
    if not (isinstance(value, list) and len(value) == 2):
        return False
    opens, closes = value
    if not all(isinstance(t, str) and HH_MM.match(t) for t in (opens, closes)):
        return False
    try:
        opening_hours_validate(opens=opens, closes=closes)
    except ValidationError:
        return False
    return True
