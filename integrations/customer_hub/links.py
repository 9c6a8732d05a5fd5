"""Deep links into the Customer Hub: signed, expiring, bound to one store, shopper, order and
action.

The agent sends a shopper a link that lands on the right order and tab of the store's hub
(``hub_link_build``); the hub checks it before it shows anything (``hub_link_verify``). It is a
pointer, not a sign-in: the hub must still sign the shopper in and open the order only when
``claims.customer_id`` is the signed-in shopper's, so a forwarded link never shows someone
else's order.

The token is short because SMS replies are (320 characters for the reason *and* the link): a
compact binary payload — format version, action code, store id, Shopify customer id and order
number as unsigned varints, expiry as Unix seconds (4 bytes) — followed by the first 16 bytes
(128 bits) of its HMAC-SHA256, all base64url without padding: about 40 characters, no
escaping needed in a URL. The HMAC key is Django's ``salted_hmac`` key for a salt of this
purpose only (so no other signed value of the project can pass as a hub link) and
``SECRET_KEY``; ``SECRET_KEY_FALLBACKS`` still verify after a key rotation. Only canonical
base64url of the exact length the payload needs is accepted.

Where the link points:

- built-in hub: ``{APP_BASE_URL}/hub/<store slug>/orders/<order number>/<action>?t=<token>``
  (served by the built-in portal);
- external hub: the merchant's ``external_url``. ``{order}``, ``{action}`` and ``{token}`` in it
  are replaced (URL-escaped); each one it does not contain is appended as a query parameter
  (``order``, ``action``, ``token``), keeping the URL's own query and fragment.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import enum
import hmac
import re
import struct
from dataclasses import dataclass
from typing import Final
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from core.errors import ApplicationError
from core.models import Store
from integrations.customer_hub.models import CustomerHubSettings
from integrations.selectors import hub_settings_get

#: How long a link stays valid after it was built.
HUB_LINK_TTL = dt.timedelta(hours=24)
#: The signing salt: this purpose only (bump the version to invalidate every link issued).
HUB_LINK_SALT = "integrations.customer_hub.links.v2"
#: Bytes of HMAC-SHA256 kept in a token (128 bits).
MAC_BYTES: Final = 16
_FORMAT_VERSION: Final = 1
_EXPIRY: Final = struct.Struct(">I")
_TOKEN_RE: Final = re.compile(r"[A-Za-z0-9_-]{20,80}")


class HubAction(enum.StrEnum):
    """Where in the hub the link lands."""

    EDIT = "edit"
    CANCEL = "cancel"
    RETURN = "return"
    EXCHANGE = "exchange"
    VIEW = "view"


#: One byte per action in the token; stable (a new action takes a new number).
_ACTION_CODES: Final[dict[HubAction, int]] = {
    HubAction.EDIT: 1,
    HubAction.CANCEL: 2,
    HubAction.RETURN: 3,
    HubAction.EXCHANGE: 4,
    HubAction.VIEW: 5,
}
_ACTIONS_BY_CODE: Final = {code: action for action, code in _ACTION_CODES.items()}


# --- errors ------------------------------------------------------------------------------------


class HubLinkError(ApplicationError):
    """Base: the link cannot be used. Messages are for the shopper who opened it."""

    code = "hub_link_invalid"
    http_status = 403
    default_message = _("This link is not valid. Ask us for a new one.")


class HubLinkBadSignature(HubLinkError):
    """Not a token we signed (tampered, truncated, another key or purpose, or malformed)."""

    code = "hub_link_bad_signature"


class HubLinkMismatch(HubLinkError):
    """Genuine, but for another store, order or action; ``detail`` names which."""

    code = "hub_link_mismatch"


class HubLinkExpired(HubLinkError):
    code = "hub_link_expired"
    http_status = 410
    default_message = _("This link has expired. Ask us for a new one.")


class HubNotActive(ApplicationError):
    """No link can be built: the store's Customer Hub is not active (or has no address)."""

    code = "hub_not_active"
    http_status = 409
    default_message = _("Customer Hub is not active.")


# --- the link and its claims -------------------------------------------------------------------


@dataclass(frozen=True)
class HubLink:
    url: str
    token: str
    expires_at: dt.datetime
    action: HubAction
    order_number: int
    customer_id: int


@dataclass(frozen=True)
class HubLinkClaims:
    """What a verified token says. ``customer_id`` is the shopper's Shopify customer id."""

    store_id: int
    customer_id: int
    order_number: int
    action: HubAction
    expires_at: dt.datetime


def hub_link_build(
    *,
    store: Store,
    customer_id: int,
    order_number: int,
    action: HubAction | str,
    now: dt.datetime | None = None,
    ttl: dt.timedelta = HUB_LINK_TTL,
) -> HubLink:
    """A signed link for ``customer_id`` (Shopify customer id) to act on ``order_number``.

    Valid from ``now`` until ``now + ttl`` (whole seconds, exclusive). Reads the store's hub
    settings (one query). Raises HubNotActive when the hub is not active, and ValueError for an
    unknown action.
    """
    hub_action = HubAction(action)
    hub = hub_settings_get(store=store)
    if not hub.active or (hub.mode == CustomerHubSettings.Mode.EXTERNAL and not hub.external_url):
        raise HubNotActive()
    expires_at = ((now or timezone.now()) + ttl).replace(microsecond=0)
    token = _token_sign(
        HubLinkClaims(
            store_id=store.pk,
            customer_id=customer_id,
            order_number=order_number,
            action=hub_action,
            expires_at=expires_at,
        )
    )
    values = {"order": str(order_number), "action": hub_action.value, "token": token}
    if hub.mode == CustomerHubSettings.Mode.EXTERNAL:
        url = _external_url(template=hub.external_url, values=values)
    else:
        url = (
            f"{settings.APP_BASE_URL}/hub/{quote(store.slug, safe='')}/orders/"
            f"{order_number}/{hub_action.value}?{urlencode({'t': token})}"
        )
    return HubLink(
        url=url,
        token=token,
        expires_at=expires_at,
        action=hub_action,
        order_number=order_number,
        customer_id=customer_id,
    )


def hub_link_verify(
    *,
    store: Store,
    token: str,
    order_number: int,
    action: HubAction | str,
    now: dt.datetime | None = None,
) -> HubLinkClaims:
    """The claims of ``token`` when it was signed by us for this store, order and action and
    has not expired at ``now``. The caller still checks ``customer_id`` against the signed-in
    shopper.

    Raises HubLinkBadSignature, HubLinkMismatch (``detail={"field": "store"|"order"|"action"}``)
    or HubLinkExpired — checked in that order, so an expired link for another order is a
    mismatch. Reads nothing from the database.
    """
    claims = _claims(_token_open(token))
    if claims.store_id != store.pk:
        raise HubLinkMismatch(detail={"field": "store"})
    if claims.order_number != order_number:
        raise HubLinkMismatch(detail={"field": "order"})
    if claims.action != action:
        raise HubLinkMismatch(detail={"field": "action"})
    if (now or timezone.now()) >= claims.expires_at:
        raise HubLinkExpired()
    return claims


# --- the token ---------------------------------------------------------------------------------


def _varint(value: int) -> bytes:
    if value < 0:
        raise ValueError(value)
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        if not value:
            out.append(byte)
            return bytes(out)
        out.append(byte | 0x80)


def _varint_read(data: bytes, at: int) -> tuple[int, int]:
    """The unsigned varint at ``data[at:]`` and the index after it (at most 9 bytes, 63 bits;
    no redundant trailing zero byte, so every number has one encoding)."""
    value = shift = 0
    for index in range(at, min(at + 9, len(data))):
        byte = data[index]
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            if byte == 0 and index > at:
                raise ValueError("non-canonical varint")
            return value, index + 1
        shift += 7
    raise ValueError("truncated varint")


def _mac(payload: bytes, secret: str | bytes) -> bytes:
    return salted_hmac(HUB_LINK_SALT, payload, secret=secret, algorithm="sha256").digest()[
        :MAC_BYTES
    ]


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _token_encode(payload: bytes, *, secret: str | None = None) -> str:
    """``payload`` and its MAC as a token (``secret`` defaults to SECRET_KEY)."""
    return _b64(payload + _mac(payload, secret if secret is not None else settings.SECRET_KEY))


def _token_sign(claims: HubLinkClaims) -> str:
    payload = b"".join(
        (
            bytes((_FORMAT_VERSION, _ACTION_CODES[claims.action])),
            _varint(claims.store_id),
            _varint(claims.customer_id),
            _varint(claims.order_number),
            _EXPIRY.pack(int(claims.expires_at.timestamp())),
        )
    )
    return _token_encode(payload)


def _token_open(token: str) -> bytes:
    """The payload of a token we signed (with SECRET_KEY or one of its fallbacks); anything
    else — altered, cut, padded, not canonical base64url — is a bad signature."""
    if not isinstance(token, str) or not _TOKEN_RE.fullmatch(token):
        raise HubLinkBadSignature()
    try:
        raw = base64.b64decode(token + "=" * (-len(token) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError) as exc:
        raise HubLinkBadSignature() from exc
    if _b64(raw) != token or len(raw) <= MAC_BYTES:
        raise HubLinkBadSignature()
    payload, mac = raw[:-MAC_BYTES], raw[-MAC_BYTES:]
    for secret in (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS):
        if hmac.compare_digest(mac, _mac(payload, secret)):
            return payload
    raise HubLinkBadSignature()


def _claims(payload: bytes) -> HubLinkClaims:
    """The signed payload as claims; anything not shaped like ours is a bad signature (a token
    we signed always is, so this only guards against a changed format or salt reuse)."""
    try:
        if len(payload) < 2 or payload[0] != _FORMAT_VERSION:
            raise ValueError("unknown format")
        action = _ACTIONS_BY_CODE[payload[1]]
        store_id, at = _varint_read(payload, 2)
        customer_id, at = _varint_read(payload, at)
        order_number, at = _varint_read(payload, at)
        (expiry,) = _EXPIRY.unpack(payload[at:])
        return HubLinkClaims(
            store_id=store_id,
            customer_id=customer_id,
            order_number=order_number,
            action=action,
            expires_at=dt.datetime.fromtimestamp(expiry, tz=dt.UTC),
        )
    except (KeyError, ValueError, struct.error) as exc:
        raise HubLinkBadSignature() from exc


def _external_url(*, template: str, values: dict[str, str]) -> str:
    """Substitute ``{name}`` placeholders (escaped for any part of a URL); append the rest."""
    url = template
    missing: list[tuple[str, str]] = []
    for name, value in values.items():
        placeholder = "{" + name + "}"
        if placeholder in url:
            url = url.replace(placeholder, quote(value, safe=""))
        else:
            missing.append((name, value))
    if not missing:
        return url
    # The merchant's own query string is kept verbatim; ours goes after it.
    parts = urlsplit(url)
    query = "&".join(q for q in (parts.query, urlencode(missing)) if q)
    return urlunsplit(parts._replace(query=query))
