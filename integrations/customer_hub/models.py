"""Customer Hub settings (where shoppers complete edits, cancellations and returns) and shopper
sign-in codes."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField
from core.models import Store, TimeStamped

MAX_WINDOW_MINUTES = 60 * 24 * 30  # edit and cancel windows: 0 to 30 days


class CustomerHubSettings(TimeStamped):
    class Mode(models.TextChoices):
        BUILTIN = "builtin", _("Built-in hub")
        EXTERNAL = "external", _("External hub URL")

    store = models.OneToOneField(Store, on_delete=models.CASCADE, related_name="hub_settings")
    active = models.BooleanField(_("active"), default=False)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, default=Mode.BUILTIN)
    external_url = models.URLField(_("external hub URL"), blank=True, default="")
    edit_window_minutes = models.PositiveIntegerField(
        _("edit window (minutes)"),
        default=60,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_WINDOW_MINUTES)],
        help_text=_("How long after ordering a shopper may still change an unfulfilled order."),
    )
    cancel_window_minutes = models.PositiveIntegerField(
        _("cancel window (minutes)"),
        default=60,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_WINDOW_MINUTES)],
        help_text=_("How long after ordering a shopper may still cancel an unfulfilled order."),
    )
    allow_variant_change = models.BooleanField(_("allow size/colour changes"), default=True)
    allow_quantity_change = models.BooleanField(_("allow quantity changes"), default=True)
    allow_address_change = models.BooleanField(_("allow address changes"), default=True)
    allow_cancel = models.BooleanField(_("allow cancellation"), default=True)
    # Signs shopper identities passed by the storefront (verification.shopper_identity_verify);
    # empty until the merchant asks for one (verification.identity_secret_rotate).
    identity_secret = EncryptedTextField(_("shopper identity secret"), blank=True, default="")

    class Meta:
        verbose_name = _("Customer Hub settings")
        verbose_name_plural = _("Customer Hub settings")

    def __str__(self) -> str:
        return f"{self.store} hub"


class VerificationCode(models.Model):
    """A one-time sign-in code sent to a shopper's email (see ``verification.py``).

    Only an HMAC of the code is kept, never the code. A row is also written when no customer
    has the address (``customer`` is None, no email is sent), so that asking for a code, rate
    limits and checking behave the same whether or not the address has an account. The
    address itself is kept only as a keyed digest.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        USED = "used", _("Used")
        LOCKED = "locked", _("Locked after too many wrong tries")
        SUPERSEDED = "superseded", _("Replaced by a newer code")

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey(
        "shopify.Customer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when no customer has the address: then no email was sent."),
    )
    email_digest = models.CharField(_("email digest"), max_length=64)
    code_hash = models.CharField(_("code hash"), max_length=64)
    salt = models.CharField(_("salt"), max_length=32)
    language = models.CharField(_("language"), max_length=5)
    channel = models.CharField(_("channel"), max_length=20, blank=True, default="")
    reference = models.CharField(_("reference"), max_length=100, blank=True, default="")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("wrong tries"), default=0)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["store", "email_digest", "created_at"])]
        verbose_name = _("verification code")
        verbose_name_plural = _("verification codes")

    def __str__(self) -> str:
        return f"{self.store} code {self.pk} ({self.status})"
