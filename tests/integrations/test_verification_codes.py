"""One-time sign-in codes: send, check, lock, expire, rate limit, no account enumeration."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from core.errors import ValidationFailed
from core.models import Store
from integrations.customer_hub.models import VerificationCode
from integrations.customer_hub.verification import (
    CodeChallenge,
    VerificationResult,
    VerificationSendLimited,
    VerificationStatus,
    _code_hash,
    customer_email_exists,
    verification_code_check,
    verification_code_parse,
    verification_code_purge,
    verification_code_send,
)
from integrations.messaging.models import OutboxMessage
from integrations.shopify.models import Customer
from tests.factories.core import StoreFactory
from tests.factories.integrations import CustomerFactory

T0 = dt.datetime(2026, 5, 4, 12, 0, tzinfo=dt.UTC)
Send = Callable[..., tuple[CodeChallenge, str | None]]


@pytest.fixture
def customer(store: Store) -> Customer:
    return CustomerFactory.create(store=store, email="Sanne.deVries@Example.com")


@pytest.fixture
def send(django_capture_on_commit_callbacks: Any, settings: Any) -> Send:
    """send(store=..., email=..., ...) -> (challenge, the code from the email or None).

    Email goes through the embedded outbox backend (pytest-django would swap in locmem).
    """
    settings.EMAIL_BACKEND = "integrations.messaging.backends.OutboxEmailBackend"

    def run(**kwargs: Any) -> tuple[CodeChallenge, str | None]:
        kwargs.setdefault("language", "en")
        kwargs.setdefault("now", T0)
        before = OutboxMessage.objects.count()
        with django_capture_on_commit_callbacks(execute=True):
            challenge = verification_code_send(**kwargs)
        sent = OutboxMessage.objects.order_by("-id")[: OutboxMessage.objects.count() - before]
        assert len(sent) <= 1
        if not sent:
            return challenge, None
        found = re.search(r"^(\d{6})$", sent[0].body, flags=re.MULTILINE)
        assert found is not None
        return challenge, found.group(1)

    return run


def _check(store: Store, challenge: CodeChallenge, code: str, **kw: Any) -> VerificationResult:
    kw.setdefault("now", T0 + dt.timedelta(minutes=1))
    return verification_code_check(
        store=store, challenge_id=challenge.challenge_id, code=code, **kw
    )


def test_code_is_emailed_and_signs_the_customer_in(
    store: Store, customer: Customer, send: Send
) -> None:
    # given a customer, when a code is asked for with their address in another case
    challenge, code = send(store=store, email="  sanne.devries@example.COM ", channel="webchat")

    # then one email goes to the address on the profile, and the code signs them in once
    assert code is not None
    mail = OutboxMessage.objects.get()
    assert (mail.store_id, mail.to, mail.channel) == (store.pk, customer.email, "email")
    assert mail.subject == f"Your sign-in code for {store.name}"
    assert code in mail.html_body
    assert challenge.expires_at == T0 + dt.timedelta(minutes=10)
    assert challenge.language == "en"
    result = _check(store, challenge, code)
    assert result == VerificationResult(
        status=VerificationStatus.OK,
        challenge_id=challenge.challenge_id,
        customer_id=customer.pk,
        tries_left=0,
    )
    assert result.ok is True
    row = VerificationCode.objects.get()
    assert (row.status, row.used_at, row.channel) == (
        "used",
        T0 + dt.timedelta(minutes=1),
        "webchat",
    )


@pytest.mark.parametrize("typed", ["{a} {b}", "{a}-{b}", " {a}{b} ", "{a}.{b}", "{a} - {b}"])
def test_typed_code_may_have_spaces_and_dashes(
    store: Store, customer: Customer, send: Send, typed: str
) -> None:
    challenge, code = send(store=store, email=customer.email)
    assert code is not None
    result = _check(store, challenge, typed.format(a=code[:3], b=code[3:]))
    assert result.status is VerificationStatus.OK


def test_code_can_be_checked_by_email_instead_of_challenge_id(
    store: Store, customer: Customer, send: Send
) -> None:
    _challenge, code = send(store=store, email=customer.email)
    assert code is not None
    result = verification_code_check(
        store=store, email="SANNE.DEVRIES@example.com", code=code, now=T0
    )
    assert (result.status, result.customer_id) == (VerificationStatus.OK, customer.pk)


def test_code_is_single_use(store: Store, customer: Customer, send: Send) -> None:
    challenge, code = send(store=store, email=customer.email)
    assert code is not None
    assert _check(store, challenge, code).ok is True

    again = _check(store, challenge, code)

    assert again.status is VerificationStatus.EXPIRED
    assert again.customer_id is None


def test_five_wrong_tries_lock_the_code_even_for_the_right_code(
    store: Store, customer: Customer, send: Send
) -> None:
    challenge, code = send(store=store, email=customer.email)
    assert code is not None
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"

    results = [_check(store, challenge, wrong) for _ in range(5)]

    assert [(r.status, r.tries_left) for r in results] == [
        (VerificationStatus.WRONG, 4),
        (VerificationStatus.WRONG, 3),
        (VerificationStatus.WRONG, 2),
        (VerificationStatus.WRONG, 1),
        (VerificationStatus.LOCKED, 0),
    ]
    after = _check(store, challenge, code)
    assert (after.status, after.customer_id) == (VerificationStatus.LOCKED, None)
    assert VerificationCode.objects.get().attempts == 5


def test_after_a_lock_a_new_code_can_be_asked_for(
    store: Store, customer: Customer, send: Send
) -> None:
    first, code = send(store=store, email=customer.email)
    for _ in range(5):
        _check(store, first, "000000" if code != "000000" else "111111")

    second, new_code = send(store=store, email=customer.email, now=T0 + dt.timedelta(minutes=2))

    assert new_code is not None
    result = _check(store, second, new_code, now=T0 + dt.timedelta(minutes=3))
    assert (result.status, result.customer_id) == (VerificationStatus.OK, customer.pk)


def test_a_new_code_replaces_the_pending_one(store: Store, customer: Customer, send: Send) -> None:
    first, old_code = send(store=store, email=customer.email)
    second, new_code = send(store=store, email=customer.email, now=T0 + dt.timedelta(seconds=30))
    assert old_code is not None and new_code is not None

    assert _check(store, first, old_code).status is VerificationStatus.EXPIRED
    assert _check(store, second, new_code).status is VerificationStatus.OK


def test_code_expires_at_exactly_ten_minutes(store: Store, customer: Customer, send: Send) -> None:
    challenge, code = send(store=store, email=customer.email)
    assert code is not None

    at_ten = _check(store, challenge, code, now=T0 + dt.timedelta(minutes=10))
    just_before = _check(store, challenge, code, now=T0 + dt.timedelta(minutes=10, seconds=-1))

    assert at_ten.status is VerificationStatus.EXPIRED
    assert just_before.status is VerificationStatus.OK


def test_expired_code_does_not_count_tries(store: Store, customer: Customer, send: Send) -> None:
    challenge, _code = send(store=store, email=customer.email)
    late = T0 + dt.timedelta(minutes=11)
    for _ in range(6):
        assert _check(store, challenge, "123456", now=late).status is VerificationStatus.EXPIRED
    assert VerificationCode.objects.get().attempts == 0


@pytest.mark.parametrize("typed", ["", "hello", "12345", "1234567", "12 34 5a", "１２３４５６"])
def test_input_that_is_not_six_digits_is_malformed_and_not_a_try(
    store: Store, customer: Customer, send: Send, typed: str
) -> None:
    challenge, _code = send(store=store, email=customer.email)

    result = _check(store, challenge, typed)

    assert (result.status, result.tries_left) == (VerificationStatus.MALFORMED, 5)
    assert VerificationCode.objects.get().attempts == 0


def test_unknown_email_sends_nothing_and_looks_the_same_to_the_shopper(
    store: Store, customer: Customer, send: Send
) -> None:
    # when codes are asked for a known and an unknown address
    known, known_code = send(store=store, email=customer.email, language="nl")
    unknown, unknown_code = send(store=store, email="nobody@example.com", language="nl")

    # then only the known address gets an email
    assert known_code is not None
    assert unknown_code is None
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [customer.email]
    # and the caller gets the same shape, expiry and words for both
    assert type(known) is type(unknown)
    assert (known.expires_at, known.language) == (unknown.expires_at, unknown.language)
    assert known.shopper_message() == unknown.shopper_message()
    assert "6" in unknown.shopper_message()
    # and checking the unknown one behaves like a real code that was typed wrongly
    results = [_check(store, unknown, known_code) for _ in range(5)]
    assert [(r.status, r.tries_left) for r in results] == [
        (VerificationStatus.WRONG, 4),
        (VerificationStatus.WRONG, 3),
        (VerificationStatus.WRONG, 2),
        (VerificationStatus.WRONG, 1),
        (VerificationStatus.LOCKED, 0),
    ]
    assert VerificationCode.objects.get(pk=unknown.challenge_id).customer_id is None


def test_unknown_email_never_verifies_even_when_the_code_matches(store: Store, send: Send) -> None:
    # given a challenge for an address without an account, whose stored hash a guess matches
    challenge, _code = send(store=store, email="nobody@example.com")
    row = VerificationCode.objects.get(pk=challenge.challenge_id)
    row.code_hash = _code_hash(store_id=store.pk, salt=row.salt, code="123456")
    row.save(update_fields=["code_hash"])

    # when that code is typed
    result = _check(store, challenge, "123 456")

    # then it signs nobody in: it is a wrong try like any other
    assert (result.status, result.customer_id, result.tries_left) == (
        VerificationStatus.WRONG,
        None,
        4,
    )


def test_send_limit_is_three_per_address_per_ten_minutes(
    store: Store, customer: Customer, send: Send
) -> None:
    for minute in range(3):
        send(store=store, email=customer.email, now=T0 + dt.timedelta(minutes=minute))

    with pytest.raises(VerificationSendLimited) as caught:
        send(store=store, email=customer.email.upper(), now=T0 + dt.timedelta(minutes=4))

    assert caught.value.code == "verification_send_limited"
    assert caught.value.http_status == 429
    assert caught.value.detail == {"retry_after": 360}
    assert OutboxMessage.objects.count() == 3
    # another address is not held back, and the first one may ask again after the window
    send(store=store, email="someone.else@example.com", now=T0 + dt.timedelta(minutes=4))
    _challenge, code = send(store=store, email=customer.email, now=T0 + dt.timedelta(minutes=10))
    assert code is not None


def test_send_limit_applies_alike_to_unknown_addresses(store: Store, send: Send) -> None:
    for _ in range(3):
        send(store=store, email="nobody@example.com")

    with pytest.raises(VerificationSendLimited) as caught:
        send(store=store, email="nobody@example.com")

    assert caught.value.detail == {"retry_after": 600}


def test_send_rejects_what_is_not_an_email_address(store: Store, send: Send) -> None:
    with pytest.raises(ValidationFailed):
        send(store=store, email="not an address")
    assert VerificationCode.objects.count() == 0


def test_codes_are_stored_hashed_only(store: Store, customer: Customer, send: Send) -> None:
    # given a sent code
    _challenge, code = send(store=store, email=customer.email)
    assert code is not None

    # then no text column of any table holds it, except the outbox (the sent email itself)
    row = VerificationCode.objects.get()
    assert len(row.code_hash) == 64
    assert code not in row.code_hash
    holders = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table == OutboxMessage._meta.db_table:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for values in cursor.fetchall():
                if any(isinstance(v, str) and code in v for v in values):
                    holders.append(table)
    assert holders == []


@pytest.mark.parametrize(
    ("language", "subject", "phrase"),
    [
        ("en", "Your sign-in code for {store}", "The code is valid for 10 minutes"),
        ("nl", "Je inlogcode voor {store}", "De code is 10 minuten geldig"),
        ("nl-NL", "Je inlogcode voor {store}", "De code is 10 minuten geldig"),
        ("fr", "Your sign-in code for {store}", "The code is valid for 10 minutes"),
    ],
)
def test_code_email_is_in_the_shoppers_language(
    store: Store, customer: Customer, send: Send, language: str, subject: str, phrase: str
) -> None:
    _challenge, code = send(store=store, email=customer.email, language=language)

    mail = OutboxMessage.objects.get()
    assert code is not None
    assert mail.subject == subject.format(store=store.name)
    assert phrase in mail.body
    assert phrase in mail.html_body
    assert code in mail.body
    assert code in mail.html_body
    assert store.name in mail.sender


def test_store_language_is_used_when_the_shoppers_is_not_supported(
    customer: Customer, send: Send
) -> None:
    store = customer.store
    Store.objects.filter(pk=store.pk).update(default_language="nl")
    store.refresh_from_db()

    challenge, _code = send(store=store, email=customer.email, language="de")

    assert challenge.language == "nl"
    assert OutboxMessage.objects.get().subject == f"Je inlogcode voor {store.name}"


def test_store_name_is_escaped_in_the_html_email(db: None, send: Send) -> None:
    store = StoreFactory.create(name="<b>Shoes & Co</b>")
    customer = CustomerFactory.create(store=store)

    send(store=store, email=customer.email)

    mail = OutboxMessage.objects.get()
    assert "&lt;b&gt;Shoes &amp; Co&lt;/b&gt;" in mail.html_body
    assert "<b>Shoes" not in mail.html_body
    assert "<b>Shoes & Co</b>" in mail.body


def test_code_of_one_store_is_useless_in_another(
    store: Store, other_store: Store, send: Send
) -> None:
    # given the same address as a customer of two stores, and a code sent by store A
    mine = CustomerFactory.create(store=store, email="twin@example.com")
    theirs = CustomerFactory.create(store=other_store, email="twin@example.com")
    challenge, code = send(store=store, email="twin@example.com")
    assert code is not None

    # when it is typed in store B (by challenge id and by address)
    by_id = verification_code_check(
        store=other_store, challenge_id=challenge.challenge_id, code=code, now=T0
    )
    by_email = verification_code_check(
        store=other_store, email="twin@example.com", code=code, now=T0
    )

    # then store B knows no such code, and store A's code still works (nothing was used up)
    assert by_id == VerificationResult(status=VerificationStatus.NOT_FOUND)
    assert by_email == VerificationResult(status=VerificationStatus.NOT_FOUND)
    ours = _check(store, challenge, code)
    assert (ours.status, ours.customer_id) == (VerificationStatus.OK, mine.pk)
    assert ours.customer_id != theirs.pk
    assert VerificationCode.objects.get().status == "used"


def test_check_needs_exactly_one_of_challenge_and_email(store: Store) -> None:
    with pytest.raises(TypeError):
        verification_code_check(store=store, code="123456")
    with pytest.raises(TypeError):
        verification_code_check(store=store, code="123456", challenge_id=1, email="a@b.nl")


@pytest.mark.parametrize(
    ("result", "language", "text"),
    [
        (VerificationResult(status=VerificationStatus.OK), "en", "Thank you, you are signed in."),
        (
            VerificationResult(status=VerificationStatus.WRONG, tries_left=1),
            "en",
            "That code is not right. You can try 1 more time.",
        ),
        (
            VerificationResult(status=VerificationStatus.WRONG, tries_left=3),
            "nl",
            "Die code klopt niet. Je kunt het nog 3 keer proberen.",
        ),
        (
            VerificationResult(status=VerificationStatus.EXPIRED),
            "nl",
            "Die code is niet meer geldig. Vraag een nieuwe code aan.",
        ),
        (
            VerificationResult(status=VerificationStatus.NOT_FOUND),
            "en",
            "That code is no longer valid. Please ask for a new code.",
        ),
        (
            VerificationResult(status=VerificationStatus.MALFORMED, tries_left=5),
            "nl",
            "Een code heeft 6 cijfers, bijvoorbeeld 123 456.",
        ),
    ],
)
def test_results_have_shopper_messages_in_their_language(
    result: VerificationResult, language: str, text: str
) -> None:
    assert result.shopper_message(language) == text


def test_send_limit_message_is_translated(store: Store, send: Send) -> None:
    from django.utils import translation

    for _ in range(3):
        send(store=store, email="nobody@example.com")
    with pytest.raises(VerificationSendLimited) as caught:
        send(store=store, email="nobody@example.com")

    with translation.override("nl"):
        assert str(caught.value.message).startswith("Je hebt in korte tijd")


@pytest.mark.parametrize(
    ("text", "code"),
    [("123456", "123456"), ("123 456", "123456"), ("12-34-56", "123456"), ("abc", None)],
)
def test_code_parse(text: str, code: str | None) -> None:
    assert verification_code_parse(text) == code


def test_purge_deletes_old_codes_of_the_store_only(
    store: Store, other_store: Store, send: Send
) -> None:
    send(store=store, email="a@example.com")
    send(store=store, email="b@example.com", now=T0 + dt.timedelta(days=2))
    send(store=other_store, email="a@example.com")

    deleted = verification_code_purge(store=store, before=T0 + dt.timedelta(days=1))

    assert deleted == 1
    assert VerificationCode.objects.filter(store=store).count() == 1
    assert VerificationCode.objects.filter(store=other_store).count() == 1


def test_customer_email_exists_for_a_profile_address_in_any_case_and_this_store_only(
    store: Store, customer: Customer
) -> None:
    # given the same address as a customer of another store only
    other = StoreFactory.create()
    CustomerFactory.create(store=other, email="noor@example.com")

    # then
    assert customer_email_exists(store=store, email="sanne.devries@example.com")
    assert customer_email_exists(store=store, email="  SANNE.DEVRIES@EXAMPLE.COM ")
    assert not customer_email_exists(store=store, email="noor@example.com")
    assert customer_email_exists(store=other, email="noor@example.com")
    for not_an_address in ("", "sanne", "Sanne <sanne.devries@example.com>", "@example.com"):
        assert not customer_email_exists(store=store, email=not_an_address)
