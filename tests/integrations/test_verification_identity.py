"""Signed storefront identities, identification by phone number, and the codes' admin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client

from core.models import Store
from integrations.customer_hub.models import CustomerHubSettings, VerificationCode
from integrations.customer_hub.verification import (
    ShopperIdentityInvalid,
    customer_identify_by_phone,
    identity_secret_rotate,
    shopper_identity_signature,
    shopper_identity_verify,
    verification_code_send,
)
from integrations.shopify.models import Customer
from tests.factories.integrations import CustomerFactory, CustomerHubSettingsFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 4, 12, 0, tzinfo=dt.UTC)
EXPIRES = int((NOW + dt.timedelta(hours=1)).timestamp())


@pytest.fixture
def customer(store: Store) -> Customer:
    return CustomerFactory.create(store=store, shopify_id=7_123_456, email="Sanne@Example.com")


@pytest.fixture
def secret(store: Store) -> str:
    return identity_secret_rotate(store=store)


def _verify(store: Store, **overrides: object) -> int:
    values: dict[str, object] = {
        "customer_id": "7123456",
        "email": "Sanne@Example.com",
        "expires": str(EXPIRES),
        "signature": "",
        "now": NOW,
    }
    values.update(overrides)
    return shopper_identity_verify(store=store, **values)  # type: ignore[arg-type]


def _sign(secret: str, customer_id: str = "7123456", email: str = "Sanne@Example.com") -> str:
    return shopper_identity_signature(
        secret=secret, customer_id=customer_id, email=email, expires=str(EXPIRES)
    )


def _reason(store: Store, **overrides: object) -> str:
    with pytest.raises(ShopperIdentityInvalid) as caught:
        _verify(store, **overrides)
    assert caught.value.code == "shopper_identity_invalid"
    return str(caught.value.detail["reason"])


# --- signed identity ---------------------------------------------------------------------------


def test_signature_format_is_hex_hmac_sha256_over_id_email_expiry() -> None:
    # the documented format, computed independently (RFC 4231-style check with Python's hmac)
    import hashlib
    import hmac

    expected = hmac.new(b"s3cret", b"42:a@b.nl:1700000000", hashlib.sha256).hexdigest()
    assert (
        shopper_identity_signature(
            secret="s3cret", customer_id="42", email="a@b.nl", expires="1700000000"
        )
        == expected
    )


def test_valid_identity_returns_the_customer(store: Store, customer: Customer, secret: str) -> None:
    assert _verify(store, signature=_sign(secret)) == customer.pk


def test_identity_accepts_int_arguments_gid_ids_and_uppercase_hex(
    store: Store, customer: Customer, secret: str
) -> None:
    gid = "gid://shopify/Customer/7123456"
    assert _verify(store, customer_id=7123456, expires=EXPIRES, signature=_sign(secret)) == (
        customer.pk
    )
    assert _verify(store, customer_id=gid, signature=_sign(secret, customer_id=gid)) == (
        customer.pk
    )
    assert _verify(store, signature=_sign(secret).upper()) == customer.pk


def test_identity_email_matches_in_any_case(store: Store, customer: Customer, secret: str) -> None:
    signature = _sign(secret, email="sanne@example.com")
    assert _verify(store, email="sanne@example.com", signature=signature) == customer.pk


def test_identity_expires_at_its_expiry(store: Store, customer: Customer, secret: str) -> None:
    at_expiry = dt.datetime.fromtimestamp(EXPIRES, tz=dt.UTC)

    assert _reason(store, signature=_sign(secret), now=at_expiry) == "expired"
    assert _verify(store, signature=_sign(secret), now=at_expiry - dt.timedelta(seconds=1)) == (
        customer.pk
    )


def test_identity_valid_for_more_than_a_day_is_refused(
    store: Store, customer: Customer, secret: str
) -> None:
    far = str(int((NOW + dt.timedelta(hours=25)).timestamp()))
    signature = shopper_identity_signature(
        secret=secret, customer_id="7123456", email=customer.email, expires=far
    )
    assert _reason(store, expires=far, signature=signature) == "expires_too_far"


@pytest.mark.parametrize(
    "tamper",
    [
        {"customer_id": "7123457"},
        {"email": "mallory@example.com"},
        {"expires": str(EXPIRES + 3600)},
        {"signature": "0" * 64},
        {"signature": "not hex"},
        {"signature": ""},
    ],
)
def test_tampered_identity_is_refused(
    store: Store, customer: Customer, secret: str, tamper: dict[str, str]
) -> None:
    values = {"signature": _sign(secret), **tamper}
    assert _reason(store, **values) == "signature"


def test_identity_with_another_customers_email_is_refused(
    store: Store, customer: Customer, secret: str
) -> None:
    # a correctly signed identity (the storefront's own mistake) naming someone else's email
    CustomerFactory.create(store=store, email="other@example.com")
    signature = _sign(secret, email="other@example.com")
    assert _reason(store, email="other@example.com", signature=signature) == "email_mismatch"


def test_identity_signed_with_another_stores_secret_is_refused(
    store: Store, other_store: Store, customer: Customer, secret: str
) -> None:
    CustomerFactory.create(store=other_store, shopify_id=7_123_456, email=customer.email)
    other_secret = identity_secret_rotate(store=other_store)

    assert other_secret != secret
    assert _reason(store, signature=_sign(other_secret)) == "signature"


def test_identity_of_another_stores_customer_is_refused(
    store: Store, other_store: Store, secret: str
) -> None:
    # the customer exists, but only in the other store
    CustomerFactory.create(store=other_store, shopify_id=7_123_456, email="Sanne@Example.com")
    assert _reason(store, signature=_sign(secret)) == "unknown_customer"


def test_identity_needs_a_secret(store: Store, customer: Customer) -> None:
    CustomerHubSettingsFactory.create(store=store)
    assert _reason(store, signature=_sign("")) == "not_configured"


def test_identity_with_a_malformed_expiry_is_refused(
    store: Store, customer: Customer, secret: str
) -> None:
    signature = shopper_identity_signature(
        secret=secret, customer_id="7123456", email=customer.email, expires="soon"
    )
    assert _reason(store, expires="soon", signature=signature) == "malformed"


def test_rotating_the_secret_retires_the_old_one(
    store: Store, customer: Customer, secret: str
) -> None:
    old_signature = _sign(secret)

    new_secret = identity_secret_rotate(store=store)

    assert len(new_secret) == 64
    assert new_secret != secret
    assert _reason(store, signature=old_signature) == "signature"
    assert _verify(store, signature=_sign(new_secret)) == customer.pk


def test_secret_is_stored_encrypted(store: Store, secret: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT identity_secret FROM {CustomerHubSettings._meta.db_table} WHERE store_id = %s",  # noqa: S608
            [store.pk],
        )
        (raw,) = cursor.fetchone()
    assert raw
    assert secret not in raw
    assert CustomerHubSettings.objects.get(store=store).identity_secret == secret


def test_rotating_keeps_the_hub_settings(store: Store) -> None:
    CustomerHubSettingsFactory.create(store=store, active=True, edit_window_minutes=90)

    identity_secret_rotate(store=store)

    hub = CustomerHubSettings.objects.get(store=store)
    assert (hub.active, hub.edit_window_minutes) == (True, 90)


# --- phone -------------------------------------------------------------------------------------


def test_phone_with_no_matching_customer_identifies_nobody(store: Store) -> None:
    CustomerFactory.create(store=store, phone="+31612345679")
    assert customer_identify_by_phone(store=store, phone="+31612345678") is None


@pytest.mark.parametrize(
    "sender", ["+31612345678", "whatsapp:+31612345678", "WhatsApp:+31 6 1234 5678", "0031612345678"]
)
def test_phone_matching_one_customer_identifies_them(store: Store, sender: str) -> None:
    # given the customer's number, and one that only shares a prefix
    customer = CustomerFactory.create(store=store, phone="+31612345678")
    CustomerFactory.create(store=store, phone="+316123456789")

    found = customer_identify_by_phone(store=store, phone=sender)

    assert found is not None
    assert (found.id, found.email) == (customer.pk, customer.email)


def test_phone_matching_two_customers_identifies_nobody(store: Store) -> None:
    CustomerFactory.create(store=store, phone="+31612345678")
    CustomerFactory.create(store=store, phone="+31612345678")
    assert customer_identify_by_phone(store=store, phone="+31612345678") is None


def test_phone_matches_only_customers_of_the_store(store: Store, other_store: Store) -> None:
    mine = CustomerFactory.create(store=store, phone="+31612345678")
    CustomerFactory.create(store=other_store, phone="+31612345678")
    CustomerFactory.create(store=other_store, phone="+31699999999")

    found = customer_identify_by_phone(store=store, phone="+31612345678")

    assert found is not None and found.id == mine.pk
    assert customer_identify_by_phone(store=store, phone="+31699999999") is None


@pytest.mark.parametrize("sender", ["06 12345678", "", "whatsapp:", "call me"])
def test_number_that_is_not_international_identifies_nobody(store: Store, sender: str) -> None:
    CustomerFactory.create(store=store, phone="+31612345678")
    assert customer_identify_by_phone(store=store, phone=sender) is None


# --- admin -------------------------------------------------------------------------------------


def test_code_admin_is_read_only_and_never_shows_the_hash(
    store: Store, customer: Customer, admin_client: Client
) -> None:
    challenge = verification_code_send(store=store, email=customer.email, language="en", now=NOW)
    row = VerificationCode.objects.get(pk=challenge.challenge_id)

    change = admin_client.get(f"/admin/customer_hub/verificationcode/{row.pk}/change/")
    listing = admin_client.get("/admin/customer_hub/verificationcode/")
    add = admin_client.get("/admin/customer_hub/verificationcode/add/")

    assert (change.status_code, listing.status_code, add.status_code) == (200, 200, 403)
    for page in (change.content.decode(), listing.content.decode()):
        assert row.code_hash not in page
        assert row.salt not in page
        assert row.email_digest not in page
    assert 'name="attempts"' not in change.content.decode()  # no editable inputs


def test_hub_settings_admin_never_shows_the_identity_secret(
    store: Store, secret: str, admin_client: Client
) -> None:
    hub = CustomerHubSettings.objects.get(store=store)

    page = admin_client.get(f"/admin/customer_hub/customerhubsettings/{hub.pk}/change/")

    assert page.status_code == 200
    assert secret not in page.content.decode()
    assert "identity_secret" not in page.content.decode()
