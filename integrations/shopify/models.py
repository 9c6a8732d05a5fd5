"""Shopify connection and the mirror of the shop's customers, orders, line items and
fulfillments. Mirror rows are keyed by (store, Shopify id) so upserts are idempotent.

Status fields hold Shopify's own enum values (Admin API 2026-10), e.g.
``Order.display_fulfillment_status``: UNFULFILLED, PARTIALLY_FULFILLED, FULFILLED, ...;
``Order.return_status``: NO_RETURN, RETURN_REQUESTED, IN_PROGRESS, RETURNED, ...;
``Fulfillment.display_status``: IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, ...
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField
from core.models import Store, TimeStamped


class SyncStatus(models.TextChoices):
    IDLE = "idle", _("Idle")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    FAILED = "failed", _("Failed")


class ShopifyConnection(TimeStamped):
    class Status(models.TextChoices):
        NOT_CONNECTED = "not_connected", _("Not connected")
        CONNECTED = "connected", _("Connected")
        ERROR = "error", _("Error")
        UNINSTALLED = "uninstalled", _("Uninstalled")

    store = models.OneToOneField(Store, on_delete=models.CASCADE, related_name="shopify")
    shop_domain = models.CharField(_("shop domain"), max_length=255)
    access_token = EncryptedTextField(_("Admin API access token"), blank=True, default="")
    scopes = models.CharField(_("scopes"), max_length=1000, blank=True, default="")
    api_version = models.CharField(_("API version"), max_length=10, default="2026-10")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_CONNECTED
    )
    connected_at = models.DateTimeField(_("connected at"), null=True, blank=True)
    webhooks_registered_at = models.DateTimeField(
        _("webhooks registered at"), null=True, blank=True
    )
    last_error = models.TextField(_("last error"), blank=True, default="")
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)

    # Sync bookkeeping. ``synced_until`` is the high-water mark of Shopify's updatedAt that
    # every order up to has been mirrored; incremental runs start from it minus an overlap.
    # ``sync_cursor`` is the page cursor of the run in progress, so a crashed run resumes.
    last_sync_at = models.DateTimeField(_("last sync"), null=True, blank=True)
    synced_until = models.DateTimeField(_("synced until"), null=True, blank=True)
    sync_status = models.CharField(
        _("sync status"), max_length=20, choices=SyncStatus.choices, default=SyncStatus.IDLE
    )
    sync_mode = models.CharField(_("sync mode"), max_length=20, blank=True, default="")
    sync_cursor = models.CharField(max_length=500, blank=True, default="")
    sync_since = models.DateTimeField(null=True, blank=True)
    sync_run_until = models.DateTimeField(null=True, blank=True)
    sync_started_at = models.DateTimeField(_("sync started at"), null=True, blank=True)
    sync_heartbeat_at = models.DateTimeField(null=True, blank=True)
    sync_done = models.PositiveIntegerField(_("orders synced in this run"), default=0)
    sync_total = models.PositiveIntegerField(_("orders to sync in this run"), null=True, blank=True)
    sync_rate = models.FloatField(_("orders per second"), null=True, blank=True)

    class Meta:
        verbose_name = _("Shopify connection")
        verbose_name_plural = _("Shopify connections")

    def __str__(self) -> str:
        return self.shop_domain


class Customer(TimeStamped):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="customers")
    shopify_id = models.BigIntegerField(_("Shopify id"))
    email = models.EmailField(_("email"), blank=True, default="", db_index=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True, default="", db_index=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True, default="")
    last_name = models.CharField(_("last name"), max_length=100, blank=True, default="")
    locale = models.CharField(_("locale"), max_length=10, blank=True, default="")
    shop_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["store", "shopify_id"], name="customer_unique_shop_id")
        ]
        verbose_name = _("customer")
        verbose_name_plural = _("customers")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} <{self.email}>".strip()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Order(TimeStamped):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="orders")
    customer = models.ForeignKey(
        Customer, on_delete=models.SET_NULL, null=True, blank=True, related_name="orders"
    )
    shopify_id = models.BigIntegerField(_("Shopify id"))
    name = models.CharField(_("name"), max_length=32, help_text=_("As shoppers see it: #1001"))
    number = models.PositiveIntegerField(_("number"))
    email = models.EmailField(_("email"), blank=True, default="")
    phone = models.CharField(_("phone"), max_length=32, blank=True, default="")
    shop_created_at = models.DateTimeField(_("created at"))
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)
    shop_updated_at = models.DateTimeField(_("updated at"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("cancel reason"), max_length=20, blank=True, default="")
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    display_fulfillment_status = models.CharField(_("fulfillment status"), max_length=32)
    display_financial_status = models.CharField(_("financial status"), max_length=32)
    return_status = models.CharField(_("return status"), max_length=32, default="NO_RETURN")
    shipping_address = models.JSONField(_("shipping address"), default=dict, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    currency = models.CharField(_("currency"), max_length=3)
    subtotal_price = models.DecimalField(_("subtotal"), max_digits=12, decimal_places=2)
    total_price = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    total_refunded = models.DecimalField(_("refunded"), max_digits=12, decimal_places=2, default=0)
    status_page_url = models.URLField(_("status page URL"), max_length=500, blank=True, default="")

    class Meta:
        ordering = ["-shop_created_at"]
        constraints = [
            models.UniqueConstraint(fields=["store", "shopify_id"], name="order_unique_shop_id"),
            models.UniqueConstraint(fields=["store", "number"], name="order_unique_number"),
        ]
        indexes = [
            models.Index(fields=["store", "shop_updated_at"]),
            # A shopper's orders, newest first (the agent's "which order?" and order cards).
            models.Index(
                fields=["store", "customer", "-shop_created_at"], name="order_customer_recent"
            ),
        ]
        verbose_name = _("order")
        verbose_name_plural = _("orders")

    def __str__(self) -> str:
        return self.name


class LineItem(TimeStamped):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="+")
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="line_items")
    shopify_id = models.BigIntegerField(_("Shopify id"))
    title = models.CharField(_("title"), max_length=255)
    variant_id = models.BigIntegerField(_("variant id"), null=True, blank=True)
    variant_title = models.CharField(_("variant"), max_length=255, blank=True, default="")
    variant_options = models.JSONField(
        _("variant options"), default=dict, blank=True, help_text=_('e.g. {"Size": "M"}')
    )
    sku = models.CharField(_("SKU"), max_length=100, blank=True, default="")
    product_id = models.BigIntegerField(_("product id"), null=True, blank=True)
    product_type = models.CharField(_("product type"), max_length=100, blank=True, default="")
    product_tags = models.JSONField(_("product tags"), default=list, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"))
    current_quantity = models.PositiveIntegerField(_("current quantity"))
    unfulfilled_quantity = models.PositiveIntegerField(_("unfulfilled quantity"))
    unit_price = models.DecimalField(_("unit price"), max_digits=12, decimal_places=2)
    requires_shipping = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["store", "shopify_id"], name="lineitem_unique_shop_id")
        ]
        verbose_name = _("line item")
        verbose_name_plural = _("line items")

    def __str__(self) -> str:
        return f"{self.title} ({self.variant_title})" if self.variant_title else self.title


class Fulfillment(TimeStamped):
    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="+")
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="fulfillments")
    shopify_id = models.BigIntegerField(_("Shopify id"))
    status = models.CharField(_("status"), max_length=32)
    display_status = models.CharField(_("display status"), max_length=32, blank=True, default="")
    tracking_company = models.CharField(max_length=100, blank=True, default="")
    tracking_number = models.CharField(max_length=100, blank=True, default="")
    tracking_url = models.URLField(max_length=500, blank=True, default="")
    shop_created_at = models.DateTimeField(_("created at"))
    in_transit_at = models.DateTimeField(_("in transit at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    shop_updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        ordering = ["order", "shop_created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["store", "shopify_id"], name="fulfillment_unique_shop_id"
            )
        ]
        verbose_name = _("fulfillment")
        verbose_name_plural = _("fulfillments")

    def __str__(self) -> str:
        return f"{self.order.name} {self.display_status or self.status}"


class FulfillmentLineItem(models.Model):
    """Which line items (and how many of each) a fulfillment shipped."""

    fulfillment = models.ForeignKey(
        Fulfillment, on_delete=models.CASCADE, related_name="fulfillment_line_items"
    )
    line_item = models.ForeignKey(
        LineItem, on_delete=models.CASCADE, related_name="fulfillment_line_items"
    )
    quantity = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["fulfillment", "line_item"], name="fulfillmentlineitem_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.line_item}"


class WebhookDelivery(models.Model):
    """One received Shopify webhook, keyed by ``X-Shopify-Webhook-Id`` so a redelivery is
    recognised and dropped. The payload is kept until processed (then cleared)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        PROCESSED = "processed", _("Processed")
        IGNORED = "ignored", _("Ignored")
        FAILED = "failed", _("Failed")

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="+")
    webhook_id = models.CharField(_("webhook id"), max_length=100)
    topic = models.CharField(_("topic"), max_length=100)
    triggered_at = models.DateTimeField(_("triggered at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    payload = models.JSONField(_("payload"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True, default="")

    class Meta:
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["store", "webhook_id"], name="webhookdelivery_unique_id"
            )
        ]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self) -> str:
        return f"{self.topic} {self.webhook_id}"


class PrivacyRequest(models.Model):
    """A mandatory privacy webhook that came in (customers/data_request, customers/redact,
    shop/redact): proof that it was handled, and for a data request the shopper's data as
    this app holds it (``export``), ready for the merchant to hand over. Redaction records
    keep only Shopify ids and counts, never the deleted personal data."""

    class Topic(models.TextChoices):
        DATA_REQUEST = "customers/data_request", _("Customer data request")
        CUSTOMER_REDACT = "customers/redact", _("Customer redaction")
        SHOP_REDACT = "shop/redact", _("Shop redaction")

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="+")
    topic = models.CharField(_("topic"), max_length=40, choices=Topic.choices)
    shopify_customer_id = models.BigIntegerField(_("Shopify customer id"), null=True, blank=True)
    shopify_request_id = models.BigIntegerField(_("Shopify request id"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    export = models.JSONField(_("exported data"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("privacy request")
        verbose_name_plural = _("privacy requests")

    def __str__(self) -> str:
        return f"{self.topic} {self.shopify_customer_id or ''}".strip()
