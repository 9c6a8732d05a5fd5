from __future__ import annotations

import hashlib
import secrets
from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.roles import Role

LANGUAGE_CHOICES = [("en", _("English")), ("nl", _("Dutch"))]

shop_domain_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9-]*\.myshopify\.com$",
    _("Enter the shop's myshopify.com domain, for example my-shop.myshopify.com."),
)


def validate_timezone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(_("Unknown time zone: %(tz)s"), params={"tz": value})


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Store(TimeStamped):
    """The tenant. Every other row belongs to exactly one store."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    shop_domain = models.CharField(
        _("Shopify shop domain"),
        max_length=255,
        unique=True,
        null=True,
        blank=True,
        validators=[shop_domain_validator],
    )
    default_language = models.CharField(
        _("default language"), max_length=5, choices=LANGUAGE_CHOICES, default="en"
    )
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Amsterdam", validators=[validate_timezone]
    )
    agent_enabled = models.BooleanField(_("agent enabled"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("store")
        verbose_name_plural = _("stores")

    def __str__(self) -> str:
        return self.name


class Membership(TimeStamped):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["store__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "store"], name="membership_unique_user_store")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.store} ({self.role})"


class ApiToken(TimeStamped):
    """A bearer token for the REST API, bound to one member of one store.

    Only a SHA-256 hash of the token is stored; the plain token is shown once at creation.
    """

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def generate_key() -> str:
        return "sa_" + secrets.token_urlsafe(32)
