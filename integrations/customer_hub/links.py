"""Deep links into the Customer Hub: signed, expiring, bound to one store, shopper, order and
action.

The agent sends a shopper a link that lands on the right order and tab of the store's hub
(``hub_link_build``); the hub checks it before it shows anything (``hub_link_verify``). The
token is a ``django.core.signing`` value (HMAC with SECRET_KEY; SECRET_KEY_FALLBACKS still
verify after a key rotation) under a salt of its own, so no other signed value of the project
can pass as a hub link. It carries the store's id, the shopper's Shopify customer id, the order
number, the action and the expiry (Unix seconds). It is a pointer, not a sign-in: the hub must
still sign the shopper in and open the order only when ``claims.customer_id`` is the signed-in
shopper's, so a forwarded link never shows someone else's order.

Where the link points:

- built-in hub: ``{APP_BASE_URL}/hub/<store slug>/orders/<order number>/<action>?t=<token>``
  (served by the built-in portal);
- external hub: the merchant's ``external_url``. ``{order}``, ``{action}`` and ``{token}`` in it
  are replaced (URL-escaped); each one it does not contain is appended as a query parameter
  (``order``, ``action``, ``token``), keeping the URL's own query and fragment.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import ApplicationError
from core.models import Store
from integrations.customer_hub.models import CustomerHubSettings
from integrations.selectors import hub_settings_get

#: How long a link stays valid after it was built.
HUB_LINK_TTL = dt.timedelta(hours=24)
#: The signing salt: this purpose only (bump the version to invalidate every link issued).
HUB_LINK_SALT = "integrations.customer_hub.links.v1"


class HubAction(enum.StrEnum):
    """Where in the hub the link lands."""

    EDIT = "edit"
    CANCEL = "cancel"
    RETURN = "return"
    EXCHANGE = "exchange"
    VIEW = "view"


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
    payload = {
        "s": store.pk,
        "c": customer_id,
        "o": order_number,
        "a": hub_action.value,
        "e": int(expires_at.timestamp()),
    }
    token = signing.dumps(payload, salt=HUB_LINK_SALT)
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
    try:
        payload = signing.loads(token, salt=HUB_LINK_SALT)
    except signing.BadSignature as exc:
        raise HubLinkBadSignature() from exc
    claims = _claims(payload)
    if claims.store_id != store.pk:
        raise HubLinkMismatch(detail={"field": "store"})
    if claims.order_number != order_number:
        raise HubLinkMismatch(detail={"field": "order"})
    if claims.action != action:
        raise HubLinkMismatch(detail={"field": "action"})
    if (now or timezone.now()) >= claims.expires_at:
        raise HubLinkExpired()
    return claims


def _claims(payload: Any) -> HubLinkClaims:
    """The payload as claims; anything not shaped like ours is a bad signature (a token we
    signed always is, so this only guards against a changed format or salt reuse)."""
    try:
        fields = (payload["s"], payload["c"], payload["o"], payload["e"])
        if not all(type(value) is int for value in fields):
            raise TypeError(fields)
        return HubLinkClaims(
            store_id=payload["s"],
            customer_id=payload["c"],
            order_number=payload["o"],
            action=HubAction(payload["a"]),
            expires_at=dt.datetime.fromtimestamp(payload["e"], tz=dt.UTC),
        )
    except (KeyError, TypeError, ValueError) as exc:
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
