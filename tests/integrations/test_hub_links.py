"""Customer Hub deep links: signed, expiring, bound to store + shopper + order + action."""

from __future__ import annotations

import base64
import datetime as dt
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.utils import translation
from pytest_django.fixtures import Settings

from core.models import Store
from integrations.customer_hub.links import (
    HUB_LINK_TTL,
    HubAction,
    HubLinkBadSignature,
    HubLinkClaims,
    HubLinkExpired,
    HubLinkMismatch,
    HubNotActive,
    hub_link_build,
    hub_link_verify,
)
from integrations.customer_hub.links import _token_encode as token_encode
from integrations.customer_hub.models import CustomerHubSettings
from integrations.customer_hub.services import hub_settings_update
from tests.factories.core import StoreFactory
from tests.factories.integrations import CustomerHubSettingsFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 10, 0, 0, 500_000, tzinfo=dt.UTC)
CUSTOMER = 7_000_123


@pytest.fixture
def hub_store(settings: Settings) -> Store:
    settings.APP_BASE_URL = "https://agent.example.com"
    store = StoreFactory.create(slug="noord")
    CustomerHubSettingsFactory.create(store=store, active=True)
    return store


def _external(store: Store, url: str) -> None:
    hub_settings_update(store=store, active=True, mode="external", external_url=url)


def _build(store: Store, action: str = "edit") -> str:
    link = hub_link_build(
        store=store, customer_id=CUSTOMER, order_number=1043, action=action, now=NOW
    )
    return link.url


# --- building ----------------------------------------------------------------------------------


def test_builtin_link_points_at_the_hub_path_and_round_trips(hub_store: Store) -> None:
    # when
    link = hub_link_build(
        store=hub_store, customer_id=CUSTOMER, order_number=1043, action="edit", now=NOW
    )

    # then the token needs no escaping
    assert link.url == f"https://agent.example.com/hub/noord/orders/1043/edit?t={link.token}"
    assert link.expires_at == dt.datetime(2026, 3, 3, 10, 0, 0, tzinfo=dt.UTC)
    assert (link.action, link.order_number, link.customer_id) == (HubAction.EDIT, 1043, CUSTOMER)
    claims = hub_link_verify(
        store=hub_store, token=link.token, order_number=1043, action="edit", now=NOW
    )
    assert claims == HubLinkClaims(
        store_id=hub_store.pk,
        customer_id=CUSTOMER,
        order_number=1043,
        action=HubAction.EDIT,
        expires_at=link.expires_at,
    )


@pytest.mark.parametrize("action", list(HubAction))
def test_every_action_round_trips(hub_store: Store, action: HubAction) -> None:
    link = hub_link_build(
        store=hub_store, customer_id=CUSTOMER, order_number=7, action=action, now=NOW
    )
    assert link.url.startswith(f"https://agent.example.com/hub/noord/orders/7/{action.value}?t=")
    claims = hub_link_verify(
        store=hub_store, token=link.token, order_number=7, action=action, now=NOW
    )
    assert claims.action is action


def test_the_token_in_the_url_is_the_link_token(hub_store: Store) -> None:
    link = hub_link_build(
        store=hub_store, customer_id=CUSTOMER, order_number=1043, action="cancel", now=NOW
    )
    assert parse_qs(urlsplit(link.url).query) == {"t": [link.token]}


def test_ttl_is_configurable_per_call(hub_store: Store) -> None:
    link = hub_link_build(
        store=hub_store,
        customer_id=CUSTOMER,
        order_number=1043,
        action="view",
        now=NOW,
        ttl=dt.timedelta(minutes=30),
    )
    assert link.expires_at == dt.datetime(2026, 3, 2, 10, 30, tzinfo=dt.UTC)
    assert dt.timedelta(hours=24) == HUB_LINK_TTL


def test_inactive_or_missing_hub_builds_no_link() -> None:
    # given a store whose hub was never set up and one whose hub is switched off
    never = StoreFactory.create()
    off = CustomerHubSettingsFactory.create(active=False).store

    # then
    for store in (never, off):
        with pytest.raises(HubNotActive) as excinfo:
            _build(store)
        assert excinfo.value.code == "hub_not_active"


def test_unknown_action_is_refused(hub_store: Store) -> None:
    with pytest.raises(ValueError):
        _build(hub_store, action="delete")


# --- external hub ------------------------------------------------------------------------------


def test_external_template_with_every_placeholder(hub_store: Store) -> None:
    # given
    _external(hub_store, "https://hub.example.com/o/{order}/{action}?token={token}")

    # when
    link = hub_link_build(
        store=hub_store, customer_id=CUSTOMER, order_number=1043, action="return", now=NOW
    )

    # then nothing is appended
    assert link.url == f"https://hub.example.com/o/1043/return?token={link.token}"
    assert parse_qs(urlsplit(link.url).query) == {"token": [link.token]}


def test_external_url_without_placeholders_gets_query_parameters(hub_store: Store) -> None:
    # given
    _external(hub_store, "https://hub.example.com/account")

    # when
    link = hub_link_build(
        store=hub_store, customer_id=CUSTOMER, order_number=1043, action="exchange", now=NOW
    )

    # then
    parts = urlsplit(link.url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.example.com", "/account")
    assert parse_qs(parts.query) == {
        "order": ["1043"],
        "action": ["exchange"],
        "token": [link.token],
    }


def test_external_url_keeps_its_own_query_and_fragment(hub_store: Store) -> None:
    # given a template naming only the order, with its own query and fragment
    _external(hub_store, "https://hub.example.com/orders/{order}?lang=nl&ref=a%20b#orders")

    # when
    link = hub_link_build(
        store=hub_store, customer_id=CUSTOMER, order_number=1043, action="edit", now=NOW
    )

    # then the merchant's query is kept verbatim and the missing values follow it
    parts = urlsplit(link.url)
    assert parts.path == "/orders/1043"
    assert parts.fragment == "orders"
    assert parts.query.startswith("lang=nl&ref=a%20b&")
    assert parse_qs(parts.query) == {
        "lang": ["nl"],
        "ref": ["a b"],
        "action": ["edit"],
        "token": [link.token],
    }


def test_values_are_url_escaped_in_every_template_position(hub_store: Store) -> None:
    # given a template whose placeholders sit in the path
    _external(hub_store, "https://hub.example.com/{token}/{action}/{order}")

    # when
    link = hub_link_build(
        store=hub_store, customer_id=CUSTOMER, order_number=5, action="view", now=NOW
    )

    # then the token cannot add path segments or a query
    path = urlsplit(link.url).path
    assert path.count("/") == 3
    assert "?" not in link.url and "#" not in link.url
    assert path == f"/{link.token}/view/5"


def test_an_external_hub_without_its_address_builds_no_link(hub_store: Store) -> None:
    # given a row that skipped the service's validation
    CustomerHubSettings.objects.filter(store=hub_store).update(mode="external", external_url="")

    # then
    with pytest.raises(HubNotActive):
        _build(hub_store)


# --- verifying ---------------------------------------------------------------------------------


def _token(store: Store, action: str = "edit", order_number: int = 1043) -> str:
    return hub_link_build(
        store=store, customer_id=CUSTOMER, order_number=order_number, action=action, now=NOW
    ).token


def test_expiry_boundary(hub_store: Store) -> None:
    # given a link built at NOW (10:00:00.5): it expires at 10:00:00 the next day
    token = _token(hub_store)
    expires_at = dt.datetime(2026, 3, 3, 10, 0, 0, tzinfo=dt.UTC)

    # then the last valid instant passes and the expiry instant does not
    last = expires_at - dt.timedelta(microseconds=1)
    assert hub_link_verify(store=hub_store, token=token, order_number=1043, action="edit", now=last)
    for when in (expires_at, expires_at + dt.timedelta(days=300)):
        with pytest.raises(HubLinkExpired) as excinfo:
            hub_link_verify(
                store=hub_store, token=token, order_number=1043, action="edit", now=when
            )
        assert (excinfo.value.code, excinfo.value.http_status) == ("hub_link_expired", 410)


def _payload(
    *,
    version: int = 1,
    action: int = 1,
    store: int,
    customer: int = CUSTOMER,
    order: int = 1043,
    expiry: bytes = (2_000_000_000).to_bytes(4, "big"),
) -> bytes:
    """A token payload as the hub link format lays it out (varints for the ids)."""

    def varint(value: int) -> bytes:
        out = bytearray()
        while True:
            byte, value = value & 0x7F, value >> 7
            out.append(byte | (0x80 if value else 0))
            if not value:
                return bytes(out)

    return bytes((version, action)) + varint(store) + varint(customer) + varint(order) + expiry


def _store_varint_padded(good: bytes, store_id: int) -> bytes:
    """``good`` with the store's varint spelled one byte longer (a zero continuation byte),
    whatever its length: the same number, not the canonical encoding."""
    store_bytes = len(_payload(store=store_id)) - len(_payload(store=0)) + 1
    varint = good[2 : 2 + store_bytes]
    padded = varint[:-1] + bytes((varint[-1] | 0x80, 0x00))
    return good[:2] + padded + good[2 + store_bytes :]


def test_a_token_laid_out_by_hand_verifies(hub_store: Store) -> None:
    # the format, independently of the code that builds links
    token = token_encode(_payload(store=hub_store.pk, action=3))
    claims = hub_link_verify(
        store=hub_store, token=token, order_number=1043, action="return", now=NOW
    )
    assert claims == HubLinkClaims(
        store_id=hub_store.pk,
        customer_id=CUSTOMER,
        order_number=1043,
        action=HubAction.RETURN,
        expires_at=dt.datetime.fromtimestamp(2_000_000_000, tz=dt.UTC),
    )


def test_tampered_tokens_are_refused(hub_store: Store) -> None:
    # given
    token = _token(hub_store)
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    payload, mac = raw[:-16], raw[-16:]
    forged = _payload(store=hub_store.pk, customer=1)  # another shopper
    flipped = bytes((mac[0] ^ 1,)) + mac[1:]
    tampered = [
        _b64(forged + mac),  # another shopper, old signature
        _b64(payload + flipped),
        _b64(payload[:-1] + bytes((payload[-1] ^ 1,)) + mac),  # another expiry
        _b64(payload + mac[:-1]),  # a shorter signature
        _b64(payload + mac + b"\0"),
        token[:-3],
        token + "A",
        token + "=",
        token + "!",
        " " + token,
        token[:5] + "+" + token[6:],  # the standard alphabet, not base64url
        token[:5] + "/" + token[6:],
        "",
        "not-a-token",
        "A" * 43,
        token_encode(payload, secret="another-secret-key-0123456789-abcdefghijklmnop"),
    ]

    # then
    for bad in tampered:
        with pytest.raises(HubLinkBadSignature) as excinfo:
            hub_link_verify(store=hub_store, token=bad, order_number=1043, action="edit", now=NOW)
        assert (excinfo.value.code, excinfo.value.http_status) == ("hub_link_bad_signature", 403)


def test_a_non_canonical_encoding_of_a_genuine_token_is_refused(hub_store: Store) -> None:
    # given a token whose last character carries unused low bits: set one of them. Order
    # numbers of 1, 2 and 3 varint bytes give three payload lengths in a row, so at least two
    # of them do not fill whole base64 quads (whatever the store's id, i.e. on every database)
    order, token = next(
        (n, t)
        for n, t in ((n, _token(hub_store, order_number=n)) for n in (5, 1000, 20_000))
        if len(t) % 4 in (2, 3)
    )
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = alphabet.index(token[-1])
    variant = token[:-1] + alphabet[last | 1]
    assert variant != token
    assert hub_link_verify(store=hub_store, token=token, order_number=order, action="edit", now=NOW)

    # then the same bytes under another spelling do not pass
    with pytest.raises(HubLinkBadSignature):
        hub_link_verify(store=hub_store, token=variant, order_number=order, action="edit", now=NOW)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def test_a_signed_payload_of_another_shape_is_refused(hub_store: Store) -> None:
    # e.g. a future format, or our salt reused by mistake: signed, but not our layout
    good = _payload(store=hub_store.pk)
    for payload in (
        _payload(store=hub_store.pk, version=2),
        _payload(store=hub_store.pk, action=0),
        _payload(store=hub_store.pk, action=9),
        _payload(store=hub_store.pk, expiry=b"\x01\x02\x03"),  # a field short
        good + b"\x00",  # a byte too many
        good[:2] + b"\x80" * 10,  # an endless varint
        _store_varint_padded(good, hub_store.pk),  # a padded varint
        b"\x01",
    ):
        with pytest.raises(HubLinkBadSignature):
            hub_link_verify(
                store=hub_store,
                token=token_encode(payload),
                order_number=1043,
                action="edit",
                now=NOW,
            )


def test_links_are_short_enough_for_an_sms(hub_store: Store) -> None:
    # given a real-sized Shopify customer id, a five-digit order and the longest action
    link = hub_link_build(
        store=hub_store,
        customer_id=7_412_345_678_901,
        order_number=10_432,
        action="exchange",
        now=NOW,
    )

    # then the token is 128 bits of signature and a compact payload, URL-safe as it is
    assert len(link.token) <= 44
    assert quote(link.token, safe="") == link.token
    assert link.url == (f"https://agent.example.com/hub/noord/orders/10432/exchange?t={link.token}")


def test_a_link_of_another_store_is_refused(hub_store: Store) -> None:
    # given the same order number and action in another store with an active hub
    other = StoreFactory.create()
    CustomerHubSettingsFactory.create(store=other, active=True)
    token = _token(other)

    # then
    with pytest.raises(HubLinkMismatch) as excinfo:
        hub_link_verify(store=hub_store, token=token, order_number=1043, action="edit", now=NOW)
    assert (excinfo.value.code, excinfo.value.detail) == ("hub_link_mismatch", {"field": "store"})


def test_a_link_for_another_order_is_refused(hub_store: Store) -> None:
    token = _token(hub_store, order_number=1043)
    with pytest.raises(HubLinkMismatch) as excinfo:
        hub_link_verify(store=hub_store, token=token, order_number=1044, action="edit", now=NOW)
    assert excinfo.value.detail == {"field": "order"}


def test_a_link_for_another_action_is_refused(hub_store: Store) -> None:
    token = _token(hub_store, action="view")
    for action in ("edit", "cancel", "return", "exchange", "nonsense"):
        with pytest.raises(HubLinkMismatch) as excinfo:
            hub_link_verify(store=hub_store, token=token, order_number=1043, action=action, now=NOW)
        assert excinfo.value.detail == {"field": "action"}


def test_an_expired_link_for_another_order_is_a_mismatch(hub_store: Store) -> None:
    token = _token(hub_store)
    later = NOW + dt.timedelta(days=2)
    with pytest.raises(HubLinkMismatch):
        hub_link_verify(store=hub_store, token=token, order_number=1, action="edit", now=later)


def test_verifying_reads_nothing_and_survives_hub_changes(
    hub_store: Store, django_assert_num_queries: object
) -> None:
    # given a link issued while the hub was active, then the hub switched to external
    token = _token(hub_store)
    _external(hub_store, "https://hub.example.com/{order}")

    # then the token itself still verifies, without a query
    with django_assert_num_queries(0):  # type: ignore[operator]
        hub_link_verify(store=hub_store, token=token, order_number=1043, action="edit", now=NOW)


def test_a_key_rotation_keeps_links_valid_through_the_fallbacks(
    hub_store: Store, settings: Settings
) -> None:
    # given a link signed with the old key
    token = _token(hub_store)
    old_key = settings.SECRET_KEY

    # when the key rotates with the old one kept as a fallback
    settings.SECRET_KEY = "a-new-secret-key-for-this-test-only-0123456789"
    settings.SECRET_KEY_FALLBACKS = [old_key]

    # then
    assert hub_link_verify(store=hub_store, token=token, order_number=1043, action="edit", now=NOW)

    # and without the fallback it is refused
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(HubLinkBadSignature):
        hub_link_verify(store=hub_store, token=token, order_number=1043, action="edit", now=NOW)


def test_errors_speak_to_the_shopper_in_their_language() -> None:
    with translation.override("en"):
        assert str(HubLinkExpired().message) == "This link has expired. Ask us for a new one."
        assert str(HubLinkMismatch().message) == "This link is not valid. Ask us for a new one."
    with translation.override("nl"):
        assert str(HubLinkExpired().message) == "Deze link is verlopen. Vraag ons om een nieuwe."
        assert str(HubLinkBadSignature().message) == (
            "Deze link is niet geldig. Vraag ons om een nieuwe."
        )
