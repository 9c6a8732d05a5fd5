"""The sandbox store's state: shops, their credentials, and their data as documents.

Orders, customers and products are stored as JSON documents already shaped like Shopify's
Admin GraphQL output (field names of API 2026-10), so resolvers hand them out nearly as they
are. The few values queries filter, sort or page on are copied into indexed columns; a page
of ``orders(sortKey: UPDATED_AT, query: "updated_at:>=...")`` is an index range scan.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import shop_domain_validator, validate_timezone

# Shopify's GraphQL Admin API limits on the Standard plan; per shop, so tests can shrink them.
DEFAULT_THROTTLE_MAXIMUM = 2000.0
DEFAULT_THROTTLE_RESTORE_RATE = 100.0
DEFAULT_MAX_QUERY_COST = 1000


class SandboxShop(models.Model):
    """A Shopify shop the sandbox pretends to be; the app installed on it is ours
    (settings.SHOPIFY_API_KEY / SHOPIFY_API_SECRET)."""

    domain = models.CharField(
        _("myshopify domain"), max_length=255, unique=True, validators=[shop_domain_validator]
    )
    legacy_id = models.BigIntegerField(_("Shopify id"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    iana_timezone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Amsterdam", validators=[validate_timezone]
    )
    primary_locale = models.CharField(_("primary locale"), max_length=10, default="en")
    throttle_maximum = models.FloatField(default=DEFAULT_THROTTLE_MAXIMUM)
    throttle_restore_rate = models.FloatField(default=DEFAULT_THROTTLE_RESTORE_RATE)
    max_query_cost = models.PositiveIntegerField(default=DEFAULT_MAX_QUERY_COST)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["domain"]
        verbose_name = _("sandbox shop")
        verbose_name_plural = _("sandbox shops")

    def __str__(self) -> str:
        return self.domain


class SandboxAccessToken(models.Model):
    """An Admin API access token issued to the app; only its SHA-256 is kept."""

    class Source(models.TextChoices):
        SEED = "seed", _("Seed")
        OAUTH = "oauth", _("OAuth")

    shop = models.ForeignKey(SandboxShop, on_delete=models.CASCADE, related_name="tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    scopes = models.CharField(max_length=1000, blank=True, default="")
    source = models.CharField(max_length=10, choices=Source.choices)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.shop_id} {self.source} {self.token_hash[:8]}"


class SandboxOAuthCode(models.Model):
    """An authorization code handed out on "Install", exchanged once for a token."""

    shop = models.ForeignKey(SandboxShop, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64, unique=True)
    scopes = models.CharField(max_length=1000, blank=True, default="")
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.shop_id} {self.code_hash[:8]}"


class SandboxThrottleBucket(models.Model):
    """Shopify's leaky bucket for one shop + token: ``available`` points at ``updated_at``.
    Updated with a compare-and-set on ``version`` so several processes share it safely."""

    shop = models.ForeignKey(SandboxShop, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64)
    available = models.FloatField()
    updated_at = models.DateTimeField()
    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["shop", "token_hash"], name="sandbox_bucket_unique")
        ]

    def __str__(self) -> str:
        return f"{self.shop_id} {self.available:.0f}"


class SandboxProduct(models.Model):
    shop = models.ForeignKey(SandboxShop, on_delete=models.CASCADE, related_name="+")
    legacy_id = models.BigIntegerField()
    document = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["shop", "legacy_id"], name="sandbox_product_unique")
        ]

    def __str__(self) -> str:
        return str(self.document.get("title", self.legacy_id))


class SandboxVariant(models.Model):
    """Where each variant lives: ``productVariant(id:)`` and ``orderEditAddVariant``."""

    shop = models.ForeignKey(SandboxShop, on_delete=models.CASCADE, related_name="+")
    legacy_id = models.BigIntegerField()
    product = models.ForeignKey(SandboxProduct, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["shop", "legacy_id"], name="sandbox_variant_unique")
        ]

    def __str__(self) -> str:
        return str(self.legacy_id)


class SandboxCustomer(models.Model):
    shop = models.ForeignKey(SandboxShop, on_delete=models.CASCADE, related_name="+")
    legacy_id = models.BigIntegerField()
    email = models.CharField(max_length=254, blank=True, default="")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    document = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["shop", "legacy_id"], name="sandbox_customer_unique")
        ]
        indexes = [
            models.Index(fields=["shop", "updated_at", "legacy_id"], name="sbx_cust_updated"),
            models.Index(fields=["shop", "created_at", "legacy_id"], name="sbx_cust_created"),
            models.Index(fields=["shop", "email"], name="sbx_cust_email"),
        ]

    def __str__(self) -> str:
        return self.email or str(self.legacy_id)


class SandboxOrder(models.Model):
    shop = models.ForeignKey(SandboxShop, on_delete=models.CASCADE, related_name="+")
    legacy_id = models.BigIntegerField()
    number = models.PositiveIntegerField()
    email = models.CharField(max_length=254, blank=True, default="")
    customer_legacy_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    document = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["shop", "legacy_id"], name="sandbox_order_unique"),
            models.UniqueConstraint(fields=["shop", "number"], name="sandbox_order_number"),
        ]
        indexes = [
            models.Index(fields=["shop", "updated_at", "legacy_id"], name="sbx_order_updated"),
            models.Index(fields=["shop", "created_at", "legacy_id"], name="sbx_order_created"),
            models.Index(fields=["shop", "email"], name="sbx_order_email"),
            models.Index(fields=["shop", "customer_legacy_id"], name="sbx_order_customer"),
        ]

    def __str__(self) -> str:
        return str(self.document.get("name", self.legacy_id))


class SandboxFulfillment(models.Model):
    """Which order holds each fulfillment (``fulfillment(id:)``); the data is in the order."""

    shop = models.ForeignKey(SandboxShop, on_delete=models.CASCADE, related_name="+")
    legacy_id = models.BigIntegerField()
    order = models.ForeignKey(SandboxOrder, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["shop", "legacy_id"], name="sandbox_fulfillment_unique")
        ]

    def __str__(self) -> str:
        return str(self.legacy_id)


class SandboxOrderEdit(models.Model):
    """An order-edit session (Shopify's CalculatedOrder): staged quantity changes and added
    variants, applied to the order document on commit."""

    shop = models.ForeignKey(SandboxShop, on_delete=models.CASCADE, related_name="+")
    order = models.ForeignKey(SandboxOrder, on_delete=models.CASCADE, related_name="+")
    # {"quantities": {"<line item id>": qty}, "added": [{"id": n, "variant_id": n, "quantity": n}]}
    staged = models.JSONField(default=dict)
    created_at = models.DateTimeField()
    committed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"edit {self.pk} of {self.order_id}"


class SandboxWebhookSubscription(models.Model):
    class Format(models.TextChoices):
        JSON = "JSON", "JSON"

    shop = models.ForeignKey(SandboxShop, on_delete=models.CASCADE, related_name="+")
    topic = models.CharField(max_length=100)
    uri = models.CharField(max_length=1000)
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.JSON)
    api_version = models.CharField(max_length=10)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["shop", "topic", "uri"], name="sandbox_webhook_subscription_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.topic} -> {self.uri}"


class SandboxWebhookDelivery(models.Model):
    """One webhook the sandbox sent (or is sending) to a subscriber."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    shop = models.ForeignKey(SandboxShop, on_delete=models.CASCADE, related_name="+")
    subscription = models.ForeignKey(
        SandboxWebhookSubscription, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    webhook_id = models.UUIDField(default=uuid.uuid4, unique=True)
    event_id = models.UUIDField(default=uuid.uuid4)
    topic = models.CharField(max_length=100, help_text='As in the header, e.g. "orders/updated"')
    uri = models.CharField(max_length=1000)
    api_version = models.CharField(max_length=10)
    body = models.TextField(help_text=_("The exact bytes sent, as UTF-8"))
    triggered_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-triggered_at", "-id"]
        verbose_name = _("sandbox webhook delivery")
        verbose_name_plural = _("sandbox webhook deliveries")

    def __str__(self) -> str:
        return f"{self.topic} {self.webhook_id}"


class SandboxBulkOperation(models.Model):
    """A bulk query (``bulkOperationRunQuery``). The sandbox keeps the query and writes its
    JSONL file while it is downloaded (integrations/shopify/sandbox/bulk.py); ``secret`` makes
    the download link unguessable, like Shopify's signed storage URLs."""

    class Status(models.TextChoices):
        CREATED = "CREATED", "CREATED"
        RUNNING = "RUNNING", "RUNNING"
        COMPLETED = "COMPLETED", "COMPLETED"
        FAILED = "FAILED", "FAILED"
        CANCELED = "CANCELED", "CANCELED"
        EXPIRED = "EXPIRED", "EXPIRED"

    shop = models.ForeignKey(SandboxShop, on_delete=models.CASCADE, related_name="+")
    query = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CREATED)
    error_code = models.CharField(max_length=30, blank=True, default="")
    object_count = models.PositiveBigIntegerField(default=0)
    root_object_count = models.PositiveBigIntegerField(default=0)
    secret = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.shop_id} bulk {self.pk} {self.status}"
