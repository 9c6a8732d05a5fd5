"""Who is this shopper? Services the agent engine and the hub call to verify a shopper.

Three ways, strongest first:

* **Signed storefront identity** — the storefront signs the logged-in customer with the
  store's secret (:func:`shopper_identity_verify`).
* **Sending phone number** (SMS/WhatsApp) — identifies the customer when it matches exactly one
  profile (:func:`customer_identify_by_phone`).
* **One-time code** sent to the email on the profile (:func:`verification_code_send`, then
  :func:`verification_code_check`).

Codes are stored as HMAC-SHA256 (keyed with a key derived from ``SECRET_KEY``, salted per row),
not with Django's password hashers: a 6-digit code has only 10**6 values, so a slow hash would
not stop an offline guess once hash and salt leak, while a key that lives outside the database
does (a database dump alone cannot confirm any code); and checking stays cheap (a password
hasher costs ~0.3 s of CPU per try, a denial-of-service lever on a chat endpoint). Brute force
online is stopped by 5 tries per code and 3 codes per address per 10 minutes.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import formataddr, parseaddr
from enum import StrEnum
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.errors import ApplicationError, RateLimited, ValidationFailed
from core.models import Store
from integrations.customer_hub.models import CustomerHubSettings, VerificationCode
from integrations.shopify.facts import CustomerFacts, customer_find_by_phone
from integrations.shopify.models import Customer

logger = logging.getLogger(__name__)

CODE_DIGITS = 6
CODE_LIFETIME = timedelta(minutes=10)
MAX_WRONG_TRIES = 5
SEND_LIMIT = 3  # codes per address and store within SEND_WINDOW
SEND_WINDOW = timedelta(minutes=10)
IDENTITY_MAX_LIFETIME = timedelta(hours=24)  # a storefront signature may not outlive this

_CODE_KEY_SALT = "integrations.customer_hub.verification.code"
_EMAIL_KEY_SALT = "integrations.customer_hub.verification.email"
_CODE_SEPARATORS = re.compile(r"[\s\-._]")
_CHANNEL_PREFIX = re.compile(r"^(?:whatsapp|sms|tel):", flags=re.IGNORECASE)
_GID_CUSTOMER = re.compile(r"(?:gid://shopify/Customer/)?([0-9]{1,18})")
_UNIX_SECONDS = re.compile(r"[0-9]{1,12}")


class VerificationSendLimited(RateLimited):
    """Too many codes asked for one address in one store; ``detail["retry_after"]`` seconds."""

    code = "verification_send_limited"
    default_message = _(
        "You have asked for several codes in a short time. Please wait a few minutes and try again."
    )


class ShopperIdentityInvalid(ApplicationError):
    """A storefront identity that does not verify; ``detail["reason"]`` says why (for logs and
    the developer, never for the shopper): ``not_configured``, ``malformed``, ``signature``,
    ``expired``, ``expires_too_far``, ``unknown_customer``, ``email_mismatch``."""

    code = "shopper_identity_invalid"
    http_status = 401
    default_message = _("We could not confirm who you are. Please sign in with your email address.")


class VerificationStatus(StrEnum):
    OK = "ok"
    WRONG = "wrong"  # tries_left > 0
    MALFORMED = "malformed"  # not a 6-digit code; not counted as a try
    EXPIRED = "expired"  # past its 10 minutes, already used, or replaced by a newer code
    LOCKED = "locked"  # 5 wrong tries; even the right code fails now
    NOT_FOUND = "not_found"  # no code in this store for that challenge/address


@dataclass(frozen=True)
class CodeChallenge:
    """What a send returns — the same shape whether or not the address has an account."""

    challenge_id: int
    expires_at: datetime
    language: str

    def shopper_message(self) -> str:
        with translation.override(self.language):
            return gettext(
                "If this email address belongs to an account with us, we have sent a 6-digit "
                "code to it. It is valid for 10 minutes. Please type it here."
            )


@dataclass(frozen=True)
class VerificationResult:
    """``customer_id`` (set only when ok) is the mirror Customer's primary key, as held by
    ``Conversation.customer_id``."""

    status: VerificationStatus
    challenge_id: int | None = None
    customer_id: int | None = None
    tries_left: int = 0

    @property
    def ok(self) -> bool:
        return self.status is VerificationStatus.OK

    def shopper_message(self, language: str) -> str:
        with translation.override(language):
            if self.status is VerificationStatus.OK:
                return gettext("Thank you, you are signed in.")
            if self.status is VerificationStatus.WRONG:
                return ngettext(
                    "That code is not right. You can try %(count)d more time.",
                    "That code is not right. You can try %(count)d more times.",
                    self.tries_left,
                ) % {"count": self.tries_left}
            if self.status is VerificationStatus.MALFORMED:
                return gettext("A code has 6 digits, for example 123 456.")
            if self.status is VerificationStatus.LOCKED:
                return gettext(
                    "That code was entered wrongly too many times and no longer works. Please "
                    "ask for a new code."
                )
            return gettext("That code is no longer valid. Please ask for a new code.")


# --- one-time codes -----------------------------------------------------------------------------


def verification_code_parse(text: str) -> str | None:
    """The 6 digits of a typed code ("123456", "123 456", "123-456"), or None."""
    digits = _CODE_SEPARATORS.sub("", text or "")
    if len(digits) == CODE_DIGITS and digits.isascii() and digits.isdigit():
        return digits
    return None


def verification_code_send(
    *,
    store: Store,
    email: str,
    language: str,
    channel: str = "",
    reference: str = "",
    now: datetime | None = None,
) -> CodeChallenge:
    """Send a 6-digit code to the customer of ``store`` whose email is ``email`` (exact, any
    case), valid for 10 minutes; any earlier pending code for that address stops working.

    No account enumeration: for an address no customer has, nothing is sent, but a challenge is
    still recorded and returned, counts towards the limit and checks like a real one (never
    ok). The email (EN/NL by ``language``, else the store's language) goes out after commit.
    ``channel`` and ``reference`` (e.g. a conversation id) are kept for the audit trail only.

    Raises ValidationFailed (not an email address) and VerificationSendLimited (more than 3
    codes for the address in 10 minutes).
    """
    now = now or timezone.now()
    address = _email_normalize(email, strict=True)
    digest = _email_digest(store=store, address=address)
    language = _language(language, store)
    with transaction.atomic():
        # Serialises sends per store so that two concurrent requests cannot both pass the limit.
        # NO KEY UPDATE, so rows that merely reference the store are not blocked meanwhile.
        list(Store.objects.select_for_update(no_key=True).filter(pk=store.pk).values("pk"))
        _send_limit_enforce(store=store, digest=digest, now=now)
        customer = _customer_by_email(store=store, address=address)
        VerificationCode.objects.filter(
            store=store, email_digest=digest, status=VerificationCode.Status.PENDING
        ).update(status=VerificationCode.Status.SUPERSEDED)
        code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
        salt = secrets.token_hex(16)
        row = VerificationCode.objects.create(
            store=store,
            customer=customer,
            email_digest=digest,
            code_hash=_code_hash(store_id=store.pk, salt=salt, code=code),
            salt=salt,
            language=language,
            channel=channel[:20],
            reference=reference[:100],
            created_at=now,
            expires_at=now + CODE_LIFETIME,
        )
        if customer is not None:
            transaction.on_commit(
                partial(
                    _code_email_send,
                    store_id=store.pk,
                    to=customer.email,
                    code=code,
                    language=language,
                )
            )
    return CodeChallenge(challenge_id=row.pk, expires_at=row.expires_at, language=language)


def verification_code_check(
    *,
    store: Store,
    code: str,
    challenge_id: int | None = None,
    email: str | None = None,
    now: datetime | None = None,
) -> VerificationResult:
    """Check a typed code against one challenge of ``store``: by ``challenge_id``, or the
    latest for ``email`` (give exactly one).

    A right code is used up (single use). A wrong one counts a try; the 5th wrong try locks
    the code (LOCKED, also for the right code afterwards). A code expires exactly 10 minutes
    after it was sent (``now >= expires_at``). Input that is not 6 digits is MALFORMED and does
    not count. Challenges of another store are NOT_FOUND.
    """
    if (challenge_id is None) == (email is None):
        raise TypeError("give exactly one of challenge_id and email")
    now = now or timezone.now()
    typed = verification_code_parse(code)
    with transaction.atomic():
        rows = VerificationCode.objects.select_for_update().filter(store=store)
        if challenge_id is not None:
            rows = rows.filter(pk=challenge_id)
        else:
            address = _email_normalize(email or "", strict=False)
            rows = rows.filter(email_digest=_email_digest(store=store, address=address))
        row = rows.order_by("-created_at", "-id").first()
        if row is None:
            return VerificationResult(status=VerificationStatus.NOT_FOUND)
        return _check_row(row=row, typed=typed, now=now)


def verification_code_purge(*, store: Store, before: datetime) -> int:
    """Delete the store's codes sent before ``before`` (long expired); returns how many."""
    deleted, _by_model = VerificationCode.objects.filter(
        store=store, created_at__lt=before
    ).delete()
    return deleted


def _check_row(*, row: VerificationCode, typed: str | None, now: datetime) -> VerificationResult:
    Status = VerificationCode.Status
    tries_left = max(MAX_WRONG_TRIES - row.attempts, 0)

    def result(status: VerificationStatus, **extra: int) -> VerificationResult:
        return VerificationResult(status=status, challenge_id=row.pk, **extra)

    if row.status == Status.LOCKED:
        return result(VerificationStatus.LOCKED)
    if row.status != Status.PENDING or now >= row.expires_at:
        return result(VerificationStatus.EXPIRED)
    if typed is None:
        return result(VerificationStatus.MALFORMED, tries_left=tries_left)
    expected = _code_hash(store_id=row.store_id, salt=row.salt, code=typed)
    # A challenge for an address without an account has no customer: it never succeeds.
    if constant_time_compare(expected, row.code_hash) and row.customer_id is not None:
        row.status, row.used_at = Status.USED, now
        row.save(update_fields=["status", "used_at"])
        return result(VerificationStatus.OK, customer_id=row.customer_id)
    row.attempts += 1
    if row.attempts >= MAX_WRONG_TRIES:
        row.status = Status.LOCKED
        row.save(update_fields=["attempts", "status"])
        return result(VerificationStatus.LOCKED)
    row.save(update_fields=["attempts"])
    return result(VerificationStatus.WRONG, tries_left=MAX_WRONG_TRIES - row.attempts)


def customer_email_exists(*, store: Store, email: str) -> bool:
    """Whether a customer of ``store`` has ``email`` (any case): a code sent to it would reach a
    profile. For the email channel, whose sender's address is known: the agent may send the
    code there without asking (the reply goes to that same mailbox, so the answer reveals
    nothing to anyone but its owner). False for anything that is not an email address."""
    try:
        address = _email_normalize(email, strict=True)
    except ValidationFailed:
        return False
    return _customer_by_email(store=store, address=address) is not None


def _customer_by_email(*, store: Store, address: str) -> Customer | None:
    # Shopify keeps emails lower-case, so the indexed exact match nearly always answers. Two
    # profiles with one address (a stale mirror) are one mailbox: the newest profile is used.
    customers = Customer.objects.filter(store=store).order_by(
        F("shop_updated_at").desc(nulls_last=True), "-id"
    )
    found = customers.filter(email=address).first()
    return found if found is not None else customers.filter(email__iexact=address).first()


def _send_limit_enforce(*, store: Store, digest: str, now: datetime) -> None:
    recent = list(
        VerificationCode.objects.filter(
            store=store, email_digest=digest, created_at__gt=now - SEND_WINDOW
        )
        .order_by("created_at")
        .values_list("created_at", flat=True)[:SEND_LIMIT]
    )
    if len(recent) >= SEND_LIMIT:
        retry_after = math.ceil((recent[0] + SEND_WINDOW - now).total_seconds())
        raise VerificationSendLimited(detail={"retry_after": max(retry_after, 1)})


def _code_hash(*, store_id: int, salt: str, code: str) -> str:
    return salted_hmac(_CODE_KEY_SALT, f"{store_id}:{salt}:{code}", algorithm="sha256").hexdigest()


def _email_digest(*, store: Store, address: str) -> str:
    return salted_hmac(_EMAIL_KEY_SALT, f"{store.pk}:{address}", algorithm="sha256").hexdigest()


def _email_normalize(email: str, *, strict: bool) -> str:
    address = (email or "").strip().lower()
    if strict:
        try:
            validate_email(address)
        except ValidationError as exc:
            raise ValidationFailed(
                _("Please enter a valid email address."), detail={"email": exc.messages}
            ) from exc
    return address


def _language(language: str, store: Store) -> str:
    supported = {code for code, _name in settings.LANGUAGES}
    primary = (language or "").split("-")[0].split("_")[0].lower()
    return primary if primary in supported else store.default_language


def _code_email_send(*, store_id: int, to: str, code: str, language: str) -> None:
    """Render and send the code email (runs after commit). A failure is logged, never raised:
    the caller already answered the shopper, whose answer must not depend on the account."""
    try:
        store = Store.objects.get(pk=store_id)
        minutes = int(CODE_LIFETIME.total_seconds() // 60)
        context = {"store_name": store.name, "code": code, "minutes": minutes, "language": language}
        with translation.override(language):
            subject = gettext("Your sign-in code for %(store)s") % {"store": store.name}
            text = render_to_string("customer_hub/email/verification_code.txt", context)
            html = render_to_string("customer_hub/email/verification_code.html", context)
        _name, sender = parseaddr(settings.DEFAULT_FROM_EMAIL)
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=formataddr((store.name, sender)),
            to=[to],
            headers={"X-Shopagent-Store": str(store.pk)},
        )
        message.attach_alternative(html, "text/html")
        message.send()
    except Exception:
        logger.exception("verification code email to store %s customer failed", store_id)


# --- signed storefront identity -------------------------------------------------------------


@transaction.atomic
def identity_secret_rotate(*, store: Store) -> str:
    """Give the store a new shopper-identity secret (64 hex characters) and return it; the old
    one stops working at once. Creates the hub settings row when missing."""
    hub, _created = CustomerHubSettings.objects.select_for_update().get_or_create(store=store)
    hub.identity_secret = secrets.token_hex(32)
    hub.save(update_fields=["identity_secret", "updated_at"])
    return hub.identity_secret


def shopper_identity_signature(*, secret: str, customer_id: str, email: str, expires: str) -> str:
    """The signature a storefront sends: lowercase hex HMAC-SHA256, keyed with the secret's
    UTF-8 bytes, over the UTF-8 message ``f"{customer_id}:{email}:{expires}"`` — the values
    exactly as sent (see :func:`shopper_identity_verify`)."""
    message = f"{customer_id}:{email}:{expires}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def shopper_identity_verify(
    *,
    store: Store,
    customer_id: str | int,
    email: str,
    expires: str | int,
    signature: str,
    now: datetime | None = None,
) -> int:
    """Verify a shopper identity signed by the storefront; returns the mirror Customer's primary
    key (for ``Conversation.customer``).

    Message format: ``signature = hex(HMAC-SHA256(key=secret, msg=f"{customer_id}:{email}:
    {expires}"))`` where ``secret`` is the store's identity secret (UTF-8), ``customer_id`` the
    Shopify customer id (``123`` or ``gid://shopify/Customer/123``), ``email`` the customer's
    email and ``expires`` a Unix time in whole seconds (UTC), all exactly as sent. In Liquid:
    ``{{ customer.id | append: ':' | append: customer.email | append: ':' | append: expires
    | hmac_sha256: secret }}``. Hex in either case is accepted.

    Rejects (ShopperIdentityInvalid, reason in ``detail``) when the store has no secret, the
    signature does not match, ``now >= expires``, ``expires`` is more than 24 hours ahead, the
    customer is not this store's, or the email is not that customer's (any case).
    """
    now = now or timezone.now()
    secret = (
        CustomerHubSettings.objects.filter(store=store)
        .values_list("identity_secret", flat=True)
        .first()
    )
    if not secret:
        raise ShopperIdentityInvalid(detail={"reason": "not_configured"})
    customer_text, expires_text = str(customer_id), str(expires)
    expected = shopper_identity_signature(
        secret=secret, customer_id=customer_text, email=email, expires=expires_text
    )
    if not hmac.compare_digest(expected.encode(), (signature or "").strip().lower().encode()):
        raise ShopperIdentityInvalid(detail={"reason": "signature"})
    id_match = _GID_CUSTOMER.fullmatch(customer_text.strip())
    if id_match is None or _UNIX_SECONDS.fullmatch(expires_text.strip()) is None:
        raise ShopperIdentityInvalid(detail={"reason": "malformed"})
    expires_at = datetime.fromtimestamp(int(expires_text), tz=UTC)
    if now >= expires_at:
        raise ShopperIdentityInvalid(detail={"reason": "expired"})
    if expires_at - now > IDENTITY_MAX_LIFETIME:
        raise ShopperIdentityInvalid(detail={"reason": "expires_too_far"})
    customer = Customer.objects.filter(store=store, shopify_id=int(id_match.group(1))).first()
    if customer is None:
        raise ShopperIdentityInvalid(detail={"reason": "unknown_customer"})
    if not customer.email or customer.email.strip().lower() != email.strip().lower():
        raise ShopperIdentityInvalid(detail={"reason": "email_mismatch"})
    return customer.pk


# --- phone number (SMS/WhatsApp) ----------------------------------------------------------------


def customer_identify_by_phone(*, store: Store, phone: str) -> CustomerFacts | None:
    """The store's customer whose phone is exactly ``phone`` in E.164 form, only when exactly one
    customer matches; None for no match, several matches or a number that is not international
    (the caller then asks for the email and sends a code). ``phone`` may carry the channel's
    prefix (Twilio's ``whatsapp:+31…``). Matching is the Shopify facts' (one rule for both)."""
    number = _CHANNEL_PREFIX.sub("", (phone or "").strip())
    return customer_find_by_phone(store=store, phone=number)
